import ipaddr from 'ipaddr.js';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { Policy, type PolicyBackend, type PolicyIssue } from '../../../shared/api/ai-traffic';

export type ParsedPolicy = { ok: true; policy: Policy; issues: [] } | { ok: false; issues: PolicyIssue[] };

/** `['pools', 1, 'backends', 2]` → `pools[1].backends[2]`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(top level)';
}

function zodIssues(err: z.ZodError): PolicyIssue[] {
  return err.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

/**
 * Parse a policy file (YAML or JSON; JSON is YAML) and check what a schema cannot: every pool names known
 * backends, rules name known pools/segments/sites, addresses parse. `registry` supplies backends when the
 * file declares none.
 */
export function parsePolicy(text: string, registry: readonly PolicyBackend[] = []): ParsedPolicy {
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 100 });
  } catch (err) {
    return { ok: false, issues: [{ path: '(file)', message: `not valid YAML/JSON: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` }] };
  }
  const res = Policy.safeParse(raw);
  if (!res.success) return { ok: false, issues: zodIssues(res.error) };
  const policy = res.data;
  if (!policy.backends) policy.backends = [...registry];
  const issues = crossCheck(policy);
  return issues.length ? { ok: false, issues } : { ok: true, policy, issues: [] };
}

function dupes(names: string[]): string[] {
  const seen = new Set<string>();
  const out = new Set<string>();
  for (const n of names) (seen.has(n) ? out : seen).add(n);
  return [...out];
}

function list(names: Iterable<string>): string {
  const all = [...names];
  return all.length ? all.join(', ') : 'none';
}

function crossCheck(p: Policy): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const backends = p.backends ?? [];
  if (backends.length === 0) issues.push({ path: 'backends', message: 'no backends: declare them in the file or add them to the AI services registry' });
  for (const d of dupes(backends.map((b) => b.id))) issues.push({ path: 'backends', message: `backend id '${d}' is declared twice` });
  backends.forEach((b, i) => {
    if (!ipaddr.isValid(b.address)) issues.push({ path: `backends[${i}].address`, message: `'${b.address}' is not an IP address (renderers need addresses, not names)` });
  });
  const backendIds = new Set(backends.map((b) => b.id));
  for (const d of dupes(p.pools.map((x) => x.name))) issues.push({ path: 'pools', message: `pool '${d}' is declared twice` });
  p.pools.forEach((pool, i) =>
    pool.backends.forEach((id, j) => {
      if (!backendIds.has(id)) issues.push({ path: `pools[${i}].backends[${j}]`, message: `unknown backend '${id}' (known: ${list(backendIds)})` });
    }),
  );
  const poolNames = new Set(p.pools.map((x) => x.name));
  // IPVS and FortiOS give each pool its own port: frontend.port + pool index.
  if (p.frontend.port + p.pools.length - 1 > 65535)
    issues.push({ path: 'frontend.port', message: `${p.pools.length} pools need ports ${p.frontend.port}–${p.frontend.port + p.pools.length - 1}, beyond 65535` });
  const segNames = new Set(p.segments.map((s) => s.name));
  const siteNames = new Set([...p.sites.map((s) => s.name), ...backends.map((b) => b.site)]);
  for (const d of dupes(p.segments.map((s) => s.name))) issues.push({ path: 'segments', message: `segment '${d}' is declared twice` });
  p.rules.forEach((r, i) => {
    if (!poolNames.has(r.pool)) issues.push({ path: `rules[${i}].pool`, message: `unknown pool '${r.pool}' (known: ${list(poolNames)})` });
    if (r.match.clientSegment && !segNames.has(r.match.clientSegment))
      issues.push({ path: `rules[${i}].match.clientSegment`, message: `unknown segment '${r.match.clientSegment}' (known: ${list(segNames)})` });
    if (r.match.clientSite && !siteNames.has(r.match.clientSite))
      issues.push({ path: `rules[${i}].match.clientSite`, message: `unknown site '${r.match.clientSite}' (known: ${list(siteNames)})` });
  });
  if (p.defaultPool && !poolNames.has(p.defaultPool)) issues.push({ path: 'defaultPool', message: `unknown pool '${p.defaultPool}' (known: ${list(poolNames)})` });
  p.segments.forEach((s, i) => {
    s.cidrs.forEach((c, j) => {
      if (!isCidrOrAddress(c)) issues.push({ path: `segments[${i}].cidrs[${j}]`, message: `'${c}' is neither an address nor a CIDR like 10.0.0.0/24` });
    });
    if (!siteNames.has(s.site)) issues.push({ path: `segments[${i}].site`, message: `unknown site '${s.site}' (known: ${list(siteNames)})` });
    s.failover.forEach((f, j) => {
      if (!siteNames.has(f)) issues.push({ path: `segments[${i}].failover[${j}]`, message: `unknown site '${f}' (known: ${list(siteNames)})` });
    });
  });
  return issues;
}

function isCidrOrAddress(text: string): boolean {
  if (ipaddr.isValid(text)) return true;
  try {
    ipaddr.parseCIDR(text);
    return true;
  } catch {
    return false;
  }
}
