import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface ServedHost {
  /** The URL `routewise serve` printed, with `#token=…`. */
  url: string;
  origin: string;
  token: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface ServeOptions {
  dataDir?: string;
  port?: number;
  token?: string;
}

/** Runs `node bin/routewise.mjs --data-dir <dir> serve --port 0 --json` and reads the URL it prints. */
export async function serveHost(opts: ServeOptions = {}): Promise<ServedHost> {
  const ownDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'routewise-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.ROUTEWISE_MASTER_KEY;
  if (opts.token) env.ROUTEWISE_SESSION_TOKEN = opts.token;
  else delete env.ROUTEWISE_SESSION_TOKEN;
  const child = spawn(
    process.execPath,
    ['bin/routewise.mjs', '--data-dir', dataDir, 'serve', '--port', String(opts.port ?? 0), '--json'],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });

  const started = await new Promise<{ url: string; port: number }>((resolve, reject) => {
    let stdout = '';
    let settled = false;
    const timer = setTimeout(() => fail(new Error('routewise serve printed no URL within 30 s')), 30_000);
    function fail(err: Error): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${err.message}\nstderr:\n${stderr}`));
    }
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const line = stdout.split('\n').find((l) => l.trim().startsWith('{'));
      if (!line || settled) return;
      clearTimeout(timer);
      try {
        const parsed = JSON.parse(line) as { url: string; port: number };
        settled = true;
        resolve(parsed);
      } catch (err) {
        fail(err as Error);
      }
    });
    child.once('exit', (code) => fail(new Error(`routewise serve exited with ${code}`)));
  });

  const url = new URL(started.url);
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  return {
    url: started.url,
    origin: url.origin,
    token,
    port: started.port,
    dataDir,
    stop: async () => {
      await stopChild(child);
      if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
