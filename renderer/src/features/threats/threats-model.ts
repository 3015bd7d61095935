import type { EventPayload } from '../../../../shared/api/contract';
import { SEVERITY_ID, type InsightCategory, type Severity } from '../../../../shared/domain/insight';
import type { TopologyNode } from '../../../../shared/domain/topology';

/** What the feed holds: stored insights and live ones (the live event may lack a seq). */
export type FeedInsight = EventPayload<'threats.insight'>;

/** The feed keeps this many insights in memory; older ones stay in the store (threats.list, CLI). */
export const FEED_MAX = 2_000;

export interface ThreatFilter {
  /** Show this severity and above. */
  minSeverity: Severity;
  category: InsightCategory | 'all';
  /** Part of the reporting device's address or name; '' for every device. */
  device: string;
  /** Only insights seen in the last N minutes; null for all time. */
  withinMin: number | null;
}

export const DEFAULT_FILTER: ThreatFilter = { minSeverity: 'informational', category: 'all', device: '', withinMin: null };

export type GroupBy = 'none' | 'device' | 'segment' | 'technique';

export const UNASSIGNED_SEGMENT = 'no segment known';
export const NO_TECHNIQUE = 'no ATT&CK technique';

/** Adds a live insight: a deduplicated repeat (same id, count grew) replaces its row; newest first, capped. */
export function mergeInsight(items: readonly FeedInsight[], incoming: FeedInsight, max = FEED_MAX): FeedInsight[] {
  return mergeInsights(items, [incoming], max);
}

/** Adds a batch of live insights in arrival order (a later copy of an id wins), sorting once. */
export function mergeInsights(items: readonly FeedInsight[], arrived: readonly FeedInsight[], max = FEED_MAX): FeedInsight[] {
  const byId = new Map<string, FeedInsight>();
  for (const i of items) byId.set(i.id, i);
  for (const i of arrived) byId.set(i.id, i);
  const next = [...byId.values()].sort((a, b) => timeMs(b.lastSeen) - timeMs(a.lastSeen));
  return next.length > max ? next.slice(0, max) : next;
}

function timeMs(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

export function filterInsights(items: readonly FeedInsight[], f: ThreatFilter, nowMs: number): FeedInsight[] {
  const min = SEVERITY_ID[f.minSeverity];
  const device = f.device.trim().toLowerCase();
  const sinceMs = f.withinMin === null ? null : nowMs - f.withinMin * 60_000;
  return items.filter(
    (i) =>
      SEVERITY_ID[i.severity] >= min &&
      (f.category === 'all' || i.category === f.category) &&
      (!device || i.deviceAddress.toLowerCase().includes(device) || (i.deviceName ?? '').toLowerCase().includes(device)) &&
      (sinceMs === null || timeMs(i.lastSeen) >= sinceMs),
  );
}

/** Segment of each topology node, by node id and by each management address (insights carry the sender's address). */
export function segmentIndex(nodes: readonly TopologyNode[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const n of nodes) {
    if (!n.segment) continue;
    index.set(n.id, n.segment);
    for (const a of n.addresses ?? []) index.set(a, n.segment);
  }
  return index;
}

export function segmentOf(i: FeedInsight, index: ReadonlyMap<string, string>): string {
  return (i.deviceId ? index.get(i.deviceId) : undefined) ?? index.get(i.deviceAddress) ?? UNASSIGNED_SEGMENT;
}

export interface InsightGroup {
  key: string;
  /** What the group heading says: for devices, the sender address and the name its messages carried. */
  label: string;
  items: FeedInsight[];
  /** Detections including deduplicated repeats. */
  detections: number;
  worst: Severity;
}

export function groupInsights(items: readonly FeedInsight[], by: GroupBy, segments: ReadonlyMap<string, string>): InsightGroup[] {
  const keyOf = (i: FeedInsight): string => {
    switch (by) {
      case 'device':
        // The sender address identifies the device; the name inside a message is only a claim.
        return i.deviceId ?? i.deviceAddress;
      case 'segment':
        return segmentOf(i, segments);
      case 'technique':
        return i.technique ?? NO_TECHNIQUE;
      case 'none':
        return 'all';
    }
  };
  const groups = new Map<string, InsightGroup>();
  for (const i of items) {
    const key = keyOf(i);
    const g = groups.get(key) ?? { key, label: by === 'device' ? i.deviceAddress : key, items: [], detections: 0, worst: 'informational' as Severity };
    if (by === 'device' && i.deviceName && g.label === i.deviceAddress) g.label = `${i.deviceAddress} (${i.deviceName})`;
    g.items.push(i);
    g.detections += i.count;
    if (SEVERITY_ID[i.severity] > SEVERITY_ID[g.worst]) g.worst = i.severity;
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => SEVERITY_ID[b.worst] - SEVERITY_ID[a.worst] || b.detections - a.detections || a.key.localeCompare(b.key));
}

export interface SegmentCoverage {
  segment: string;
  devices: number;
  /** Labels of the AI-capable devices that watch this segment. */
  watchers: string[];
  watched: boolean;
}

/**
 * Which segments have an AI-capable device in them (so its detections cover that segment's traffic) and which
 * are blind spots. Computed from the map's managed nodes: the threats API has no coverage method.
 */
export function segmentCoverage(nodes: readonly TopologyNode[]): SegmentCoverage[] {
  const bySegment = new Map<string, SegmentCoverage>();
  for (const n of nodes) {
    if (!n.managed) continue;
    const segment = n.segment ?? UNASSIGNED_SEGMENT;
    const c = bySegment.get(segment) ?? { segment, devices: 0, watchers: [], watched: false };
    c.devices += 1;
    if (n.aiCapable) {
      c.watchers.push(n.label);
      c.watched = true;
    }
    bySegment.set(segment, c);
  }
  return [...bySegment.values()].sort((a, b) => Number(a.watched) - Number(b.watched) || a.segment.localeCompare(b.segment));
}

const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A raw message for a <pre>: React renders it as text; this also drops ANSI escapes and control characters
 * (keeping line breaks and tabs, which a raw message legitimately has) and caps the length.
 */
export function rawText(raw: string, maxChars: number): string {
  const clean = raw.replace(ANSI, '').replace(CONTROL_BUT_LINES, '');
  return clean.length > maxChars ? `${clean.slice(0, maxChars)}…` : clean;
}
