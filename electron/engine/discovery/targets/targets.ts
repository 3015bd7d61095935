import { RoutewiseError } from '../../../../shared/api/errors';
import { type Family, formatAddress, type Interval, intervalSize, mergeIntervals, parseAddress } from './address';
import { parseRangeSyntax } from './range-syntax';

/** One address (and port) the sweep will probe. */
export interface ProbeTarget {
  address: string;
  family: Family;
  /** The SNMP port: from `host:port`, else the scan's default. */
  port: number;
  /** The name the admin typed, when the target was a hostname. */
  hostname?: string;
}

export type TargetSpec =
  | { kind: 'addresses'; text: string; interval: Interval; prefix?: number; port?: number }
  | { kind: 'hostname'; text: string; hostname: string; port?: number };

/** Sweeps larger than a /16 (IPv4) or a /112 (IPv6) need an explicit confirmation. */
export const LARGE_SWEEP_ADDRESSES = 65_536;
/** Refused even when confirmed: a /8 of IPv4, or its size in IPv6. Beyond this a sweep is a mistake. */
export const MAX_SWEEP_ADDRESSES = 16_777_216;

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/** Parses one target as typed on the command line or in the scan dialog. Throws 'bad-request'. */
export function parseTargetSpec(raw: string): TargetSpec {
  const text = raw.trim();
  if (text.length === 0 || text.length > 300) throw bad(raw, 'empty or too long');
  let body = text;
  let port: number | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) {
    body = bracketed[1] ?? '';
    if (bracketed[2] !== undefined) port = parsePort(bracketed[2], raw);
  } else {
    // One colon means host:port; several mean a bare IPv6 address (which needs brackets to carry a port).
    const colons = text.split(':').length - 1;
    if (colons === 1) {
      const at = text.indexOf(':');
      body = text.slice(0, at);
      port = parsePort(text.slice(at + 1), raw);
    }
  }
  const interval = parseRangeSyntax(body);
  if (interval) {
    const { prefix, ...bounds } = interval;
    return { kind: 'addresses', text, interval: bounds, prefix, port };
  }
  if (bracketed || body.includes('/') || body.includes(':') || /^[\d.-]+$/.test(body) || !HOSTNAME.test(body)) {
    throw bad(raw, 'not an address, range, CIDR block or hostname');
  }
  return { kind: 'hostname', text, hostname: body.toLowerCase().replace(/\.$/, ''), port };
}

export type Resolver = (hostname: string) => Promise<string[]>;

export interface TargetPlanOptions {
  defaultPort: number;
  resolve: Resolver;
  /** The admin confirmed a sweep larger than LARGE_SWEEP_ADDRESSES. */
  confirmLarge?: boolean;
}

/** Deduplicated targets as merged intervals per port; iterate lazily with `iterateTargets`. */
export interface TargetPlan {
  groups: Array<{ port: number; intervals: Interval[] }>;
  total: number;
  hostnames: ReadonlyMap<string, string>;
  /** Hostnames that did not resolve: reported as unreachable, never probed. */
  unresolved: string[];
}

export async function planTargets(texts: readonly string[], opts: TargetPlanOptions): Promise<TargetPlan> {
  const byPort = new Map<number, Interval[]>();
  const hostnames = new Map<string, string>();
  const unresolved: string[] = [];
  const add = (port: number, interval: Interval) => {
    const list = byPort.get(port) ?? [];
    list.push(interval);
    byPort.set(port, list);
  };
  for (const text of texts) {
    const spec = parseTargetSpec(text);
    const port = spec.port ?? opts.defaultPort;
    if (spec.kind === 'addresses') {
      add(port, withoutV4NetworkAndBroadcast(spec.interval, spec.prefix));
      continue;
    }
    const addresses = await opts.resolve(spec.hostname).catch(() => []);
    const first = pickAddress(addresses);
    if (!first) {
      unresolved.push(spec.hostname);
      continue;
    }
    add(port, { family: first.family, start: first.value, end: first.value });
    hostnames.set(targetKey(first.family, first.value, port), spec.hostname);
  }
  const groups = [...byPort.entries()]
    .sort(([a], [b]) => a - b)
    .map(([port, intervals]) => ({ port, intervals: mergeIntervals(intervals) }));
  let total = 0n;
  for (const g of groups) for (const i of g.intervals) total += intervalSize(i);
  if (total > BigInt(MAX_SWEEP_ADDRESSES)) {
    throw new RoutewiseError(
      'bad-request',
      `these targets cover ${total} addresses; Routewise sweeps at most ${MAX_SWEEP_ADDRESSES} (a /8) in one scan: split it up`,
    );
  }
  if (total > BigInt(LARGE_SWEEP_ADDRESSES) && !opts.confirmLarge) {
    throw new RoutewiseError(
      'conflict',
      `these targets cover ${total} addresses, more than a /16 (or an IPv6 /112); confirm the large sweep (CLI: --confirm-large)`,
      { total: Number(total), needsConfirmation: true },
    );
  }
  return { groups, total: Number(total), hostnames, unresolved };
}

/** Yields each planned target once, in address order, without materialising the ranges. */
export function* iterateTargets(plan: TargetPlan): Generator<ProbeTarget> {
  for (const group of plan.groups) {
    for (const interval of group.intervals) {
      for (let v = interval.start; v <= interval.end; v++) {
        const hostname = plan.hostnames.get(targetKey(interval.family, v, group.port));
        const target: ProbeTarget = { address: formatAddress(interval.family, v), family: interval.family, port: group.port };
        if (hostname) target.hostname = hostname;
        yield target;
      }
    }
  }
}

export function planIntervals(plan: TargetPlan): Interval[] {
  return mergeIntervals(plan.groups.flatMap((g) => g.intervals));
}

/**
 * A CIDR block's first and last IPv4 addresses are the network and the directed broadcast (RFC 919):
 * probing the broadcast can make every host on the segment answer. /31 (RFC 3021) and /32 keep both.
 */
function withoutV4NetworkAndBroadcast(i: Interval, prefix: number | undefined): Interval {
  if (i.family !== 4 || prefix === undefined || prefix > 30) return i;
  return { family: 4, start: i.start + 1n, end: i.end - 1n };
}

function pickAddress(addresses: readonly string[]): { family: Family; value: bigint } | undefined {
  const parsed = addresses.map(parseAddress).filter((a): a is { family: Family; value: bigint } => a !== undefined);
  return parsed.find((a) => a.family === 4) ?? parsed[0];
}

function targetKey(family: Family, value: bigint, port: number): string {
  return `${family}/${value}/${port}`;
}

function parsePort(text: string, raw: string): number {
  const n = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= 65535)) throw bad(raw, 'port must be 1-65535');
  return n;
}

function bad(raw: string, why: string): RoutewiseError {
  return new RoutewiseError('bad-request', `target "${raw.slice(0, 100)}": ${why}`);
}
