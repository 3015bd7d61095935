import type { LabCredentials } from '../../../../shared/api/lab';
import type { DeviceIdentity } from '../device-runtime';
import type { LabDevice } from '../lab-model-types';
import { aiFeatureOutput } from './ai-feature-cli';
import { type LabVip, realServerList, syncLdbMonitors } from './fortios-ldb-monitor';
import { lldpViews, maskOf, pad, uptimeSec } from './show-helpers';
import { matches, ok, type PlatformShell, type ShellContext, type ShellOutput, uptimeText, words } from './shell-types';

type Settings = Array<[string, string]>;
/** Nested `config` blocks (a VIP's `config realservers`) live under the edit, or block, they were opened in. */
interface Edit {
  name: string;
  settings: Settings;
  children?: Block[];
}
interface Block {
  path: string;
  settings: Settings;
  edits: Edit[];
  children?: Block[];
}
interface FortiConfig {
  header: string[];
  blocks: Block[];
}

function quoteValue(v: string): string {
  return /^[\d.\s]+$/.test(v) || /^(enable|disable|standard|more|accept|deny|static|dhcp|none)$/.test(v) ? v : `"${v.replace(/"/g, '\\"')}"`;
}

function parseForti(text: string): FortiConfig {
  const cfg: FortiConfig = { header: [], blocks: [] };
  const stack: Array<{ block: Block; edit?: Edit }> = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#')) {
      cfg.header.push(line);
      continue;
    }
    const w = words(line);
    const top = stack.at(-1);
    if (w[0] === 'config') {
      const block: Block = { path: w.slice(1).join(' '), settings: [], edits: [] };
      if (top) {
        const parent = top.edit ?? top.block;
        (parent.children ??= []).push(block);
      } else cfg.blocks.push(block);
      stack.push({ block });
    } else if (w[0] === 'edit' && top) {
      top.edit = { name: w[1] ?? '', settings: [] };
      top.block.edits.push(top.edit);
    } else if (w[0] === 'next' && top) top.edit = undefined;
    else if (w[0] === 'end') stack.pop();
    else if (w[0] === 'set' && top) (top.edit ?? top.block).settings.push([w[1] ?? '', w.slice(2).join(' ')]);
  }
  return cfg;
}

function renderSettings(settings: Settings, indent: string): string[] {
  return settings.map(([k, v]) => `${indent}set ${k} ${v.split(' ').length > 1 && /^[\d.\s]+$/.test(v) ? v : quoteValue(v)}`);
}

function renderBlock(b: Block, indent: string): string[] {
  const inner = `${indent}    `;
  const out = [`${indent}config ${b.path}`, ...renderSettings(b.settings, inner), ...(b.children ?? []).flatMap((c) => renderBlock(c, inner))];
  for (const e of b.edits) out.push(`${inner}edit "${e.name}"`, ...renderSettings(e.settings, `${inner}    `), ...(e.children ?? []).flatMap((c) => renderBlock(c, `${inner}    `)), `${inner}next`);
  out.push(`${indent}end`);
  return out;
}

function renderForti(cfg: FortiConfig): string {
  return `${[...cfg.header, ...cfg.blocks.flatMap((b) => renderBlock(b, ''))].join('\n')}\n`;
}

function setIn(settings: Settings, key: string, value: string | undefined): Settings {
  const rest = settings.filter(([k]) => k !== key);
  return value === undefined ? rest : [...rest, [key, value]];
}

