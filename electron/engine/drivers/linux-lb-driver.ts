import path from 'node:path';
import type { Neighbor } from '../../../shared/domain/neighbor';
import type { ExecResult } from '../ssh/ssh-session';
import { BaseDriver } from './base-driver';
import type { DriverDeps } from './cli-transport';
import type { CommitOptions, DriverCapability, Facts, InterfaceState, SafeChangeMechanism } from './driver';
import { driverError } from './driver-errors';
import { OnDeviceRevertJob } from './on-device-revert-job';
import { shQuote } from './sh-quote';
import { unifiedDiff } from './unified-diff';

export type LbKind = 'haproxy' | 'nginx';

export interface LinuxLbOptions {
  kind: LbKind;
  /** The proxy's configuration file on the host: the whole running config of this driver. */
  configPath: string;
  /** Makes the running proxy load the config file (default: `systemctl reload haproxy|nginx`). */
  reloadCommand?: string;
  /** Checks a config file without applying it; `{file}` is replaced by the quoted path. */
  checkCommand?: string;
  /** Where the backup, the staged candidate and the revert job live on the host. */
  stateDir?: string;
  /**
   * Companion files next to the config file (nginx's njs module), by name. With any, the running config and a
   * candidate are a bundle (see bundleConfig): the config file and each companion, written, checked and reverted together.
   */
  companions?: readonly string[];
}

/** A companion file in a bundle: its content, or null when it does not exist on the host. */
export interface ConfigBundle {
  main: string;
  files: Array<{ name: string; content: string | null }>;
}

const FILE_MARK = '\n#@routewise-file ';
const STATE_FILES = new Set(['candidate.conf', 'backup.conf', 'revert.sh', 'revert.pid', 'revert.log', 'reload.log', 'backup-files']);
const COMPANION_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

export function isCompanionName(name: string): boolean {
  return COMPANION_NAME.test(name) && !STATE_FILES.has(name);
}

/**
 * The config file and its companions as one text (what the rollout engine backs up, diffs and compares byte for
 * byte): the config, then per companion a marker line `#@routewise-file NAME LENGTH|absent` and exactly LENGTH
 * characters. The length makes the split exact whatever a companion contains.
 */
export function bundleConfig(b: ConfigBundle): string {
  if (b.files.length === 0) return b.main;
  if (b.main.includes(FILE_MARK)) throw new Error(`the config contains the bundle marker "${FILE_MARK.trim()}"`);
  return b.main + b.files.map((f) => `${FILE_MARK}${f.name} ${f.content === null ? 'absent' : f.content.length}\n${f.content ?? ''}`).join('');
}

export function parseBundle(text: string, names: readonly string[]): ConfigBundle {
  if (names.length === 0) return { main: text, files: [] };
  const at = text.indexOf(FILE_MARK);
  if (at < 0) throw new Error(`expected the config and its companion files (${names.join(', ')}); got a config alone`);
  const files: ConfigBundle['files'] = [];
  let i = at;
  while (i < text.length) {
    if (!text.startsWith(FILE_MARK, i)) throw new Error(`unexpected text after companion ${files.at(-1)?.name ?? '?'}`);
    const eol = text.indexOf('\n', i + FILE_MARK.length);
    const m = /^(\S+) (absent|\d+)$/.exec(text.slice(i + FILE_MARK.length, eol < 0 ? undefined : eol));
    if (!m || eol < 0) throw new Error('a companion marker line is malformed');
    const len = m[2] === 'absent' ? 0 : Number(m[2]);
    if (eol + 1 + len > text.length) throw new Error(`companion ${m[1]} is shorter than its stated length`);
    files.push({ name: m[1]!, content: m[2] === 'absent' ? null : text.slice(eol + 1, eol + 1 + len) });
    i = eol + 1 + len;
  }
  const got = files.map((f) => f.name);
  if (got.length !== names.length || got.some((n, k) => n !== names[k])) throw new Error(`companion files ${got.join(', ')} do not match this host's ${names.join(', ')}`);
  return { main: text.slice(0, at), files };
}

/** One `printf` per chunk keeps each command far below the kernel's 128 KiB limit for one argument. */
const WRITE_CHUNK_CHARS = 32 * 1024;

const DEFAULT_CHECK: Record<LbKind, string> = { haproxy: 'haproxy -c -q -f {file}', nginx: 'nginx -t -q -c {file}' };

/**
 * A Linux host running HAProxy or nginx, over SSH exec channels. The running config is the proxy's config file.
 * There is no native commit-confirm, so it is EMULATED on the host (as for FRR): before the change the file is
 * copied to a backup with a revert script (`cp backup file && reload`), and a detached `sleep N; sh revert.sh` job
 * is started; the candidate is checked by the proxy itself, copied into place and reloaded. confirm() kills the
 * job; rollback() kills it and runs the script now.
 */
