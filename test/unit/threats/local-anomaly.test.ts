import { describe, expect, it } from 'vitest';
import { Insight } from '../../../shared/domain/insight';
import { addToBaseline, baselineOf } from '../../../electron/engine/threats/interface-baseline';
import { detectAnomalies, type InterfaceHistory } from '../../../electron/engine/threats/local-anomaly';

let n = 0;
const id = () => `a-${++n}`;
const base = (over: Partial<InterfaceHistory>): InterfaceHistory => ({
  deviceId: 'd1', deviceAddress: '127.0.0.9', deviceLabel: 'acc1', ifName: 'Gi1/0/7', speedMbps: 1000, accessPort: false,
  baseline: baselineOf(Array.from({ length: 30 }, (_, i) => 50e6 + (i % 5) * 2e6)), currentBps: 55e6, atMs: Date.UTC(2026, 10, 25), ...over,
});

describe('local anomaly detection', () => {
  it('flags a spike far above the interface baseline as a schema-valid insight, and leaves normal traffic alone', () => {
    expect(detectAnomalies([base({})], id)).toEqual([]);
    const [spike] = detectAnomalies([base({ currentBps: 400e6 })], id);
    expect(spike).toBeDefined();
    expect(Insight.parse(spike)).toMatchObject({ format: 'local-anomaly', category: 'anomaly', vendorCategory: 'traffic-spike', deviceId: 'd1' });
    expect(spike!.signature).toContain('Traffic spike on acc1 Gi1/0/7: 400.0 Mbps');
  });

  it('does not call a small absolute change a spike (a quiet port doubling is not news)', () => {
    expect(detectAnomalies([base({ baseline: baselineOf(Array<number>(30).fill(1e3)), currentBps: 5e6 })], id)).toEqual([]);
  });

  it('flags a quiet host-facing port that suddenly carries a large share of its speed as a new heavy talker', () => {
    const quiet = base({ accessPort: true, baseline: baselineOf(Array.from({ length: 20 }, () => 2e5)), currentBps: 600e6 });
    const [talker] = detectAnomalies([quiet], id);
    expect(talker).toMatchObject({ vendorCategory: 'new-heavy-talker', severity: 'medium' });
    // The same jump on an uplink is a spike, not a "talker".
    expect(detectAnomalies([{ ...quiet, accessPort: false }], id)[0]?.vendorCategory).toBe('traffic-spike');
  });

  it('needs enough baseline before judging', () => {
    expect(detectAnomalies([base({ baseline: baselineOf([50e6, 50e6]), currentBps: 900e6 })], id)).toEqual([]);
  });
});

describe('running interface baseline', () => {
  const samples = Array.from({ length: 200 }, (_, i) => 40e6 + ((i * 7919) % 13) * 1.5e6);

  it('equals the batch mean and standard deviation while the window is not full', () => {
    let b = baselineOf([]);
    for (const x of samples) b = addToBaseline(b, x, 1000);
    const exact = baselineOf(samples);
    expect(b.count).toBe(200);
    expect(b.meanBps).toBeCloseTo(exact.meanBps, 3);
    expect(b.sdBps).toBeCloseTo(exact.sdBps, 3);
  });

  it('forgets old traffic once the window is full: a new level becomes the baseline', () => {
    let b = baselineOf([]);
    for (const x of samples) b = addToBaseline(b, x, 50);
    expect(b.count).toBe(50);
    for (let i = 0; i < 400; i++) b = addToBaseline(b, 300e6, 50);
    expect(b.meanBps).toBeGreaterThan(299e6);
    expect(b.sdBps).toBeLessThan(0.02 * b.meanBps);
  });
});
