import { describe, expect, it } from 'vitest';
import { counterRate } from '../../../electron/engine/topology/metrics/counter-rate';
import { downsample } from '../../../electron/engine/topology/metrics/downsample';
import { type Clock, type CycleReport, startPollScheduler } from '../../../electron/engine/topology/metrics/poll-scheduler';

describe('counterRate', () => {
  it('computes a rate over the agent uptime interval', () => {
    const r = counterRate({ value: 1_000n, atMs: 0, uptimeTicks: 10_000 }, { value: 61_000n, atMs: 60_500, uptimeTicks: 16_000 }, 64);
    expect(r).toEqual({ kind: 'rate', perSec: 1000, wrapped: false });
  });

  it('handles a 32-bit wrap once, and treats a 64-bit decrease as a reset', () => {
    const prev = { value: 2n ** 32n - 1000n, atMs: 0 };
    const cur = { value: 9_000n, atMs: 10_000 };
    expect(counterRate(prev, cur, 32)).toEqual({ kind: 'rate', perSec: 1000, wrapped: true });
    expect(counterRate(prev, cur, 64)).toEqual({ kind: 'no-rate', reason: 'discontinuity' });
  });

  it('gives no rate across an agent restart or a counter discontinuity', () => {
    expect(counterRate({ value: 5n, atMs: 0, uptimeTicks: 900_000 }, { value: 10n, atMs: 60_000, uptimeTicks: 500 }, 64)).toEqual({ kind: 'no-rate', reason: 'agent-restart' });
    expect(counterRate({ value: 5n, atMs: 0, discontinuityTicks: 0 }, { value: 10n, atMs: 60_000, discontinuityTicks: 4242 }, 64)).toEqual({ kind: 'no-rate', reason: 'discontinuity' });
    expect(counterRate(undefined, { value: 10n, atMs: 0 }, 64)).toEqual({ kind: 'no-rate', reason: 'first-sample' });
  });

  it('refuses an implausible wrapped rate (a reset of a 32-bit counter looks like a wrap)', () => {
    // 100 Mbps link = 12.5 MB/s; a "wrap" implying 400 MB/s is a reset.
    const r = counterRate({ value: 4_000_000_000n, atMs: 0 }, { value: 10n, atMs: 1000 }, 32, 12_500_000 * 1.1);
    expect(r).toEqual({ kind: 'no-rate', reason: 'implausible' });
  });
});

describe('downsample', () => {
  it('buckets by fixed epoch-aligned windows keeping avg, max and min', () => {
    const s = [0, 60_000, 120_000, 299_999, 300_000].map((atMs, i) => ({ atMs, value: [1, 9, 2, 4, 7][i]! }));
    expect(downsample(s, 300_000)).toEqual([
      { atMs: 0, avg: 4, max: 9, min: 1, count: 4 },
      { atMs: 300_000, avg: 7, max: 7, min: 7, count: 1 },
    ]);
  });
});

/** A manual clock: timers fire only when the test advances time. */
function manualClock() {
  let now = 0;
  const timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let seq = 0;
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = ++seq;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (h) => {
      const i = timers.findIndex((t) => t.id === h);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const advance = async (ms: number) => {
    const target = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers[0];
      if (!next || next.at > target) break;
      timers.shift();
      now = next.at;
      next.fn();
      for (let i = 0; i < 20; i++) await Promise.resolve();
    }
    now = target;
    for (let i = 0; i < 20; i++) await Promise.resolve();
  };
  return { clock, advance, setNow: (t: number) => (now = t), get now() { return now; } };
}

describe('poll scheduler', () => {
  it('never overlaps cycles and reports an overrun with its size', async () => {
    const mc = manualClock();
    const durations = [1000, 25_000, 1000, 1000];
    let active = 0;
    let maxActive = 0;
    const reports: CycleReport[] = [];
    const sched = startPollScheduler({
      intervalMs: 10_000,
      clock: mc.clock,
      maxCycles: 4,
      onCycle: (r) => reports.push(r),
      runCycle: async (n) => {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise<void>((resolve) => mc.clock.setTimeout(resolve, durations[n - 1]!));
        active--;
      },
    });
    for (let i = 0; i < 10; i++) await mc.advance(10_000);
    await sched.stop();
    expect(maxActive).toBe(1);
    expect(reports.map((r) => r.overrunMs)).toEqual([0, 15_000, 0, 0]);
    expect(reports[1]!.durationMs).toBe(25_000);
    // Cycle 2 ran from 10 s to 35 s, so the slots at 20 s and 30 s were skipped and cycle 3 starts at 35 s at once.
    expect(reports[1]!.skippedSlots).toBe(2);
    expect(reports[2]!.startedAtMs).toBe(35_000);
    expect(reports[2]!.skippedSlots).toBe(0);
    expect(reports[3]!.startedAtMs).toBe(40_000);
  });

  it('stop() aborts the running cycle and resolves', async () => {
    const mc = manualClock();
    let aborted = false;
    const sched = startPollScheduler({
      intervalMs: 1000,
      clock: mc.clock,
      runCycle: (_n, signal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => ((aborted = true), resolve()))),
    });
    await mc.advance(10);
    await sched.stop();
    expect(aborted).toBe(true);
    expect(sched.running).toBe(false);
  });
});
