/**
 * IOS-style configuration text (IOS/IOS-XE, EOS, FRR): top-level lines, indented children, `!` separators.
 * Enough structure to preview a merge and to derive the commands that turn one configuration into another
 * where the device cannot replace a whole file from the CLI session. Pure.
 */
export interface Block {
  line: string;
  children: string[];
}

/** Lines that are not configuration commands: comments, banners of `show running-config`, version stamps. */
const NOT_A_COMMAND = /^(?:!|end$|exit$|Building configuration|Current configuration|version |frr version |frr defaults |! Command:|! Time:|! device:)/;

export function parseBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === '') continue;
    if (/^\s/.test(line)) {
      const child = line.trim();
      if (child === 'exit' || child === '!' || child === 'exit-address-family') continue;
      blocks.at(-1)?.children.push(child);
      continue;
    }
    if (NOT_A_COMMAND.test(line)) continue;
    blocks.push({ line, children: [] });
  }
  return blocks;
}

/** Commands that take one value: a new value replaces the old line instead of adding a second one. */
const SINGLE_VALUED = ['hostname', 'snmp-server location', 'snmp-server contact', 'description', 'ip address', 'mtu', 'speed', 'switchport mode', 'switchport access vlan'];

function keyOf(line: string): string {
  return SINGLE_VALUED.find((s) => line === s || line.startsWith(`${s} `)) ?? line;
}

function mergeLines(into: string[], add: readonly string[]): string[] {
  let out = [...into];
  for (const line of add) {
    if (line.startsWith('no ')) {
      const target = line.slice(3);
      out = out.filter((l) => l !== target && keyOf(l) !== keyOf(target));
    } else out = [...out.filter((l) => keyOf(l) !== keyOf(line)), line];
  }
  return out;
}

/** What running would look like after a merge of `candidate` (for the diff preview of platforms without one). */
export function mergeBlocks(running: readonly Block[], candidate: readonly Block[]): Block[] {
  const out = running.map((b) => ({ line: b.line, children: [...b.children] }));
  for (const c of candidate) {
    const existing = out.find((b) => b.line === c.line && (b.children.length > 0 || c.children.length > 0));
    if (existing) {
      existing.children = mergeLines(existing.children, c.children);
      continue;
    }
    if (c.children.length > 0) {
      out.push({ line: c.line, children: mergeLines([], c.children) });
      continue;
    }
    const tops = mergeLines(out.filter((b) => b.children.length === 0).map((b) => b.line), [c.line]);
    for (let i = out.length - 1; i >= 0; i--) if (out[i]!.children.length === 0 && !tops.includes(out[i]!.line)) out.splice(i, 1);
    if (!c.line.startsWith('no ') && !out.some((b) => b.line === c.line)) out.push({ line: c.line, children: [] });
  }
  return out;
}

export function renderBlocks(blocks: readonly Block[], indent = ' '): string {
  return `${blocks.map((b) => [b.line, ...b.children.map((c) => `${indent}${c}`)].join('\n')).join('\n')}\n`;
}

/** The `no` form of a line. `description` is negated bare: FRR rejects `no description TEXT`, IOS accepts both. */
export function negate(line: string): string {
  return line.startsWith('description ') ? 'no description' : `no ${line}`;
}

/**
 * Configuration-mode commands that turn `running` into `target`: `no` for what target lacks, the lines it adds,
 * and for a block present in both, its changed children inside `block line … exit`.
 */
export function replaceCommands(runningText: string, targetText: string): string[] {
  const running = parseBlocks(runningText);
  const target = parseBlocks(targetText);
  const removals: string[] = [];
  const additions: string[] = [];
  const findIn = (list: Block[], b: Block) => list.find((x) => x.line === b.line);
  for (const r of running) {
    const t = findIn(target, r);
    if (!t) {
      // Physical interfaces cannot be deleted (FRR: "only inactive interfaces can be deleted"; IOS defaults them):
      // clear what is configured under them instead.
      if (r.line.startsWith('interface ') && r.children.length > 0) removals.push(r.line, ...r.children.filter((c) => !c.startsWith('no ')).map(negate), 'exit');
      else if (!r.line.startsWith('no ') && !r.line.startsWith('interface ')) removals.push(`no ${r.line}`);
      continue;
    }
    const gone = r.children.filter((c) => !t.children.includes(c) && !c.startsWith('no ') && !t.children.some((x) => keyOf(x) === keyOf(c) && keyOf(c) !== c));
    const added = t.children.filter((c) => !r.children.includes(c));
    if (gone.length || added.length) additions.push(r.line, ...gone.map(negate), ...added, 'exit');
  }
  for (const t of target) {
    if (findIn(running, t)) continue;
    if (t.children.length) additions.push(t.line, ...t.children, 'exit');
    else additions.push(t.line);
  }
  // A single-valued top line (hostname, snmp-server location) is replaced by its new value, not removed first.
  const keptRemovals = removals.filter((n) => {
    const line = n.slice(3);
    return !(keyOf(line) !== line && target.some((t) => keyOf(t.line) === keyOf(line)));
  });
  return [...keptRemovals, ...additions];
}