export function fortiosInitialConfig(d: LabDevice, creds: LabCredentials): string {
  const cfg: FortiConfig = {
    header: [`#config-version=FGT100F-${d.spec.osVersion}-FW-build2573-240201:opmode=0:vdom=0:user=${creds.ssh.user}`, '#conf_file_ver=4711', '#buildno=2573', '#global_vdom=1'],
    blocks: [
      { path: 'system global', settings: [['alias', d.spec.model], ['hostname', d.hostname], ['timezone', 'Europe/London']], edits: [] },
      { path: 'system console', settings: [['output', 'more']], edits: [] },
      {
        path: 'system interface', settings: [],
        edits: d.interfaces.filter((i) => i.ifType === 6).map((i) => ({
          name: i.name,
          settings: [
            ['vdom', 'root'],
            ...(i.ipv4 ? ([['ip', `${i.ipv4.address} ${maskOf(i.ipv4.prefixLen)}`]] as Settings) : []),
            ['allowaccess', i.kind === 'mgmt' ? 'ping https ssh snmp' : 'ping'],
            ...(i.description ? ([['description', i.description]] as Settings) : []),
          ],
        })),
      },
      { path: 'system snmp sysinfo', settings: [['status', 'enable'], ['contact-info', d.contact], ['location', d.location]], edits: [] },
      { path: 'system snmp community', settings: [], edits: [{ name: '1', settings: [['name', creds.snmpV2cCommunity]] }] },
      { path: 'ips sensor', settings: [], edits: [{ name: 'default', settings: [['comment', 'Prevent critical attacks.']] }] },
    ],
  };
  return renderForti(cfg);
}

export function fortiosIdentity(text: string): Partial<DeviceIdentity> {
  const cfg = parseForti(text);
  const get = (path: string, key: string) => cfg.blocks.find((b) => b.path === path)?.settings.find(([k]) => k === key)?.[1];
  const host = get('system global', 'hostname');
  return { ...(host ? { hostname: host } : {}), contact: get('system snmp sysinfo', 'contact-info') ?? '', location: get('system snmp sysinfo', 'location') ?? '' };
}

/**
 * `config system auto-script` entries with `set start auto` run their script after `interval` seconds (once
 * with `repeat 1`, which is how drivers use them as a revert timer); deleting the entry cancels the run.
 */
function syncAutoScripts(ctx: ShellContext): void {
  const block = parseForti(ctx.config.running).blocks.find((b) => b.path === 'system auto-script');
  const wanted = new Map<string, { intervalSec: number; script: string }>();
  for (const e of block?.edits ?? []) {
    const get = (k: string) => e.settings.find(([key]) => key === k)?.[1];
    const script = get('script');
    const intervalSec = Number(get('interval') ?? '0');
    if (get('start') === 'auto' && script && intervalSec > 0) wanted.set(e.name, { intervalSec, script });
  }
  for (const name of knownScripts.get(ctx.config) ?? []) if (!wanted.has(name)) ctx.config.cancelJob(`auto-script:${name}`);
  for (const [name, job] of wanted) {
    if (ctx.config.hasJob(`auto-script:${name}`)) continue;
    ctx.config.schedule(`auto-script:${name}`, job.intervalSec, () => {
      const shell = new FortiosShell({ ...ctx, user: 'auto-script' });
      for (const line of job.script.split(/\\n|\n/)) shell.run(line);
    });
  }
  knownScripts.set(ctx.config, new Set(wanted.keys()));
}
const knownScripts = new WeakMap<object, Set<string>>();

/** Server-load-balance VIPs with their real servers and the ldb-monitor each names, for the lab's health checks. */
function labVips(cfg: FortiConfig): LabVip[] {
  const get = (settings: Settings, k: string) => settings.find(([key]) => key === k)?.[1];
  const monitors = new Map((cfg.blocks.find((b) => b.path === 'firewall ldb-monitor')?.edits ?? []).map((e) => [e.name, e.settings]));
  const vips = cfg.blocks.find((b) => b.path === 'firewall vip')?.edits ?? [];
  return vips
    .filter((e) => get(e.settings, 'type') === 'server-load-balance')
    .map((e) => {
      const servers = (e.children?.find((c) => c.path === 'realservers')?.edits ?? []).map((r) => ({
        ip: get(r.settings, 'ip') ?? '0.0.0.0',
        port: Number(get(r.settings, 'port') ?? '0'),
        weight: get(r.settings, 'weight') ?? '1',
        disabled: get(r.settings, 'status') === 'disable',
      }));
      const monitorName = get(e.settings, 'monitor');
      const m = monitorName !== undefined ? monitors.get(monitorName) : undefined;
      return {
        name: e.name,
        extip: get(e.settings, 'extip') ?? '0.0.0.0',
        extport: get(e.settings, 'extport') ?? '0',
        servers,
        ...(m && monitorName !== undefined
          ? { monitor: { name: monitorName, type: get(m, 'type') ?? 'ping', httpGet: get(m, 'http-get') ?? '/', intervalSec: Number(get(m, 'interval') ?? '10'), timeoutSec: Number(get(m, 'timeout') ?? '2') } }
          : {}),
      };
    });
}

