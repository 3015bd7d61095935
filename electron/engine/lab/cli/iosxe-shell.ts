import type { LabCredentials } from '../../../../shared/api/lab';
import type { DeviceIdentity } from '../device-runtime';
import type { LabDevice } from '../lab-model-types';
import { ciscoShortName } from '../topology-model';
import { aiFeatureOutput, isrTechnologyPackages } from './ai-feature-cli';
import { applyIosConfigLine, normalizeIosConfig, topValue } from './ios-style-config';
import { ciscoMac, ifaceViews, lldpViews, maskOf, pad, uptimeSec } from './show-helpers';
import { matches, ok, type PlatformShell, type ShellContext, type ShellOutput, uptimeText, words } from './shell-types';

export function iosxeInitialConfig(d: LabDevice, creds: LabCredentials): string {
  const lines = [
    '!', `! Last configuration change at 09:14:02 UTC Mon Jan 8 2024 by ${creds.ssh.user}`, '!',
    `version ${d.spec.osVersion.split('.').slice(0, 2).join('.')}`,
    // IOS-XE 16.x and later ship with Smart Call Home on: `service call-home` is in every default running config.
    'service timestamps debug datetime msec', 'service timestamps log datetime msec', 'service password-encryption', 'service call-home',
    `hostname ${d.hostname}`, '!', 'vrf definition Mgmt-vrf', ' address-family ipv4', ' exit-address-family', '!',
    'no aaa new-model', 'ip domain name lab.routewise.invalid', 'login on-success log', '!',
    `username ${creds.ssh.user} privilege 15 secret 9 $9$lab$routewiselabhash`, '!',
    'archive', ' path flash:archive', ' maximum 14', '!',
  ];
  for (const i of d.interfaces) {
    if (i.kind === 'loopback' || i.kind === 'mgmt' || i.kind === 'link' || i.kind === 'host' || i.kind === 'unused') {
      lines.push(`interface ${i.name}`);
      if (i.kind === 'mgmt') lines.push(' vrf forwarding Mgmt-vrf');
      if (i.description) lines.push(` description ${i.description}`);
      if (i.kind === 'link' && d.spec.isSwitch) lines.push(' no switchport');
      if (i.kind === 'host') lines.push(' switchport access vlan 10', ' switchport mode access');
      if (i.ipv4) lines.push(` ip address ${i.ipv4.address} ${maskOf(i.ipv4.prefixLen)}`);
      if (i.kind === 'unused') lines.push(' shutdown');
      lines.push('!');
    }
  }
  lines.push(
    `snmp-server community ${creds.snmpV2cCommunity} RO`,
    `snmp-server location ${d.location}`,
    `snmp-server contact ${d.contact}`,
    '!', 'lldp run', '!', 'line vty 0 15', ' transport input ssh', '!', 'end',
  );
  return normalizeIosConfig(lines.join('\n'));
}

export function iosIdentity(text: string): Partial<DeviceIdentity> {
  return {
    ...(topValue(text, 'hostname') ? { hostname: topValue(text, 'hostname')! } : {}),
    contact: topValue(text, 'snmp-server contact') ?? '',
    location: topValue(text, 'snmp-server location') ?? '',
  };
}

/** Where `copy running-config startup-config` writes; `show startup-config` reads it (the boot config until then). */
const STARTUP = 'nvram:startup-config';

const CONTEXTS = ['interface', 'archive', 'line', 'vrf definition', 'router ospf', 'router bgp', 'ip access-list extended', 'ip access-list standard'];

/**
 * Cisco IOS-XE: `#` exec, `configure terminal` applying each line at once, archive + `configure replace`,
 * `configure terminal revert timer N` / `configure confirm` (IOS-XE Configuration Replace and Configuration
 * Rollback guide).
 */
export class IosxeShell implements PlatformShell {
  readonly morePrompt = ' --More-- ';
  paging = true;
  private mode: 'exec' | 'config' = 'exec';
  private context?: string;
  /** A question the device asked (copy's destination, an overwrite [confirm]); the next line answers it. */
  private question?: { prompt: string; answer: (reply: string) => ShellOutput };

  constructor(private readonly ctx: ShellContext) {}

  banner(): string {
    return '';
  }

  prompt(): string {
    if (this.question) return this.question.prompt;
    const host = this.ctx.rt.identity.hostname;
    if (this.mode === 'exec') return `${host}#`;
    if (!this.context) return `${host}(config)#`;
    const kind = this.context.startsWith('interface') ? 'config-if' : this.context.startsWith('archive') ? 'config-archive' : 'config-line';
    return `${host}(${kind})#`;
  }

