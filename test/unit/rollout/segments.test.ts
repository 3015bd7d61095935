import { describe, expect, it } from 'vitest';
import type { TopologyLink, TopologyNode } from '../../../shared/domain/topology';
import { betweenness, buildSegments, suggestPilot } from '../../../electron/engine/rollout/segments';

const node = (id: string, segment: string, role: TopologyNode['role'], platform: string, clientCount = 0): TopologyNode => ({ id, label: id, role, segment, managed: true, platform, clientCount });
const link = (a: string, b: string): TopologyLink => ({ id: `${a}-${b}`, a: { device: a, ifName: 'x' }, b: { device: b, ifName: 'y' }, speedMbps: 1000, sources: ['lldp'] });

// core1 — dist1 — {acc1, acc2}; core1 — dist2 — acc3; branch1 hangs off core1.
const nodes = [
  node('core1', 'HQ-core', 'core', 'junos'),
  node('dist1', 'HQ-floor1', 'distribution', 'iosxe'),
  node('acc1', 'HQ-floor1', 'access', 'eos', 40),
  node('acc2', 'HQ-floor1', 'access', 'iosxe', 35),
  node('dist2', 'HQ-floor2', 'distribution', 'junos'),
  node('acc3', 'HQ-floor2', 'access', 'iosxe', 10),
  node('branch1', 'Branch', 'edge', 'iosxe', 5),
  { id: 'phone', label: 'phone', role: 'unknown', managed: false } as TopologyNode,
];
const links = [link('core1', 'dist1'), link('dist1', 'acc1'), link('dist1', 'acc2'), link('core1', 'dist2'), link('dist2', 'acc3'), link('core1', 'branch1')];

describe('segments', () => {
  it('betweenness: the hub carries the most paths, leaves none', () => {
    const c = betweenness(nodes.filter((n) => n.managed).map((n) => n.id), links);
    expect(c.get('core1')).toBe(1);
    expect(c.get('acc1')).toBe(0);
    expect(c.get('dist1')!).toBeGreaterThan(c.get('dist2')!);
  });

  it('scores: core above floors, a leaf branch lowest; the breakdown explains it', () => {
    const segs = buildSegments(nodes, links);
    const by = Object.fromEntries(segs.map((s) => [s.name, s]));
    // HQ-floor1 outranks the core: a central distribution switch plus 75 of the 90 clients.
    expect(segs.map((s) => s.name)).toEqual(['Branch', 'HQ-floor2', 'HQ-core', 'HQ-floor1']);
    expect(by['HQ-floor1']!.clientCount).toBe(75);
    expect(by['HQ-core']!.breakdown).toMatch(/centrality 40 \+ devices/);
    expect(segs.flatMap((s) => s.deviceIds)).not.toContain('phone');
  });

  it('a critical tag lifts a quiet segment to at least 90', () => {
    const segs = buildSegments(nodes, links, { Branch: ['pci'] });
    expect(segs.find((s) => s.name === 'Branch')!.criticality).toBeGreaterThanOrEqual(90);
    expect(segs.at(-1)!.name).toBe('Branch');
  });
});

describe('suggestPilot', () => {
  const segs = buildSegments(nodes, links);
  const target = (id: string) => ({ deviceId: id, platform: nodes.find((n) => n.id === id)!.platform as 'iosxe' });

  it('picks the least critical segment that still has every targeted platform', () => {
    const p = suggestPilot(['acc1', 'acc2', 'acc3', 'branch1'].map(target), segs);
    // Branch and HQ-floor2 are quieter but have iosxe only; HQ-floor1 has eos and iosxe.
    expect(p.segments).toEqual(['HQ-floor1']);
    expect(p.deviceIds).toEqual(['acc1', 'acc2']);
    expect(p.reasoning).toContain('least critical of the 1 segment(s) that contain every targeted platform (eos, iosxe)');
  });

  it('one platform: the quietest segment wins', () => {
    expect(suggestPilot(['acc2', 'acc3', 'branch1'].map(target), segs).segments).toEqual(['Branch']);
  });

  it('combines segments when none has every platform, and says so', () => {
    const p = suggestPilot(['core1', 'branch1'].map(target), segs);
    expect(p.segments).toEqual(['Branch', 'HQ-core']);
    expect(p.reasoning).toContain('no single segment contains every targeted platform');
  });
});