function syncMonitors(ctx: ShellContext): void {
  syncLdbMonitors(ctx.config, labVips(parseForti(ctx.config.running)));
}

/**
 * Fortinet FortiOS: `config … / set … / next / end` blocks applied at `end`, each change kept as a
 * configuration revision (`execute revision list config`; restore with `execute restore config revision
 * <id>`). FortiOS has no commit-confirm: drivers emulate it with a revision and a revert.
 */
export class FortiosShell implements PlatformShell {
  readonly morePrompt = '--More-- ';
  paging = true;
  private work?: FortiConfig;
  private stack: Array<{ block: Block; edit?: Edit }> = [];

  constructor(private readonly ctx: ShellContext) {
    this.paging = !/config system console\n\s+set output standard/.test(ctx.config.running);
  }

  banner(): string {
    return '';
  }

  prompt(): string {
    const host = this.ctx.rt.identity.hostname;
    const top = this.stack.at(-1);
    if (!top) return `${host} # `;
    return `${host} (${top.edit?.name ?? top.block.path.split(' ').at(-1)}) # `;
  }

  run(line: string): ShellOutput {
    const l = line.trim();
    if (l === '') return ok();
    const w = words(l);
    if (this.stack.length > 0) return this.inConfig(w);
    if (w[0] === 'config') {
      this.work = parseForti(this.ctx.config.running);
      return this.inConfig(w);
    }
    if (matches(w, 'exit') || matches(w, 'quit')) return { text: '', close: true };
    const aiText = aiFeatureOutput(this.ctx, w, l);
    if (aiText !== undefined) return ok(aiText);
    if (matches(w, 'get system status')) return ok(this.status());
    if (matches(w, 'show full-configuration') || (w[0] === 'show' && w.length === 1)) return ok(this.ctx.config.running.trimEnd());
    if (w[0] === 'show') {
      const path = w.slice(1).join(' ');
      const b = parseForti(this.ctx.config.running).blocks.filter((x) => x.path === path);
      return ok(b.length ? renderForti({ header: [], blocks: b }).trimEnd() : 'command parse error before \'' + (w[1] ?? '') + '\'');
    }
    if (matches(w, 'diagnose lldprx neighbor summary')) return ok(this.lldp());
    if (matches(w, 'diagnose firewall vip realserver list')) {
      syncMonitors(this.ctx);
      return ok(realServerList(this.ctx.config));
    }
    if (matches(w, 'execute revision list config')) {
      return ok([`${pad('ID', 6)}${pad('TIME', 26)}${pad('ADMIN', 12)}COMMENT`, ...this.ctx.config.revisions().map((r) => `${pad(String(r.id), 6)}${pad(r.at, 26)}${pad(r.by, 12)}${r.comment}`)].join('\n'));
    }
    if (matches(w, 'execute backup config flash')) {
      this.ctx.config.snapshot(this.ctx.user, w.slice(4).join(' ') || 'backup');
      return ok('Please wait...\nConfig backed up to flash disk done.');
    }
    if (matches(w, 'execute restore config flash')) {
      const id = Number(w[4]);
      const rev = this.ctx.config.revisionById(id);
      if (!rev) return ok(`Revision ${w[4] ?? ''} not found.\nCommand fail. Return code -1`);
      this.ctx.config.replace(rev.text, this.ctx.user, `restored revision ${id}`);
      syncAutoScripts(this.ctx);
      syncMonitors(this.ctx);
      // The FortiGate reboots into the restored configuration: the session ends.
      return { text: 'This operation will reboot the system !\nDo you want to continue? (y/n)y\n\nPlease wait...\n\nGet config file from flash disk OK.\nFile check OK.', close: true };
    }
    if (matches(w, 'execute restore config revision') || matches(w, 'execute revision revert')) {
      const id = Number(w.at(-1));
      const rev = this.ctx.config.revisionById(id);
      if (!rev) return ok(`Revision ${w.at(-1)} not found.\nCommand fail. Return code -1`);
      this.ctx.config.replace(rev.text, this.ctx.user, `restored revision ${id}`);
      syncMonitors(this.ctx);
      return ok(`Restoring revision ${id} ...\nDone.`);
    }
    return ok(`Unknown action 0\nCommand fail. Return code -1`);
  }

