import { type ConfigNode, makeNode, type ParsedConfig, splitLines } from './config-tree';

/**
 * MikroTik RouterOS `/export`: a `/menu path` line opens a section, the following `add`/`set` lines belong
 * to it; a trailing backslash continues a command on the next line (RouterOS manual, "Configuration
 * Management" → export). A command written with its path inline (`/ip service set telnet disabled=yes`) is
 * split into the section and the command.
 */
export function parseRouteros(text: string): ParsedConfig {
  const roots: ConfigNode[] = [];
  const all: ConfigNode[] = [];
  const sections = new Map<string, ConfigNode>();
  let current: ConfigNode | undefined;
  const lines = splitLines(text);
  const section = (path: string, lineNo: number): ConfigNode => {
    let s = sections.get(path);
    if (!s) {
      s = makeNode(lineNo, path, undefined);
      sections.set(path, s);
      roots.push(s);
      all.push(s);
    }
    return s;
  };
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let t = (lines[i] ?? '').trim();
    while (t.endsWith('\\') && i + 1 < lines.length) t = `${t.slice(0, -1)}${(lines[++i] ?? '').trim()}`;
    if (t === '' || t.startsWith('#')) continue;
    if (t.startsWith('/')) {
      const cmd = /^(\/[^=]*?)\s+((?:add|set|remove|enable|disable)\b.*)$/.exec(t);
      current = section(cmd ? cmd[1]!.trim() : t, lineNo);
      if (cmd) all.push(makeNode(lineNo, cmd[2]!, current));
      continue;
    }
    const node = makeNode(lineNo, t, current);
    all.push(node);
    if (!current) roots.push(node);
  }
  return { style: 'routeros', roots, all };
}
