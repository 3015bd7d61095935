import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../electron/engine/store/database';
import { ENGINE_VERSION } from '../../../electron/engine/version';
import { KEY_FILE } from '../../../electron/engine/vault/key-source';
import { makeTempDir } from '../../support/temp-dir';
import { runCli } from './support/cli';

function withTemp<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const tmp = makeTempDir('routewise-cli-');
  return fn(tmp.dir).finally(tmp.cleanup);
}

const oneLine = (stderr: string) => stderr.trimEnd().split('\n');

// Each run is a fresh Node process (~1 s of CPU to load the engine under tsx): run them side by side.
describe.concurrent('routewise CLI', () => {
  it('--help and --version exit 0', async () => {
    const [help, version] = await Promise.all([runCli(['--help']), runCli(['--version'])]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: routewise/);
    for (const cmd of ['info', 'audit', 'credentials', 'serve']) expect(help.stdout).toContain(cmd);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(ENGINE_VERSION);
    expect(ENGINE_VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('an unknown command or option exits 2 with exactly one line on stderr and nothing on stdout', async () => {
    const cases = [['infp'], ['info', '--bogus']];
    const results = await Promise.all(cases.map((args) => runCli(args)));
    for (const [i, args] of cases.entries()) {
      const res = results[i] ?? { code: -1, stdout: '', stderr: '' };
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stdout, args.join(' ')).toBe('');
      const lines = oneLine(res.stderr);
      expect(lines, `${args.join(' ')}: ${res.stderr}`).toHaveLength(1);
      expect(lines[0]).toMatch(/^error: unknown (command|option)/);
    }
  });

  it('--data-dir chooses the store folder (relative paths resolved) and --json output parses', async () => {
    await withTemp(async (dir) => {
      const res = await runCli(['--data-dir', dir, 'info', '--json']);
      expect(res.code, res.stderr).toBe(0);
      const info = JSON.parse(res.stdout) as { dataDir: string; host: string; schemaVersion: number };
      expect(info).toMatchObject({ name: 'routewise', version: ENGINE_VERSION, host: 'cli', dataDir: dir });
      expect(info.schemaVersion).toBeGreaterThanOrEqual(1);
      expect(fs.existsSync(path.join(dir, DATABASE_FILE))).toBe(true);
      expect(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
      expect(fs.statSync(dir).mode & 0o077).toBe(0);

      const nested = path.join(dir, 'nested');
      fs.mkdirSync(nested);
      const rel = await runCli(['--data-dir', path.relative(process.cwd(), path.join(nested, 'store')), '--json', 'info']);
      expect(rel.code, rel.stderr).toBe(0);
      expect(JSON.parse(rel.stdout)).toMatchObject({ dataDir: path.join(nested, 'store') });

      const list = await runCli(['--data-dir', dir, '--json', 'credentials', 'list']);
      expect(list.code, list.stderr).toBe(0);
      expect(JSON.parse(list.stdout)).toEqual([]);
    });
  });

  it('ROUTEWISE_DATA_DIR chooses the store folder, and --data-dir wins over it', async () => {
    await withTemp(async (dir) => {
      const envDir = path.join(dir, 'from-env');
      const flagDir = path.join(dir, 'from-flag');
      const [viaEnv, both] = await Promise.all([
        runCli(['info', '--json'], { env: { ROUTEWISE_DATA_DIR: envDir } }),
        runCli(['--data-dir', flagDir, 'info', '--json'], { env: { ROUTEWISE_DATA_DIR: envDir } }),
      ]);
      expect(viaEnv.code, viaEnv.stderr).toBe(0);
      expect(JSON.parse(viaEnv.stdout)).toMatchObject({ dataDir: envDir });
      expect(fs.existsSync(path.join(envDir, DATABASE_FILE))).toBe(true);

      expect(JSON.parse(both.stdout)).toMatchObject({ dataDir: flagDir });
      expect(fs.existsSync(path.join(flagDir, DATABASE_FILE))).toBe(true);
    });
  });

  it('with ROUTEWISE_MASTER_KEY set, no key file is written', async () => {
    await withTemp(async (dir) => {
      const res = await runCli(['--data-dir', dir, 'info'], { env: { ROUTEWISE_MASTER_KEY: 'ab'.repeat(32) } });
      expect(res.code, res.stderr).toBe(0);
      expect(fs.existsSync(path.join(dir, DATABASE_FILE))).toBe(true);
      expect(fs.existsSync(path.join(dir, KEY_FILE))).toBe(false);
    });
  });

  it('a world-readable key file stops the CLI with one line that names chmod', async () => {
    await withTemp(async (dir) => {
      fs.writeFileSync(path.join(dir, KEY_FILE), Buffer.alloc(32, 1));
      fs.chmodSync(path.join(dir, KEY_FILE), 0o644);
      const res = await runCli(['--data-dir', dir, 'credentials', 'list']);
      expect(res.code).toBe(1);
      expect(res.stdout).toBe('');
      const lines = oneLine(res.stderr);
      expect(lines, res.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^routewise: key file .* chmod 600/);
      expect(lines[0]).not.toMatch(/\s{4}at /);
    });
  });
});
