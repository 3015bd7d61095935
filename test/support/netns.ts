import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';

/**
 * Test hosts in Linux network namespaces (needs root and iproute2). Addresses come from 198.18.0.0/15, the
 * benchmarking range, and no namespace gets a default route: nothing a test starts can reach beyond them.
 * Everything created is recorded and removed by teardown(), which the test calls in afterAll (also on failure);
 * leftovers of a killed earlier run with the same prefix are removed on create.
 */
export class NetnsHosts {
  private readonly namespaces: string[] = [];
  private readonly rootLinks: string[] = [];
  private readonly procs: ChildProcess[] = [];

  constructor(readonly prefix: string) {
    for (const ns of listNamespaces()) if (ns.startsWith(prefix)) run('ip', ['netns', 'del', ns], true);
    for (const link of listRootLinks()) if (link.startsWith(prefix)) run('ip', ['link', 'del', link], true);
  }

  addHost(name: string): string {
    const ns = `${this.prefix}${name}`;
    run('ip', ['netns', 'add', ns]);
    this.namespaces.push(ns);
    run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    return ns;
  }

  /** A veth pair between two namespaces, each end named and addressed (CIDR). */
  link(nsA: string, ifA: string, cidrA: string, nsB: string, ifB: string, cidrB: string): void {
    assertTestRange(cidrA);
    assertTestRange(cidrB);
    run('ip', ['link', 'add', ifA, 'netns', nsA, 'type', 'veth', 'peer', 'name', ifB, 'netns', nsB]);
    run('ip', ['-n', nsA, 'addr', 'add', cidrA, 'dev', ifA]);
    run('ip', ['-n', nsB, 'addr', 'add', cidrB, 'dev', ifB]);
    run('ip', ['-n', nsA, 'link', 'set', ifA, 'up']);
    run('ip', ['-n', nsB, 'link', 'set', ifB, 'up']);
  }

  /** A management bridge in the test's root namespace, so the engine under test can reach each host's agent. */
  managementBridge(bridge: string, cidr: string): void {
    assertTestRange(cidr);
    run('ip', ['link', 'add', bridge, 'type', 'bridge']);
    this.rootLinks.push(bridge);
    run('ip', ['addr', 'add', cidr, 'dev', bridge]);
    run('ip', ['link', 'set', bridge, 'up']);
  }

  attachToBridge(ns: string, bridge: string, ifInNs: string, hostSide: string, cidr: string): void {
    assertTestRange(cidr);
    run('ip', ['link', 'add', hostSide, 'type', 'veth', 'peer', 'name', ifInNs, 'netns', ns]);
    this.rootLinks.push(hostSide);
    run('ip', ['link', 'set', hostSide, 'master', bridge]);
    run('ip', ['link', 'set', hostSide, 'up']);
    run('ip', ['-n', ns, 'addr', 'add', cidr, 'dev', ifInNs]);
    run('ip', ['-n', ns, 'link', 'set', ifInNs, 'up']);
  }

  /** Starts a long-running process inside a namespace; it is killed at teardown. */
  spawn(ns: string, cmd: string, args: string[], logFile: string): ChildProcess {
    const out = fs.openSync(logFile, 'a');
    const child = spawn('ip', ['netns', 'exec', ns, cmd, ...args], { stdio: ['ignore', out, out], detached: true });
    fs.closeSync(out);
    this.procs.push(child);
    return child;
  }

  exec(ns: string, cmd: string, args: string[]): string {
    return execFileSync('ip', ['netns', 'exec', ns, cmd, ...args], { encoding: 'utf8', timeout: 60_000 });
  }

  async teardown(): Promise<void> {
    for (const p of this.procs) {
      try {
        if (p.pid) process.kill(-p.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    for (const ns of this.namespaces) run('ip', ['netns', 'del', ns], true);
    for (const link of this.rootLinks) run('ip', ['link', 'del', link], true);
  }
}

function run(cmd: string, args: string[], ignoreErrors = false): void {
  try {
    execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    if (!ignoreErrors) throw new Error(`${cmd} ${args.join(' ')} failed: ${(err as { stderr?: Buffer }).stderr?.toString() ?? err}`);
  }
}

function listNamespaces(): string[] {
  try {
    return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }).split('\n').map((l) => l.split(' ')[0]!).filter(Boolean);
  } catch {
    return [];
  }
}

function listRootLinks(): string[] {
  try {
    return execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' })
      .split('\n')
      .map((l) => l.split(':')[1]?.trim().split('@')[0] ?? '')
      .filter(Boolean);
  } catch {
    return [];
  }
}

/** The network rule: test hosts live in 198.18.0.0/15 only. */
function assertTestRange(cidr: string): void {
  const [a, b] = cidr.split('.').map(Number);
  if (!(a === 198 && (b === 18 || b === 19))) throw new Error(`test hosts must use 198.18.0.0/15, not ${cidr}`);
}

export const canUseNetns = typeof process.getuid === 'function' && process.getuid() === 0;
