import fs from 'node:fs';
import type { Command } from 'commander';
import type { CredentialInput } from '../../../shared/api/credentials';
import { SnmpV3AuthProto, SnmpV3PrivProto } from '../../../shared/api/credentials';
import { RoutewiseError } from '../../../shared/api/errors';
import type { ScanDetail, ScanProgress, ScanSummary } from '../../../shared/api/scan';
import { displayText } from '../../engine/discovery/identify/device-text';
import { type CliRuntime, type GlobalOptions, withRuntime } from '../runtime';

interface ScanFlags {
  community: string[];
  snmpV1: boolean;
  v3User?: string;
  v3AuthProto?: string;
  v3AuthKey?: string;
  v3PrivProto?: string;
  v3PrivKey?: string;
  sshUser?: string;
  sshPassword?: string;
  sshKey?: string;
  sshPassphrase?: string;
  credential: string[];
  snmpPort: string;
  sshPort: string;
  timeout: string;
  retries: string;
  concurrency: string;
  confirmLarge: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerScanCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('scan <target...>')
    .description('sweep targets over SNMP (and SSH), identify devices, flag AI-capable ones, store the inventory')
    .addHelpText(
      'after',
      `
Targets: 10.0.0.0/24, 10.0.0.1-10.0.0.80, 10.0.0.1-80, 10.0.0.7, router1.example.net, 10.0.0.7:1161, [2001:db8::7]:1161
Only ranges in the scan scope are probed (routewise scope add <range>). Credentials typed here are stored in
the vault as "cli:…" profiles (reused when identical); SNMP profiles are tried in order, the first that answers wins.
Ctrl-C cancels and still prints what was found.`,
    )
    .option('--community <c>', 'SNMPv2c community (repeat to try several, in order)', collect, [])
    .option('--snmp-v1', 'use SNMPv1 for the communities given', false)
    .option('--v3-user <u>', 'SNMPv3 user')
    .option('--v3-auth-proto <p>', `SNMPv3 auth protocol (${SnmpV3AuthProto.options.join(', ')})`)
    .option('--v3-auth-key <k>', 'SNMPv3 auth passphrase')
    .option('--v3-priv-proto <p>', `SNMPv3 privacy protocol (${SnmpV3PrivProto.options.join(', ')})`)
    .option('--v3-priv-key <k>', 'SNMPv3 privacy passphrase')
    .option('--ssh-user <u>', 'SSH user for identification')
    .option('--ssh-password <p>', 'SSH password')
    .option('--ssh-key <file>', 'SSH private key file')
    .option('--ssh-passphrase <p>', 'passphrase of the SSH key')
    .option('--credential <id>', 'stored credential profile to try (repeatable, tried first)', collect, [])
    .option('--snmp-port <n>', 'SNMP port for targets without :port', '161')
    .option('--ssh-port <n>', 'SSH port', '22')
    .option('--timeout <ms>', 'wait per SNMP request before a retry', '2000')
    .option('--retries <n>', 'resends per SNMP request', '1')
    .option('--concurrency <n>', 'devices probed at the same time', '64')
    .option('--confirm-large', 'allow sweeping more than a /16 (or an IPv6 /112)', false)
    .action((targets: string[], o: ScanFlags) => withRuntime(globals(), (rt) => runScan(rt, targets, o)));
}

async function runScan(rt: CliRuntime, targets: string[], o: ScanFlags): Promise<void> {
  const request = {
    targets,
    credentialIds: o.credential,
    adHocCredentials: adHocCredentials(o),
    snmpPort: int(o.snmpPort, '--snmp-port'),
    sshPort: int(o.sshPort, '--ssh-port'),
    timeoutMs: int(o.timeout, '--timeout'),
    retries: int(o.retries, '--retries'),
    concurrency: int(o.concurrency, '--concurrency'),
    confirmLarge: o.confirmLarge,
  };
  const plan = await rt.api.call('scan.plan', { targets, snmpPort: request.snmpPort });
  if (plan.needsConfirmation) {
    if (!o.confirmLarge) {
      throw new RoutewiseError('bad-request', `these targets cover ${plan.total} addresses, more than a /16: re-run with --confirm-large if you mean it`);
    }
    process.stderr.write(`warning: sweeping ${plan.total} addresses (more than a /16)\n`);
  }

  let scanId: string | undefined;
  const finished = new Map<string, ScanSummary>();
  let onFinished: ((s: ScanSummary) => void) | undefined;
  const offFinished = rt.api.on('scan.finished', (s) => {
    finished.set(s.id, s);
    if (s.id === scanId) onFinished?.(s);
  });
  const offProgress = rt.api.on('scan.progress', (p) => {
    if (p.scanId === scanId) rt.progress(progressLine(p));
  });
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts > 1 || !scanId) process.exit(130);
    process.stderr.write('\ncancelling… (Ctrl-C again to quit at once)\n');
    void rt.api.call('scan.cancel', { scanId }).catch(() => {});
  };
  process.on('SIGINT', onSigint);
  try {
    const started = await rt.api.call('scan.start', request);
    scanId = started.scanId;
    const id = started.scanId;
    await new Promise<ScanSummary>((resolve) => {
      const already = finished.get(id);
      if (already) resolve(already);
      else onFinished = resolve;
    });
    const detail = await rt.api.call('scan.get', { scanId: id });
    rt.print(toJson(detail), () => human(detail));
    if (detail.scan.status === 'cancelled') process.exitCode = 130;
    else if (detail.scan.status === 'failed') process.exitCode = 1;
  } finally {
    process.off('SIGINT', onSigint);
    offFinished();
    offProgress();
  }
}

