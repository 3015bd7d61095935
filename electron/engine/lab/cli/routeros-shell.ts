import type { LabCredentials } from '../../../../shared/api/lab';
import type { DeviceIdentity } from '../device-runtime';
import type { LabDevice } from '../lab-model-types';
import { ifaceViews, lldpViews, pad, uptimeSec } from './show-helpers';
import { ok, type PlatformShell, type ShellContext, type ShellOutput } from './shell-types';

const VERBS = ['set', 'add', 'print', 'remove', 'export', 'reset-configuration'];

/** RouterOS time intervals: 5s, 1m30s, 00:00:05. */
function intervalSec(text: string): number | undefined {
  const hms = /^(\d+):(\d{2}):(\d{2})$/.exec(text);
  if (hms) return Number(hms[1]) * 3600 + Number(hms[2]) * 60 + Number(hms[3]);
  const parts = [...text.matchAll(/(\d+)([wdhms])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return undefined;
  const unit: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };
  return parts.reduce((sum, p) => sum + Number(p[1]) * unit[p[2]!]!, 0);
}

/** RouterOS export text: "/section" headers, each followed by set/add lines. */
type Sections = Array<{ path: string; lines: string[] }>;

function parseExport(text: string): Sections {
  const out: Sections = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    if (line.startsWith('/')) out.push({ path: line.trim(), lines: [] });
    else out.at(-1)?.lines.push(line.trim());
  }
  return out;
}

function renderExport(header: string, sections: Sections): string {
  return `${header}${sections.map((s) => [s.path, ...s.lines].join('\n')).join('\n')}\n`;
}

/** RouterOS arguments: key=value or key="value with spaces". */
function kvText(text: string): Map<string, string> {
  const m = new Map<string, string>();
  const re = /([A-Za-z0-9_-]+)=("((?:[^"\\]|\\.)*)"|\S*)/g;
  for (let x = re.exec(text); x; x = re.exec(text)) m.set(x[1]!, x[3] !== undefined ? x[3].replace(/\\"/g, '"') : x[2]!);
  return m;
}


function renderKv(m: Map<string, string>): string {
  return [...m].map(([k, v]) => `${k}=${/[\s"]/.test(v) || v === '' ? `"${v.replace(/"/g, '\\"')}"` : v}`).join(' ');
}

function exportHeader(text: string): string {
  return text.split('\n').filter((l) => l.startsWith('#')).map((l) => `${l}\n`).join('');
}

export function routerosInitialConfig(d: LabDevice, creds: LabCredentials): string {
  const header = [
    `# jan/08/2024 09:14:02 by RouterOS ${d.spec.osVersion}`,
    `# software id = ${d.serial.slice(-4)}-LAB1`,
    '#',
    `# model = ${d.spec.model}`,
    `# serial number = ${d.serial}`,
  ].join('\n');
  const sections: Sections = [
    { path: '/interface ethernet', lines: d.interfaces.filter((i) => i.ifType === 6 && i.description).map((i) => `set [ find default-name=${i.name} ] comment=${JSON.stringify(i.description)}`) },
    { path: '/ip address', lines: d.interfaces.filter((i) => i.ipv4 && i.kind !== 'loopback').map((i) => `add address=${i.ipv4!.address}/${i.ipv4!.prefixLen} interface=${i.name}`) },
    { path: '/ip neighbor discovery-settings', lines: ['set discover-interface-list=all protocol=lldp'] },
    { path: '/snmp community', lines: [`add addresses=127.0.0.0/8 name=${creds.snmpV2cCommunity}`] },
    { path: '/snmp', lines: [`set contact=${JSON.stringify(d.contact)} enabled=yes location=${JSON.stringify(d.location)}`] },
    { path: '/system identity', lines: [`set name=${d.hostname}`] },
  ];
  return renderExport(`${header}\n`, sections);
}

export function routerosIdentity(text: string): Partial<DeviceIdentity> {
  const s = parseExport(text);
  const setOf = (p: string) => kvText(s.find((x) => x.path === p)?.lines.find((l) => l.startsWith('set ')) ?? '');
  const id = setOf('/system identity');
  const snmp = setOf('/snmp');
  return { ...(id.get('name') ? { hostname: id.get('name')! } : {}), contact: snmp.get('contact') ?? '', location: snmp.get('location') ?? '' };
}

/**
 * MikroTik RouterOS: path-style commands and Safe Mode (Ctrl-X). Changes made in safe mode are undone
 * when the session ends without leaving safe mode first (RouterOS manual, "Safe Mode").
 */
export class RouterosShell implements PlatformShell {
  readonly morePrompt = '-- [Q quit|D dump|down]';
  paging = false;
  private safeSnapshot?: string;
  private cwd = '';

  constructor(private readonly ctx: ShellContext) {}