  private inConfig(w: string[]): ShellOutput {
    const cfg = this.work!;
    const top = this.stack.at(-1);
    const block = top?.block;
    switch (w[0]) {
      case 'config': {
        const path = w.slice(1).join(' ');
        const siblings = top ? ((top.edit ?? top.block).children ??= []) : cfg.blocks;
        let b = siblings.find((x) => x.path === path);
        if (!b) {
          b = { path, settings: [], edits: [] };
          siblings.push(b);
        }
        this.stack.push({ block: b });
        return ok();
      }
      case 'edit': {
        if (!top || !block || !w[1]) return ok('command parse error');
        let e = block.edits.find((x) => x.name === w[1]);
        if (!e) {
          e = { name: w[1], settings: [] };
          block.edits.push(e);
        }
        top.edit = e;
        return ok();
      }
      case 'set':
      case 'unset': {
        if (!top || !block || !w[1]) return ok('command parse error');
        const target = top.edit ?? block;
        target.settings = setIn(target.settings, w[1], w[0] === 'set' ? w.slice(2).join(' ') : undefined);
        return ok();
      }
      case 'next':
        if (top) top.edit = undefined;
        return ok();
      case 'delete': {
        if (!block || !w[1]) return ok('command parse error');
        const before = block.edits.length;
        block.edits = block.edits.filter((e) => e.name !== w[1]);
        return ok(block.edits.length === before ? 'entry not found in datasource\nCommand fail. Return code -3' : '');
      }
      case 'abort':
        this.stack = [];
        this.work = undefined;
        return ok();
      case 'end': {
        this.stack.pop();
        if (this.stack.length === 0) {
          const text = renderForti(cfg);
          this.work = undefined;
          if (text !== this.ctx.config.running) this.ctx.config.commit(text, this.ctx.user, { comment: 'cli change' });
          syncAutoScripts(this.ctx);
          syncMonitors(this.ctx);
          this.paging = !/config system console\n\s+set output standard/.test(this.ctx.config.running);
        }
        return ok();
      }
      case 'show':
        return ok(block ? renderForti({ header: [], blocks: [block] }).trimEnd() : '');
      default:
        return ok('command parse error before \'' + (w[0] ?? '') + '\'\nCommand fail. Return code -61');
    }
  }

  private status(): string {
    const d = this.ctx.rt.device;
    return [
      `Version: ${d.spec.softwareRev}`,
      'Security Level: 2',
      'Firmware Signature: certified',
      'Virus-DB: 92.01234(2024-01-05 18:23)',
      'IPS-DB: 27.00727(2024-01-05 01:27)',
      `Serial-Number: ${d.serial}`,
      'BIOS version: 05000012',
      'Log hard disk: Available',
      `Hostname: ${this.ctx.rt.identity.hostname}`,
      'Operation Mode: NAT',
      'Current virtual domain: root',
      'Current HA mode: standalone',
      'Branch point: 2573',
      'Release Version Information: GA',
      `System time: ${new Date().toUTCString()}`,
      `Uptime: ${uptimeText(uptimeSec(this.ctx))}`,
      'Last reboot reason: warm reboot',
    ].join('\n');
  }

  private lldp(): string {
    return [
      'Capability codes:',
      '        R: Router, B: Bridge, T: Telephone, C: DOCSIS Cable Device',
      '        W: WLAN Access Point, P: Repeater, S: Station, O: Other',
      `${pad('Port', 10)}${pad('Neighbor', 20)}${pad('Age', 6)}${pad('Chassis ID', 20)}${pad('Port ID', 20)}Cap`,
      ...lldpViews(this.ctx).map((n) => `${pad(n.localName, 10)}${pad(n.remoteName, 20)}${pad('10', 6)}${pad(n.chassisMac, 20)}${pad(n.portId, 20)}${n.caps.replace(',', '')}`),
    ].join('\n');
  }
}
