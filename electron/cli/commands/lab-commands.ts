import type { Command } from 'commander';
import { RoutewiseError } from '../../../shared/api/errors';
import { LabStartInput, type LabStatus } from '../../../shared/api/lab';
import { runLabDaemon } from '../../engine/lab/lab-daemon';
import { defaultLabServices } from '../../engine/lab/lab-services';
import { type GlobalOptions, withRuntime } from '../runtime';

interface StartFlags {
  devices: string;
  scenario: string;
  base: string;
  seed: string;
  collector?: string;
  trapCollector?: string;
  threatsPerMin: string;
  privilegedPorts: boolean;
  timeScale?: string;
}

function num(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new RoutewiseError('bad-request', `${flag} needs a number, got "${value}"`);
  return n;
}

/** Text for humans: one line per device, then the lab-only credentials. */
export function formatLabStatus(status: LabStatus): string {
  if (!status.running) return 'lab: not running';
  const rows = status.devices.map((d) =>
    [d.hostname.padEnd(12), d.address.padEnd(15), String(d.snmpPort).padEnd(6), String(d.sshPort).padEnd(6), d.platform.padEnd(9), d.model.padEnd(20), d.osVersion.padEnd(10), d.aiCapable ? 'AI' : ''].join(' ').trimEnd(),
  );
  const c = status.credentials;
  const o = status.options;
  return [
    `lab running (pid ${status.pid}, ${status.devices.length} devices, scenario ${o?.scenario ?? 'none'}, seed ${o?.seed ?? '?'})`,
    `${'HOST'.padEnd(12)} ${'ADDRESS'.padEnd(15)} ${'SNMP'.padEnd(6)} ${'SSH'.padEnd(6)} ${'PLATFORM'.padEnd(9)} ${'MODEL'.padEnd(20)} ${'OS'.padEnd(10)}`,
    ...rows,
    ...(c
      ? [
          '',
          'lab-only credentials (they open nothing but this lab):',
          `  SNMPv2c community: ${c.snmpV2cCommunity}`,
          `  SNMPv3 authPriv:   user ${c.snmpV3.user}, SHA "${c.snmpV3.authKey}", AES "${c.snmpV3.privKey}"`,
          `  SSH:               ${c.ssh.user} / ${c.ssh.password}`,
        ]
      : []),
  ].join('\n');
}

export function registerLabCommands(program: Command, globals: () => GlobalOptions): void {
  const lab = program.command('lab').description('the built-in lab: a multi-vendor network on loopback with real SNMP and SSH');

  lab
    .command('start')
    .description('start the lab in a background process and print every device and the lab credentials')
    .option('--devices <n>', 'how many devices', '12')
    .option('--scenario <name>', 'fault/traffic scenario (routewise lab scenarios)', 'none')
    .option('--base <address>', 'first address; devices get base+1, base+2, … (127.0.0.0/8 only)', '127.20.0.0')
    .option('--seed <n>', 'same seed, same lab', '1')
    .option('--collector <host:port>', 'send threat syslog (RFC 5424 over UDP) and SNMP traps here (127.x only)')
    .option('--trap-collector <host:port>', 'send the SNMP traps here instead (127.x only)')
    .option('--threats-per-min <n>', 'detections per minute per AI-capable device', '6')
    .option('--privileged-ports', 'bind SNMP 161 and SSH 22 (root only) instead of 16161/2222', false)
    .option('--time-scale <x>', 'lab clock speed for commit-confirm timers and scenarios (env ROUTEWISE_LAB_TIME_SCALE)')
    .action((o: StartFlags) =>
      withRuntime(globals(), async (rt) => {
        const input = LabStartInput.safeParse({
          devices: num('--devices', o.devices),
          scenario: o.scenario,
          base: o.base,
          seed: num('--seed', o.seed),
          ...(o.collector ? { collector: o.collector } : {}),
          ...(o.trapCollector ? { trapCollector: o.trapCollector } : {}),
          threatsPerMin: num('--threats-per-min', o.threatsPerMin),
          privilegedPorts: o.privilegedPorts,
          timeScale: num('--time-scale', o.timeScale ?? process.env.ROUTEWISE_LAB_TIME_SCALE ?? '1'),
        });
        if (!input.success) throw new RoutewiseError('bad-request', input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        rt.progress(`starting ${input.data.devices} lab devices…`);
        const status = await rt.api.call('lab.start', input.data);
        rt.print(status, () => formatLabStatus(status));
      }),
    );

  lab
    .command('stop')
    .description('stop the lab')
    .action(() =>
      withRuntime(globals(), async (rt) => {
        const result = await rt.api.call('lab.stop', {});
        rt.print(result, () => (result.stopped ? `lab stopped (pid ${result.pid})` : 'lab: not running'));
      }),
    );

  lab
    .command('status')
    .description('whether the lab runs, with its devices')
    .action(() =>
      withRuntime(globals(), async (rt) => {
        const status = await rt.api.call('lab.status', {});
        rt.print(status, () => formatLabStatus(status));
        if (!status.running) process.exitCode = 1;
      }),
    );

  lab
    .command('scenarios')
    .description('list the scenarios')
    .action(() =>
      withRuntime(globals(), async (rt) => {
        const list = await rt.api.call('lab.scenarios', {});
        rt.print(list, () => list.map((s) => `${s.name.padEnd(20)} ${s.summary}`).join('\n'));
      }),
    );

  // The daemon itself, started by lab.start; not for people.
  lab
    .command('daemon', { hidden: true })
    .requiredOption('--options <json>', 'validated LabStartInput')
    .action(async (o: { options: string }) => {
      const dataDir = globals().dataDir;
      await runLabDaemon({ dataDir, options: JSON.parse(o.options) as unknown, services: defaultLabServices });
    });
}
