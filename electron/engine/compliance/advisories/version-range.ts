/**
 * Vendor firmware versions compared segment by segment: numbers numerically, letters as text, so
 * "17.9.4a" > "17.9.4", "15.2(7)E4" > "15.2(7)E3", "21.4R3-S5" > "21.4R3", "7.2.10" > "7.2.9".
 * A build/maintenance suffix sorts after the plain release (Junos R3-S5 is a service release of R3).
 */
type Segment = number | string;

export function versionSegments(v: string): Segment[] {
  const out: Segment[] = [];
  const re = /(\d+)|([A-Za-z]+)/g;
  for (let m = re.exec(v); m; m = re.exec(v)) out.push(m[1] !== undefined ? Number(m[1]) : m[2]!.toLowerCase());
  return out;
}

export function compareVersions(a: string, b: string): number {
  const x = versionSegments(a);
  const y = versionSegments(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (p === q) continue;
    if (typeof p === 'number' && typeof q === 'number') return p < q ? -1 : 1;
    // A number after a shared prefix ranks above a letter there ("4.30.1" vs "4.30.F" is rare; keep it stable).
    if (typeof p === 'number') return 1;
    if (typeof q === 'number') return -1;
    return p < q ? -1 : 1;
  }
  return 0;
}

export type Comparator = '<' | '<=' | '>' | '>=' | '=' | '!=';
export interface Constraint {
  readonly op: Comparator;
  readonly version: string;
}

function holds(c: Constraint, v: string): boolean {
  const r = compareVersions(v, c.version);
  switch (c.op) {
    case '<':
      return r < 0;
    case '<=':
      return r <= 0;
    case '>':
      return r > 0;
    case '>=':
      return r >= 0;
    case '=':
      return r === 0;
    case '!=':
      return r !== 0;
  }
}

function parseConstraint(s: string): Constraint {
  const m = /^\s*(<=|>=|!=|<|>|=)?\s*(\S+)\s*$/.exec(s);
  if (!m) throw new Error(`not a version constraint: ${s}`);
  return { op: (m[1] as Comparator | undefined) ?? '=', version: m[2]! };
}

/**
 * A version range in the purl "vers" syntax used by CSAF 2.0 product_version_range
 * (`vers:generic/>=17.9.0|<17.9.4`; spec: github.com/package-url/purl-spec VERSION-RANGE-SPEC), or the
 * shorthand `>=17.9.4 <17.10` (space = and). vers constraints are sorted; each `>`/`>=` opens an interval
 * closed by the next `<`/`<=`; `=` pins one version and `!=` excludes one; `*` matches everything.
 */
export function parseRange(spec: string): (version: string) => boolean {
  const s = spec.trim();
  if (s === '*' || s === 'vers:generic/*' || /^vers:[^/]+\/\*$/.test(s)) return () => true;
  if (s.startsWith('vers:')) {
    const body = s.slice(s.indexOf('/') + 1);
    const constraints = body.split('|').map(parseConstraint);
    return (v) => matchesVers(constraints, v);
  }
  const all = s.split(/\s+/).filter(Boolean).map(parseConstraint);
  return (v) => all.every((c) => holds(c, v));
}

function matchesVers(constraints: Constraint[], v: string): boolean {
  if (constraints.some((c) => c.op === '!=' && compareVersions(v, c.version) === 0)) return false;
  const rest = constraints.filter((c) => c.op !== '!=').sort((a, b) => compareVersions(a.version, b.version));
  if (rest.some((c) => c.op === '=' && compareVersions(v, c.version) === 0)) return true;
  const bounds = rest.filter((c) => c.op !== '=');
  for (let i = 0; i < bounds.length; i++) {
    const c = bounds[i]!;
    if (c.op === '>' || c.op === '>=') {
      const upper = bounds[i + 1];
      if (!holds(c, v)) continue;
      if (!upper || upper.op === '>' || upper.op === '>=') return true;
      if (holds(upper, v)) return true;
      i++;
    } else if (i === 0 && holds(c, v)) {
      // A leading `<`/`<=` is an interval open to the bottom.
      return true;
    }
  }
  return false;
}

export function inAnyRange(version: string, ranges: readonly string[]): boolean {
  return ranges.some((r) => parseRange(r)(version));
}
