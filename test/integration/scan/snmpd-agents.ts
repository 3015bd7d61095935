import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface AgentConfig {
  /** A 127.0.0.x address or ::1: the NETWORK RULE keeps tests on loopback. */
  address: string;
  port: number;
  community?: string;
  v3?: { user: string; authKey: string; privKey: string };
  sysName: string;
  sysDescr: string;
}

/** One Debian `snmpd` bound to one loopback address, with its own config and persistent dir. */
export class SnmpdAgent {
  private child: ChildProcess | undefined;
  private readonly dir: string;

  constructor(
    root: string,
    public config: AgentConfig,
  ) {
    if (!config.address.startsWith('127.') && config.address !== '::1') throw new Error('test agents stay on 127.0.0.0/8 or ::1');
    this.dir = path.join(root, `snmpd-${config.address}`);
    fs.mkdirSync(this.dir, { recursive: true });
  }

  private get v6(): boolean {
    return this.config.address.includes(':');
  }

  /** Net-SNMP transport syntax, for snmpd.conf and snmpget alike. */
  private get endpoint(): string {
    return this.v6 ? `udp6:[${this.config.address}]:${this.config.port}` : `udp:${this.config.address}:${this.config.port}`;
  }

  async start(): Promise<void> {
    const c = this.config;
    const lines = [
      `[snmp] persistentDir ${this.dir}`,
      `agentAddress ${this.endpoint}`,
      `sysName ${c.sysName}`,
      `sysDescr ${c.sysDescr}`,
      'sysLocation routewise test rack',
      'sysContact tests@routewise.invalid',
    ];
    if (c.community) lines.push(this.v6 ? `rocommunity6 ${c.community} ::1/128` : `rocommunity ${c.community} 127.0.0.0/8`);
    if (c.v3) lines.push(`createUser ${c.v3.user} SHA "${c.v3.authKey}" AES "${c.v3.privKey}"`, `rouser ${c.v3.user} priv`);
    const conf = path.join(this.dir, 'snmpd.conf');
    fs.writeFileSync(conf, `${lines.join('\n')}\n`);
    // -C: read only our config; empty MIBS: the agent serves OIDs, it needs no MIB files to parse.
    this.child = spawn('snmpd', ['-f', '-C', '-c', conf, '-Lf', path.join(this.dir, 'snmpd.log')], {
      stdio: 'ignore',
      env: { ...process.env, MIBS: '', MIBDIRS: '/nonexistent' },
    });
    await this.waitUntilAnswering();
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  }

  /** Polls with snmpget until the agent answers (deadline 15 s). */
  private async waitUntilAnswering(): Promise<void> {
    const c = this.config;
    const auth = c.community
      ? ['-v2c', '-c', c.community]
      : ['-v3', '-u', c.v3?.user ?? '', '-l', 'authPriv', '-a', 'SHA', '-A', c.v3?.authKey ?? '', '-x', 'AES', '-X', c.v3?.privKey ?? ''];
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (this.child?.exitCode !== null) throw new Error(`snmpd for ${c.address} exited: see ${this.dir}/snmpd.log`);
      try {
        const { stdout } = await run('snmpget', [...auth, '-t', '0.3', '-r', '0', '-On', this.endpoint, '1.3.6.1.2.1.1.5.0']);
        if (stdout.includes(c.sysName)) return;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) throw new Error(`snmpd for ${c.address}:${c.port} did not answer within 15 s`);
    }
  }
}
