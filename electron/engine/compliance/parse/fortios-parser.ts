import { type ConfigNode, makeNode, type ParsedConfig, splitLines } from './config-tree';

/**
 * FortiOS `show full-configuration` / backup files: `config <path>` opens a table or object, `edit <name>`
 * an entry, `set`/`unset` are attributes, `next` closes an entry, `end` closes a config (FortiOS CLI
 * Reference, "CLI configuration commands"). Multi-line quoted values (certificates, replacement messages)
 * are folded into their `set` line.
 */
export function parseFortios(text: string): ParsedConfig {
  const roots: ConfigNode[] = [];
  const all: ConfigNode[] = [];
  const stack: ConfigNode[] = [];
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    let t = (lines[i] ?? '').trim();
    const lineNo = i + 1;
    if (t === '' || t.startsWith('#')) continue;
    // An odd number of unescaped quotes: the value continues on the next lines.
    while (((t.match(/(?<!\\)"/g) ?? []).length % 2) === 1 && i + 1 < lines.length) t += `\n${lines[++i] ?? ''}`;
    if (t === 'end' || t === 'next') {
      if (t === 'next' && stack.at(-1)?.text.startsWith('edit ')) stack.pop();
      else if (t === 'end') {
        while (stack.length > 0 && !stack.at(-1)!.text.startsWith('config ')) stack.pop();
        stack.pop();
      }
      continue;
    }
    const parent = stack.at(-1);
    const node = makeNode(lineNo, t.split('\n')[0]!.length < t.length ? t.replace(/\n[\s\S]*$/, ' …') : t, parent);
    all.push(node);
    if (!parent) roots.push(node);
    if (t.startsWith('config ') || t.startsWith('edit ')) stack.push(node);
  }
  return { style: 'fortios', roots, all };
}
