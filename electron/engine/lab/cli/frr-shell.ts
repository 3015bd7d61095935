import type { LabCredentials } from '../../../../shared/api/lab';
import type { DeviceIdentity } from '../device-runtime';
import type { LabDevice } from '../lab-model-types';
import { applyIosConfigLine, normalizeIosConfig, topValue } from './ios-style-config';
import { ifaceViews, lldpViews, pad } from './show-helpers';
import { matches, ok, type PlatformShell, type ShellContext, type ShellOutput, words } from './shell-types';

const CONTEXTS = ['interface', 'router bgp', 'router ospf', 'route-map', 'line'];
const BLOCK_END = 'exit';

export function frrInitialConfig(d: LabDevice, _creds: LabCredentials): string {
  const lines = [
    `frr version ${d.spec.osVersion}`, 'frr defaults traditional', `hostname ${d.hostname}`, 'log syslog informational',
    'service integrated-vtysh-config', '!',
  ];
  for (const i of d.interfaces) {
    if (i.kind === 'mgmt' || (!i.ipv4 && !i.description)) continue;
    lines.push(`interface ${i.name}`);
    if (i.description) lines.push(` description ${i.description}`);
    if (i.ipv4) lines.push(` ip address ${i.ipv4.address}/${i.ipv4.prefixLen}`);
    lines.push(BLOCK_END, '!');
  }
  lines.push('router ospf', ' ospf router-id ' + (d.interfaces.find((i) => i.kind === 'loopback')?.ipv4?.address ?? '10.255.0.1'), ' network 10.254.0.0/16 area 0', BLOCK_END, '!', 'end');
  return normalizeIosConfig(lines.join('\n'), ' ', BLOCK_END);
}

export function frrIdentity(text: string): Partial<DeviceIdentity> {
  const host = topValue(text, 'hostname');
  return host ? { hostname: host } : {};
}

/**
 * Linux with FRR: a bash login whose `vtysh` (or `vtysh -c '…'`) speaks FRR's IOS-like CLI, and
 * lldpd's `lldpcli`. FRR applies each line at once and has no commit-confirm of its own.
 */
export class FrrShell implements PlatformShell {
  readonly morePrompt = '--More--';
  paging = true;
  private vtysh = false;
  private configMode = false;
  private context?: string;

  constructor(private readonly ctx: ShellContext) {}

  banner(): string {
    return `Linux ${this.ctx.rt.identity.hostname} 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64`;
  }

  prompt(): string {
    const host = this.ctx.rt.identity.hostname;
    if (!this.vtysh) return `${this.ctx.user}@${host}:~$ `;
    if (!this.configMode) return `${host}# `;
    return `${host}(config${this.context?.startsWith('interface') ? '-if' : this.context ? '-router' : ''})# `;
  }

  run(line: string): ShellOutput {
    const l = line.trim();
    if (l === '') return ok();
    return this.vtysh ? this.vty(l) : this.bash(l);
  }

  private bash(line: string): ShellOutput {
    const w = words(line);
    if (w[0] === 'exit' || w[0] === 'logout') return { text: 'logout', close: true };
    if (w[0] === 'vtysh' || w[0] === 'sudo' && w[1] === 'vtysh') {
      const args = w[0] === 'sudo' ? w.slice(2) : w.slice(1);
      const commands: string[] = [];
      for (let i = 0; i < args.length; i++) if (args[i] === '-c' && args[i + 1] !== undefined) commands.push(args[++i]!);
      if (commands.length === 0) {
        this.vtysh = true;
        return ok(`\nHello, this is FRRouting (version ${this.ctx.rt.device.spec.osVersion}).\nCopyright 1996-2005 Kunihiro Ishiguro, et al.\n`);
      }
      this.vtysh = true;
      const saved = this.paging;
      this.paging = false;
      const out = commands.map((c) => this.vty(c).text).filter(Boolean).join('\n');
      this.paging = saved;
      this.vtysh = false;
      this.configMode = false;
      this.context = undefined;
      return ok(out);
    }
    if (w[0] === 'hostname') return ok(this.ctx.rt.identity.hostname);
    if (w[0] === 'uname') return ok(this.ctx.rt.device.spec.sysDescr(this.ctx.rt.identity.hostname));
    if (w[0] === 'lldpcli' && w[1] === 'show' && w[2]?.startsWith('neighbor')) return ok(this.lldpcli());
    if (w[0] === 'ip' && w.includes('link')) {
      return ok(ifaceViews(this.ctx).map((v) => `${pad(v.iface.name, 17)}${pad(v.counters.operUp ? 'UP' : 'DOWN', 15)}${v.iface.mac}`).join('\n'));
    }
    return ok(`-bash: ${w[0]}: command not found`);
  }

