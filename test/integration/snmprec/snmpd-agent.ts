import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Is anything bound to 127.0.0.1:port (UDP) in this namespace? Reads /proc, so it cannot race a bind. */
export function udpBound(port: number, addrHex = '0100007F'): boolean {
  const want = `${addrHex}:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const lines = fs.readFileSync('/proc/net/udp', 'utf8').split('\n').slice(1);
  return lines.some((l) => l.trim().split(/\s+/)[1] === want);
}

export async function waitFor(cond: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Debian's snmpd in the foreground on 127.0.0.1:`port`, with `configLines` as its whole snmpd.conf
 * (-C: no system config) and a private persistent dir (USM users created by createUser land there).
 */
export async function startSnmpd(dir: string, port: number, configLines: string[]): Promise<{ proc: ChildProcess; stop: () => Promise<void>; log: () => string }> {
  if (udpBound(port)) throw new Error(`UDP 127.0.0.1:${port} is already in use`);
  const conf = path.join(dir, 'snmpd.conf');
  const logFile = path.join(dir, 'snmpd.log');
  fs.writeFileSync(conf, [`agentAddress udp:127.0.0.1:${port}`, ...configLines, ''].join('\n'));
  const proc = spawn(
    'snmpd',
    ['-f', '-C', '-c', conf, `--persistentDir=${path.join(dir, 'persist')}`, '-Lf', logFile, '-I', '-smux', '-M', dir, '-m', '', '-p', path.join(dir, 'snmpd.pid')],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const log = (): string => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
  await waitFor(() => proc.exitCode !== null || udpBound(port), `snmpd on udp ${port}`);
  if (proc.exitCode !== null) throw new Error(`snmpd exited: ${log()}`);
  return {
    proc,
    log,
    stop: async () => {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (proc.exitCode === null) proc.kill('SIGKILL');
    },
  };
}