  banner(): string {
    return `\n\n  MMM      MMM       KKK                          TTTTTTTTTTT      KKK\n  MikroTik RouterOS ${this.ctx.rt.device.spec.osVersion} (c) 1999-2024       https://www.mikrotik.com/\n`;
  }

  prompt(): string {
    const where = this.cwd ? ` ${this.cwd.slice(1)}` : '';
    return `[${this.ctx.user}@${this.ctx.rt.identity.hostname}]${where} ${this.safeSnapshot !== undefined ? '<SAFE>' : '>'} `;
  }

  control(key: 'ctrl-x' | 'ctrl-z' | 'ctrl-c'): ShellOutput | undefined {
    if (key !== 'ctrl-x') return undefined;
    if (this.safeSnapshot === undefined) {
      this.safeSnapshot = this.ctx.config.running;
      return ok('[Safe Mode taken]');
    }
    this.safeSnapshot = undefined;
    return ok('[Safe Mode released]');
  }

  closed(): void {
    if (this.safeSnapshot !== undefined && this.safeSnapshot !== this.ctx.config.running) {
      this.ctx.config.replace(this.safeSnapshot, 'safe-mode', 'session ended in safe mode');
    }
    this.safeSnapshot = undefined;
  }

  run(line: string): ShellOutput {
    const l = line.trim();
    if (l === '') return ok();
    if (l === '/quit' || l === 'quit') return { text: 'interrupted', close: true };
    // "/system identity set name=x" or, after "/system identity", "set name=x". The arguments stay raw
    // text: values may be quoted commands with spaces (on-event="…").
    const tokens = [...l.matchAll(/\S+/g)];
    let i = 0;
    const pathWords: string[] = [];
    if (tokens[0]?.[0].startsWith('/')) {
      pathWords.push(tokens[0][0]);
      i = 1;
      while (i < tokens.length && !VERBS.includes(tokens[i]![0]) && !tokens[i]![0].includes('=') && !tokens[i]![0].startsWith('[')) pathWords.push(tokens[i++]![0]);
    }
    // "/export" is the verb "export" at the root.
    if (pathWords.length === 1 && VERBS.includes(pathWords[0]!.slice(1))) {
      const argsText = i < tokens.length ? l.slice(tokens[i]!.index) : '';
      return this.command(this.cwd || '/', pathWords[0]!.slice(1), argsText);
    }
    const path = pathWords.length ? pathWords.join(' ').replace(/^\/\s*/, '/') : this.cwd;
    const verbToken = tokens[i];
    if (verbToken === undefined) {
      this.cwd = path === '/' ? '' : path;
      return ok();
    }
    const argsText = l.slice(verbToken.index + verbToken[0].length).trim();
    return this.command(path || '/', verbToken[0], argsText);
  }

  private command(path: string, verb: string, argsText: string): ShellOutput {
    const store = this.ctx.config;
    const args = kvText(argsText);
    if (verb === 'export') {
      const file = args.get('file');
      if (file) {
        store.files.set(file.endsWith('.rsc') ? file : `${file}.rsc`, store.running);
        return ok();
      }
      return ok(store.running.trimEnd());
    }
    if (verb === 'print') return ok(this.print(path));
    if (path === '/system' && verb === 'reset-configuration') return this.resetConfiguration(args);
    if (path === '/system scheduler' && verb === 'add') return this.schedulerAdd(args);
    if (verb === 'remove') return this.remove(path, argsText);
    if (verb === 'set' || verb === 'add') {
      const sections = parseExport(store.running);
      let section = sections.find((x) => x.path === path);
      if (!section) {
        section = { path, lines: [] };
        sections.push(section);
      }
      if (verb === 'set') {
        const current = kvText(section.lines.find((x) => x.startsWith('set ') && !x.includes('[ find')) ?? '');
        for (const [k, v] of args) current.set(k, v);
        section.lines = [...section.lines.filter((x) => !(x.startsWith('set ') && !x.includes('[ find'))), `set ${renderKv(current)}`];
      } else {
        section.lines.push(`add ${renderKv(args)}`);
      }
      store.commit(renderExport(exportHeader(store.running), sections), this.ctx.user);
      return ok();
    }
    return ok(`bad command name ${verb} (line 1 column 1)`);
  }

