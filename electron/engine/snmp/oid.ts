/** Numeric OID helpers (dotted strings, no leading dot). Pure; used by walks and parsers. */

/** Parse '1.3.6.1' (or '.1.3.6.1') into its arcs; NaN arcs make the OID invalid. */
export function oidArcs(oid: string): number[] {
  const s = oid.startsWith('.') ? oid.slice(1) : oid;
  return s === '' ? [] : s.split('.').map((a) => (/^\d+$/.test(a) ? Number(a) : Number.NaN));
}

/** Lexicographic comparison by arc (RFC 3416 §4.2.2 "lexicographically next"): <0, 0, >0. */
export function compareOids(a: string, b: string): number {
  return compareArcs(oidArcs(a), oidArcs(b));
}

export function compareArcs(x: readonly number[], y: readonly number[]): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) - (y[i] as number);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** True when `oid` lies strictly inside the subtree rooted at `base`. */
export function isUnder(oid: string, base: string): boolean {
  return oid.startsWith(`${stripDot(base)}.`);
}

/** The part of `oid` after `base` ('1.3.6.1.2.1.2.2.1.2.7' under '1.3.6.1.2.1.2.2.1.2' → '7'). */
export function oidSuffix(oid: string, base: string): string {
  const b = stripDot(base);
  return oid.startsWith(`${b}.`) ? oid.slice(b.length + 1) : '';
}

export function stripDot(oid: string): string {
  return oid.startsWith('.') ? oid.slice(1) : oid;
}

export function isValidOid(oid: string): boolean {
  const arcs = oidArcs(oid);
  return arcs.length >= 2 && arcs.every((a) => Number.isSafeInteger(a) && a >= 0 && a <= 0xffffffff);
}
