import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A throwaway ed25519 key pair for OpenSSH's client. */
export function makeClientKey(dir: string): { privateKey: string; publicKey: string } {
  const privateKey = path.join(dir, 'id_ed25519');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'routewise-lab-test', '-f', privateKey]);
  return { privateKey, publicKey: fs.readFileSync(`${privateKey}.pub`, 'utf8') };
}

export function sshArgs(key: string, port: number): string[] {
  return [
    '-i', key, '-p', String(port),
    '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes',
    '-o', 'LogLevel=ERROR', '-o', 'ConnectTimeout=5', '-o', 'IdentitiesOnly=yes',
  ];
}

/** One command over an exec channel (`ssh host 'show version'`). */
export async function sshExec(key: string, user: string, host: string, port: number, command: string): Promise<string> {
  const { stdout } = await run('ssh', [...sshArgs(key, port), `${user}@${host}`, command], { timeout: 20_000 });
  return stdout;
}

/**
 * An interactive session on a pty (`ssh -tt`) fed a script on stdin, the way automation drives a
 * device CLI: prompts, paging and mode changes all apply. Resolves with everything printed.
 */
export function sshScript(key: string, user: string, host: string, port: number, lines: string[], timeoutMs = 20_000): Promise<{ output: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn('ssh', ['-tt', ...sshArgs(key, port), `${user}@${host}`], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ssh script timed out; output so far:\n${output}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ output, code });
    });
    child.stdin.end(`${lines.join('\n')}\n`);
  });
}

/** OpenSSH with a password and no tty: SSH_ASKPASS answers the prompt (OpenSSH ≥ 8.4). */
export async function sshExecWithPassword(dir: string, password: string, user: string, host: string, port: number, command: string): Promise<string> {
  const askpass = path.join(dir, 'askpass.sh');
  fs.writeFileSync(askpass, `#!/bin/sh\necho '${password.replace(/'/g, "'\\''")}'\n`, { mode: 0o700 });
  const args = ['-p', String(port), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR',
    '-o', 'PubkeyAuthentication=no', '-o', 'PreferredAuthentications=password', '-o', 'NumberOfPasswordPrompts=1', `${user}@${host}`, command];
  const { stdout } = await run('setsid', ['-w', 'ssh', ...args], {
    timeout: 20_000,
    env: { ...process.env, SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: ':0' },
  });
  return stdout;
}

/** A live `ssh -tt` session: send lines, wait for output, close. */
export function sshInteractive(key: string, user: string, host: string, port: number) {
  const child = spawn('ssh', ['-tt', ...sshArgs(key, port), `${user}@${host}`], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
  return {
    send(line: string) {
      child.stdin.write(`${line}\n`);
    },
    get output() {
      return output;
    },
    async waitFor(re: RegExp, deadlineMs = 15_000): Promise<void> {
      const end = Date.now() + deadlineMs;
      while (!re.test(output)) {
        if (Date.now() > end || child.exitCode !== null) throw new Error(`no ${re} in ssh output:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close() {
      child.stdin.end();
      child.kill();
    },
  };
}
