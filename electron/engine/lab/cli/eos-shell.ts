import type { LabCredentials } from '../../../../shared/api/lab';
import type { LabDevice } from '../lab-model-types';
import { aiFeatureOutput } from './ai-feature-cli';
import { applyIosConfigLine, normalizeIosConfig } from './ios-style-config';
import { ciscoMac, ifaceViews, lldpViews, pad, uptimeSec } from './show-helpers';
import { matches, ok, type PlatformShell, type ShellContext, type ShellOutput, words } from './shell-types';

const CONTEXTS = ['interface', 'router bgp', 'router ospf', 'management', 'ip access-list'];
const INDENT = '   ';

export function eosInitialConfig(d: LabDevice, creds: LabCredentials): string {
  const lines = [
    `! device: ${d.hostname} (${d.spec.model}, EOS-${d.spec.osVersion})`, '!',
    'transceiver qsfp default-mode 4x10G', '!', `hostname ${d.hostname}`, 'ip domain-name lab.routewise.invalid', '!',
    `snmp-server contact ${d.contact}`, `snmp-server location ${d.location}`, `snmp-server community ${creds.snmpV2cCommunity} ro`, '!',
    'spanning-tree mode mstp', '!', `username ${creds.ssh.user} privilege 15 role network-admin secret sha512 $6$lab$routewise`, '!',
  ];
  for (const i of d.interfaces) {
    if (i.kind === 'loopback') continue;
    lines.push(`interface ${i.name}`);
    if (i.description) lines.push(`${INDENT}description ${i.description}`);
    if (i.kind === 'link') lines.push(`${INDENT}no switchport`);
    if (i.kind === 'mgmt') lines.push(`${INDENT}vrf MGMT`);
    if (i.ipv4) lines.push(`${INDENT}ip address ${i.ipv4.address}/${i.ipv4.prefixLen}`);
    if (i.kind === 'unused') lines.push(`${INDENT}shutdown`);
    lines.push('!');
  }
  lines.push('ip routing', '!', 'management api http-commands', `${INDENT}no shutdown`, '!', 'end');
  return normalizeIosConfig(lines.join('\n'), INDENT);
}

function shortName(name: string): string {
  return name.replace(/^Ethernet/, 'Et').replace(/^Management/, 'Ma');
}

/**
 * Arista EOS: `configure session NAME` stages changes, `commit timer hh:mm:ss` applies them with a
 * rollback timer and `configure session NAME commit` confirms (EOS User Manual, "Configure Sessions").
 */
export class EosShell implements PlatformShell {
  readonly morePrompt = ' --More-- ';
  paging = true;
  private mode: 'exec' | 'config' | 'session' = 'exec';
  private context?: string;
  private session?: { name: string; text: string };

  constructor(private readonly ctx: ShellContext) {}

  banner(): string {
    return '';
  }

  prompt(): string {
    const host = this.ctx.rt.identity.hostname;
    if (this.mode === 'exec') return `${host}#`;
    const ctx = this.context ? `-if-${shortName(this.context.replace(/^interface /, ''))}` : '';
    if (this.mode === 'session') return `${host}(config-s-${this.session!.name.slice(0, 6)}${ctx})#`;
    return `${host}(config${ctx})#`;
  }

  control(key: 'ctrl-x' | 'ctrl-z' | 'ctrl-c'): ShellOutput | undefined {
    if (key !== 'ctrl-x') this.leave();
    return undefined;
  }

  run(line: string): ShellOutput {
    const l = line.trim();
    if (l === '') return ok();
    return this.mode === 'exec' ? this.exec(l) : this.configure(l);
  }

  private leave(): void {
    this.mode = 'exec';
    this.context = undefined;
  }

  configEvent(event: string): string | undefined {
    return event === 'reverted' ? '% Commit timer expired: the configuration session was rolled back' : undefined;
  }

  private exec(line: string): ShellOutput {
    const w = words(line);
    const store = this.ctx.config;
    if (matches(w, 'terminal length')) {
      this.paging = w[2] !== '0';
      return ok(`Pagination ${this.paging ? 'enabled' : 'disabled'}.`);
    }
    if (matches(w, 'exit') || matches(w, 'logout')) return { text: '', close: true };
    const aiText = aiFeatureOutput(this.ctx, w, line);
    if (aiText !== undefined) return ok(aiText);
    if (w[0] === 'configure' && w[1] === 'session' && w[2] && w[3] === 'commit') {
      return ok(store.confirm() ? '' : `% Session ${w[2]} has no pending commit timer`);
    }
    if (w[0] === 'configure' && w[1] === 'session' && w[2] && w[3] === 'abort') {
      this.session = undefined;
      return ok();
    }
    if (w[0] === 'configure' && w[1] === 'session') {
      const name = w[2] ?? `session${Date.now() % 100000}`;
      if (!this.session || this.session.name !== name) this.session = { name, text: store.running };
      this.mode = 'session';
      return ok();
    }
    if (matches(w, 'configure terminal') || (w.length === 1 && matches(w, 'configure'))) {
      this.mode = 'config';
      return ok();
    }
    if (matches(w, 'show version')) return ok(this.showVersion());
    if (matches(w, 'show running-config')) return ok(`! Command: show running-config\n${store.running}`);
    if (matches(w, 'show interfaces status')) return ok(this.showStatus());
    if (matches(w, 'show lldp neighbors')) return ok(this.showLldp());
    if (matches(w, 'show configuration sessions')) {
      return ok(this.session ? `  Name        State\n  ${this.session.name.padEnd(11)} pending${store.pendingConfirm ? ' (commit timer running)' : ''}` : 'There are no configuration sessions');
    }
    if (matches(w, 'copy running-config startup-config') || matches(w, 'write memory')) return ok('Copy completed successfully.');
    return ok('% Invalid input');
  }

