import type { LabCredentials } from '../../../../shared/api/lab';
import type { DeviceIdentity } from '../device-runtime';
import type { LabDevice } from '../lab-model-types';
import { aiFeatureOutput } from './ai-feature-cli';
import { ifaceViews, lldpViews, pad, uptimeSec } from './show-helpers';
import { matches, ok, type PlatformShell, type ShellContext, type ShellOutput, uptimeText, words } from './shell-types';

const FLAGS = new Set(['ssh', 'netconf', 'disable', 'inactive']);
const PAIRS = new Set(['unit', 'family', 'community', 'user', 'group', 'policy-statement', 'term', 'filter', 'neighbor', 'server']);
const SINGLE_VALUED = new Set(['host-name', 'location', 'contact', 'description', 'domain-name', 'time-zone', 'mtu', 'class', 'authorization']);

function quote(token: string): string {
  return /[\s;{}"]/.test(token) || token === '' ? `"${token.replace(/"/g, '\\"')}"` : token;
}

export function setLine(tokens: string[]): string {
  return `set ${tokens.map(quote).join(' ')}`;
}

export function junosInitialConfig(d: LabDevice, creds: LabCredentials): string {
  const lines: string[][] = [
    ['version', d.spec.osVersion],
    ['system', 'host-name', d.hostname],
    ['system', 'domain-name', 'lab.routewise.invalid'],
    ['system', 'login', 'user', creds.ssh.user, 'class', 'super-user'],
    ['system', 'services', 'ssh'],
    ['system', 'services', 'netconf', 'ssh'],
    ['snmp', 'location', d.location],
    ['snmp', 'contact', d.contact],
    ['snmp', 'community', creds.snmpV2cCommunity, 'authorization', 'read-only'],
  ];
  for (const i of d.interfaces) {
    if (i.kind === 'loopback' || !i.ipv4) {
      if (i.kind === 'loopback' && i.ipv4) lines.push(['interfaces', i.name, 'unit', '0', 'family', 'inet', 'address', `${i.ipv4.address}/${i.ipv4.prefixLen}`]);
      else if (i.description) lines.push(['interfaces', i.name, 'description', i.description]);
      continue;
    }
    if (i.description) lines.push(['interfaces', i.name, 'description', i.description]);
    lines.push(['interfaces', i.name, 'unit', '0', 'family', 'inet', 'address', `${i.ipv4.address}/${i.ipv4.prefixLen}`]);
  }
  lines.push(['protocols', 'lldp', 'interface', 'all']);
  return `${lines.map(setLine).join('\n')}\n`;
}

function setTokens(text: string): string[][] {
  return text.split('\n').filter((l) => l.startsWith('set ')).map((l) => words(l).slice(1));
}

export function junosIdentity(text: string): Partial<DeviceIdentity> {
  const t = setTokens(text);
  const find = (...path: string[]) => t.find((x) => path.every((p, i) => x[i] === p) && x.length === path.length + 1)?.[path.length];
  const host = find('system', 'host-name');
  return { ...(host ? { hostname: host } : {}), contact: find('snmp', 'contact') ?? '', location: find('snmp', 'location') ?? '' };
}

interface Node {
  name: string;
  children: Node[];
  leaves: string[];
}

function splitLine(tokens: string[]): { path: string[]; leaf: string } {
  const last = tokens.at(-1) ?? '';
  const leafTokens = FLAGS.has(last) || tokens.length < 2 ? [last] : tokens.slice(-2);
  const rest = tokens.slice(0, tokens.length - leafTokens.length);
  const path: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    if (PAIRS.has(rest[i]!) && i + 1 < rest.length) {
      path.push(`${rest[i]} ${quote(rest[i + 1]!)}`);
      i++;
    } else path.push(quote(rest[i]!));
  }
  return { path, leaf: leafTokens.map(quote).join(' ') };
}

/** Render set lines as the curly-brace hierarchy `show configuration` prints. */
export function renderJunosHierarchy(text: string): string {
  const root: Node = { name: '', children: [], leaves: [] };
  for (const tokens of setTokens(text)) {
    const { path, leaf } = splitLine(tokens);
    let node = root;
    for (const p of path) {
      let child = node.children.find((c) => c.name === p);
      if (!child) {
        child = { name: p, children: [], leaves: [] };
        node.children.push(child);
      }
      node = child;
    }
    node.leaves.push(leaf);
  }
  const out: string[] = [];
  const walk = (node: Node, depth: number) => {
    const ind = '    '.repeat(depth);
    for (const l of node.leaves) out.push(`${ind}${l};`);
    for (const c of node.children) {
      out.push(`${ind}${c.name} {`);
      walk(c, depth + 1);
      out.push(`${ind}}`);
    }
  };
  walk(root, 0);
  return out.join('\n');
}

function applySet(lines: string[][], tokens: string[]): string[][] {
  const key = tokens.slice(0, -1);
  const single = SINGLE_VALUED.has(key.at(-1) ?? '');
  const kept = lines.filter((l) => {
    if (l.join('\u0000') === tokens.join('\u0000')) return false;
    return !(single && l.length === tokens.length && key.every((k, i) => l[i] === k));
  });
  return [...kept, tokens];
}

function applyDelete(lines: string[][], tokens: string[]): string[][] {
  return lines.filter((l) => !(l.length >= tokens.length && tokens.every((t, i) => l[i] === t)));
}

function toText(lines: string[][]): string {
  return `${lines.map(setLine).join('\n')}\n`;
}

/**
 * Juniper Junos: operational `user@host>` and configuration `user@host#` modes over a private candidate,
 * `commit`, `commit confirmed N` (reverts unless confirmed by another commit), `rollback N`, `show | compare`
 * (Junos CLI User Guide, "Commit a Configuration" / "Rollback").
 */
export class JunosShell implements PlatformShell {
  readonly morePrompt = '---(more)---';
  paging = true;
  private candidate?: string[][];

  constructor(private readonly ctx: ShellContext) {}

  banner(): string {
    return `--- JUNOS ${this.ctx.rt.device.spec.osVersion} Kernel 64-bit  JNPR-12.1-20240209.lab_stable_12\n`;
  }

  prompt(): string {
    const base = `${this.ctx.user}@${this.ctx.rt.identity.hostname}`;
    return this.candidate ? `\n[edit]\n${base}# ` : `${base}> `;
  }

  run(raw: string): ShellOutput {
    let line = raw.trim();
    if (line === '') return ok();
    let paged = true;
    if (/\|\s*no-more\s*$/.test(line)) {
      line = line.replace(/\|\s*no-more\s*$/, '').trim();
      paged = false;
    }
    const saved = this.paging;
    if (!paged) this.paging = false;
    try {
      return this.candidate ? this.configLine(line) : this.operLine(line);
    } finally {
      if (!paged) this.paging = saved;
    }
  }

  configEvent(event: string): string | undefined {
    if (event !== 'reverted') return undefined;
    const at = new Date().toUTCString();
    return `\nBroadcast Message from root@${this.ctx.rt.identity.hostname}\n        (no tty) at ${at}...\n\nCommit was not confirmed; automatic rollback complete.\n`;
  }

  private operLine(line: string): ShellOutput {
    const w = words(line);
    const store = this.ctx.config;
    if (matches(w, 'set cli screen-length')) {
      this.paging = w[3] !== '0';
      return ok(`Screen length set to ${w[3] ?? '0'}`);
    }
    if (matches(w, 'set cli screen-width')) return ok(`Screen width set to ${w[3] ?? '0'}`);
    if (matches(w, 'exit') || matches(w, 'quit')) return { text: '', close: true };
    const aiText = aiFeatureOutput(this.ctx, w, line);
    if (aiText !== undefined) return ok(aiText);
    if (matches(w, 'configure') || matches(w, 'edit')) {
      this.candidate = setTokens(store.running);
      return ok('Entering configuration mode');
    }
    if (matches(w, 'show version')) return ok(this.showVersion());
    if (matches(w, 'show configuration')) {
      return ok(/\|\s*display set/.test(line) ? store.running.trimEnd() : this.configHeader() + renderJunosHierarchy(store.running));
    }
    if (matches(w, 'show interfaces terse')) return ok(this.showTerse());
    if (matches(w, 'show interfaces')) return ok(this.showTerse());
    if (matches(w, 'show lldp neighbors')) return ok(this.showLldp());
    if (matches(w, 'show chassis hardware')) {
      const d = this.ctx.rt.device;
      return ok(`Hardware inventory:\nItem             Version  Part number  Serial number     Description\nChassis                                ${d.serial.padEnd(17)} ${d.spec.model}`);
    }
    if (matches(w, 'show system commit')) return ok(this.showCommits());
    if (matches(w, 'show system uptime')) return ok(`System booted: ${uptimeText(uptimeSec(this.ctx))} ago`);
    return ok(`${' '.repeat(this.prompt().length)}^\nunknown command.`);
  }

  private configLine(line: string): ShellOutput {
    const w = words(line);
    const store = this.ctx.config;
    const cand = this.candidate!;
    if (w[0] === 'run') return this.operLine(line.slice(4));
    if (w[0] === 'set' && w.length > 1) {
      this.candidate = applySet(cand, w.slice(1));
      return ok();
    }
    if (w[0] === 'delete' && w.length > 1) {
      const next = applyDelete(cand, w.slice(1));
      if (next.length === cand.length) return ok('warning: statement not found');
      this.candidate = next;
      return ok();
    }
    if (matches(w, 'show') && /\|\s*compare/.test(line)) return ok(this.compare());
    if (matches(w, 'show')) return ok(renderJunosHierarchy(toText(cand)));
    if (w[0] === 'top' || w[0] === 'up') return ok();
    if (matches(w, 'rollback')) {
      const n = w[1] === undefined ? 0 : Number(w[1]);
      const text = Number.isInteger(n) ? store.rollbackText(n) : undefined;
      if (text === undefined) return ok('error: rollback number out of range');
      this.candidate = setTokens(text);
      return ok('load complete');
    }
    if (matches(w, 'commit check')) return ok('configuration check succeeds');
    if (matches(w, 'commit confirmed')) {
      const minutes = w[2] === undefined ? 10 : Number(w[2]);
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > 65535) return ok('error: invalid value for commit confirmed');
      store.commit(toText(cand), this.ctx.user, { confirmWithinMin: minutes, kind: 'commit confirmed', comment: 'commit confirmed' });
      return ok(`configuration check succeeds\ncommit confirmed will be automatically rolled back in ${minutes} minutes unless confirmed\ncommit complete\n\n# commit confirmed will be rolled back in ${minutes} minutes`);
    }
    if (matches(w, 'commit')) {
      const andQuit = matches(w, 'commit and-quit');
      store.commit(toText(cand), this.ctx.user, { comment: 'commit' });
      store.confirm();
      if (andQuit) this.candidate = undefined;
      return ok(andQuit ? 'commit complete\nExiting configuration mode' : 'commit complete');
    }
    if (w[0] === 'exit' || w[0] === 'quit') {
      const dirty = toText(cand) !== store.running;
      this.candidate = undefined;
      return ok(dirty ? 'warning: discarding uncommitted changes\nExiting configuration mode' : 'Exiting configuration mode');
    }
    return ok(`${' '.repeat(this.prompt().length)}^\nsyntax error.`);
  }

  private compare(): string {
    const before = new Set(setTokens(this.ctx.config.running).map((t) => setLine(t)));
    const after = new Set(this.candidate!.map((t) => setLine(t)));
    const groups = new Map<string, string[]>();
    const add = (sign: string, line: string) => {
      const { path, leaf } = splitLine(words(line).slice(1));
      const key = `[edit${path.length ? ` ${path.join(' ')}` : ''}]`;
      groups.set(key, [...(groups.get(key) ?? []), `${sign}   ${leaf};`]);
    };
    for (const l of before) if (!after.has(l)) add('-', l);
    for (const l of after) if (!before.has(l)) add('+', l);
    return [...groups].map(([k, v]) => `${k}\n${v.join('\n')}`).join('\n');
  }

  private configHeader(): string {
    const last = this.ctx.config.revisions()[0];
    return `## Last commit: ${last?.at ?? '2024-01-08 09:14:02 UTC'} by ${last?.by ?? this.ctx.user}\n`;
  }

  private showCommits(): string {
    const revs = this.ctx.config.revisions();
    const pending = this.ctx.config.pendingConfirm;
    const lines = [`0   ${new Date().toISOString()} by ${this.ctx.user} via cli${pending ? ' commit confirmed, rollback in progress' : ''}`];
    revs.forEach((r, i) => lines.push(`${i + 1}   ${r.at} by ${r.by} via cli`));
    return lines.join('\n');
  }

  private showVersion(): string {
    const d = this.ctx.rt.device;
    return [
      `Hostname: ${this.ctx.rt.identity.hostname}`,
      `Model: ${d.spec.model.toLowerCase()}`,
      `Junos: ${d.spec.osVersion}`,
      `JUNOS OS Kernel 64-bit  [20240209.lab_stable_12]`,
      `JUNOS OS runtime [20240209.lab_stable_12]`,
      `JUNOS Packet Forwarding Engine Support (${d.spec.model}) [${d.spec.osVersion}]`,
    ].join('\n');
  }

  private showTerse(): string {
    const rows: string[] = [`${pad('Interface', 24)}${pad('Admin', 6)}${pad('Link', 5)}${pad('Proto', 9)}${pad('Local', 22)}Remote`];
    for (const v of ifaceViews(this.ctx)) {
      const admin = v.counters.adminUp ? 'up' : 'down';
      const link = v.counters.operUp ? 'up' : 'down';
      rows.push(`${pad(v.iface.name, 24)}${pad(admin, 6)}${link}`);
      if (v.iface.ipv4) rows.push(`${pad(`${v.iface.name}.0`, 24)}${pad(admin, 6)}${pad(link, 5)}${pad('inet', 9)}${v.iface.ipv4.address}/${v.iface.ipv4.prefixLen}`);
    }
    return rows.join('\n');
  }

  private showLldp(): string {
    const rows = lldpViews(this.ctx).map((n) => `${pad(n.localName, 19)}${pad('-', 20)}${pad(n.chassisMac, 20)}${pad(n.portDescr, 19)}${n.remoteName}`);
    return [`${pad('Local Interface', 19)}${pad('Parent Interface', 20)}${pad('Chassis Id', 20)}${pad('Port info', 19)}System Name`, ...rows].join('\n');
  }
}
