import { type ConfigNode, makeNode, type ParsedConfig, splitLines } from './config-tree';

/**
 * Junos configuration as `set` statements (`show configuration | display set`). The curly-brace form
 * (`show configuration`) is flattened to the same `set` statements, each keeping the line number of its
 * leaf, so one rule works on both. Quoted strings keep their spaces; `/* … *\/` and `#` comments are skipped
 * (Junos CLI User Guide, "Displaying the configuration as set commands").
 */
export function parseJunos(text: string): ParsedConfig {
  return /^\s*set\s/m.test(text) && !/\{\s*$/m.test(text) ? parseSetForm(text) : parseCurly(text);
}

function parseSetForm(text: string): ParsedConfig {
  const all: ConfigNode[] = [];
  splitLines(text).forEach((raw, i) => {
    const t = raw.trim();
    if (/^(set|deactivate|delete)\s/.test(t)) all.push(makeNode(i + 1, t, undefined));
  });
  return { style: 'junos-set', roots: all, all };
}

function tokens(s: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(s); m; m = re.exec(s)) out.push(m[1] !== undefined ? `"${m[1]}"` : m[2]!);
  return out;
}

function parseCurly(text: string): ParsedConfig {
  const all: ConfigNode[] = [];
  const path: string[][] = [];
  let inComment = false;
  splitLines(text).forEach((raw, i) => {
    let t = raw.trim();
    if (inComment) {
      if (t.includes('*/')) inComment = false;
      return;
    }
    if (t.startsWith('/*')) {
      if (!t.includes('*/')) inComment = true;
      return;
    }
    if (t === '' || t.startsWith('#')) return;
    t = t.replace(/\s+#.*$/, '');
    if (t === '}') {
      path.pop();
      return;
    }
    const inactive = t.startsWith('inactive: ');
    if (inactive) t = t.slice('inactive: '.length);
    if (t.endsWith('{')) {
      path.push(tokens(t.slice(0, -1)));
      return;
    }
    const stmt = t.replace(/;$/, '');
    const flat = [...path.flat(), ...tokens(stmt)];
    // Leaf lists: "members [ a b ];" is one set statement per member.
    const list = /^(.*)\[\s*(.*?)\s*\]$/.exec(flat.join(' '));
    const texts = list ? tokens(list[2]!).map((m) => `${list[1]!.trim()} ${m}`) : [flat.join(' ')];
    for (const x of texts) all.push(makeNode(i + 1, `${inactive ? 'deactivate' : 'set'} ${x}`, undefined));
  });
  return { style: 'junos-set', roots: all, all };
}
