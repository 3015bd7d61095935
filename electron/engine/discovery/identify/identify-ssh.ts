import { RoutewiseError } from '../../../../shared/api/errors';
import type { Platform } from '../../../../shared/domain/device';
import type { ObservedHostKey } from '../../ssh/host-key';
import type { HostKeyStore } from '../../ssh/host-key-store';
import { openSshSession, type SshCredential, type SshSession, type SshTarget } from '../../ssh/ssh-session';
import { sanitizeForDisplay } from '../../ssh/terminal-text';
import { aiProbeKeys } from '../catalog/ai-catalog';
import { field, type ParsedSshFacts } from './ssh-facts';
import { parseFortiosSystemStatus } from './ssh-parse-fortios';
import { parseFrrVersion, parseOsRelease, parseOsReleaseFields, parseUname } from './ssh-parse-linux';
import { parseRouterosResource, parseRouterosRouterboard } from './ssh-parse-routeros';
import { isCliError, parseShowVersion } from './ssh-parse-show-version';
import { hintFromBanner, hintFromPrompt, hostnameFromPrompt } from './ssh-platform-hints';

/** What SSH told us about a device; refines what SNMP found (DESIGN.md: SNMP first, SSH refines). */
export interface SshIdentity {
  platform: Platform;
  vendor?: string;
  osName?: string;
  osVersion?: string;
  model?: string;
  serial?: string;
  hostname?: string;
  /** Linux hosts: the kernel release from `uname -a` (osVersion is the distribution's). */
  kernel?: string;
  /** Linux hosts: os-release PRETTY_NAME. */
  distribution?: string;
  /** The server's SSH identification line. */
  banner: string;
  hostKey: ObservedHostKey;
  prompt?: string;
  /** Commands run, in order, with their output (sanitised, capped): evidence for the AI catalog and the UI. */
  evidence: Array<{ command: string; output: string }>;
  /** What went wrong without stopping identification (a command that timed out, exec refused…). */
  warnings: string[];
  /** AI feature-state probe outputs ("ssh:<command>" → sanitised output) for the catalog's parsers. */
  aiProbes: Record<string, string>;
}

export interface IdentifySshOptions {
  timeoutMs: number;
  hostKeys: HostKeyStore;
  signal?: AbortSignal;
  /** Per command; defaults to timeoutMs. */
  commandTimeoutMs?: number;
  /** The platform SNMP reported, if any: its version command goes first and its pager is turned off. */
  platformHint?: Platform;
  /** Injected by tests; defaults to a real ssh2 session. */
  openSession?: typeof openSshSession;
  /** The AI feature-state probes to run once the platform is known; defaults to the catalog's. */
  aiProbeKeys?: (platform: Platform) => string[];
}

const EVIDENCE_MAX_CHARS = 16_384;

type CliProbe = { command: string; parse: (text: string) => ParsedSshFacts | undefined };

const SHOW_VERSION: CliProbe = { command: 'show version', parse: parseShowVersion };
const FORTI_STATUS: CliProbe = { command: 'get system status', parse: parseFortiosSystemStatus };
const ROS_RESOURCE: CliProbe = { command: '/system resource print', parse: parseRouterosResource };
const SHELL_UNAME: CliProbe = { command: 'uname -a', parse: parseUname };

/**
 * Identifies a device over SSH: the identification line and prompt pick the likely platform, then its version
 * commands run in that order until one parses. Linux hosts are asked over exec channels (no pty, no prompt
 * guessing); network CLIs through the interactive shell. Connection failures (auth-failed, unauthorized for a
 * changed host key, unavailable) throw; a failing command becomes a warning.
 */
export async function identifyOverSsh(target: SshTarget, cred: SshCredential, opts: IdentifySshOptions): Promise<SshIdentity> {
  const open = opts.openSession ?? openSshSession;
  const session = await open(target, cred, { timeoutMs: opts.timeoutMs, hostKeys: opts.hostKeys, signal: opts.signal });
  const run = new IdentifyRun(session, opts);
  try {
    return await run.identify();
  } finally {
    await session.close().catch(() => undefined);
  }
}

class IdentifyRun {
  private readonly warnings: string[] = [];
  private readonly evidence: Array<{ command: string; output: string }> = [];
  private readonly commandTimeoutMs: number;

  constructor(
    private readonly session: SshSession,
    private readonly opts: IdentifySshOptions,
  ) {
    this.commandTimeoutMs = opts.commandTimeoutMs ?? opts.timeoutMs;
  }

  async identify(): Promise<SshIdentity> {
    const known = this.opts.platformHint;
    const hint = known === 'routeros' ? 'routeros' : hintFromBanner(this.session.banner);
    const cliFirst = known !== undefined && !['linux', 'frr', 'openwrt', 'vyos', 'unknown'].includes(known);
    if (known !== undefined && cliFirst) this.session.setPlatform(known);
    let facts: Partial<SshIdentity> | undefined;
    if (!cliFirst && (hint === 'openssh' || hint === 'dropbear' || hint === 'unknown')) facts = await this.tryLinuxExec();
    facts ??= await this.tryCli(hint);
    const result: SshIdentity = {
      platform: 'unknown',
      ...facts,
      banner: this.session.banner,
      hostKey: this.session.hostKey,
      evidence: this.evidence,
      warnings: this.warnings,
      aiProbes: {},
    };
    const prompt = this.session.prompt;
    if (prompt !== undefined) {
      result.prompt = sanitizeForDisplay(prompt, 160);
      result.hostname ??= field(hostnameFromPrompt(prompt));
    }
    if (result.platform === 'unknown') this.warnings.push('no version command gave a recognisable answer');
    else if (this.session.prompt !== undefined) result.aiProbes = await this.probeAiFeatures(result.platform);
    return result;
  }

