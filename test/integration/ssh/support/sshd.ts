import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const SSHD = '/usr/sbin/sshd';

/** `ssh-keygen -t ed25519` into dir/name; returns the private key path. */
export function makeKey(dir: string, name: string): string {
  const file = path.join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `routewise-test-${name}`, '-f', file], { stdio: 'ignore' });
  return file;
}

/** `SHA256:…` as OpenSSH itself computes it: the oracle for our fingerprints. */
export function opensshFingerprint(pubFile: string): string {
  const out = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', pubFile], { encoding: 'utf8' });
  const fp = /(SHA256:[A-Za-z0-9+/]+)/.exec(out)?.[1];
  if (!fp) throw new Error(`ssh-keygen printed no fingerprint: ${out}`);
  return fp;
}

export interface SshdHandle {
  stop(): Promise<void>;
  stderr(): string;
}

/**
 * OpenSSH sshd in the foreground on 127.0.0.1:port with a temp config: root may log in with the test's key
 * only (AuthorizedKeysFile points into the temp dir), no PAM, no password logins.
 */
export async function startSshd(opts: { dir: string; port: number; hostKey: string; authorizedKeys: string; banner?: string }): Promise<SshdHandle> {
  fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const conf = path.join(opts.dir, 'sshd_config');
  const lines = [
    `AuthorizedKeysFile ${opts.authorizedKeys}`,
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'StrictModes no',
    'UsePAM no',
    'PrintLastLog no',
    `PidFile ${path.join(opts.dir, `sshd-${opts.port}.pid`)}`,
    'LogLevel VERBOSE',
  ];
  if (opts.banner) lines.push(`Banner ${opts.banner}`);
  fs.writeFileSync(conf, `${lines.join('\n')}\n`);
  const child = spawn(SSHD, ['-D', '-e', '-f', conf, '-p', String(opts.port), '-o', 'ListenAddress=127.0.0.1', '-h', opts.hostKey], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForListening(opts.port, child, () => stderr, 10_000);
  return {
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function waitForListening(port: number, child: ChildProcess, stderr: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}: ${stderr()}`);
    if (stderr().includes(`Server listening on 127.0.0.1 port ${port}`) && (await canConnect(port))) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`sshd did not listen on ${port} within ${timeoutMs} ms: ${stderr()}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}
