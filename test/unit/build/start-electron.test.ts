import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const hasElectronBinary = fs.existsSync(path.join(root, 'node_modules/electron/dist'));

describe('npm start (scripts/start-electron.mjs)', () => {
  it.skipIf(hasElectronBinary)('without the Electron binary, explains how to get it and exits 1 before building anything', () => {
    const stampBefore = fs.existsSync(path.join(root, 'dist/.build-stamp')) ? fs.statSync(path.join(root, 'dist/.build-stamp')).mtimeMs : null;
    const run = spawnSync(process.execPath, [path.join(root, 'scripts/start-electron.mjs')], { encoding: 'utf8', cwd: root });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('node_modules/electron/dist is missing');
    expect(run.stderr).toContain('node node_modules/electron/install.js');
    expect(run.stderr).toContain('npm run serve');
    const stampAfter = fs.existsSync(path.join(root, 'dist/.build-stamp')) ? fs.statSync(path.join(root, 'dist/.build-stamp')).mtimeMs : null;
    expect(stampAfter).toBe(stampBefore);
  });

  it('keeps the Electron build of better-sqlite3 outside node_modules, per Electron version and platform', async () => {
    const { electronSqliteBindingPath } = (await import(pathToFileURL(path.join(root, 'scripts/start-electron.mjs')).href)) as {
      electronSqliteBindingPath(version?: string): string;
    };
    const p = electronSqliteBindingPath('39.8.10');
    expect(path.relative(root, p)).toBe(path.join('.routewise-dev', 'electron-native', `electron-39.8.10-${process.platform}-${process.arch}`, 'better_sqlite3.node'));
    expect(p).not.toContain('node_modules');
  });
});
