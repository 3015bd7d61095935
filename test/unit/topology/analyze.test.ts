import { describe, expect, it } from 'vitest';
import type { TopologyLink, TopologyNode } from '../../../shared/domain/topology';
import { analyzeTopology } from '../../../electron/engine/topology/analysis/analyze';
import { findSeparations } from '../../../electron/engine/topology/analysis/cut-points';
import { buildGraph } from '../../../electron/engine/topology/analysis/graph';
import { minCut } from '../../../electron/engine/topology/analysis/max-flow';
import { percentile } from '../../../electron/engine/topology/analysis/percentile';

const node = (id: string, role: TopologyNode['role'], segment?: string, extra: Partial<TopologyNode> = {}): TopologyNode => ({
  id, label: id, role, managed: true, ...(segment ? { segment } : {}), ...extra,
});
let linkSeq = 0;
const link = (a: string, b: string, speedMbps = 1000, extra: Partial<TopologyLink> = {}): TopologyLink => ({
  id: `L${++linkSeq}-${a}-${b}`,
  a: { device: a, ifName: `to-${b}`, speedMbps },
  b: { device: b, ifName: `to-${a}`, speedMbps },
  speedMbps,
  sources: ['lldp'],
  ...extra,
});

/** Campus: redundant core/distribution, a dual-homed access switch, and a single-homed branch chain. */
function campus() {
  const nodes = [
    node('c1', 'core'), node('c2', 'core'),
    node('d1', 'distribution', 'dist'), node('d2', 'distribution', 'dist'),
    node('a1', 'access', 'floor1'), node('a2', 'access', 'floor2'),
    node('b1', 'access', 'branch'),
  ];
  const links = [
    link('c1', 'c2', 10000), link('c1', 'd1', 10000), link('c1', 'd2', 10000), link('c2', 'd1', 10000), link('c2', 'd2', 10000),
    link('d1', 'a1'), link('d2', 'a1'), link('d1', 'a2'), link('a2', 'b1', 100),
  ];
  return { nodes, links };
}

describe('single points of failure', () => {
  it('names exactly the devices and links whose loss cuts devices off from the core', () => {
    const { nodes, links } = campus();
    const spofs = analyzeTopology({ nodes, links }).filter((f) => f.kind === 'spof');
    const devices = spofs.filter((f) => f.subject.type === 'device').map((f) => f.subject.id).sort();
    const linkCuts = spofs.filter((f) => f.subject.type === 'link').map((f) => f.evidence.cutOffDevices).sort();
    expect(devices).toEqual(['a2', 'd1']);
    expect(linkCuts).toEqual([['a2', 'b1'], ['b1']]);
    const d1 = spofs.find((f) => f.subject.id === 'd1')!;
    expect(d1.evidence.cutOffDevices).toEqual(['a2', 'b1']);
    expect(d1.evidence.segments).toEqual(['branch', 'floor2']);
  });

  it('does not call a pair of parallel links a bridge', () => {
    const nodes = [node('c', 'core'), node('a', 'access', 's')];
    const parallel = [link('c', 'a'), link('c', 'a')];
    const spofTypes = (links: TopologyLink[]) =>
      analyzeTopology({ nodes, links }).filter((f) => f.kind === 'spof').map((f) => f.subject.type).sort();
    // The lone core is a single point of failure either way; the parallel pair is not a bridge, one link is.
    expect(spofTypes(parallel)).toEqual(['device']);
    expect(spofTypes([link('c', 'a')])).toEqual(['device', 'link']);
  });

  it('agrees with brute force (remove each device / link, search from the anchors) on random graphs', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let round = 0; round < 200; round++) {
      const n = 3 + Math.floor(rand() * 9);
      const edges: Array<[number, number]> = [];
      for (let v = 1; v < n; v++) edges.push([v, Math.floor(rand() * v)]); // connected tree
      const extra = Math.floor(rand() * n);
      for (let k = 0; k < extra; k++) edges.push([Math.floor(rand() * n), Math.floor(rand() * n)]);
      const anchors = [0, ...(rand() < 0.4 ? [n - 1] : [])];
      const g = buildGraph(
        Array.from({ length: n }, (_, i) => node(`n${i}`, 'unknown')),
        edges.map(([a, b]) => link(`n${a}`, `n${b}`)),
      );
      const got = findSeparations(g, anchors);
      const gotDevices = new Map(got.filter((s) => s.kind === 'device').map((s) => [s.at, [...s.cutOff].sort((x, y) => x - y)]));
      const gotLinks = new Map(got.filter((s) => s.kind === 'link').map((s) => [s.at, [...s.cutOff].sort((x, y) => x - y)]));
      const reachable = (skipNode: number, skipEdge: number) => {
        const seen = new Set<number>();
        const stack = anchors.filter((a) => a !== skipNode);
        stack.forEach((a) => seen.add(a));
        while (stack.length) {
          const v = stack.pop()!;
          edges.forEach(([a, b], e) => {
            if (e === skipEdge || a === skipNode || b === skipNode) return;
            const w = a === v ? b : b === v ? a : -1;
            if (w >= 0 && !seen.has(w)) {
              seen.add(w);
              stack.push(w);
            }
          });
        }
        return seen;
      };
      for (let v = 0; v < n; v++) {
        const seen = reachable(v, -1);
        const cut = Array.from({ length: n }, (_, i) => i).filter((i) => i !== v && !seen.has(i));
        expect(gotDevices.get(v) ?? [], `round ${round} node ${v}`).toEqual(cut);
      }
      edges.forEach(([a, b], e) => {
        if (a === b) return;
        const seen = reachable(-1, e);
        const cut = Array.from({ length: n }, (_, i) => i).filter((i) => !seen.has(i));
        expect(gotLinks.get(e) ?? [], `round ${round} edge ${e}`).toEqual(cut);
      });
    }
  });
});

