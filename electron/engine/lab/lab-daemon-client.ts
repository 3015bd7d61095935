import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RoutewiseError } from '../../../shared/api/errors';
import type { LabStartOptions, LabStatus } from '../../../shared/api/lab';
import type { LabDaemonMessage } from './lab-daemon';
import { isProcessAlive, labPaths, readLabState, removeLabState } from './lab-state-file';

const NOT_RUNNING: LabStatus = { running: false, devices: [] };

/** The `routewise` entry script, found from this file (source checkout) or beside the bundle (dist). */
export function findCliEntry(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'bin', 'routewise.mjs');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new RoutewiseError('unavailable', 'cannot find bin/routewise.mjs to start the lab daemon');
}

/** The running lab, or not-running (a state file whose process died is removed). */
export function labStatus(dataDir: string): LabStatus {
  const state = readLabState(dataDir);
  if (!state?.pid) return NOT_RUNNING;
  if (!isProcessAlive(state.pid)) {
    removeLabState(dataDir, state.pid);
    return NOT_RUNNING;
  }
  return state;
}

function sameOptions(a: LabStatus['options'], b: LabStartOptions): boolean {
  return (
    !!a &&
    a.devices === b.devices && a.scenario === b.scenario && a.base === b.base && a.seed === b.seed &&
    (a.collector ?? '') === (b.collector ?? '') && (a.trapCollector ?? '') === (b.trapCollector ?? '') && a.threatsPerMin === b.threatsPerMin &&
    a.privilegedPorts === b.privilegedPorts && a.timeScale === b.timeScale
  );
}

function logTail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-5).join('\n');
  } catch {
    return '';
  }
}

/**
 * Start the lab daemon (detached, survives this process) and wait for it to report ready. A lab already
 * running with the same options is returned as is; with other options it is a conflict.
 */
export async function startLabDaemon(dataDir: string, options: LabStartOptions, readyTimeoutMs = 60_000 + options.devices * 200): Promise<LabStatus> {
  const current = labStatus(dataDir);
  if (current.running) {
    if (sameOptions(current.options, options)) return current;
    throw new RoutewiseError('conflict', 'a lab with other options is running; stop it first (routewise lab stop)', { pid: current.pid });
  }
  const paths = labPaths(dataDir);
  fs.mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  const logFd = fs.openSync(paths.log, 'a', 0o600);
  const child = spawn(process.execPath, [findCliEntry(), '--data-dir', dataDir, 'lab', 'daemon', '--options', JSON.stringify(options)], {
    detached: true,
    stdio: ['ignore', logFd, logFd, 'ipc'],
    // Inside Electron's utilityProcess execPath is Electron itself: make it behave as Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  fs.closeSync(logFd);
  try {
    const status = await new Promise<LabStatus>((resolve, reject) => {
      const timer = setTimeout(() => reject(new RoutewiseError('timeout', `the lab did not report ready within ${readyTimeoutMs} ms`)), readyTimeoutMs);
      child.once('message', (msg: LabDaemonMessage) => {
        clearTimeout(timer);
        if (msg.type === 'ready') resolve(msg.status);
        else reject(new RoutewiseError('unavailable', `the lab failed to start: ${msg.message}`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new RoutewiseError('unavailable', `the lab daemon exited (${code}) before it was ready: ${logTail(paths.log)}`));
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(new RoutewiseError('unavailable', `cannot start the lab daemon: ${err.message}`));
      });
    });
    return status;
  } catch (err) {
    if (child.exitCode === null) child.kill('SIGKILL');
    throw err;
  } finally {
    child.removeAllListeners();
    if (child.connected) child.disconnect();
    child.unref();
  }
}

/** SIGTERM the daemon and wait until it is gone (SIGKILL after `graceMs`). */
export async function stopLabDaemon(dataDir: string, graceMs = 10_000): Promise<{ stopped: boolean; pid?: number }> {
  const current = labStatus(dataDir);
  if (!current.running || !current.pid) return { stopped: false };
  const pid = current.pid;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
  const deadline = Date.now() + graceMs;
  while (isProcessAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
  removeLabState(dataDir, pid);
  return { stopped: true, pid };
}
