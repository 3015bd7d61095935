import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import {
  findViolations,
  importSpecifiers,
  isElectronSpecifier,
  isNodeBuiltinSpecifier,
  sourceFilesUnder,
  walkImportGraph,
  type Violation,
} from './support/import-graph';

const root = path.resolve(import.meta.dirname, '../../..');
const rel = (f: string) => path.relative(root, f);
const describeViolations = (vs: Violation[]) => vs.map((v) => `${v.specifier} in ${v.chain.map(rel).join(' → ')}`).join('\n');

describe('runtime boundaries (DESIGN.md: the engine never imports electron; shared/ is Node- and DOM-free)', () => {
  it('no file reachable from electron/engine or electron/cli imports electron', () => {
    const entries = [...sourceFilesUnder(path.join(root, 'electron/engine')), ...sourceFilesUnder(path.join(root, 'electron/cli'))];
    expect(entries.length).toBeGreaterThan(10);
    const { graph, unresolved } = walkImportGraph(entries);
    expect(unresolved).toEqual([]);
    // The walk must leave its entries: the engine uses the contract in shared/.
    expect([...graph.keys()].some((f) => rel(f).startsWith(`shared${path.sep}`))).toBe(true);
    const violations = findViolations(graph, isElectronSpecifier);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it('shared/ imports no Node builtin and no electron, and reaches only shared/ files', () => {
    const entries = sourceFilesUnder(path.join(root, 'shared'));
    expect(entries.length).toBeGreaterThan(3);
    const { graph, unresolved } = walkImportGraph(entries);
    expect(unresolved).toEqual([]);
    const violations = findViolations(graph, (s) => isNodeBuiltinSpecifier(s) || isElectronSpecifier(s));
    expect(violations, describeViolations(violations)).toEqual([]);
    const outside = [...graph.keys()].map(rel).filter((f) => !f.startsWith(`shared${path.sep}`));
    expect(outside).toEqual([]);
  });

  it('the renderer (untrusted web content) reaches no Node builtin, no electron and no engine file', () => {
    const entries = sourceFilesUnder(path.join(root, 'renderer/src'));
    expect(entries.length).toBeGreaterThan(0);
    const { graph, unresolved } = walkImportGraph(entries);
    expect(unresolved).toEqual([]);
    const violations = findViolations(graph, (s) => isNodeBuiltinSpecifier(s) || isElectronSpecifier(s));
    expect(violations, describeViolations(violations)).toEqual([]);
    const intoElectron = [...graph.keys()].map(rel).filter((f) => f.startsWith(`electron${path.sep}`));
    expect(intoElectron).toEqual([]);
  });
});

describe('import walker', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  function tree(files: Record<string, string>): string {
    const t = makeTempDir('routewise-imports-');
    cleanup = t.cleanup;
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(t.dir, name)), { recursive: true });
      fs.writeFileSync(path.join(t.dir, name), text);
    }
    return t.dir;
  }

  it('reports electron imported two hops away, through re-exports and dynamic import(), with the chain', () => {
    const dir = tree({
      'engine/entry.ts': "export * from './util';\n",
      'engine/util/index.ts': "export { helper } from '../../lib/helper';\n",
      'lib/helper.ts': "export async function helper() { return (await import('electron')).app; }\n",
      'lib/unreached.ts': "import { ipcMain } from 'electron/main';\n",
    });
    const { graph, unresolved } = walkImportGraph([path.join(dir, 'engine/entry.ts')]);
    expect(unresolved).toEqual([]);
    const violations = findViolations(graph, isElectronSpecifier);
    expect(violations).toHaveLength(1);
    expect(violations[0]?.specifier).toBe('electron');
    expect(violations[0]?.chain.map((f) => path.relative(dir, f))).toEqual([
      path.join('engine', 'entry.ts'),
      path.join('engine', 'util', 'index.ts'),
      path.join('lib', 'helper.ts'),
    ]);
  });

  it('flags node builtins with and without the node: prefix, and electron subpaths', () => {
    expect(isNodeBuiltinSpecifier('node:fs')).toBe(true);
    expect(isNodeBuiltinSpecifier('fs/promises')).toBe(true);
    expect(isNodeBuiltinSpecifier('crypto')).toBe(true);
    expect(isNodeBuiltinSpecifier('zod')).toBe(false);
    expect(isElectronSpecifier('electron/main')).toBe(true);
    expect(isElectronSpecifier('electron-store')).toBe(false);
  });

  it('ignores imports inside comments and strings, and reports unresolvable relative imports', () => {
    expect(importSpecifiers("// import 'electron'\nconst s = `import('electron')`;\nimport './x';\n")).toEqual(['./x']);
    const dir = tree({ 'a.ts': "import './missing';\nimport logo from './logo.svg?url';\nimport './a.css';\n", 'logo.svg': '<svg/>', 'a.css': "@import 'electron';" });
    const walk = walkImportGraph([path.join(dir, 'a.ts')]);
    expect(walk.unresolved).toEqual([`${path.join(dir, 'a.ts')}: ./missing`]);
    expect(walk.graph.size).toBe(3);
    expect(findViolations(walk.graph, isElectronSpecifier)).toEqual([]);
  });
});
