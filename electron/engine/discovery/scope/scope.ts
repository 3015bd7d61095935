import { RoutewiseError } from '../../../../shared/api/errors';
import {
  containsAddress,
  formatInterval,
  type Interval,
  mergeIntervals,
  parseAddress,
  subtractIntervals,
} from '../targets/address';
import { parseRangeSyntax } from '../targets/range-syntax';

/** Parses a scope range (CIDR, range or one address; no hostnames, no ports) into its canonical form. */
export function parseScopeRange(text: string): { canonical: string; interval: Interval } {
  const s = text.trim();
  const parsed = s.length <= 100 ? parseRangeSyntax(s) : undefined;
  if (!parsed) {
    throw new RoutewiseError(
      'bad-request',
      `"${s.slice(0, 100)}" is not a scope range: use a CIDR block (10.0.0.0/24), a range (10.0.0.1-10.0.0.80) or one address`,
    );
  }
  const interval: Interval = { family: parsed.family, start: parsed.start, end: parsed.end };
  return { canonical: formatInterval(interval), interval };
}

/**
 * The scan scope: the only ranges Routewise may probe. Empty means nothing may be probed (secure default);
 * the error says so and how to add a range, so a first scan tells the admin what to do.
 */
export class ScanScope {
  private readonly merged: Interval[];

  constructor(readonly ranges: readonly string[]) {
    this.merged = mergeIntervals(ranges.map((r) => parseScopeRange(r).interval));
  }

  get isEmpty(): boolean {
    return this.merged.length === 0;
  }

  allows(address: string): boolean {
    const a = parseAddress(address);
    return a !== undefined && containsAddress(this.merged, a.family, a.value);
  }

  /** Throws 'out-of-scope' naming the first uncovered addresses when any part of `wanted` is outside. */
  assertCovers(wanted: readonly Interval[]): void {
    const outside = subtractIntervals(mergeIntervals(wanted), this.merged);
    if (outside.length > 0) throw this.outOfScope(outside.map(formatInterval));
  }

  /** The per-probe check: the sweep calls this before sending anything to `address`. */
  assertAllows(address: string): void {
    if (!this.allows(address)) throw this.outOfScope([address]);
  }

  private outOfScope(outside: string[]): RoutewiseError {
    const shown = outside.slice(0, 5);
    const more = outside.length > shown.length ? ` and ${outside.length - shown.length} more` : '';
    const first = shown[0] ?? '';
    const why = this.isEmpty
      ? 'the scan scope is empty, so Routewise probes nothing until you allow ranges'
      : `${shown.join(', ')}${more} ${outside.length === 1 && !more ? 'is' : 'are'} outside the scan scope`;
    return new RoutewiseError(
      'out-of-scope',
      `${why}: run \`routewise scope add ${first}\` (or Settings → Scan scope) to allow it`,
      { outside: outside.slice(0, 100), scopeEmpty: this.isEmpty },
    );
  }
}
