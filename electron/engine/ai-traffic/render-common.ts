import type { Policy, PolicyBackend } from '../../../shared/api/ai-traffic';

export interface Rendered {
  config: string;
  /** Companion files the config refers to by relative path (written next to it). */
  files: Array<{ name: string; content: string }>;
  /** What the target cannot express, said plainly. */
  notes: string[];
}

export function backendsOf(policy: Policy): Map<string, PolicyBackend> {
  return new Map((policy.backends ?? []).map((b) => [b.id, b]));
}

export function algorithmOf(policy: Policy, poolIndex: number) {
  return policy.pools[poolIndex]!.algorithm ?? policy.algorithm;
}

/** A pool's members per client segment, nearest site first (the same order the simulator uses). */
export function siteOrderFor(policy: Policy, poolIndex: number, segmentIndex: number): string[][] {
  const byId = backendsOf(policy);
  const members = policy.pools[poolIndex]!.backends.map((id) => byId.get(id)!);
  if (segmentIndex < 0) return [members.map((b) => b.id)];
  const seg = policy.segments[segmentIndex]!;
  const order = [seg.site, ...seg.failover.filter((s) => s !== seg.site)];
  for (const b of members) if (!order.includes(b.site)) order.push(b.site);
  return order.map((site) => members.filter((b) => b.site === site).map((b) => b.id)).filter((g) => g.length > 0);
}

/** Pools whose members span more than one site need per-segment variants for nearest-site-first. */
export function isMultiSite(policy: Policy, poolIndex: number): boolean {
  const byId = backendsOf(policy);
  return new Set(policy.pools[poolIndex]!.backends.map((id) => byId.get(id)!.site)).size > 1 && policy.segments.length > 0;
}

export function header(policy: Policy, comment: string, target: string): string {
  return `${comment} Rendered by Routewise from policy '${policy.name}' for ${target}. Edit the policy, not this file.`;
}

/** Escape for a PCRE/regex literal. */
export function reEscape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export interface RenderOptions {
  /** nginx: route on the JSON body's `model` with njs (ngx_http_js_module) instead of the X-Model header. */
  nginxNjs?: boolean;
  /** Where ngx_http_js_module.so lives; Debian's libnginx-mod-http-js path by default. */
  njsModulePath?: string;
  /** The header comment (default on). Off for a deploy to a CLI that takes commands line by line (FortiOS). */
  headerComment?: boolean;
}
