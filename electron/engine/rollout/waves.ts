import { RoutewiseError } from '../../../shared/api/errors';
import type { FailureThreshold } from '../../../shared/api/rollout';

export interface PhaseSplit<T> {
  name: string;
  members: T[];
}

/**
 * Splits the non-pilot targets into waves. Each point is CUMULATIVE: "10%,50%,100%" means the first wave brings
 * the rolled-out share to 10 % (rounded up, so at least one device), the second to 50 %, the third to all.
 * A count ("5") is a cumulative device count. Points that add nobody are dropped; when the last point stops
 * short of every target, the rest form one more wave and a note says so.
 */
export function splitWaves<T>(targets: readonly T[], points: readonly string[]): { waves: PhaseSplit<T>[]; notes: string[] } {
  const notes: string[] = [];
  const total = targets.length;
  const waves: PhaseSplit<T>[] = [];
  let done = 0;
  let previousCut = 0;
  for (const p of points) {
    const cut = cumulativeCount(p, total);
    if (cut < previousCut) throw new RoutewiseError('bad-request', `waves must not shrink: ${p} comes after a larger wave`);
    previousCut = cut;
    if (cut <= done) continue;
    waves.push({ name: `wave ${waves.length + 1}`, members: targets.slice(done, cut) });
    done = cut;
  }
  if (done < total) {
    waves.push({ name: `wave ${waves.length + 1}`, members: targets.slice(done) });
    notes.push(`the waves ${points.join(',')} stopped at ${done} of ${total} devices; the remaining ${total - done} form a last wave`);
  }
  return { waves, notes };
}

function cumulativeCount(point: string, total: number): number {
  if (point === 'all') return total;
  if (point.endsWith('%')) {
    const pct = Number(point.slice(0, -1));
    if (!(pct > 0 && pct <= 100)) throw new RoutewiseError('bad-request', `wave ${point}: a percentage is above 0 and at most 100`);
    // Round up: 10 % of 5 devices is one device, not none.
    return Math.min(total, Math.ceil((pct * total) / 100 - 1e-9));
  }
  const n = Number(point);
  if (!Number.isInteger(n) || n < 1) throw new RoutewiseError('bad-request', `wave ${point}: a count is a whole number of at least 1`);
  return Math.min(total, n);
}

/** True when the phase has failed: failed devices GREATER than the threshold (see FailureThreshold in shared/api/rollout.ts). */
export function thresholdExceeded(threshold: FailureThreshold, failed: number, phaseSize: number): boolean {
  if ('count' in threshold) return failed > threshold.count;
  // Integer comparison, no float rounding: failed/size > p/100  ⇔  failed·100 > p·size.
  return failed * 100 > threshold.percent * phaseSize;
}

export function describeThreshold(t: FailureThreshold): string {
  return 'count' in t ? `fails when more than ${t.count} device(s) fail` : `fails when more than ${t.percent}% of its devices fail`;
}
