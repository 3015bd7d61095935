/**
 * A line-based unified diff (the `diff -u` format of GNU diffutils) computed with Myers' O(ND) algorithm
 * (E. Myers, "An O(ND) Difference Algorithm and Its Variations", 1986). Used where a device has no native
 * compare and by the config archive. Pure: no I/O.
 */
export interface UnifiedDiffOptions {
  fromLabel?: string;
  toLabel?: string;
  /** Unchanged lines shown around each change (diff -u default: 3). */
  context?: number;
}

type Op = { kind: ' ' | '-' | '+'; line: string };

export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((l) => l.replace(/\r$/, ''));
}

/** The shortest edit script from a to b, as keep/delete/insert operations. */
export function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  // Trim the common prefix and suffix first: config changes are small and local.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const middle = myers(a.slice(start, endA), b.slice(start, endB));
  return [
    ...a.slice(0, start).map((line) => ({ kind: ' ' as const, line })),
    ...middle,
    ...a.slice(endA).map((line) => ({ kind: ' ' as const, line })),
  ];
}

function myers(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((line) => ({ kind: '+', line }));
  if (m === 0) return a.map((line) => ({ kind: '-', line }));
  const max = n + m;
  const offset = max;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk the trace backwards to recover the path.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[--x]! });
      y--;
    }
    if (d > 0) {
      if (x === prevX) ops.push({ kind: '+', line: b[--y]! });
      else ops.push({ kind: '-', line: a[--x]! });
    }
  }
  return ops.reverse();
}

/** `diff -u` text of two texts; '' when they have the same lines. */
export function unifiedDiff(before: string, after: string, opts: UnifiedDiffOptions = {}): string {
  const ops = diffLines(splitLines(before), splitLines(after));
  if (!ops.some((o) => o.kind !== ' ')) return '';
  const context = opts.context ?? 3;
  const out = [`--- ${opts.fromLabel ?? 'running'}`, `+++ ${opts.toLabel ?? 'candidate'}`];
  // Line numbers before each op, to label hunks.
  const posA: number[] = [];
  const posB: number[] = [];
  let la = 0;
  let lb = 0;
  for (const o of ops) {
    posA.push(la);
    posB.push(lb);
    if (o.kind !== '+') la++;
    if (o.kind !== '-') lb++;
  }
  const changed = ops.map((o, i) => (o.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  let h = 0;
  while (h < changed.length) {
    let first = changed[h]!;
    let last = first;
    while (h + 1 < changed.length && changed[h + 1]! - last <= 2 * context + 1) last = changed[++h]!;
    h++;
    first = Math.max(0, first - context);
    last = Math.min(ops.length - 1, last + context);
    const hunk = ops.slice(first, last + 1);
    const countA = hunk.filter((o) => o.kind !== '+').length;
    const countB = hunk.filter((o) => o.kind !== '-').length;
    const startA = countA === 0 ? posA[first]! : posA[first]! + 1;
    const startB = countB === 0 ? posB[first]! : posB[first]! + 1;
    out.push(`@@ -${range(startA, countA)} +${range(startB, countB)} @@`);
    for (const o of hunk) out.push(`${o.kind}${o.line}`);
  }
  return `${out.join('\n')}\n`;
}

function range(start: number, count: number): string {
  return count === 1 ? String(start) : `${start},${count}`;
}
