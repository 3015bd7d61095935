import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';

const root = path.resolve(import.meta.dirname, '../../..');

describe('npm start (scripts/start-electron.mjs)', () => {
  it('without the Electron binary, explains how to get it and exits 1 before building anything', () => {
    // A checkout without node_modules/electron/dist, whatever this machine has: the script alone in a scratch tree.
    const tmp = makeTempDir('routewise-start-');
    try {
      fs.mkdirSync(path.join(tmp.dir, 'scripts'));
      fs.mkdirSync(path.join(tmp.dir, 'node_modules', 'electron'), { recursive: true });
      fs.copyFileSync(path.join(root, 'scripts/start-electron.mjs'), path.join(tmp.dir, 'scripts/start-electron.mjs'));
      // Were the build started, this stand-in would leave a file behind.
      fs.writeFileSync(path.join(tmp.dir, 'scripts/build.mjs'), "import fs from 'node:fs';\nfs.writeFileSync(new URL('../built', import.meta.url), '');\n");
      const run = spawnSync(process.execPath, [path.join(tmp.dir, 'scripts/start-electron.mjs')], { encoding: 'utf8', cwd: tmp.dir });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('node_modules/electron/dist is missing');
      expect(run.stderr).toContain('node node_modules/electron/install.js');
      expect(run.stderr).toContain('npm run serve');
      expect(fs.existsSync(path.join(tmp.dir, 'built'))).toBe(false);
      expect(fs.existsSync(path.join(tmp.dir, 'dist'))).toBe(false);
    } finally {
      tmp.cleanup();
    }
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