  private vty(line: string): ShellOutput {
    const w = words(line);
    const store = this.ctx.config;
    if (this.configMode) {
      if (line === 'end') {
        this.configMode = false;
        this.context = undefined;
        return ok();
      }
      if (line === 'exit') {
        if (this.context) this.context = undefined;
        else this.configMode = false;
        return ok();
      }
      const r = applyIosConfigLine(store.running, this.context, line, CONTEXTS, { childIndent: ' ', blockEnd: BLOCK_END });
      this.context = r.context;
      // A line that changes nothing (entering an existing interface) must not confirm a pending revert timer.
      if (r.text !== store.running) store.commit(r.text, this.ctx.user);
      return ok();
    }
    if (matches(w, 'exit') || matches(w, 'quit')) {
      this.vtysh = false;
      return ok();
    }
    if (matches(w, 'terminal length')) {
      this.paging = w[2] !== '0';
      return ok();
    }
    if (matches(w, 'configure terminal')) {
      this.configMode = true;
      return ok();
    }
    if (matches(w, 'show running-config')) return ok(`Building configuration...\n\nCurrent configuration:\n${store.running}`);
    if (matches(w, 'show version')) return ok(`FRRouting ${this.ctx.rt.device.spec.osVersion} (${this.ctx.rt.identity.hostname}) on Linux(6.1.0-18-amd64).\nCopyright 1996-2005 Kunihiro Ishiguro, et al.`);
    if (matches(w, 'show interface brief')) {
      return ok([`${pad('Interface', 16)}${pad('Status', 9)}${pad('VRF', 16)}Addresses`, ...ifaceViews(this.ctx).map((v) => `${pad(v.iface.name, 16)}${pad(v.counters.operUp ? 'up' : 'down', 9)}${pad('default', 16)}${v.iface.ipv4 ? `${v.iface.ipv4.address}/${v.iface.ipv4.prefixLen}` : ''}`)].join('\n'));
    }
    if (matches(w, 'write memory') || matches(w, 'write file')) return ok('Note: this version of vtysh never writes vtysh.conf\nBuilding Configuration...\nIntegrated configuration saved to /etc/frr/frr.conf\n[OK]');
    return ok('% Unknown command: ' + line);
  }

  private lldpcli(): string {
    const out = ['-------------------------------------------------------------------------------', 'LLDP neighbors:', '-------------------------------------------------------------------------------'];
    for (const n of lldpViews(this.ctx)) {
      out.push(
        `Interface:    ${n.localName}, via: LLDP, RID: 1, Time: 0 day, 00:05:12`,
        '  Chassis:',
        `    ChassisID:    mac ${n.chassisMac}`,
        `    SysName:      ${n.remoteName}`,
        `    SysDescr:     ${n.sysDescr.split(/\r?\n/)[0]}`,
        `    MgmtIP:       ${n.mgmt}`,
        '  Port:',
        `    PortID:       ${/^\d+$/.test(n.portId) ? 'local' : 'ifname'} ${n.portId}`,
        `    PortDescr:    ${n.portDescr}`,
        '-------------------------------------------------------------------------------',
      );
    }
    return out.join('\n');
  }
}