describe('min cut', () => {
  it('finds the two uplinks of a dual-homed segment and the capacity they carry', () => {
    const { nodes, links } = campus();
    const findings = analyzeTopology({ nodes, links }).filter((f) => f.kind === 'min-cut');
    const floor1 = findings.find((f) => f.subject.id === 'floor1')!;
    expect(floor1.evidence.capacityMbps).toBe(2000);
    expect((floor1.evidence.linkIds as string[]).length).toBe(2);
    const branch = findings.find((f) => f.subject.id === 'branch')!;
    expect(branch.evidence.capacityMbps).toBe(100);
    expect(branch.severity).toBe('medium');
  });

  it('agrees with brute-force enumeration of every cut on small random graphs', () => {
    let seed = 99;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let round = 0; round < 150; round++) {
      const n = 2 + Math.floor(rand() * 7);
      const edges = Array.from({ length: Math.floor(rand() * 14) }, () => ({
        a: Math.floor(rand() * n), b: Math.floor(rand() * n), capacity: 1 + Math.floor(rand() * 10),
      })).filter((e) => e.a !== e.b);
      const source = 0;
      const sink = n - 1;
      let best = Number.POSITIVE_INFINITY;
      for (let mask = 0; mask < 1 << n; mask++) {
        if (!(mask & (1 << source)) || mask & (1 << sink)) continue;
        let c = 0;
        for (const e of edges) if (((mask >> e.a) & 1) !== ((mask >> e.b) & 1)) c += e.capacity;
        best = Math.min(best, c);
      }
      const got = minCut({ nodeCount: n, edges }, [source], [sink]);
      expect(got.value, `round ${round}`).toBe(best);
      expect(got.cutEdges.reduce((s, e) => s + edges[e]!.capacity, 0)).toBe(best);
    }
  });
});

