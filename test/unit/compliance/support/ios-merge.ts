/**
 * A small model of how IOS merges pasted configuration into the running config, enough to check that a
 * remediation's lines make a rule pass: "no X" removes X (and shows as a line, as IOS does for features that are
 * on by default), a command with a value replaces the same command's old value, sub-mode lines merge into their
 * block, and "line vty 0 15" reaches every vty block the config lists separately. Not a full IOS emulation.
 */
interface Block {
  head: string;
  /** Sub-mode lines as written (indentation kept), or a banner's body and closing delimiter. */
  children: string[];
}

const KEYED = [
  /^(username \S+)/,
  /^(enable) (?:algorithm-type \S+ )?secret\b/,
  /^(exec-timeout|transport input|access-class|ip ssh version|ip ssh server algorithm encryption|ip ssh time-out|ip ssh authentication-retries|logging trap|logging console|logging buffered|service timestamps (?:log|debug)|hostname|cipher|idle-timeout|login block-for|security passwords min-length|ntp authentication-key \d+|banner (?:login|motd|exec))\b/,
];

function key(line: string): string {
  const t = line.trim().replace(/^no /, '');
  for (const re of KEYED) {
    const m = re.exec(t);
    if (m) return m[1]!;
  }
  return t;
}

function parse(text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\s+$/, '');
    if (raw.trim() === '' || raw.trim() === 'end') continue;
    if (/^\s/.test(raw) && blocks.length > 0) {
      blocks.at(-1)!.children.push(raw);
      continue;
    }
    const block: Block = { head: raw, children: [] };
    blocks.push(block);
    const banner = /^banner\s+\S+\s+(\^C|\S)(.*)$/.exec(raw);
    if (banner && !banner[2]!.includes(banner[1]!)) {
      while (++i < lines.length) {
        block.children.push(lines[i]!);
        if (lines[i]!.includes(banner[1]!)) break;
      }
    }
  }
  return blocks;
}

/** Whether entering `added` removes the existing line `old` (same command, or its negation). */
function supersedes(added: string, old: string): boolean {
  const a = added.trim();
  const o = old.trim();
  if (key(a) === key(o)) return true;
  if (!a.startsWith('no ')) return false;
  const target = a.slice(3);
  return o === target || o.startsWith(`${target} `);
}

function mergeLines(existing: string[], added: string[]): string[] {
  let out = [...existing];
  for (const line of added) {
    out = out.filter((l) => !supersedes(line, l));
    out.push(line);
  }
  return out;
}

/** The config text after merging `change` into `running`. */
export function iosMerge(running: string, change: string): string {
  let blocks = parse(running);
  for (const b of parse(change)) {
    const isBanner = /^banner\s/.test(b.head);
    if (b.children.length > 0 && !isBanner) {
      const targets = /^line vty 0 15$/.test(b.head) ? blocks.filter((x) => /^line vty\b/.test(x.head)) : blocks.filter((x) => x.head === b.head);
      if (targets.length === 0) blocks.push({ head: b.head, children: [...b.children] });
      for (const t of targets) t.children = mergeLines(t.children, b.children);
      continue;
    }
    blocks = blocks.filter((x) => !supersedes(b.head, x.head));
    blocks.push({ head: b.head, children: [...b.children] });
  }
  return `${blocks.map((b) => [b.head, ...b.children].join('\n')).join('\n')}\nend\n`;
}
