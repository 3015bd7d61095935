import { createHash } from 'node:crypto';
import type { Insight } from '../../../shared/domain/insight';
import { uuidv7 } from './insight-id';
import { type NormalisedInsight, type ReceivedMessage, normalise } from './normaliser';
import { type RateLimit, SenderBuckets } from './token-bucket';
import type { BatchWrite, ThreatsRepo } from './threats-repo';

export interface IngestOptions {
  repo: ThreatsRepo;
  /** Called after each stored batch with the new insights and the deduplicated ones whose count grew. */
  onInsights?: (insights: Insight[]) => void;
  /** Same signature, source, destination and device within this window → one insight, count++. */
  dedupWindowMs?: number;
  /** Same source seen by a second device within this window → a shared correlation id. */
  correlationWindowMs?: number;
  flushIntervalMs?: number;
  maxBatch?: number;
  /** null: no per-sender limit. */
  rateLimit?: RateLimit | null;
  now?: () => number;
  newId?: () => string;
  /** The inventory device behind a sender address, if discovery knows it. */
  resolveDevice?: (address: string) => string | undefined;
  log?: (level: 'info' | 'warn', message: string) => void;
}

export type IngestCounter = 'received' | 'stored' | 'deduplicated' | 'unknown' | 'throttled' | 'truncated' | 'invalidUtf8';

/**
 * What dedup remembers per key for the window. Only a pending (not yet stored) insight is held whole; once
 * stored, the entry shrinks to id/count/lastSeen so a busy window does not keep every raw message alive.
 */
interface DedupEntry {
  id: string;
  count: number;
  lastSeen: string;
  lastMs: number;
  pending: NormalisedInsight | null;
}

interface CountUpdate {
  id: string;
  count: number;
  lastSeen: string;
}

interface SourceEntry {
  devices: Set<string>;
  firstMs: number;
  lastMs: number;
  correlationId: string | null;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { ratePerSec: 2_000, burst: 10_000 };

/**
 * The pipeline between receivers and the store: rate limit per sender, normalise, deduplicate bursts,
 * correlate sources across devices, and write in batches (one transaction per batch).
 */
export class ThreatIngest {
  private readonly repo: ThreatsRepo;
  private readonly dedupWindowMs: number;
  private readonly correlationWindowMs: number;
  private readonly maxBatch: number;
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly buckets: SenderBuckets | null;
  private readonly dedup = new Map<string, DedupEntry>();
  private readonly sources = new Map<string, SourceEntry>();
  private batch: BatchWrite = emptyBatch();
  private updated = new Map<string, CountUpdate>();
  private readonly totals: Record<IngestCounter, number> = {
    received: 0,
    stored: 0,
    deduplicated: 0,
    unknown: 0,
    throttled: 0,
    truncated: 0,
    invalidUtf8: 0,
  };
  private timer: NodeJS.Timeout | null = null;
  private lastPruneMs = 0;

  constructor(private readonly opts: IngestOptions) {
    this.repo = opts.repo;
    this.dedupWindowMs = opts.dedupWindowMs ?? 60_000;
    this.correlationWindowMs = opts.correlationWindowMs ?? 3_600_000;
    this.maxBatch = opts.maxBatch ?? 5_000;
    this.now = opts.now ?? Date.now;
    this.newId = opts.newId ?? (() => uuidv7());
    const limit = opts.rateLimit === undefined ? DEFAULT_RATE_LIMIT : opts.rateLimit;
    this.buckets = limit ? new SenderBuckets(limit) : null;
    const interval = opts.flushIntervalMs ?? 100;
    if (interval > 0) {
      this.timer = setInterval(() => this.flush(), interval);
      this.timer.unref();
    }
  }

  /**
   * Takes one message. Over its sender's rate, a datagram is dropped ('throttled', counted); a stream
   * (mode 'wait') gets 'wait' instead, keeps the message and retries later, so TCP senders are slowed
   * down rather than losing events. Either way the message counts as throttled once.
   */
  submit(msg: ReceivedMessage, mode: 'drop' | 'wait' = 'drop'): 'accepted' | 'throttled' | 'wait' {
    const nowMs = this.now();
    if (this.buckets && !this.buckets.take(msg.sender, nowMs, !msg.throttled)) {
      if (!msg.throttled) this.count('throttled');
      msg.throttled = true;
      if (mode === 'wait') return 'wait';
      this.count('received');
      return 'throttled';
    }
    this.count('received');
    if (msg.truncated) this.count('truncated');
    if (msg.rawBase64) this.count('invalidUtf8');
    const insight = normalise(msg, this.newId());
    const deviceId = this.opts.resolveDevice?.(insight.deviceAddress);
    if (deviceId) insight.deviceId = deviceId;
    if (insight.format === 'unknown') this.count('unknown');
    const key = dedupKey(insight);
    const seen = this.dedup.get(key);
    if (seen && nowMs - seen.lastMs <= this.dedupWindowMs) {
      seen.lastMs = nowMs;
      seen.count++;
      if (insight.lastSeen > seen.lastSeen) seen.lastSeen = insight.lastSeen;
      if (seen.pending) {
        seen.pending.count = seen.count;
        seen.pending.lastSeen = seen.lastSeen;
      } else this.updated.set(seen.id, { id: seen.id, count: seen.count, lastSeen: seen.lastSeen });
      this.count('deduplicated');
      return 'accepted';
    }
    this.correlate(insight, nowMs);
    this.dedup.set(key, { id: insight.id, count: 1, lastSeen: insight.lastSeen, lastMs: nowMs, pending: insight });
    this.batch.inserts.push(insight);
    if (this.batch.inserts.length >= this.maxBatch) this.flush();
    return 'accepted';
  }

