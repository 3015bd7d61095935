import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';

export interface ProxyProcess {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

async function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** Starts a proxy in the foreground and polls its listening port until it accepts (deadline 10 s). */
export async function startProxy(cmd: string, args: string[], port: number, cwd: string): Promise<ProxyProcess> {
  const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${cmd} exited with ${child.exitCode}: ${out}`);
    if (await portOpen(port)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${cmd} did not listen on ${port} within 10 s: ${out}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, output: () => out, stop };
}
