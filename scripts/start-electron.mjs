#!/usr/bin/env node
// `npm start`: run the desktop app from this checkout.
// 1. The Electron binary must be installed (its postinstall download is disabled in package.json's
//    allowScripts, so a plain `npm install` never fetches it).
// 2. Build dist/ if any source is newer (scripts/build.mjs --if-stale).
// 3. better-sqlite3 in node_modules is built for Node (CLI, tests). The app needs a build for Electron's
//    ABI: keep one beside it in .routewise-dev/electron-native/ (built once, never in place) and hand its
//    path to the engine through ROUTEWISE_SQLITE_BINDING (better-sqlite3's nativeBinding option).
// 4. Launch Electron on this folder; extra arguments are passed on (e.g. `npm start -- --no-sandbox`).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronPkgDir = path.join(root, 'node_modules', 'electron');

export const MISSING_BINARY_MESSAGE = `The Electron binary is not installed: node_modules/electron/dist is missing.

This checkout's package.json denies electron's postinstall script (allowScripts), so \`npm install\`
installs only Electron's type definitions and downloads nothing from Electron's download host.
To run the desktop app, on a machine that can reach https://github.com/electron/electron/releases:

    node node_modules/electron/install.js      # downloads the binary into node_modules/electron/dist
    npm start

Without Electron you can still use everything else:
    npm run serve                              # the same app in your browser, engine on 127.0.0.1
    node bin/routewise.mjs --help              # the CLI
`;

/** The installed Electron executable, or null (electron's index.js reads path.txt written by install.js). */
export function electronExecutable() {
  const dist = path.join(electronPkgDir, 'dist');
  const pathTxt = path.join(electronPkgDir, 'path.txt');
  if (!fs.existsSync(dist) || !fs.existsSync(pathTxt)) return null;
  const exe = path.join(dist, fs.readFileSync(pathTxt, 'utf8').trim());
  return fs.existsSync(exe) ? exe : null;
}

function electronVersion() {
  return JSON.parse(fs.readFileSync(path.join(electronPkgDir, 'package.json'), 'utf8')).version;
}

/** Path of the Electron-ABI better-sqlite3 binding for this Electron version, platform and arch. */
export function electronSqliteBindingPath(version = electronVersion()) {
  return path.join(root, '.routewise-dev', 'electron-native', `electron-${version}-${process.platform}-${process.arch}`, 'better_sqlite3.node');
}

/**
 * Builds better-sqlite3 for Electron in a scratch copy (never in node_modules, whose Node build the CLI
 * and tests use), with @electron/rebuild (node-gyp + Electron's headers; needs the network once).
 */
async function buildElectronSqlite(target, version) {
  const work = path.join(root, '.routewise-dev', 'electron-native', 'work');
  fs.rmSync(work, { recursive: true, force: true });
  const src = path.join(root, 'node_modules', 'better-sqlite3');
  const pkg = JSON.parse(fs.readFileSync(path.join(src, 'package.json'), 'utf8'));
  fs.mkdirSync(path.join(work, 'node_modules'), { recursive: true });
  fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'routewise-electron-native', private: true, dependencies: { 'better-sqlite3': pkg.version } }));
  fs.cpSync(src, path.join(work, 'node_modules', 'better-sqlite3'), {
    recursive: true,
    // Skip the Node build; node-gyp makes a fresh one.
    filter: (p) => {
      const rel = path.relative(src, p);
      return rel !== 'build' && !rel.startsWith(`build${path.sep}`);
    },
  });
  process.stdout.write(`Building better-sqlite3 ${pkg.version} for Electron ${version} (once; kept in ${path.relative(root, path.dirname(target))})…\n`);
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: work, electronVersion: version, onlyModules: ['better-sqlite3'], force: true, buildFromSource: true });
  const built = path.join(work, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (!fs.existsSync(built)) throw new Error(`@electron/rebuild finished but ${built} does not exist`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(built, target);
  fs.rmSync(work, { recursive: true, force: true });
}

/** The Electron-ABI better-sqlite3 binding, built on first use; the e2e test uses it too. */
export async function ensureElectronSqliteBinding() {
  const version = electronVersion();
  const binding = electronSqliteBindingPath(version);
  if (!fs.existsSync(binding)) await buildElectronSqlite(binding, version);
  return binding;
}

/** ELECTRON_RUN_AS_NODE inherited from a parent tool would start Electron as plain Node. */
function withoutRunAsNode(env) {
  const copy = { ...env };
  delete copy.ELECTRON_RUN_AS_NODE;
  return copy;
}

async function main() {
  const exe = electronExecutable();
  if (!exe) {
    process.stderr.write(MISSING_BINARY_MESSAGE);
    process.exit(1);
  }
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--if-stale'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);

  const binding = await ensureElectronSqliteBinding();

  const child = spawn(exe, [root, ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...withoutRunAsNode(process.env), ROUTEWISE_SQLITE_BINDING: binding },
  });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    process.stderr.write(`npm start failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
