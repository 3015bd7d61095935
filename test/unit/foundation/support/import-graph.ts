import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/** One file reached by the walk: its static, re-export and dynamic import specifiers, as written. */
export interface ImportNode {
  readonly file: string;
  readonly specifiers: readonly string[];
  /** The file that first imported this one (undefined for an entry): walk it back for the chain. */
  readonly via: string | undefined;
}

export type ImportGraph = ReadonlyMap<string, ImportNode>;

/** Every import/export-from/dynamic import()/require() specifier of one source text (comments and strings ignored). */
export function importSpecifiers(sourceText: string): string[] {
  const info = ts.preProcessFile(sourceText, true, true);
  return info.importedFiles.map((f) => f.fileName);
}

/** Resolves a relative specifier written without an extension (moduleResolution Bundler) to a file. */
export function resolveRelative(fromFile: string, specifier: string): string | undefined {
  // Vite suffixes (`./logo.svg?url`, `./worker?worker`) name the same file.
  const base = path.resolve(path.dirname(fromFile), specifier.replace(/[?#].*$/, ''));
  const candidates = [
    base,
    ...SOURCE_EXTENSIONS.map((ext) => base + ext),
    // `./x.js` written for a `./x.ts` file
    ...SOURCE_EXTENSIONS.map((ext) => base.replace(/\.[cm]?js$/, ext)),
    ...SOURCE_EXTENSIONS.map((ext) => path.join(base, `index${ext}`)),
  ];
  return candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
}

/** Source files under a folder, recursively (node_modules skipped). */
export function sourceFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...sourceFilesUnder(full));
    } else if (SOURCE_EXTENSIONS.includes(path.extname(entry.name)) && !entry.name.endsWith('.d.ts')) {
      out.push(full);
    }
  }
  return out.sort();
}

/**
 * Breadth-first walk of the static import graph from `entries`, following relative specifiers only
 * (bare specifiers are recorded, not followed). A relative specifier that resolves to nothing is kept in
 * `unresolved` so a typo cannot silently hide a part of the graph.
 */
export function walkImportGraph(entries: readonly string[]): { graph: ImportGraph; unresolved: string[] } {
  const graph = new Map<string, ImportNode>();
  const unresolved: string[] = [];
  const queue: Array<{ file: string; via: string | undefined }> = entries.map((file) => ({ file: path.resolve(file), via: undefined }));
  while (queue.length > 0) {
    const next = queue.shift();
    if (!next || graph.has(next.file)) continue;
    // Only script files have imports to follow; a stylesheet or an asset is a leaf.
    const specifiers = SOURCE_EXTENSIONS.includes(path.extname(next.file)) ? importSpecifiers(fs.readFileSync(next.file, 'utf8')) : [];
    graph.set(next.file, { file: next.file, specifiers, via: next.via });
    for (const spec of specifiers) {
      if (!spec.startsWith('.')) continue;
      const target = resolveRelative(next.file, spec);
      if (target) queue.push({ file: target, via: next.file });
      else unresolved.push(`${next.file}: ${spec}`);
    }
  }
  return { graph, unresolved };
}

export function isElectronSpecifier(spec: string): boolean {
  return spec === 'electron' || spec.startsWith('electron/');
}

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, m.split('/')[0] ?? m]));

export function isNodeBuiltinSpecifier(spec: string): boolean {
  return spec.startsWith('node:') || BUILTINS.has(spec) || BUILTINS.has(spec.split('/')[0] ?? spec);
}

export interface Violation {
  readonly file: string;
  readonly specifier: string;
  /** entry → … → file, so the failure message shows how the import became reachable. */
  readonly chain: readonly string[];
}

/** Every (file, specifier) in the graph that `forbidden` matches, with the import chain that reached it. */
export function findViolations(graph: ImportGraph, forbidden: (spec: string) => boolean): Violation[] {
  const out: Violation[] = [];
  for (const node of graph.values()) {
    for (const specifier of node.specifiers) {
      if (forbidden(specifier)) out.push({ file: node.file, specifier, chain: chainTo(graph, node.file) });
    }
  }
  return out;
}

function chainTo(graph: ImportGraph, file: string): string[] {
  const chain: string[] = [];
  for (let at: string | undefined = file; at !== undefined && chain.length < 100; at = graph.get(at)?.via) chain.unshift(at);
  return chain;
}