  /** The platform's AI feature-state commands (a command identification already ran is not run again). */
  private async probeAiFeatures(platform: Platform): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const key of (this.opts.aiProbeKeys ?? aiProbeKeys)(platform)) {
      if (!key.startsWith('ssh:')) continue;
      const command = key.slice(4);
      const seen = this.evidence.find((e) => e.command === command);
      if (seen) {
        out[key] = seen.output;
        continue;
      }
      if ((await this.run(command)) === undefined) continue;
      const recorded = this.evidence.at(-1);
      if (recorded?.command === command) out[key] = recorded.output;
    }
    return out;
  }

  /** Linux (and FRR boxes): exec channels, so no prompt or pager is involved. */
  private async tryLinuxExec(): Promise<Partial<SshIdentity> | undefined> {
    const uname = await this.exec('uname -a', true);
    const kernelFacts = uname === undefined ? undefined : parseUname(uname);
    if (!kernelFacts) return undefined;
    const out: Partial<SshIdentity> = { platform: 'linux', osName: kernelFacts.osName, hostname: kernelFacts.hostname, kernel: kernelFacts.osVersion };
    const osRelease = await this.exec('cat /etc/os-release', false);
    if (osRelease !== undefined) {
      const distro = parseOsRelease(osRelease);
      if (distro) {
        out.platform = distro.platform;
        out.osName = distro.osName ?? out.osName;
        out.osVersion = distro.osVersion;
        if (distro.vendor) out.vendor = distro.vendor;
        out.distribution = field(parseOsReleaseFields(osRelease).get('PRETTY_NAME'));
      }
    }
    // FRR turns a Linux host into a router; vtysh answers only where FRR runs and we may use it.
    const frr = await this.exec("vtysh -c 'show version'", false);
    const frrFacts = frr === undefined ? undefined : parseFrrVersion(frr);
    if (frrFacts) {
      out.platform = 'frr';
      out.vendor = 'FRRouting';
      out.osName = frrFacts.osName;
      out.osVersion = frrFacts.osVersion;
    }
    out.osVersion ??= kernelFacts.osVersion;
    return out;
  }

  private async exec(command: string, firstContact: boolean): Promise<string | undefined> {
    try {
      const r = await this.session.exec(command, { timeoutMs: this.commandTimeoutMs, signal: this.opts.signal });
      this.record(command, r.stdout || r.stderr);
      return r.exitCode === 0 ? r.stdout : undefined;
    } catch (err) {
      this.rethrowFatal(err);
      // Network CLIs commonly refuse exec; that is a hint, not a problem worth a warning on first contact.
      if (!(firstContact && err instanceof RoutewiseError && err.code === 'unsupported')) this.warn(command, err);
      return undefined;
    }
  }

  private async tryCli(hint: ReturnType<typeof hintFromBanner>): Promise<Partial<SshIdentity> | undefined> {
    let order: CliProbe[] =
      hint === 'routeros'
        ? [ROS_RESOURCE, SHOW_VERSION, FORTI_STATUS]
        : this.opts.platformHint === 'fortios'
          ? [FORTI_STATUS, SHOW_VERSION, ROS_RESOURCE]
          : [SHOW_VERSION, FORTI_STATUS, ROS_RESOURCE, SHELL_UNAME];
    for (let i = 0; i < order.length; i++) {
      const probe = order[i];
      if (!probe) break;
      const output = await this.run(probe.command);
      if (output === undefined) {
        // No prompt at all: no other command will fare better.
        if (this.session.prompt === undefined) return undefined;
        continue;
      }
      if (i === 0) order = this.reorderByPrompt(order);
      if (isCliError(output)) continue;
      const facts = probe.parse(output);
      if (!facts) continue;
      if (facts.platform === 'routeros') return this.refineRouteros(facts);
      return { ...facts };
    }
    return undefined;
  }

  /** Once the prompt is known, try the command its shape suggests next. */
  private reorderByPrompt(order: CliProbe[]): CliProbe[] {
    const prompt = this.session.prompt ?? '';
    const preferred = { routeros: ROS_RESOURCE, fortios: FORTI_STATUS, shell: SHELL_UNAME } as const;
    const hinted = hintFromPrompt(prompt);
    const first = hinted in preferred ? preferred[hinted as keyof typeof preferred] : undefined;
    if (!first) return order;
    const [done, ...rest] = order;
    return done ? [done, first, ...rest.filter((p) => p !== first)] : order;
  }

  private async refineRouteros(facts: ParsedSshFacts): Promise<Partial<SshIdentity>> {
    const out = await this.run('/system routerboard print');
    const board = out === undefined || isCliError(out) ? undefined : parseRouterosRouterboard(out);
    return { ...facts, ...(board?.model ? { model: board.model } : {}), ...(board?.serial ? { serial: board.serial } : {}) };
  }

  private async run(command: string): Promise<string | undefined> {
    try {
      const output = await this.session.run(command, { timeoutMs: this.commandTimeoutMs, signal: this.opts.signal });
      this.record(command, output);
      return output;
    } catch (err) {
      this.rethrowFatal(err);
      this.warn(command, err);
      return undefined;
    }
  }

  private record(command: string, output: string): void {
    this.evidence.push({ command, output: sanitizeForDisplay(output, EVIDENCE_MAX_CHARS) });
  }

  private warn(command: string, err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this.warnings.push(sanitizeForDisplay(`${command}: ${message}`, 500));
  }

  private rethrowFatal(err: unknown): void {
    if (err instanceof RoutewiseError && (err.code === 'cancelled' || err.code === 'connection-closed')) throw err;
  }
}
