/**
 * Calls `emit` at most once per `intervalMs` (a UI repaint or a TTY line ~5 times a second is plenty);
 * `flush` always emits, so the last state is never lost.
 */
export function throttle<T>(emit: (value: T) => void, intervalMs: number, now: () => number): { push(value: T): void; flush(value: T): void } {
  let last = -Infinity;
  return {
    push(value) {
      const t = now();
      if (t - last < intervalMs) return;
      last = t;
      emit(value);
    },
    flush(value) {
      last = now();
      emit(value);
    },
  };
}