export class LinuxLbDriver extends BaseDriver {
  readonly platform = 'linux' as const;
  readonly capabilities: ReadonlySet<DriverCapability> = new Set(['commit-confirm', 'config-replace', 'commit-check']);
  readonly safeChange: SafeChangeMechanism;
  private readonly opts: Required<Omit<LinuxLbOptions, 'companions'>>;
  private readonly companions: readonly string[];
  private readonly revertJob: OnDeviceRevertJob;

  constructor(deps: DriverDeps & LinuxLbOptions) {
    super(deps);
    this.opts = {
      kind: deps.kind,
      configPath: deps.configPath,
      reloadCommand: deps.reloadCommand ?? `systemctl reload ${deps.kind}`,
      checkCommand: deps.checkCommand ?? DEFAULT_CHECK[deps.kind],
      stateDir: deps.stateDir ?? '/var/tmp/routewise-lb',
    };
    this.companions = deps.companions ?? [];
    const bad = this.companions.find((n) => !isCompanionName(n));
    if (bad !== undefined) throw driverError('unsupported', deps.cli, 'companions', `companion file name ${JSON.stringify(bad.slice(0, 80))} is not a plain file name`);
    this.safeChange = {
      kind: 'emulated',
      description: `${deps.kind} has no commit-confirm. Routewise copies ${deps.configPath}${this.companions.length ? ` and its companion files (${this.companions.join(', ')})` : ''} to a backup on the host with a revert script (copy back, reload) and starts a detached \`sleep N; sh revert.sh\` job before the change; confirm() kills the job, rollback() runs the script at once.`,
    };
    this.revertJob = new OnDeviceRevertJob(this.cli, this.dir, (command) => this.sh(command));
  }

  private get dir(): string {
    return shQuote(this.opts.stateDir);
  }

  private get file(): string {
    return shQuote(this.opts.configPath);
  }

  async facts(): Promise<Facts> {
    const hostname = (await this.sh('hostname')).stdout.trim();
    const v = await this.sh(this.opts.kind === 'haproxy' ? 'haproxy -v 2>&1 | head -n 1' : 'nginx -v 2>&1 | head -n 1');
    const version = /version:?\s*(?:nginx\/)?([0-9][\w.+~-]*)/i.exec(v.stdout)?.[1];
    const uptime = await this.sh('cat /proc/uptime').catch(() => undefined);
    const up = uptime ? Number(uptime.stdout.split(' ')[0]) : NaN;
    return {
      hostname: hostname.slice(0, 255),
      vendor: this.opts.kind === 'haproxy' ? 'HAProxy' : 'nginx',
      ...(version ? { osVersion: version.slice(0, 64) } : {}),
      ...(Number.isFinite(up) ? { uptimeSec: Math.floor(up) } : {}),
    };
  }

  async interfaces(): Promise<InterfaceState[]> {
    return parseIpLink((await this.checked('ip -o link show', 'parse-failed')).stdout);
  }

  async neighbors(): Promise<Neighbor[]> {
    return [];
  }

  async runningConfig(): Promise<string> {
    const main = (await this.checked(`cat -- ${this.file}`, 'parse-failed')).stdout;
    const files: ConfigBundle['files'] = [];
    for (const name of this.companions) {
      const p = shQuote(this.companionPath(name));
      const r = await this.checked(`if [ -e ${p} ]; then printf 'present\\n'; cat -- ${p}; else printf 'absent\\n'; fi`, 'parse-failed');
      files.push({ name, content: r.stdout.startsWith('present\n') ? r.stdout.slice('present\n'.length) : null });
    }
    return bundleConfig({ main, files });
  }

  override async loadCandidate(text: string, mode: 'merge' | 'replace'): Promise<void> {
    if (mode === 'merge') throw driverError('unsupported', this.cli, 'load merge', `a ${this.opts.kind} config file is replaced as a whole; load it with mode replace`);
    try {
      parseBundle(text, this.companions);
    } catch (err) {
      throw driverError('commit-failed', this.cli, 'load', (err as Error).message);
    }
    await super.loadCandidate(text, mode);
  }

  async diff(): Promise<string> {
    const c = this.requireCandidate('diff');
    return unifiedDiff(await this.runningConfig(), c.text, { fromLabel: this.opts.configPath, toLabel: 'candidate' });
  }

  /** The proxy checks the staged candidate (`haproxy -c`, `nginx -t`); nothing is applied. */
  async validate(): Promise<void> {
    const c = this.requireCandidate('validate');
    await this.stage(c.text);
    await this.checked(this.check(`${this.opts.stateDir}/candidate.conf`), 'commit-failed', 'the proxy refused the candidate');
  }