/** The documented `routewise scan --json` shape (issue 3), plus status and warnings. */
function toJson(d: ScanDetail) {
  return {
    scanId: d.scan.id,
    status: d.scan.status,
    durationMs: d.scan.durationMs,
    total: d.scan.total,
    probed: d.scan.probed,
    devices: d.devices.map((x) => ({
      deviceId: x.deviceId,
      address: x.address,
      port: x.port,
      hostname: x.hostname,
      sysName: x.sysName,
      sysDescr: x.sysDescr,
      sysObjectID: x.sysObjectID,
      vendor: x.vendor,
      platform: x.platform,
      osVersion: x.osVersion,
      model: x.model,
      serial: x.serial,
      interfaces: x.interfaces,
      ai: x.ai,
      credentialId: x.credentialId,
      sshCredentialId: x.sshCredentialId,
      warnings: x.warnings,
    })),
    unreachable: d.unreachable,
    unreachableTruncated: d.unreachableTruncated,
  };
}

function human(d: ScanDetail): string {
  const t = (v: string | null) => (v ? displayText(v, 60) : '-');
  const lines = d.devices.map((x) =>
    [hostPort(x.address, x.port), t(x.sysName), t(x.vendor), x.platform, t(x.osVersion), t(x.model), x.ai.capable ? `AI: ${x.ai.features.map((f) => aiFeatureText(f, x.ai.featureStates)).join(',')}` : ''].join('\t'),
  );
  const s = d.scan;
  lines.push(
    `${s.status === 'completed' ? 'done' : s.status}: ${s.probed}/${s.total} probed, ${s.answered} answered, ${s.identified} identified, ${s.unreachable} unreachable in ${((s.durationMs ?? 0) / 1000).toFixed(1)} s (scan ${s.id})`,
  );
  if (s.error) lines.push(`error: ${s.error}`);
  return lines.join('\n');
}

/** `10.0.0.1:161`, `[2001:db8::1]:161` (RFC 3986 brackets, so the port is not read as part of the address). */
export function hostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

function progressLine(p: ScanProgress): string {
  const eta = p.etaMs === undefined ? '' : ` · ETA ${Math.ceil(p.etaMs / 1000)} s`;
  return `scanning: ${p.probed}/${p.total} probed · ${p.answered} answered · ${p.identified} identified${eta}`;
}

function adHocCredentials(o: ScanFlags): CredentialInput[] {
  const out: CredentialInput[] = o.community.map((community) => ({
    kind: o.snmpV1 ? 'snmp-v1' : 'snmp-v2c',
    label: 'cli',
    community,
  }));
  if (o.v3User) {
    const level = o.v3PrivKey ? 'authPriv' : o.v3AuthKey ? 'authNoPriv' : 'noAuthNoPriv';
    out.push({
      kind: 'snmp-v3',
      label: 'cli',
      user: o.v3User,
      level,
      ...(level !== 'noAuthNoPriv' ? { authProto: SnmpV3AuthProto.parse(o.v3AuthProto ?? 'sha'), authKey: o.v3AuthKey } : {}),
      ...(level === 'authPriv' ? { privProto: SnmpV3PrivProto.parse(o.v3PrivProto ?? 'aes'), privKey: o.v3PrivKey } : {}),
    });
  } else if (o.v3AuthKey || o.v3PrivKey) {
    throw new RoutewiseError('bad-request', '--v3-auth-key and --v3-priv-key need --v3-user');
  }
  if (o.sshUser) {
    if (!o.sshPassword && !o.sshKey) throw new RoutewiseError('bad-request', '--ssh-user needs --ssh-password or --ssh-key');
    out.push({
      kind: 'ssh',
      label: 'cli',
      user: o.sshUser,
      ...(o.sshPassword ? { password: o.sshPassword } : {}),
      ...(o.sshKey ? { privateKey: fs.readFileSync(o.sshKey, 'utf8') } : {}),
      ...(o.sshPassphrase ? { passphrase: o.sshPassphrase } : {}),
    });
  }
  return out;
}

function int(text: string, flag: string): number {
  if (!/^\d+$/.test(text)) throw new RoutewiseError('bad-request', `${flag} must be a whole number, not "${text.slice(0, 20)}"`);
  return Number(text);
}

/** "ips-engine" or, when its live state was probed, "ips-engine=enabled". */
function aiFeatureText(feature: string, states: ScanDetail['devices'][number]['ai']['featureStates']): string {
  const probed = states.find((s) => s.feature === feature);
  return probed ? `${feature}=${probed.state}` : feature;
}
