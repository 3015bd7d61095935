import { describe, expect, it } from 'vitest';
import type { TopologyNode } from '../../../shared/domain/topology';
import {
  DEFAULT_FILTER,
  type FeedInsight,
  NO_TECHNIQUE,
  UNASSIGNED_SEGMENT,
  filterInsights,
  groupInsights,
  mergeInsight,
  mergeInsights,
  rawText,
  segmentCoverage,
  segmentIndex,
} from '../../../renderer/src/features/threats/threats-model';

const NOW = Date.parse('2026-11-25T12:00:00Z');

function insight(over: Partial<FeedInsight>): FeedInsight {
  return {
    id: 'i1',
    time: '2026-11-25T11:59:00Z',
    deviceAddress: '127.26.0.5',
    severity: 'high',
    severityId: 4,
    confidence: 80,
    category: 'exploit',
    signature: 'Apache.Log4j.RCE',
    srcIp: '10.0.0.9',
    srcPort: 40000,
    dstIp: '10.0.1.1',
    dstPort: 443,
    protocol: 'tcp',
    technique: 'T1190',
    action: 'blocked',
    format: 'fortigate',
    raw: 'x',
    count: 1,
    firstSeen: '2026-11-25T11:59:00Z',
    lastSeen: '2026-11-25T11:59:00Z',
    correlationId: null,
    ...over,
  };
}

describe('mergeInsight', () => {
  it('puts a new insight first and replaces a repeat (same id, count grew) instead of adding a row', () => {
    const a = insight({ id: 'a', lastSeen: '2026-11-25T11:00:00Z' });
    const b = insight({ id: 'b', lastSeen: '2026-11-25T11:30:00Z' });
    let feed = mergeInsight([], a);
    feed = mergeInsight(feed, b);
    expect(feed.map((i) => i.id)).toEqual(['b', 'a']);
    feed = mergeInsight(feed, { ...a, count: 5, lastSeen: '2026-11-25T11:45:00Z' });
    expect(feed.map((i) => [i.id, i.count])).toEqual([
      ['a', 5],
      ['b', 1],
    ]);
  });
  it('keeps at most max insights, dropping the oldest', () => {
    let feed: FeedInsight[] = [];
    for (let n = 0; n < 5; n++) feed = mergeInsight(feed, insight({ id: `i${n}`, lastSeen: new Date(NOW + n * 1000).toISOString() }), 3);
    expect(feed.map((i) => i.id)).toEqual(['i4', 'i3', 'i2']);
  });
});

describe('mergeInsights', () => {
  it('applies a batch in arrival order: the later copy of a repeated id wins, one row per id', () => {
    const stored = [insight({ id: 'a', count: 1, lastSeen: '2026-11-25T11:00:00Z' })];
    const feed = mergeInsights(stored, [
      insight({ id: 'b', lastSeen: '2026-11-25T11:10:00Z' }),
      insight({ id: 'a', count: 2, lastSeen: '2026-11-25T11:20:00Z' }),
      insight({ id: 'a', count: 3, lastSeen: '2026-11-25T11:30:00Z' }),
    ]);
    expect(feed.map((i) => [i.id, i.count])).toEqual([
      ['a', 3],
      ['b', 1],
    ]);
  });
});

describe('filterInsights', () => {
  const items = [
    insight({ id: 'low', severity: 'low', category: 'reconnaissance' }),
    insight({ id: 'crit', severity: 'critical', category: 'botnet-c2', deviceName: 'edge-fw1' }),
    insight({ id: 'old', severity: 'high', lastSeen: '2026-11-24T12:00:00Z', deviceAddress: '127.26.0.9' }),
  ];
  const ids = (f: Partial<typeof DEFAULT_FILTER>) => filterInsights(items, { ...DEFAULT_FILTER, ...f }, NOW).map((i) => i.id);

  it('filters by minimum severity, category, device address or name, and time window', () => {
    expect(ids({})).toEqual(['low', 'crit', 'old']);
    expect(ids({ minSeverity: 'high' })).toEqual(['crit', 'old']);
    expect(ids({ category: 'botnet-c2' })).toEqual(['crit']);
    expect(ids({ device: 'EDGE-FW' })).toEqual(['crit']);
    expect(ids({ device: '127.26.0.9' })).toEqual(['old']);
    expect(ids({ withinMin: 60 })).toEqual(['low', 'crit']);
  });
});

const nodes: TopologyNode[] = [
  { id: 'd1', label: 'fw1', role: 'edge', managed: true, aiCapable: true, segment: 'dc', addresses: ['127.26.0.5'] },
  { id: 'd2', label: 'sw1', role: 'access', managed: true, aiCapable: false, segment: 'dc', addresses: ['127.26.0.6'] },
  { id: 'd3', label: 'br1', role: 'edge', managed: true, aiCapable: false, segment: 'branch', addresses: ['127.26.0.7'] },
  { id: 'd4', label: 'sw9', role: 'access', managed: true },
  { id: 'u1', label: 'phone', role: 'unknown', managed: false, segment: 'branch', aiCapable: true },
];

describe('groupInsights', () => {
  const index = segmentIndex(nodes);
  const items = [
    insight({ id: 'a', deviceAddress: '127.26.0.5', severity: 'medium', count: 3, technique: 'T1110' }),
    insight({ id: 'b', deviceAddress: '127.26.0.7', severity: 'critical', technique: null }),
    insight({ id: 'c', deviceAddress: '127.99.0.1', deviceId: 'd2', severity: 'low', technique: 'T1110' }),
    insight({ id: 'd', deviceAddress: '127.99.0.2', severity: 'low' }),
  ];

  it('groups by segment through the device id or the sender address, worst severity first', () => {
    const groups = groupInsights(items, 'segment', index);
    expect(groups.map((g) => [g.key, g.items.map((i) => i.id), g.worst, g.detections])).toEqual([
      ['branch', ['b'], 'critical', 1],
      ['dc', ['a', 'c'], 'medium', 4],
      [UNASSIGNED_SEGMENT, ['d'], 'low', 1],
    ]);
  });
  it('groups by technique and by device', () => {
    expect(groupInsights(items, 'technique', index).map((g) => g.key)).toEqual([NO_TECHNIQUE, 'T1110', 'T1190']);
    // A trap carries no hostname, the syslog line does: still one device, named from its messages.
    const byDevice = groupInsights([insight({ id: 'x' }), insight({ id: 'y', deviceName: 'fw1' }), insight({ id: 'z', deviceAddress: '127.26.0.6' })], 'device', index);
    expect(byDevice.map((g) => [g.key, g.label, g.items.length])).toEqual([
      ['127.26.0.5', '127.26.0.5 (fw1)', 2],
      ['127.26.0.6', '127.26.0.6', 1],
    ]);
  });
});

describe('segmentCoverage', () => {
  it('marks segments with an AI-capable managed device as watched and the rest as blind spots, blind spots first', () => {
    expect(segmentCoverage(nodes)).toEqual([
      { segment: 'branch', devices: 1, watchers: [], watched: false },
      { segment: UNASSIGNED_SEGMENT, devices: 1, watchers: [], watched: false },
      { segment: 'dc', devices: 2, watchers: ['fw1'], watched: true },
    ]);
  });
});

describe('rawText', () => {
  it('drops ANSI escapes and control characters, keeps line breaks and markup as plain characters, caps the length', () => {
    expect(rawText('\u001b[31mred\u001b[0m\u0007 <script>x</script>\nnext\tline', 100)).toBe('red <script>x</script>\nnext\tline');
    expect(rawText('abcdef', 3)).toBe('abc…');
  });
});
