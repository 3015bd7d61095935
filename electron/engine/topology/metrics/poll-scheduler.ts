import { setMaxListeners } from 'node:events';
/**
 * Runs one poll cycle every `intervalMs`, never two at once. A cycle that runs past its slot is reported (how long,
 * by how much) and the next one starts right after it, aligned to the schedule again — so a slow network shows up as
 * overrun reports, never as silently stretched intervals or piled-up concurrent cycles.
 */
export interface CycleReport {
  cycle: number;
  startedAtMs: number;
  durationMs: number;
  /** > 0 when the cycle took longer than the interval. */
  overrunMs: number;
  /** Scheduled start times skipped because the previous cycle was still running. */
  skippedSlots: number;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface PollScheduler {
  stop(): Promise<void>;
  readonly running: boolean;
}

export function startPollScheduler(opts: {
  intervalMs: number;
  runCycle: (cycle: number, signal: AbortSignal) => Promise<void>;
  onCycle?: (report: CycleReport) => void;
  onError?: (err: unknown, cycle: number) => void;
  clock?: Clock;
  /** Stop after this many cycles (the CLI's --duration). */
  maxCycles?: number;
}): PollScheduler {
  const clock = opts.clock ?? systemClock;
  const controller = new AbortController();
  // Every device polled in a cycle listens to this signal.
  setMaxListeners(0, controller.signal);
  const origin = clock.now();
  let cycle = 0;
  let timer: unknown;
  let current: Promise<void> | undefined;
  let stopped = false;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));

  const runOne = async () => {
    if (stopped) return;
    const n = ++cycle;
    const startedAtMs = clock.now();
    try {
      await opts.runCycle(n, controller.signal);
    } catch (err) {
      opts.onError?.(err, n);
    }
    const end = clock.now();
    const durationMs = end - startedAtMs;
    const overrunMs = Math.max(0, durationMs - opts.intervalMs);
    // Next slot on the fixed grid origin + k·interval that is not in the past.
    const slotsPassed = Math.floor((end - origin) / opts.intervalMs);
    const nextSlot = origin + (slotsPassed + 1) * opts.intervalMs;
    const skippedSlots = overrunMs > 0 ? Math.floor(durationMs / opts.intervalMs) : 0;
    opts.onCycle?.({ cycle: n, startedAtMs, durationMs, overrunMs, skippedSlots });
    if (stopped || (opts.maxCycles !== undefined && n >= opts.maxCycles)) {
      stopped = true;
      resolveDone();
      return;
    }
    // An overrun cycle is followed at once by the next; otherwise wait for the next slot.
    const wait = overrunMs > 0 ? 0 : Math.max(0, nextSlot - end);
    timer = clock.setTimeout(() => {
      current = runOne();
    }, wait);
  };
  current = runOne();

  return {
    get running() {
      return !stopped;
    },
    async stop() {
      stopped = true;
      controller.abort();
      clock.clearTimeout(timer);
      await current;
      resolveDone();
      await done;
    },
  };
}