describe('link and device findings', () => {
  it('reports a hot link per direction from the p95 of its samples, not the mean', () => {
    const { nodes, links } = campus();
    const l = links[7]!; // d1–a2
    const busy = [...Array(90).fill(0.3), ...Array(10).fill(0.97)];
    const findings = analyzeTopology({ nodes, links, stats: [{ linkId: l.id, utilAtoB: busy, utilBtoA: Array(100).fill(0.2) }] });
    const hot = findings.filter((f) => f.kind === 'hot-link');
    expect(hot).toHaveLength(1);
    expect(hot[0]!.evidence.p95Util).toBe(0.97);
    expect(hot[0]!.severity).toBe('critical');
    expect(hot[0]!.evidence.direction).toBe('d1 to-a2 → a2 to-d1');
    // Mostly idle with a few spikes under 5%: not hot.
    const calm = [...Array(97).fill(0.1), ...Array(3).fill(0.99)];
    expect(analyzeTopology({ nodes, links, stats: [{ linkId: l.id, utilAtoB: calm, utilBtoA: calm }] }).filter((f) => f.kind === 'hot-link')).toEqual([]);
  });

  it('reports speed and duplex mismatches', () => {
    const nodes = [node('c', 'core'), node('a', 'access')];
    const mismatch: TopologyLink = {
      id: 'm', speedMbps: 100, sources: ['lldp'],
      a: { device: 'c', ifName: 'Gi1', speedMbps: 1000, duplex: 'full' },
      b: { device: 'a', ifName: 'Fa1', speedMbps: 100, duplex: 'half' },
    };
    const f = analyzeTopology({ nodes, links: [mismatch, link('c', 'a')] }).filter((x) => x.kind === 'speed-mismatch');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('high');
    expect(f[0]!.evidence).toMatchObject({ aSpeedMbps: 1000, bSpeedMbps: 100 });
  });

  it('computes oversubscription from downstream over uplink capacity per role guideline', () => {
    const nodes = [node('c', 'core'), node('d', 'distribution'), ...Array.from({ length: 6 }, (_, i) => node(`a${i}`, 'access'))];
    const links = [link('c', 'd', 1000), ...Array.from({ length: 6 }, (_, i) => link('d', `a${i}`, 1000))];
    const f = analyzeTopology({ nodes, links }).filter((x) => x.kind === 'oversubscription');
    expect(f.map((x) => x.subject.id)).toEqual(['d']);
    expect(f[0]!.evidence).toMatchObject({ downstreamMbps: 6000, uplinkMbps: 1000, ratio: 6, allowedRatio: 4 });
    // Access ports count as downstream: 48 x 1G behind a 1G uplink is 48:1 against 20:1.
    const ports = new Map([['a0', 48_000]]);
    const g = analyzeTopology({ nodes, links, edgePortCapacityMbps: ports }).filter((x) => x.kind === 'oversubscription');
    expect(g.map((x) => x.subject.id).sort()).toEqual(['a0', 'd']);
  });

  it('reports error ratios and client density', () => {
    const nodes = [node('c', 'core'), node('a', 'access', 's', { clientCount: 50, clientCapacity: 48 })];
    const links = [link('c', 'a')];
    const findings = analyzeTopology({
      nodes, links,
      stats: [{ linkId: links[0]!.id, utilAtoB: [0.1], utilBtoA: [0.1], errorsPerSec: 5, discardsPerSec: 0, packetsPerSec: 1000 }],
    });
    expect(findings.find((f) => f.kind === 'errors')?.severity).toBe('medium');
    expect(findings.find((f) => f.kind === 'density')?.severity).toBe('high');
  });

  it('percentile uses nearest rank', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([5], 95)).toBe(5);
    expect(Number.isNaN(percentile([], 95))).toBe(true);
  });
});

describe('AI coverage', () => {
  it('a segment is seen by an AI device in it or in front of it, and blind otherwise', async () => {
    const { aiCoverage } = await import('../../../electron/engine/topology/analysis/coverage');
    const { nodes, links } = campus();
    const withAi = nodes.map((n) => (n.id === 'd1' || n.id === 'a2' ? { ...n, aiCapable: true } : n));
    const cov = new Map(aiCoverage(withAi, links).map((c) => [c.segment, c]));
    expect(cov.get('branch')).toMatchObject({ fullySeenBy: ['a2', 'd1'], blindSpot: false }); // b1 hangs behind a2 behind d1
    expect(cov.get('floor2')).toMatchObject({ fullySeenBy: ['a2', 'd1'] });
    expect(cov.get('floor1')).toMatchObject({ fullySeenBy: [], partlySeenBy: [], blindSpot: true }); // dual-homed: can bypass d1
    expect(cov.get('dist')).toMatchObject({ fullySeenBy: [], partlySeenBy: ['d1'] }); // d1 itself, not d2
  });
});