  /** Writes what is pending; synchronous (better-sqlite3), so callers can rely on it having landed. */
  flush(): void {
    const nowMs = this.now();
    const batch = this.batch;
    const updated = this.updated;
    for (const u of updated.values()) batch.updates.push(u);
    if (batch.inserts.length === 0 && batch.updates.length === 0 && batch.correlations.length === 0 && isEmpty(batch.counters)) {
      this.prune(nowMs);
      return;
    }
    this.batch = emptyBatch();
    this.updated = new Map();
    try {
      this.repo.writeBatch(batch);
    } catch (err) {
      this.opts.log?.('warn', `threats: could not store ${batch.inserts.length} insights: ${String(err)}`);
      // Keep them for the next attempt instead of losing them (the store may be busy or the disk full).
      this.batch.inserts.unshift(...batch.inserts);
      this.batch.correlations.unshift(...batch.correlations);
      for (const [k, v] of Object.entries(batch.counters)) this.batch.counters[k] = (this.batch.counters[k] ?? 0) + v;
      for (const [id, u] of updated) if (!this.updated.has(id)) this.updated.set(id, u);
      return;
    }
    for (const i of batch.inserts) {
      const entry = this.dedup.get(dedupKey(i));
      if (entry && entry.pending === i) entry.pending = null;
    }
    this.totals.stored += batch.inserts.length;
    this.prune(nowMs);
    if (this.opts.onInsights && (batch.inserts.length || updated.size)) {
      // Repeats of stored insights are read back whole (one query per batch) for the live feed.
      const changed: Insight[] = [...batch.inserts, ...(updated.size ? this.repo.getMany([...updated.keys()]) : [])];
      this.opts.onInsights(changed);
    }
  }

  stats(): { totals: Record<IngestCounter, number>; throttledBySender: Record<string, number> } {
    return { totals: { ...this.totals }, throttledBySender: this.buckets?.throttledBySender() ?? {} };
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.flush();
  }

  private count(counter: IngestCounter): void {
    this.totals[counter]++;
    if (counter !== 'stored') this.batch.counters[counter] = (this.batch.counters[counter] ?? 0) + 1;
  }

  private correlate(insight: NormalisedInsight, nowMs: number): void {
    if (!insight.srcIp) return;
    let src = this.sources.get(insight.srcIp);
    if (!src || nowMs - src.lastMs > this.correlationWindowMs) {
      src = { devices: new Set(), firstMs: nowMs, lastMs: nowMs, correlationId: null };
      this.sources.set(insight.srcIp, src);
    }
    src.lastMs = nowMs;
    src.devices.add(insight.deviceAddress);
    if (src.devices.size >= 2 && !src.correlationId) {
      src.correlationId = `corr-${this.newId()}`;
      // Earlier insights from this source (stored or pending) get the id in the same transaction.
      this.batch.correlations.push({
        srcIp: insight.srcIp,
        correlationId: src.correlationId,
        sinceMs: Date.now() - this.correlationWindowMs,
      });
      for (const pending of this.batch.inserts) if (pending.srcIp === insight.srcIp) pending.correlationId = src.correlationId;
    }
    insight.correlationId = src.correlationId;
  }

  private prune(nowMs: number): void {
    if (nowMs - this.lastPruneMs < 5_000) return;
    this.lastPruneMs = nowMs;
    for (const [k, e] of this.dedup) if (!e.pending && nowMs - e.lastMs > this.dedupWindowMs) this.dedup.delete(k);
    for (const [k, s] of this.sources) if (nowMs - s.lastMs > this.correlationWindowMs) this.sources.delete(k);
  }
}

function dedupKey(i: NormalisedInsight): string {
  // Unknown messages are only "the same" when their text is (hashed: raw may be 64 KB).
  const sig = i.format === 'unknown' ? createHash('sha1').update(i.raw).digest('base64') : i.signature;
  return [i.deviceAddress, i.format, sig, i.signatureId ?? '', i.srcIp ?? '', i.dstIp ?? '', i.dstPort ?? ''].join('\u0000');
}

function emptyBatch(): BatchWrite {
  return { inserts: [], updates: [], correlations: [], counters: {} };
}

function isEmpty(o: Record<string, number>): boolean {
  for (const k in o) if (o[k]) return false;
  return true;
}
