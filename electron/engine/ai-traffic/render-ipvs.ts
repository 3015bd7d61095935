import type { Policy } from '../../../shared/api/ai-traffic';
import { algorithmOf, backendsOf, header, type Rendered } from './render-common';

/**
 * Linux IPVS through ipvsadm(8). IPVS balances TCP connections (L4): it cannot see paths or the `model`
 * field, so each pool gets its own virtual service on frontend.port + pool index.
 */
export function renderIpvs(policy: Policy): Rendered {
  const byId = backendsOf(policy);
  const out = ['#!/bin/sh', header(policy, '#', 'Linux IPVS (ipvsadm)'), 'set -e'];
  const notes = ['IPVS is layer 4: path and model rules are not expressible; each pool is its own virtual service (port = frontend port + pool index).'];
  policy.pools.forEach((p, i) => {
    const algo = algorithmOf(policy, i);
    const weights = p.backends.map((id) => byId.get(id)!.weight);
    const uniform = weights.every((w) => w === weights[0]);
    const scheduler =
      algo === 'round-robin' ? 'rr' : algo === 'weighted-round-robin' ? 'wrr' : algo === 'least-connections' ? (uniform ? 'lc' : 'wlc') : algo === 'ip-hash' ? 'sh' : 'sed';
    const vip = policy.frontend.address.includes(':') ? `[${policy.frontend.address}]` : policy.frontend.address;
    const vs = `${vip}:${policy.frontend.port + i}`;
    out.push(`# pool ${p.name} (${algo})`, `ipvsadm -A -t ${vs} -s ${scheduler}`);
    for (const id of p.backends) {
      const b = byId.get(id)!;
      const rs = b.address.includes(':') ? `[${b.address}]:${b.port}` : `${b.address}:${b.port}`;
      // Weight 0 quiesces a server (no new connections), the IPVS way to take an unhealthy backend out.
      out.push(`ipvsadm -a -t ${vs} -r ${rs} -m -w ${b.healthy ? (scheduler === 'rr' || scheduler === 'lc' ? 1 : b.weight) : 0}`);
    }
  });
  if (policy.algorithm === 'ip-hash' || policy.pools.some((p) => p.algorithm === 'ip-hash'))
    notes.push('ipvs sh is plain source hashing (a server change remaps some clients) without a load bound.');
  if (policy.algorithm === 'latency-aware' || policy.pools.some((p) => p.algorithm === 'latency-aware'))
    notes.push('latency-aware renders as sed (shortest expected delay, (active+1)/weight): IPVS does not measure latency.');
  notes.push('IPVS has no health checks of its own: pair it with keepalived or ldirectord, or re-render after a probe.');
  if (policy.segments.length) notes.push('Nearest-site failover is not expressible in IPVS: all pool members are used.');
  return { config: `${out.join('\n')}\n`, notes, files: [] };
}
