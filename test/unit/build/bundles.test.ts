import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../../shared/api/client';
import { makeTempDir } from '../../support/temp-dir';
import { waitFor } from './utility-host-support';

// Builds the esbuild bundles (not the renderer) into a scratch folder inside the repository, so their
// external packages resolve from node_modules as they do from dist/, then runs each one for real.
const root = path.resolve(import.meta.dirname, '../../..');
const outRoot = path.join(root, 'test-results', `build-smoke-${process.pid}`);
const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;

type BuildModule = { buildBundles(opts: { outRoot: string; log: (m: string) => void }): Promise<void> };

describe('bundles from scripts/build.mjs', () => {
  beforeAll(async () => {
    fs.rmSync(outRoot, { recursive: true, force: true });
    fs.mkdirSync(path.join(outRoot, 'bin'), { recursive: true });
    // The bundles find package.json (version) two levels up, as in the real layout.
    fs.copyFileSync(path.join(root, 'package.json'), path.join(outRoot, 'package.json'));
    fs.copyFileSync(path.join(root, 'bin/routewise.mjs'), path.join(outRoot, 'bin/routewise.mjs'));
    fs.mkdirSync(path.join(outRoot, 'dist/renderer'), { recursive: true });
    fs.writeFileSync(path.join(outRoot, 'dist/renderer/index.html'), '<!doctype html><title>stand-in renderer</title>\n');
    const build = (await import(pathToFileURL(path.join(root, 'scripts/build.mjs')).href)) as BuildModule;
    await build.buildBundles({ outRoot, log: () => undefined });
  }, 60_000);
  afterAll(() => fs.rmSync(outRoot, { recursive: true, force: true }));

  it('the preload is one CommonJS file that requires only electron and exposes one global', () => {
    const code = fs.readFileSync(path.join(outRoot, 'dist/electron/preload/preload.cjs'), 'utf8');
    const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(code.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('main and the engine leave electron and native modules to the runtime', () => {
    const main = fs.readFileSync(path.join(outRoot, 'dist/electron/main/main.js'), 'utf8');
    expect(main).toMatch(/from\s*"electron"/);
    expect(main).not.toContain('better-sqlite3');
    const engine = fs.readFileSync(path.join(outRoot, 'dist/electron/engine/utility-entry.mjs'), 'utf8');
    expect(engine).toMatch(/from\s*"better-sqlite3"/);
    expect(engine).not.toMatch(/from\s*"electron"/);
  });

  it('bin/routewise.mjs falls back to the CLI bundle when the TypeScript source is absent', () => {
    const run = spawnSync(process.execPath, [path.join(outRoot, 'bin/routewise.mjs'), '--version'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe(version);
    expect(run.status).toBe(0);
  });

  it('the CLI bundle opens a store and answers info --json', () => {
    const tmp = makeTempDir('routewise-cli-bundle-');
    try {
      const run = spawnSync(process.execPath, [path.join(outRoot, 'dist/cli/routewise.mjs'), '--data-dir', tmp.dir, 'info', '--json'], {
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ name: 'routewise', version, host: 'cli', dataDir: tmp.dir });
    } finally {
      tmp.cleanup();
    }
  });

  describe('the utility-entry bundle under a stand-in parentPort', () => {
    let child: ChildProcess;
    const reports: Array<{ type: string }> = [];
    const tmp = makeTempDir('routewise-utility-bundle-');
    afterAll(() => {
      if (child.exitCode === null) child.kill();
      tmp.cleanup();
    });

    it('starts the engine, serves a connection, and stops cleanly when main says so', async () => {
      child = fork(path.join(outRoot, 'dist/electron/engine/utility-entry.mjs'), [], {
        execArgv: ['--import', pathToFileURL(path.join(import.meta.dirname, 'fixtures/parent-port-shim.mjs')).href],
        serialization: 'advanced',
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      const wireListeners: Array<(raw: string) => void> = [];
      child.on('message', (m: { kind: string; report?: { type: string }; id?: number; raw?: string }) => {
        if (m.kind === 'report' && m.report) reports.push(m.report);
        if (m.kind === 'wire' && m.id === 1 && typeof m.raw === 'string') for (const l of wireListeners) l(m.raw);
      });
      child.send({ kind: 'deliver', data: { type: 'start', dataDir: tmp.dir, masterKey: new Uint8Array(randomBytes(32)) } });
      child.send({ kind: 'deliver', data: { type: 'connect', connectionId: 1 }, connectionId: 1 });
      const client = createApiClient({
        send: (raw) => child.send({ kind: 'wire', id: 1, raw }),
        onMessage: (l) => wireListeners.push(l),
      });
      const info = await client.call('system.info', {});
      expect(info).toMatchObject({ host: 'electron', version, dataDir: tmp.dir });
      expect(reports.find((r) => r.type === 'ready')).toBeTruthy();

      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.send({ kind: 'deliver', data: { type: 'stop' } });
      expect(await exited, stderr).toBe(0);
      await waitFor('stopped report', () => reports.find((r) => r.type === 'stopped'));
    }, 30_000);
  });

  describe('the Electron main bundle, run under Node against a stand-in electron module', () => {
    // No Electron binary here (see test/e2e/electron): fixtures/fake-electron provides the main-process API,
    // while the engine really runs in a forked utility-entry.mjs and the store really opens.
    it('hardens the window, serves the engine over the port, restarts a crashed engine, guards navigation, and stops the engine before quitting', () => {
      const tmp = makeTempDir('routewise-main-bundle-');
      try {
        const env: NodeJS.ProcessEnv = { ...process.env, FAKE_APP_ROOT: outRoot, FAKE_USER_DATA: tmp.dir };
        delete env.ROUTEWISE_DATA_DIR;
        delete env.ROUTEWISE_MASTER_KEY;
        const run = spawnSync(
          process.execPath,
          [path.join(import.meta.dirname, 'fixtures/fake-electron/run-main.mjs'), path.join(outRoot, 'dist/electron/main/main.js')],
          { encoding: 'utf8', env, timeout: 60_000 },
        );
        expect(run.status, run.stderr).toBe(0);
        const seen = JSON.parse(run.stdout) as Record<string, unknown>;
        expect(seen.error, run.stderr).toBeUndefined();
        expect(seen.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
        expect(seen.loadedUrl).toBe('app://routewise/index.html');
        expect(seen.sandboxEnabled).toBe(true);
        expect(seen.info).toMatchObject({ host: 'electron', version, dataDir: tmp.dir });
        expect(seen.badCall).toMatchObject({ code: 'unknown-method' });
        expect(seen).toMatchObject({
          navigationPrevented: true,
          webviewPrevented: true,
          windowOpen: { action: 'deny' },
          permission: false,
          permissionCheck: false,
          remoteRequestCancelled: true,
          ownRequestCancelled: false,
          escapeStatus: 404,
          threatsAccelerator: 'CmdOrCtrl+5',
          hostCommands: [{ type: 'navigate', view: 'threats' }],
          statusAfterCrash: ['closed', 'connecting'],
          afterRestart: 'after-restart',
          enginesStarted: 2,
          quitDeferred: true,
          engineExitCode: 0,
          errorBoxes: [],
        });
        const index = seen.index as { status: number; csp: string; body: string };
        expect(index.status).toBe(200);
        expect(index.csp).toContain("connect-src 'none'");
        expect(index.body).toContain('stand-in renderer');
        // The vault key lives only encrypted by the keystore; the engine never wrote a plaintext key file.
        expect(fs.existsSync(path.join(tmp.dir, 'master.key.enc'))).toBe(true);
        expect(fs.existsSync(path.join(tmp.dir, 'master.key'))).toBe(false);
        const mainLog = fs.readFileSync(path.join(tmp.dir, 'logs/main.log'), 'utf8');
        expect(mainLog).toContain(`engine ${version} ready`);
        // …and the plaintext key (the stand-in keystore's encoding is base64 after "enc:") is never logged.
        const keyHex = Buffer.from(fs.readFileSync(path.join(tmp.dir, 'master.key.enc')).toString().slice(4), 'base64').toString();
        expect(keyHex).toMatch(/^[0-9a-f]{64}$/);
        for (const text of [mainLog, run.stdout, run.stderr]) expect(text).not.toContain(keyHex);
      } finally {
        tmp.cleanup();
      }
    }, 90_000);
  });
});
