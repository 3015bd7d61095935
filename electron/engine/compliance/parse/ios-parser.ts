import { type ConfigNode, makeNode, type ParsedConfig, splitLines } from './config-tree';

/**
 * IOS-style configuration (IOS, IOS-XE, NX-OS, ASA, EOS, FRR): a statement's sub-mode lines are indented
 * deeper than it. "!" lines are comments, "exit"/"exit-address-family"/"end" close modes. `banner <kind> <d>`
 * bodies run to the next delimiter <d> (Cisco IOS "banner motd" command reference) and are kept as one node's
 * children, so banner text is never read as commands.
 */
export function parseIosStyle(text: string): ParsedConfig {
  const roots: ConfigNode[] = [];
  const all: ConfigNode[] = [];
  const stack: Array<{ indent: number; node: ConfigNode }> = [];
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] ?? '').replace(/\s+$/, '');
    const body = raw.trimStart();
    if (body === '' || body.startsWith('!') || body === 'end' || /^exit(-[\w-]+)?$/.test(body)) continue;
    const indent = raw.length - body.length;
    while (stack.length > 0 && stack.at(-1)!.indent >= indent) stack.pop();
    const parent = stack.at(-1)?.node;
    const node = makeNode(i + 1, body, parent);
    all.push(node);
    if (!parent) roots.push(node);
    stack.push({ indent, node });

    // EOS: "banner login" alone, the text on the following lines up to a line "EOF" (Arista EOS manual, banner).
    if (/^banner\s+(login|motd)$/.test(body)) {
      while (++i < lines.length && (lines[i] ?? '').trim() !== 'EOF') {
        const part = (lines[i] ?? '').trim();
        if (part !== '') all.push(makeNode(i + 1, part, node));
      }
      stack.pop();
      continue;
    }
    const banner = /^banner\s+\S+\s+(\^C|\S)(.*)$/.exec(body);
    if (banner) {
      const delim = banner[1]!;
      const rest = banner[2] ?? '';
      if (rest.includes(delim)) continue;
      if (rest.trim() !== '') all.push(makeNode(i + 1, rest.trim(), node));
      while (++i < lines.length) {
        const l = lines[i] ?? '';
        const at = l.indexOf(delim);
        const part = (at >= 0 ? l.slice(0, at) : l).trim();
        if (part !== '') all.push(makeNode(i + 1, part, node));
        if (at >= 0) break;
      }
      stack.pop();
    }
  }
  return { style: 'ios', roots, all };
}
