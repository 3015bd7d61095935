import type { Policy } from '../../../shared/api/ai-traffic';
import { algorithmOf, backendsOf, header, isMultiSite, type Rendered, siteOrderFor } from './render-common';

/**
 * HAProxy 2.6 (Debian 12). Body routing: `option http-buffer-request` holds the request until the body
 * is in, then `req.body,json_query('$.model')` (converter since 2.4) reads the OpenAI `model` field.
 * Bounded-load consistent hashing is `hash-type consistent` + `hash-balance-factor` (percent, since 1.9).
 */
export function renderHaproxy(policy: Policy): Rendered {
  const notes: string[] = [];
  const byId = backendsOf(policy);
  const out: string[] = [header(policy, '#', 'HAProxy 2.6')];
  out.push(
    'global',
    '    maxconn 4096',
    '    # Bodies up to 64 KiB are buffered for model routing; larger ones route by path/header only.',
    '    tune.bufsize 65536',
    '',
    'defaults',
    '    mode http',
    '    timeout connect 2s',
    '    timeout client 120s',
    '    timeout server 300s',
    '    timeout queue 30s',
    '    option redispatch',
    '    retries 2',
    '',
    `frontend ai_${policy.name}`,
    `    bind ${policy.frontend.address.includes(':') ? `[${policy.frontend.address}]` : policy.frontend.address}:${policy.frontend.port}`,
    '    option http-buffer-request',
    "    http-request set-var(txn.model) req.body,json_query('$.model') if { req.body_size gt 0 }",
    '    http-request set-var(txn.model) req.hdr(x-model) if !{ var(txn.model) -m found } { req.hdr(x-model) -m found }',
  );
  policy.segments.forEach((s) => out.push(`    acl seg_${s.name} src ${s.cidrs.join(' ')}`));
  const siteSegs = new Map<string, string[]>();
  for (const s of policy.segments) siteSegs.set(s.site, [...(siteSegs.get(s.site) ?? []), s.name]);

  const poolIndex = new Map(policy.pools.map((p, i) => [p.name, i]));
  const useBackend = (pool: string, cond: string[]) => {
    const pi = poolIndex.get(pool)!;
    if (isMultiSite(policy, pi)) {
      policy.segments.forEach((s) => out.push(`    use_backend pool_${pool}__${s.name} if ${[...cond, `seg_${s.name}`].join(' ')}`));
    }
    out.push(cond.length ? `    use_backend pool_${pool} if ${cond.join(' ')}` : `    default_backend pool_${pool}`);
  };
  policy.rules.forEach((r, i) => {
    const acl = `rule${i}`;
    const conds: string[] = [];
    const m = r.match;
    if (m.pathPrefix) {
      out.push(`    acl ${acl}_path path_beg ${m.pathPrefix}`);
      conds.push(`${acl}_path`);
    }
    if (m.model !== undefined || m.modelVersion !== undefined) {
      if (m.model !== undefined && m.modelVersion !== undefined) out.push(`    acl ${acl}_model var(txn.model) -m str ${m.model}:${m.modelVersion}`);
      else if (m.model !== undefined) {
        out.push(`    acl ${acl}_model var(txn.model) -m str ${m.model}`);
        out.push(`    acl ${acl}_model var(txn.model) -m beg ${m.model}:`);
      } else out.push(`    acl ${acl}_model var(txn.model) -m end :${m.modelVersion}`);
      conds.push(`${acl}_model`);
    }
    if (m.clientSegment) conds.push(`seg_${m.clientSegment}`);
    if (m.clientSite) {
      const segs = siteSegs.get(m.clientSite) ?? [];
      out.push(`    acl ${acl}_site src ${policy.segments.filter((s) => segs.includes(s.name)).flatMap((s) => s.cidrs).join(' ') || '0.0.0.0/32'}`);
      conds.push(`${acl}_site`);
    }
    out.push(`    # rule ${r.name ?? i} → pool ${r.pool}`);
    useBackend(r.pool, conds);
  });
  useBackend(policy.defaultPool ?? policy.pools[0]!.name, []);

  const emitBackend = (name: string, pi: number, groups: string[][]) => {
    const algo = algorithmOf(policy, pi);
    out.push('', `backend ${name}`);
    if (algo === 'least-connections' || algo === 'latency-aware') out.push('    balance leastconn');
    else if (algo === 'ip-hash') {
      out.push('    balance source', '    hash-type consistent');
      if (policy.hashBalanceFactor > 0) out.push(`    hash-balance-factor ${Math.round(policy.hashBalanceFactor * 100)}`);
    } else out.push('    balance roundrobin');
    const hp = byId.get(groups[0]![0]!)!.healthPath;
    out.push(`    option httpchk GET ${hp}`, '    http-check expect status 200');
    if (groups.length > 1) out.push('    option allbackups');
    groups.forEach((g, gi) =>
      g.forEach((id) => {
        const b = byId.get(id)!;
        const weight = algo === 'round-robin' ? 1 : b.weight;
        const addr = b.address.includes(':') ? `[${b.address}]` : b.address;
        out.push(`    server ${id} ${addr}:${b.port} check inter 1s fall 2 rise 2 weight ${weight}${gi > 0 ? ' backup' : ''}${b.healthy ? '' : ' disabled'}`);
      }),
    );
  };
  policy.pools.forEach((p, pi) => {
    emitBackend(`pool_${p.name}`, pi, [p.backends]);
    if (isMultiSite(policy, pi)) policy.segments.forEach((s, si) => emitBackend(`pool_${p.name}__${s.name}`, pi, siteOrderFor(policy, pi, si)));
  });
  if (policy.algorithm === 'latency-aware' || policy.pools.some((p) => p.algorithm === 'latency-aware'))
    notes.push('HAProxy has no latency-EWMA balancer: latency-aware pools render as leastconn (outstanding requests track latency under load).');
  if (policy.segments.length && policy.pools.some((_, i) => isMultiSite(policy, i)))
    notes.push("Failover sites beyond the nearest one are all 'backup' servers with allbackups: HAProxy has one backup tier, so the failover order among further sites is not kept.");
  return { config: `${out.join('\n')}\n`, notes, files: [] };
}
