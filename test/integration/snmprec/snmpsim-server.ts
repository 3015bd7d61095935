import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const FIXTURES_DIR = path.resolve(__dirname, '../../../../shared/fixtures');
export const SNMPREC_DIR = path.join(FIXTURES_DIR, 'snmprec');

/**
 * Start snmpsim on `address`:`port` (127.0.0.1 unless given) through the fixtures' own script (it handles snmpsim 0.4.5's
 * quirks and dropping root); returns a stop function that kills the simulator and waits for it.
 */
export function startSnmpsim(dataDir: string, port: number, runDir: string, address = '127.0.0.1'): { pid: number; stop: () => Promise<void> } {
  const out = execFileSync(path.join(FIXTURES_DIR, 'serve-snmprec.sh'), [dataDir, address, String(port)], {
    env: { ...process.env, SNMPSIM_RUN_DIR: runDir },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const pid = Number(out.trim().split('\n').at(-1));
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`serve-snmprec.sh printed no pid: ${out}`);
  return {
    pid,
    stop: async () => {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        return;
      }
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        try {
          process.kill(pid, 0);
        } catch {
          return;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      process.kill(pid, 'SIGKILL');
    },
  };
}

export function recordingNames(dir = SNMPREC_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.snmprec'))
    .map((f) => f.replace(/\.snmprec$/, ''))
    .sort();
}