  private configure(line: string): ShellOutput {
    const store = this.ctx.config;
    const w = words(line);
    if (line === 'end' || line === 'exit' && !this.context) {
      this.leave();
      return ok();
    }
    if (line === 'exit') {
      this.context = undefined;
      return ok();
    }
    if (this.mode === 'session') {
      const session = this.session!;
      if (matches(w, 'show session-config diffs')) return ok(diff(store.running, session.text));
      if (w[0] === 'abort') {
        this.session = undefined;
        this.leave();
        return ok();
      }
      if (w[0] === 'commit') {
        if (w[1] === 'timer') {
          const m = /^(\d{1,2}):(\d{2}):(\d{2})$/.exec(w[2] ?? '');
          if (!m) return ok('% Invalid input: commit timer needs hh:mm:ss');
          const minutes = (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) / 60;
          store.commit(session.text, this.ctx.user, { confirmWithinMin: minutes, kind: 'commit timer', comment: `session ${session.name}` });
        } else {
          store.commit(session.text, this.ctx.user, { comment: `session ${session.name}` });
          store.confirm();
          this.session = undefined;
        }
        this.leave();
        return ok();
      }
      const r = applyIosConfigLine(session.text, this.context, line, CONTEXTS, { childIndent: INDENT });
      session.text = r.text;
      this.context = r.context;
      return ok();
    }
    const r = applyIosConfigLine(store.running, this.context, line, CONTEXTS, { childIndent: INDENT });
    this.context = r.context;
    // A line that changes nothing (entering an existing interface) must not confirm a pending revert timer.
    if (r.text !== store.running) store.commit(r.text, this.ctx.user);
    return ok();
  }

  private showVersion(): string {
    const d = this.ctx.rt.device;
    const sec = uptimeSec(this.ctx);
    return [
      `Arista ${d.spec.model}`,
      `Hardware version: ${d.spec.hardwareRev}`,
      `Serial number: ${d.serial}`,
      `Hardware MAC address: ${ciscoMac(d.baseMac)}`,
      `System MAC address: ${ciscoMac(d.baseMac)}`,
      '',
      `Software image version: ${d.spec.osVersion}`,
      'Architecture: x86_64',
      `Internal build version: ${d.spec.osVersion}-lab`,
      `Uptime: ${Math.floor(sec / 604800)} weeks, ${Math.floor((sec % 604800) / 86400)} days, ${Math.floor((sec % 86400) / 3600)} hours and ${Math.floor((sec % 3600) / 60)} minutes`,
      `Total memory: ${d.memTotalKb} kB`,
      `Free memory: ${d.memTotalKb - d.memUsedKb} kB`,
    ].join('\n');
  }

  private showStatus(): string {
    const rows = ifaceViews(this.ctx)
      .filter((v) => v.iface.ifType === 6)
      .map((v) => {
        const status = !v.counters.adminUp ? 'disabled' : v.counters.operUp ? 'connected' : 'notconnect';
        const speed = v.iface.speedMbps >= 1000 ? `${v.iface.speedMbps / 1000}G` : `${v.iface.speedMbps}M`;
        return `${pad(shortName(v.iface.name), 11)}${pad(v.iface.description.slice(0, 11), 12)}${pad(status, 13)}${pad(v.iface.kind === 'link' ? 'routed' : '1', 9)}${pad('full', 7)}${speed}`;
      });
    return [`${pad('Port', 11)}${pad('Name', 12)}${pad('Status', 13)}${pad('Vlan', 9)}${pad('Duplex', 7)}Speed`, ...rows].join('\n');
  }

  private showLldp(): string {
    const n = lldpViews(this.ctx);
    return [
      'Last table change time   : 0:05:12 ago',
      `Number of table inserts  : ${n.length}`,
      'Number of table deletes  : 0',
      'Number of table drops    : 0',
      'Number of table age-outs : 0',
      '',
      `${pad('Port', 14)}${pad('Neighbor Device ID', 25)}${pad('Neighbor Port ID', 23)}TTL`,
      `${'-'.repeat(13)} ${'-'.repeat(24)} ${'-'.repeat(22)} ---`,
      ...n.map((x) => `${pad(shortName(x.localName), 14)}${pad(x.remoteName, 25)}${pad(x.portId, 23)}120`),
    ].join('\n');
  }
}

/** A minimal unified-style diff of two configs (whole lines). */
export function diff(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const bs = new Set(b);
  const as = new Set(a);
  return [...a.filter((l) => !bs.has(l)).map((l) => `-${l}`), ...b.filter((l) => !as.has(l)).map((l) => `+${l}`)].join('\n');
}
