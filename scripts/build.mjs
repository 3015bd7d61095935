#!/usr/bin/env node
// `npm run build`: the renderer (vite, configured in vite.config.ts) and four esbuild bundles:
//   dist/electron/main/main.js           Electron main (ESM; electron external)
//   dist/electron/preload/preload.cjs    sandboxed preload: ONE CommonJS file, only require('electron')
//   dist/electron/engine/utility-entry.mjs  the engine in Electron's utilityProcess
//   dist/cli/routewise.mjs               the CLI that bin/routewise.mjs runs when the TypeScript source is absent
// The engine and CLI bundles leave npm packages external: they resolve from node_modules at run time, so
// native modules (better-sqlite3, ssh2's optional crypto binding) load the build made for their runtime.
// Flags: --if-stale (skip when dist is newer than every source), --skip-renderer, --quiet.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const stampFile = path.join(dist, '.build-stamp');
const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');
const say = (msg) => {
  if (!quiet) process.stdout.write(`${msg}\n`);
};

// Electron 39 ships Node 22 and Chromium 142; the CLI runs on Node >= 20.19 (package.json engines).
const NODE_TARGET = 'node20.19';
const CHROME_TARGET = 'chrome142';
// No `require` shim: the ESM bundles hold only our ESM sources and ESM packages (zod); every CommonJS
// package stays external, so esbuild never emits its throwing `__require`. checkNoDynamicRequire() enforces it.

export const BUNDLES = [
  {
    name: 'main',
    entryPoints: ['electron/main/main.ts'],
    outfile: 'dist/electron/main/main.js',
    platform: 'node',
    format: 'esm',
    target: NODE_TARGET,
    external: ['electron'],
  },
  {
    name: 'preload',
    entryPoints: ['electron/preload/preload.ts'],
    outfile: 'dist/electron/preload/preload.cjs',
    // A sandboxed preload runs in a browser-like context with a tiny require that knows only 'electron'
    // and a few polyfilled modules (https://www.electronjs.org/docs/latest/tutorial/sandbox#preload-scripts).
    platform: 'browser',
    format: 'cjs',
    target: CHROME_TARGET,
    external: ['electron'],
  },
  {
    name: 'engine',
    entryPoints: ['electron/engine/host/utility-entry.ts'],
    outfile: 'dist/electron/engine/utility-entry.mjs',
    platform: 'node',
    format: 'esm',
    target: NODE_TARGET,
    packages: 'external',
  },
  {
    name: 'cli',
    entryPoints: ['electron/cli/main.ts'],
    outfile: 'dist/cli/routewise.mjs',
    platform: 'node',
    format: 'esm',
    target: NODE_TARGET,
    packages: 'external',
  },
];

const SOURCE_DIRS = ['electron', 'shared', 'renderer'];
const SOURCE_FILES = ['package.json', 'vite.config.ts', 'scripts/build.mjs'];

export function newestSourceMtimeMs() {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p)) if (name !== 'node_modules') visit(path.join(p, name));
    } else if (st.mtimeMs > newest) newest = st.mtimeMs;
  };
  for (const d of SOURCE_DIRS) visit(path.join(root, d));
  for (const f of SOURCE_FILES) visit(path.join(root, f));
  return newest;
}

export function isBuildStale() {
  const outputs = [stampFile, ...BUNDLES.map((b) => path.join(root, b.outfile)), path.join(dist, 'renderer', 'index.html')];
  if (!outputs.every((f) => fs.existsSync(f))) return true;
  return fs.statSync(stampFile).mtimeMs < newestSourceMtimeMs();
}

function buildRenderer() {
  if (!fs.existsSync(path.join(root, 'vite.config.ts'))) {
    throw new Error('vite.config.ts is missing: the renderer cannot be built');
  }
  say('renderer: vite build');
  const vite = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'vite.cmd' : 'vite');
  const run = spawnSync(vite, ['build', ...(quiet ? ['--logLevel', 'warn'] : [])], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`vite build failed (exit ${run.status ?? run.signal})`);
}

/** Bundles everything into `<outRoot>/dist/…` (outRoot defaults to the repository; tests use a scratch folder). */
export async function buildBundles({ outRoot = root, log = say } = {}) {
  for (const { name, outfile, ...options } of BUNDLES) {
    const result = await esbuild.build({
      absWorkingDir: root,
      bundle: true,
      sourcemap: 'linked',
      legalComments: 'none',
      logLevel: 'warning',
      metafile: true,
      ...options,
      outfile: path.join(outRoot, outfile),
    });
    const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
    log(`${name}: ${outfile} (${(bytes / 1024).toFixed(0)} KiB with source map)`);
  }
  checkPreloadIsSelfContained(outRoot);
  checkNoDynamicRequire(outRoot);
}

/** A sandboxed preload that requires anything but electron fails at run time; catch it at build time. */
export function checkPreloadIsSelfContained(outRoot = root) {
  const preload = fs.readFileSync(path.join(outRoot, 'dist/electron/preload/preload.cjs'), 'utf8');
  const required = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  const others = required.filter((r) => r !== 'electron');
  if (others.length) throw new Error(`preload.cjs requires ${others.join(', ')}: a sandboxed preload may only require electron`);
}

/** esbuild's ESM `__require` throws "Dynamic require of x is not supported" at run time; refuse it now. */
function checkNoDynamicRequire(outRoot) {
  for (const b of BUNDLES.filter((x) => x.format === 'esm')) {
    const code = fs.readFileSync(path.join(outRoot, b.outfile), 'utf8');
    if (code.includes('Dynamic require of')) {
      throw new Error(`${b.outfile} bundles CommonJS code that calls require(): mark that package external`);
    }
  }
}

function checkCliBundle() {
  const run = spawnSync(process.execPath, [path.join(root, 'dist/cli/routewise.mjs'), '--version'], { encoding: 'utf8' });
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  if (run.status !== 0 || run.stdout.trim() !== version) {
    throw new Error(`dist/cli/routewise.mjs --version printed "${run.stdout.trim()}" (exit ${run.status}), expected ${version}: ${run.stderr}`);
  }
  say(`cli: node dist/cli/routewise.mjs --version → ${version}`);
}

async function main() {
  if (args.has('--if-stale') && !isBuildStale()) {
    say('build: dist/ is up to date');
    return;
  }
  const started = Date.now();
  if (!args.has('--skip-renderer')) buildRenderer();
  await buildBundles();
  checkCliBundle();
  fs.writeFileSync(stampFile, `${new Date().toISOString()}\n`);
  say(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    process.stderr.write(`build failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
