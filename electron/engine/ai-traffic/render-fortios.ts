import type { Policy } from '../../../shared/api/ai-traffic';
import { algorithmOf, backendsOf, header, type Rendered, type RenderOptions } from './render-common';

/**
 * FortiOS firewall virtual servers (`config firewall vip`, type server-load-balance), FortiOS 7.x CLI. Without the
 * header comment (opts.headerComment false) every line is a CLI command, which is what a deploy sends.
 */
export function renderFortios(policy: Policy, opts: RenderOptions = {}): Rendered {
  const byId = backendsOf(policy);
  const notes = [
    'FortiOS virtual servers balance on connection/HTTP host, not on the JSON `model`: each pool is its own VIP on frontend port + pool index.',
    'A firewall policy must still allow traffic to each VIP; it is not rendered here.',
  ];
  const paths = [...new Set(policy.pools.flatMap((p) => p.backends.map((id) => byId.get(id)!.healthPath)))];
  const out = [...(opts.headerComment === false ? [] : [header(policy, '#', 'FortiOS')]), 'config firewall ldb-monitor'];
  paths.forEach((p, i) =>
    out.push(`    edit "rw-ai-health-${i}"`, '        set type http', `        set http-get "${p}"`, '        set interval 5', '        set timeout 2', '        set retry 2', '    next'),
  );
  out.push('end', 'config firewall vip');
  policy.pools.forEach((p, i) => {
    const algo = algorithmOf(policy, i);
    const method = { 'round-robin': 'round-robin', 'weighted-round-robin': 'weighted', 'least-connections': 'least-session', 'ip-hash': 'static', 'latency-aware': 'least-rtt' }[algo];
    const first = byId.get(p.backends[0]!)!;
    out.push(
      `    edit "rw-ai-${p.name}"`,
      '        set type server-load-balance',
      '        set server-type http',
      `        set extip ${policy.frontend.address}`,
      '        set extintf "any"',
      `        set extport ${policy.frontend.port + i}`,
      `        set ldb-method ${method}`,
      `        set monitor "rw-ai-health-${paths.indexOf(first.healthPath)}"`,
      '        config realservers',
    );
    p.backends.forEach((id, k) => {
      const b = byId.get(id)!;
      out.push(`            edit ${k + 1}`, `                set ip ${b.address}`, `                set port ${b.port}`, `                set weight ${b.weight}`);
      out.push(`                set status ${b.healthy ? 'active' : 'disable'}`, '            next');
    });
    out.push('        end', '    next');
  });
  out.push('end');
  if (policy.algorithm === 'ip-hash' || policy.pools.some((p) => p.algorithm === 'ip-hash'))
    notes.push('ldb-method static maps by source IP without a load bound.');
  if (policy.segments.length) notes.push('Nearest-site failover per client segment is not rendered: FortiOS VIPs have no per-source server preference.');
  return { config: `${out.join('\n')}\n`, notes, files: [] };
}
