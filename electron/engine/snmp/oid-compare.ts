/**
 * Lexicographic comparison of two canonical dotted OIDs (decimal arcs without leading zeros, as the
 * BER decoder produces them) without splitting either string: walks the common prefix, then compares the
 * arcs where they part by digit count and first differing digit. Same result as compareArcs(oidArcs(a),
 * oidArcs(b)); a walk makes one such comparison per varbind, so it must not allocate.
 */
export function compareCanonicalOids(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === a.length || i === b.length) {
    if (a.length === b.length) return 0;
    // One is a prefix of the other; the longer wins if it continues with a new arc ('.'), otherwise its
    // current arc has more digits and is therefore larger too.
    return a.length - b.length;
  }
  // Where the strings part, each side's current arc runs to its next '.' (or the end).
  const ca = a.charCodeAt(i);
  const cb = b.charCodeAt(i);
  if (ca === 46) return -1; // a's arc ended first: shorter number
  if (cb === 46) return 1;
  let ea = i;
  while (ea < a.length && a.charCodeAt(ea) !== 46) ea++;
  let eb = i;
  while (eb < b.length && b.charCodeAt(eb) !== 46) eb++;
  if (ea - i !== eb - i) return ea - i - (eb - i);
  return ca - cb;
}
