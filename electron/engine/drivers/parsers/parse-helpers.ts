import type { Neighbor } from '../../../../shared/domain/neighbor';

/** Device strings are data: drop control characters and cap the length before they go anywhere. */
export function clean(value: string, max = 256): string {
  return value.replace(/[\x00-\x1f\x7f]/g, '').trim().slice(0, max);
}

export function lines(text: string): string[] {
  return text.replace(/\r/g, '').split('\n');
}

/** The first capture of `re` in text, cleaned; undefined when absent. */
export function grab(text: string, re: RegExp): string | undefined {
  const m = re.exec(text);
  return m?.[1] !== undefined ? clean(m[1]) : undefined;
}

/** "1 year, 2 weeks, 3 days, 4 hours, 5 minutes" (IOS `uptime is`, EOS `Uptime:`) in seconds. */
export function uptimeFromWords(text: string): number | undefined {
  const units: Record<string, number> = { year: 31_536_000, week: 604_800, day: 86_400, hour: 3_600, minute: 60, second: 1 };
  let total = 0;
  let any = false;
  for (const m of text.matchAll(/(\d+)\s+(year|week|day|hour|minute|second)s?/g)) {
    total += Number(m[1]) * units[m[2]!]!;
    any = true;
  }
  return any ? total : undefined;
}

/** MACs as lower-case colon-separated hex, whatever the vendor's notation (700f.6a28.2403, 70-0F-…). */
export function normalizeMac(value: string): string {
  const hex = value.replace(/[^0-9a-fA-F]/g, '').toLowerCase();
  return hex.length === 12 ? hex.match(/../g)!.join(':') : clean(value);
}

export function neighbor(n: Omit<Neighbor, 'protocol' | 'remoteMgmtAddresses'> & { remoteMgmtAddresses?: string[] }): Neighbor {
  const out: Neighbor = { protocol: 'lldp', remoteMgmtAddresses: n.remoteMgmtAddresses ?? [] };
  for (const [k, v] of Object.entries(n)) if (v !== undefined && k !== 'remoteMgmtAddresses') (out as Record<string, unknown>)[k] = typeof v === 'string' ? clean(v, 1024) : v;
  return out;
}
