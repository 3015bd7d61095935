import fs from 'node:fs';
import path from 'node:path';
import { LabStatus } from '../../../shared/api/lab';

/** Where the lab keeps its files inside the data dir: state, daemon log, SSH host key, authorized keys. */
export function labDir(dataDir: string): string {
  return path.join(dataDir, 'lab');
}

export const labPaths = (dataDir: string) => ({
  dir: labDir(dataDir),
  state: path.join(labDir(dataDir), 'lab-state.json'),
  log: path.join(labDir(dataDir), 'lab-daemon.log'),
  hostKey: path.join(labDir(dataDir), 'ssh_host_ed25519_key'),
  authorizedKeys: path.join(labDir(dataDir), 'authorized_keys'),
});

export function writeLabState(dataDir: string, status: LabStatus): void {
  const p = labPaths(dataDir);
  fs.mkdirSync(p.dir, { recursive: true, mode: 0o700 });
  const tmp = `${p.state}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(status, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, p.state);
}

/** The recorded state, or undefined when there is none or it does not parse. */
export function readLabState(dataDir: string): LabStatus | undefined {
  try {
    const parsed = LabStatus.safeParse(JSON.parse(fs.readFileSync(labPaths(dataDir).state, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function removeLabState(dataDir: string, onlyIfPid?: number): void {
  const p = labPaths(dataDir).state;
  if (onlyIfPid !== undefined && readLabState(dataDir)?.pid !== onlyIfPid) return;
  fs.rmSync(p, { force: true });
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
