/**
 * Per-sender token buckets: each sender may burst up to `burst` messages and then `ratePerSec`. A flooding
 * sender is throttled (and counted) while every other sender keeps its own allowance.
 */
export interface RateLimit {
  ratePerSec: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
  throttled: number;
}

export class SenderBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    /** Spoofed UDP sources could grow the map without bound; idle buckets are evicted past this size. */
    private readonly maxSenders = 10_000,
  ) {}

  /** true: let the message in; false: throttled (counted against the sender when `count`). */
  take(sender: string, nowMs: number, count = true): boolean {
    let b = this.buckets.get(sender);
    if (!b) {
      if (this.buckets.size >= this.maxSenders) this.evict(nowMs);
      b = { tokens: this.limit.burst, updatedMs: nowMs, throttled: 0 };
      this.buckets.set(sender, b);
    } else {
      const elapsedSec = Math.max(0, nowMs - b.updatedMs) / 1000;
      b.tokens = Math.min(this.limit.burst, b.tokens + elapsedSec * this.limit.ratePerSec);
      b.updatedMs = nowMs;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return true;
    }
    if (count) b.throttled++;
    return false;
  }

  throttledBySender(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [sender, b] of this.buckets) if (b.throttled) out[sender] = b.throttled;
    return out;
  }

  private evict(nowMs: number): void {
    // Drop buckets that are full again (idle long enough to have refilled): they carry no state worth keeping.
    for (const [sender, b] of this.buckets) {
      const refilled = b.tokens + ((nowMs - b.updatedMs) / 1000) * this.limit.ratePerSec >= this.limit.burst;
      if (refilled) this.buckets.delete(sender);
    }
    if (this.buckets.size >= this.maxSenders) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
  }
}
