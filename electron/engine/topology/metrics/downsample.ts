/** Retention tiers: raw samples for a day, 5-minute buckets for 30 days, hourly buckets for a year. */
export const RETENTION = [
  { tier: 'raw', bucketMs: 0, keepMs: 24 * 3600_000 },
  { tier: '5m', bucketMs: 5 * 60_000, keepMs: 30 * 24 * 3600_000 },
  { tier: '1h', bucketMs: 3600_000, keepMs: 365 * 24 * 3600_000 },
] as const;

export interface Sample {
  atMs: number;
  value: number;
}

export interface Bucket {
  /** Bucket start. */
  atMs: number;
  avg: number;
  max: number;
  min: number;
  count: number;
}

/**
 * Averages samples into fixed buckets aligned to the epoch (so buckets from different runs line up), keeping max
 * and min: a 5-minute average hides a 30-second saturation, the max does not.
 */
export function downsample(samples: readonly Sample[], bucketMs: number): Bucket[] {
  const buckets = new Map<number, Bucket & { sum: number }>();
  for (const s of samples) {
    if (!Number.isFinite(s.value)) continue;
    const at = Math.floor(s.atMs / bucketMs) * bucketMs;
    const b = buckets.get(at);
    if (!b) buckets.set(at, { atMs: at, avg: s.value, max: s.value, min: s.value, count: 1, sum: s.value });
    else {
      b.sum += s.value;
      b.count++;
      b.max = Math.max(b.max, s.value);
      b.min = Math.min(b.min, s.value);
      b.avg = b.sum / b.count;
    }
  }
  return [...buckets.values()].sort((a, b) => a.atMs - b.atMs).map(({ sum: _sum, ...b }) => b);
}
