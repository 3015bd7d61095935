/**
 * IOS-style configuration text (IOS-XE, EOS, FRR): top-level lines, each with indented children, "!"
 * separators. Enough structure to apply `no …`, replace single-valued lines and render it back.
 */
export interface ConfigBlock {
  line: string;
  children: string[];
}

export interface IosConfig {
  header: string[];
  blocks: ConfigBlock[];
}

const SINGLE_TOP = ['hostname', 'snmp-server contact', 'snmp-server location', 'ip domain name', 'ip domain-name', 'banner motd', 'clock timezone', 'ntp source'];
const SINGLE_CHILD = ['description', 'ip address', 'mtu', 'speed', 'switchport mode', 'switchport access vlan'];

export function parseIosConfig(text: string, blockEnd?: string): IosConfig {
  const header: string[] = [];
  const blocks: ConfigBlock[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (line === '' || line === 'end' || (blockEnd !== undefined && line === blockEnd)) continue;
    if (line.startsWith('!')) {
      if (blocks.length === 0 && line.length > 1) header.push(line);
      continue;
    }
    if (/^\s/.test(line) && blocks.length > 0) blocks.at(-1)!.children.push(line.trim());
    else blocks.push({ line: line.trim(), children: [] });
  }
  return { header, blocks };
}

export function renderIosConfig(cfg: IosConfig, childIndent = ' ', blockEnd?: string): string {
  const out = [...cfg.header, '!'];
  for (const b of cfg.blocks) {
    out.push(b.line);
    for (const c of b.children) out.push(`${childIndent}${c}`);
    if (b.children.length > 0) {
      if (blockEnd) out.push(blockEnd);
      out.push('!');
    }
  }
  out.push('end');
  return `${out.join('\n')}\n`;
}

function keyOf(line: string, singles: readonly string[]): string {
  return singles.find((s) => line === s || line.startsWith(`${s} `)) ?? line;
}

function applyLine(lines: string[], line: string, singles: readonly string[]): string[] {
  if (line.startsWith('no ')) {
    const target = line.slice(3);
    const key = keyOf(target, singles);
    return lines.filter((l) => keyOf(l, singles) !== key && l !== target && !l.startsWith(`${target} `));
  }
  const key = keyOf(line, singles);
  // "shutdown" and "no shutdown" replace each other.
  const filtered = lines.filter((l) => keyOf(l, singles) !== key && !(line === 'shutdown' && l === 'no shutdown'));
  return [...filtered, line];
}

/** Apply one global configuration line; returns the (possibly new) block the line opened as context. */
export function applyTop(cfg: IosConfig, line: string, contextPrefixes: readonly string[]): { cfg: IosConfig; context?: string } {
  const opens = contextPrefixes.some((p) => line.startsWith(`${p} `));
  if (opens) {
    if (!cfg.blocks.some((b) => b.line === line)) return { cfg: { ...cfg, blocks: [...cfg.blocks, { line, children: [] }] }, context: line };
    return { cfg, context: line };
  }
  if (line.startsWith('no ') && contextPrefixes.some((p) => line.slice(3).startsWith(`${p} `))) {
    return { cfg: { ...cfg, blocks: cfg.blocks.filter((b) => b.line !== line.slice(3)) } };
  }
  const topLines = cfg.blocks.filter((b) => b.children.length === 0 && !contextPrefixes.some((p) => b.line.startsWith(`${p} `))).map((b) => b.line);
  const next = applyLine(topLines, line, SINGLE_TOP);
  const kept = cfg.blocks.filter((b) => b.children.length > 0 || contextPrefixes.some((p) => b.line.startsWith(`${p} `)) || next.includes(b.line));
  const added = next.filter((l) => !kept.some((b) => b.line === l)).map((l) => ({ line: l, children: [] }));
  return { cfg: { ...cfg, blocks: added.reduce(placeTopLine, kept) } };
}

/**
 * Where the device shows a new global line: running configs are generated in a fixed order, so a line joins the
 * lines of its kind (`service …` beside the other `service` lines, `ntp …` beside `ntp …`) instead of the end;
 * a line of a new kind goes last. Removing a line and adding it back therefore gives the same text again.
 */
function placeTopLine(blocks: ConfigBlock[], add: ConfigBlock): ConfigBlock[] {
  const kind = add.line.split(' ')[0];
  let at = -1;
  blocks.forEach((b, i) => {
    if (b.children.length === 0 && b.line.split(' ')[0] === kind) at = i;
  });
  return at === -1 ? [...blocks, add] : [...blocks.slice(0, at + 1), add, ...blocks.slice(at + 1)];
}

export function applyChild(cfg: IosConfig, context: string, line: string): IosConfig {
  return {
    ...cfg,
    blocks: cfg.blocks.map((b) => (b.line === context ? { ...b, children: applyLine(b.children, line, SINGLE_CHILD) } : b)),
  };
}

export function topValue(text: string, key: string): string | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${key} `));
  return line?.slice(key.length + 1).trim();
}

/** Parse and render once, so a no-op change leaves the text byte-identical. */
export function normalizeIosConfig(text: string, childIndent = ' ', blockEnd?: string): string {
  return renderIosConfig(parseIosConfig(text, blockEnd), childIndent, blockEnd);
}

const GLOBAL_LINE = /^(hostname|snmp-server|ip |ipv6 |no |ntp |logging |banner |username |lldp |service |vrf |router |route-map |access-list )/;

/**
 * Apply one configuration-mode line to IOS-style text as the platform would: context lines (interface …)
 * open a sub-mode, global commands leave it, other lines go into the open context.
 */
export function applyIosConfigLine(
  text: string,
  context: string | undefined,
  line: string,
  contexts: readonly string[],
  render: { childIndent?: string; blockEnd?: string } = {},
): { text: string; context: string | undefined } {
  let cfg = parseIosConfig(text, render.blockEnd);
  let next = context;
  const isTop = !context || contexts.some((p) => line.startsWith(`${p} `)) || GLOBAL_LINE.test(line);
  if (context && !isTop) cfg = applyChild(cfg, context, line);
  else {
    const r = applyTop(cfg, line, contexts);
    cfg = r.cfg;
    next = r.context;
  }
  return { text: renderIosConfig(cfg, render.childIndent ?? ' ', render.blockEnd), context: next };
}