  control(key: 'ctrl-x' | 'ctrl-z' | 'ctrl-c'): ShellOutput | undefined {
    if (key === 'ctrl-z' || key === 'ctrl-c') {
      this.question = undefined;
      this.mode = 'exec';
      this.context = undefined;
    }
    return undefined;
  }

  run(line: string): ShellOutput {
    const trimmed = line.trim();
    if (this.question) {
      const q = this.question;
      this.question = undefined;
      return q.answer(trimmed);
    }
    if (trimmed === '') return ok();
    if (this.mode === 'config') return this.configLine(trimmed);
    return this.execLine(trimmed);
  }

  configEvent(event: string): string | undefined {
    return event === 'reverted'
      ? '%ARCHIVE_DIFF-5-ROLLBK_CNFMD_CHG_ROLLBACK: Rollback Confirmed Change: timer expired, rolling back to the archived configuration'
      : undefined;
  }

  private execLine(line: string): ShellOutput {
    const w = words(line);
    const store = this.ctx.config;
    if (matches(w, 'terminal length')) {
      this.paging = w[2] !== '0';
      return ok();
    }
    if (matches(w, 'terminal width')) return ok();
    if (matches(w, 'exit') || matches(w, 'logout') || matches(w, 'quit')) return { text: '', close: true };
    const aiText = aiFeatureOutput(this.ctx, w, line);
    if (aiText !== undefined) return ok(aiText);
    if (matches(w, 'configure terminal revert timer')) {
      const minutes = Number(w[4]);
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > 120) return ok('% Invalid input detected at \'^\' marker.');
      store.commit(store.running, this.ctx.user, { confirmWithinMin: minutes, kind: 'revert timer' });
      this.mode = 'config';
      return ok(`Rollback Confirmed Change: Backing up current running config to flash:archive-${this.archiveName()}\n\nEnter configuration commands, one per line.  End with CNTL/Z.`);
    }
    if (matches(w, 'configure confirm')) {
      return ok(store.confirm() ? '' : '% No Rollback Confirmed Change pending');
    }
    if (matches(w, 'configure replace')) {
      const file = w[2] ?? '';
      const text = store.files.get(file);
      if (text === undefined) return ok(`%Error opening ${file} (No such file or directory)`);
      store.replace(text, this.ctx.user, `configure replace ${file}`);
      return ok('Total number of passes: 1\nRollback Done');
    }
    if (matches(w, 'configure terminal')) {
      this.mode = 'config';
      return ok('Enter configuration commands, one per line.  End with CNTL/Z.');
    }
    if (matches(w, 'copy running-config')) return this.copyRunning(w[2] ?? '');
    if (matches(w, 'write memory')) return ok('Building configuration...\n[OK]');
    if (matches(w, 'archive config')) {
      store.files.set(`flash:archive-${this.archiveName()}`, store.running);
      return ok();
    }
    if (matches(w, 'show version')) return ok(this.showVersion());
    if (matches(w, 'show startup-config')) {
      const text = store.files.get(STARTUP) ?? store.boot;
      return ok(`Using ${text.length} out of 33554432 bytes\n${text}`);
    }
    if (matches(w, 'show running-config') || matches(w, 'show configuration')) {
      return ok(`Building configuration...\n\nCurrent configuration : ${store.running.length} bytes\n${store.running}`);
    }
    if (matches(w, 'show ip interface brief')) return ok(this.showIpBrief());
    if (matches(w, 'show interfaces')) return ok(this.showInterfaces(w[2]));
    if (matches(w, 'show lldp neighbors')) return ok(matches(w, 'show lldp neighbors detail') ? this.showLldpDetail() : this.showLldp());
    if (matches(w, 'show inventory')) {
      const d = this.ctx.rt.device;
      return ok(`NAME: "c93xx Stack", DESCR: "${d.spec.entDescr(d.serial)}"\nPID: ${d.spec.model.padEnd(18)}, VID: ${d.spec.hardwareRev} , SN: ${d.serial}\n`);
    }
    if (matches(w, 'show archive config rollback timer') || matches(w, 'show archive')) return ok(this.showArchive());
    if (matches(w, 'show clock')) return ok(`*${new Date().toUTCString()}`);
    if (matches(w, 'dir')) return ok([...store.files.keys()].map((f, i) => `${String(i + 1).padStart(6)}  -rw-  ${String(store.files.get(f)!.length).padStart(8)}  ${f.slice(6)}`).join('\n') || 'No files in directory');
    return ok(`${' '.repeat(Math.max(0, this.prompt().length))}^\n% Invalid input detected at '^' marker.`);
  }

  /**
   * `copy running-config DEST` asks like IOS does: `Destination filename [name]? ` (Enter keeps the name), then for
   * an existing flash file `Do you want to over write? [confirm]` (Enter or y; anything else aborts).
   */
  private copyRunning(dest: string): ShellOutput {
    const store = this.ctx.config;
    if (dest === 'startup-config' || dest === STARTUP) {
      return this.ask('', 'Destination filename [startup-config]? ', (reply) => {
        if (reply !== '' && reply !== 'startup-config') return ok(`%Error opening flash:${reply} (Permission denied)`);
        store.files.set(STARTUP, store.running);
        return ok('Building configuration...\n[OK]');
      });
    }
    if (!dest.startsWith('flash:')) return ok('%Error parsing filename (Invalid argument)');
    return this.ask('', `Destination filename [${dest.slice(6)}]? `, (reply) => {
      const file = reply === '' ? dest : `flash:${reply.replace(/^flash:/, '')}`;
      const write = () => {
        store.files.set(file, store.running);
        return ok(`${store.running.length} bytes copied in 0.120 secs (${Math.round(store.running.length / 0.12)} bytes/sec)`);
      };
      if (!store.files.has(file)) return write();
      return this.ask('%Warning:There is a file already existing with this name ', 'Do you want to over write? [confirm]', (yes) =>
        yes === '' || /^y/i.test(yes) ? write() : ok('%Error: copy aborted by the user'),
      );
    });
  }

  private ask(text: string, prompt: string, answer: (reply: string) => ShellOutput): ShellOutput {
    this.question = { prompt, answer };
    return ok(text);
  }

  private configLine(line: string): ShellOutput {
    const store = this.ctx.config;
    if (line === 'end') {
      this.mode = 'exec';
      this.context = undefined;
      return ok();
    }
    if (line === 'exit') {
      if (this.context) this.context = undefined;
      else this.mode = 'exec';
      return ok();
    }
    if (line.startsWith('do ')) return this.execLine(line.slice(3));
    const r = applyIosConfigLine(store.running, this.context, line, CONTEXTS);
    this.context = r.context;
    // A line that changes nothing (entering an existing interface) must not confirm a pending revert timer.
    if (r.text !== store.running) store.commit(r.text, this.ctx.user);
    return ok();
  }

  private archiveName(): string {
    return `${this.ctx.rt.identity.hostname}-${new Date().toISOString().slice(0, 10)}-${this.ctx.config.revisions().length}`;
  }

  private showArchive(): string {
    const p = this.ctx.config.pendingConfirm;
    const lines = ['The maximum archive configurations allowed is 14.', 'There are currently ' + this.ctx.config.revisions().length + ' archive configurations saved.'];
    if (p) lines.push(`Rollback timer: ${Math.max(0, Math.round((p.deadlineMs - Date.now()) / 1000))} seconds remaining (${p.kind})`);
    return lines.join('\n');
  }

  private showVersion(): string {
    const d = this.ctx.rt.device;
    const sysDescr = d.spec.sysDescr(d.hostname).replace(/\r/g, '');
    const ports = d.interfaces.filter((i) => i.ifType === 6).length;
    return [
      `Cisco IOS XE Software, Version ${d.spec.softwareRev}`,
      sysDescr,
      '',
      'ROM: IOS-XE ROMMON',
      `BOOTLDR: System Bootstrap, Version ${d.spec.firmwareRev}, RELEASE SOFTWARE (P)`,
      '',
      `${this.ctx.rt.identity.hostname} uptime is ${uptimeText(uptimeSec(this.ctx))}`,
      'System returned to ROM by Reload Command',
      'System image file is "flash:packages.conf"',
      '',
      `cisco ${d.spec.model} (X86) processor with ${d.memTotalKb}K/6147K bytes of memory.`,
      `Processor board ID ${d.serial}`,
      `${ports} Gigabit Ethernet interfaces`,
      '',
      `Model Number                       : ${d.spec.model}`,
      `System Serial Number               : ${d.serial}`,
      ...isrTechnologyPackages(this.ctx),
      '',
      'Configuration register is 0x102',
    ].join('\n');
  }

  private showIpBrief(): string {
    const rows = ifaceViews(this.ctx).map((v) =>
      `${pad(v.iface.name, 23)}${pad(v.iface.ipv4?.address ?? 'unassigned', 16)}YES NVRAM  ${pad(v.counters.adminUp ? (v.counters.operUp ? 'up' : 'down') : 'administratively down', 22)}${v.counters.operUp ? 'up' : 'down'}`,
    );
    return [`${pad('Interface', 23)}${pad('IP-Address', 16)}OK? Method ${pad('Status', 22)}Protocol`, ...rows].join('\n');
  }

  private showInterfaces(only?: string): string {
    return ifaceViews(this.ctx)
      .filter((v) => !only || v.iface.name.toLowerCase() === only.toLowerCase() || ciscoShortName(v.iface.name).toLowerCase() === only.toLowerCase())
      .map((v) => {
        const c = v.counters;
        const status = c.adminUp ? (c.operUp ? 'up' : 'down') : 'administratively down';
        return [
          `${v.iface.name} is ${status}, line protocol is ${c.operUp ? 'up' : 'down'}${v.iface.ifType === 6 ? (c.operUp ? ' (connected)' : ' (notconnect)') : ''}`,
          v.iface.ifType === 6 ? `  Hardware is Gigabit Ethernet, address is ${ciscoMac(v.iface.mac)} (bia ${ciscoMac(v.iface.mac)})` : '  Hardware is Loopback',
          ...(v.iface.description ? [`  Description: ${v.iface.description}`] : []),
          ...(v.iface.ipv4 ? [`  Internet address is ${v.iface.ipv4.address}/${v.iface.ipv4.prefixLen}`] : []),
          `  MTU ${v.iface.mtu} bytes, BW ${v.iface.speedMbps * 1000} Kbit/sec, DLY 10 usec,`,
          `  5 minute input rate ${v.inBps} bits/sec, ${Math.round(v.inBps / 7200)} packets/sec`,
          `  5 minute output rate ${v.outBps} bits/sec, ${Math.round(v.outBps / 7200)} packets/sec`,
          `     ${c.inUcastPkts} packets input, ${c.inOctets} bytes, 0 no buffer`,
          `     ${c.inErrors} input errors, ${c.inErrors} CRC, 0 frame, 0 overrun, 0 ignored`,
          `     ${c.outUcastPkts} packets output, ${c.outOctets} bytes, 0 underruns`,
          `     0 output errors, 0 collisions, 0 interface resets`,
          `     ${c.outDiscards} output buffer failures, 0 output buffers swapped out`,
        ].join('\n');
      })
      .join('\n');
  }

  private showLldp(): string {
    const rows = lldpViews(this.ctx).map((n) => `${pad(n.remoteName.slice(0, 20), 20)}${pad(ciscoShortName(n.localName), 15)}${pad('120', 11)}${pad(n.caps, 16)}${n.portId}`);
    return [
      'Capability codes:',
      '    (R) Router, (B) Bridge, (T) Telephone, (C) DOCSIS Cable Device',
      '    (W) WLAN Access Point, (P) Repeater, (S) Station, (O) Other',
      '',
      `${pad('Device ID', 20)}${pad('Local Intf', 15)}${pad('Hold-time', 11)}${pad('Capability', 16)}Port ID`,
      ...rows,
      '',
      `Total entries displayed: ${rows.length}`,
    ].join('\n');
  }

  private showLldpDetail(): string {
    return lldpViews(this.ctx)
      .map((n) =>
        [
          '------------------------------------------------',
          `Local Intf: ${ciscoShortName(n.localName)}`,
          `Chassis id: ${ciscoMac(n.chassisMac)}`,
          `Port id: ${n.portId}`,
          `Port Description: ${n.portDescr}`,
          `System Name: ${n.remoteName}`,
          '',
          'System Description: ',
          n.sysDescr.replace(/\r/g, ''),
          '',
          'Time remaining: 101 seconds',
          `System Capabilities: ${n.caps}`,
          `Enabled Capabilities: ${n.caps}`,
          'Management Addresses:',
          `    IP: ${n.mgmt}`,
        ].join('\n'),
      )
      .concat([`\nTotal entries displayed: ${this.ctx.rt.device.lldp.length}`])
      .join('\n');
  }
}