  async commit(opts: CommitOptions = {}): Promise<void> {
    const c = this.requireCandidate('commit');
    if (opts.revertAfterSec !== undefined) {
      // Companions first, so the reload after the config copy sees the files the old config names.
      const saved = `${this.dir}/backup-files`;
      const restoreCompanions = this.companions.map((n) => `if [ -e ${saved}/${n} ]; then cp -p -- ${saved}/${n} ${shQuote(this.companionPath(n))}; else rm -f -- ${shQuote(this.companionPath(n))}; fi && `).join('');
      const saveCompanions = this.companions.map((n) => ` && { [ ! -e ${shQuote(this.companionPath(n))} ] || cp -p -- ${shQuote(this.companionPath(n))} ${saved}/${n}; }`).join('');
      const revert = `${restoreCompanions}cp -p -- ${this.dir}/backup.conf ${this.file} && ${this.reload()}\n`;
      await this.checked(
        `mkdir -p ${this.dir} && rm -rf ${saved} && mkdir ${saved} && cp -p -- ${this.file} ${this.dir}/backup.conf${saveCompanions} && printf %s ${shQuote(revert)} > ${this.dir}/revert.sh`,
        'unsupported',
        'cannot save the backup on this host',
      );
      await this.revertJob.schedule(opts.revertAfterSec);
      this.pending = true;
    }
    try {
      const files = await this.stage(c.text);
      const staged = `${this.dir}/candidate.conf`;
      const install = files.map((f) => (f.content === null ? `rm -f -- ${shQuote(this.companionPath(f.name))} && ` : `cp -- ${this.dir}/${f.name} ${shQuote(this.companionPath(f.name))} && `)).join('');
      await this.checked(`${this.check(`${this.opts.stateDir}/candidate.conf`)} && ${install}cp -- ${staged} ${this.file} && ${this.reload()}`, 'commit-failed', 'check, install or reload failed');
    } finally {
      this.candidate = undefined;
    }
  }

  async confirm(): Promise<void> {
    this.requirePending('kill revert job');
    this.pending = false;
    await this.revertJob.cancel();
  }

  async rollback(): Promise<void> {
    if (!this.pending) {
      this.candidate = undefined;
      return;
    }
    await this.revertJob.runNow();
    this.pending = false;
  }

  /** Health gates run shell commands on the host (curl to each backend); the output includes stderr. */
  override async show(command: string): Promise<string> {
    const r = await this.sh(command);
    return r.stdout + r.stderr;
  }

  private check(file: string): string {
    return this.opts.checkCommand.split('{file}').join(shQuote(file));
  }

  /** The reload with its output captured, so a failed reload says why and never holds the exec channel open. */
  private reload(): string {
    return `( sh -c ${shQuote(this.opts.reloadCommand)} < /dev/null > ${this.dir}/reload.log 2>&1 || { cat ${this.dir}/reload.log; exit 1; } )`;
  }

  /** A companion lives next to the config file: the proxy resolves its relative name from the config's directory. */
  private companionPath(name: string): string {
    return path.posix.join(path.posix.dirname(this.opts.configPath), name);
  }

  /** The config as candidate.conf and each present companion beside it in the state dir, where the check resolves them. */
  private async stage(text: string): Promise<ConfigBundle['files']> {
    const bundle = parseBundle(text, this.companions);
    await this.checked(`mkdir -p ${this.dir}`, 'unsupported', 'cannot stage the candidate on this host');
    await this.write(`${this.dir}/candidate.conf`, bundle.main);
    for (const f of bundle.files) {
      await this.checked(`rm -f -- ${this.dir}/${f.name}`, 'unsupported', 'cannot stage the candidate on this host');
      if (f.content !== null) await this.write(`${this.dir}/${f.name}`, f.content);
    }
    return bundle.files;
  }

  private async write(target: string, text: string): Promise<void> {
    await this.checked(`: > ${target}`, 'unsupported', 'cannot stage the candidate on this host');
    for (let i = 0; i < text.length; i += WRITE_CHUNK_CHARS) {
      await this.checked(`printf %s ${shQuote(text.slice(i, i + WRITE_CHUNK_CHARS))} >> ${target}`, 'unsupported', 'cannot stage the candidate on this host');
    }
  }

  private async checked(command: string, code: 'commit-failed' | 'parse-failed' | 'unsupported', what = 'command failed'): Promise<ExecResult> {
    const r = await this.sh(command);
    if (r.exitCode !== 0) throw driverError(code, this.cli, command.slice(0, 200), `${what} (exit ${r.exitCode ?? 'unknown'}): ${(r.stderr + r.stdout).trim().slice(0, 400)}`);
    return r;
  }

  private async sh(command: string): Promise<ExecResult> {
    if (!this.cli.exec) throw driverError('unsupported', this.cli, command.slice(0, 200), 'a load-balancer host needs SSH exec channels');
    return this.cli.exec(command);
  }
}

/** `ip -o link show`: `2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 … state UP …`. */
export function parseIpLink(text: string): InterfaceState[] {
  const out: InterfaceState[] = [];
  for (const line of text.split('\n')) {
    const m = /^\d+:\s+([^:@\s]+)(?:@\S+)?:\s+<([^>]*)>.*?\bstate\s+(\S+)/.exec(line);
    if (!m) continue;
    const flags = m[2]!.split(',');
    out.push({ name: m[1]!.slice(0, 64), adminUp: flags.includes('UP'), operUp: flags.includes('LOWER_UP') || m[3] === 'UP' });
  }
  return out;
}