  /**
   * `/system scheduler add name=… interval=5s on-event="…"`: the job runs the command once the interval has
   * passed (the lab runs it once: the commands drivers schedule reset the configuration, job included).
   */
  private schedulerAdd(args: Map<string, string>): ShellOutput {
    const name = args.get('name');
    const onEvent = args.get('on-event');
    const seconds = intervalSec(args.get('interval') ?? '');
    if (!name || !onEvent || seconds === undefined) return ok('failure: name, interval and on-event are required');
    const store = this.ctx.config;
    const sections = parseExport(store.running);
    let section = sections.find((x) => x.path === '/system scheduler');
    if (!section) {
      section = { path: '/system scheduler', lines: [] };
      sections.push(section);
    }
    section.lines = [...section.lines.filter((x) => kvText(x).get('name') !== name), `add ${renderKv(args)}`];
    store.commit(renderExport(exportHeader(store.running), sections), this.ctx.user);
    const ctx = { ...this.ctx, user: 'scheduler' };
    store.schedule(`scheduler:${name}`, seconds, () => {
      new RouterosShell(ctx).run(onEvent);
    });
    return ok();
  }

  private remove(path: string, argsText: string): ShellOutput {
    const store = this.ctx.config;
    const name = /find\s+name="?([^"\]\s]+)"?/.exec(argsText)?.[1];
    const sections = parseExport(store.running);
    const section = sections.find((x) => x.path === path);
    const before = section?.lines.length ?? 0;
    if (section && name) section.lines = section.lines.filter((x) => kvText(x).get('name') !== name);
    const removedJob = path === '/system scheduler' && name ? store.cancelJob(`scheduler:${name}`) : false;
    if (!section || !name || (section.lines.length === before && !removedJob)) return ok('no such item');
    store.commit(renderExport(exportHeader(store.running), sections), this.ctx.user);
    return ok();
  }

  /** `/system reset-configuration … run-after-reset=file.rsc`: the router reboots into that export. */
  private resetConfiguration(args: Map<string, string>): ShellOutput {
    const file = args.get('run-after-reset');
    const text = file ? this.ctx.config.files.get(file) : undefined;
    if (file && text === undefined) return ok(`failure: file ${file} not found`);
    this.safeSnapshot = undefined;
    this.ctx.config.replace(text ?? this.ctx.config.boot, this.ctx.user, `reset-configuration${file ? ` run-after-reset=${file}` : ''}`);
    return { text: 'Dangerous! Reset anyway? [y/N]: y\nsystem configuration will be reset', close: true };
  }

  private print(path: string): string {
    const d = this.ctx.rt.device;
    switch (path) {
      case '/system identity':
        return `  name: ${this.ctx.rt.identity.hostname}`;
      case '/system resource': {
        const sec = uptimeSec(this.ctx);
        return [
          `                   uptime: ${Math.floor(sec / 604800)}w${Math.floor((sec % 604800) / 86400)}d${Math.floor((sec % 86400) / 3600)}h${Math.floor((sec % 3600) / 60)}m`,
          `                  version: ${d.spec.osVersion} (${d.spec.osVersion.startsWith('6.') ? 'long-term' : 'stable'})`,
          `              free-memory: ${Math.round((d.memTotalKb - d.memUsedKb) / 1024)}.0MiB`,
          `             total-memory: ${Math.round(d.memTotalKb / 1024)}.0MiB`,
          `                 cpu-load: ${this.ctx.traffic.cpuLoadPct(d)}%`,
          `        architecture-name: ${d.spec.key === 'crs326' ? 'arm' : 'arm64'}`,
          `               board-name: ${d.spec.model}`,
          `                 platform: MikroTik`,
        ].join('\n');
      }
      case '/system routerboard':
        return `       routerboard: yes\n             model: ${d.spec.model}\n     serial-number: ${d.serial}\n  current-firmware: ${d.spec.firmwareRev}`;
      case '/interface':
        return [
          'Flags: D - dynamic, X - disabled, R - running, S - slave',
          ` #     ${pad('NAME', 20)}${pad('TYPE', 10)}MTU`,
          ...ifaceViews(this.ctx).map((v, n) => ` ${pad(String(n), 2)}${pad(v.counters.operUp ? 'R' : '', 4)}${pad(v.iface.name, 20)}${pad(v.iface.ifType === 24 ? 'loopback' : 'ether', 10)}${v.iface.mtu}`),
        ].join('\n');
      case '/ip neighbor':
        return [
          ` #  ${pad('INTERFACE', 11)}${pad('ADDRESS', 16)}${pad('MAC-ADDRESS', 18)}IDENTITY`,
          ...lldpViews(this.ctx).map((n, i) => ` ${pad(String(i), 3)}${pad(n.localName, 11)}${pad(n.mgmt, 16)}${pad(n.chassisMac.toUpperCase(), 18)}${n.remoteName}`),
        ].join('\n');
      case '/snmp': {
        const id = routerosIdentity(this.ctx.config.running);
        return `   enabled: yes\n   contact: ${id.contact ?? ''}\n  location: ${id.location ?? ''}`;
      }
      default:
        return parseExport(this.ctx.config.running).find((s) => s.path === path)?.lines.map((l, i) => ` ${i} ${l}`).join('\n') ?? '';
    }
  }
}
