import type { CredentialInput, CredentialSummary } from '../../../../shared/api/credentials';
import type { LabCredentials, LabDeviceInfo } from '../../../../shared/api/lab';

/** Labels of the profiles "Scan the lab" creates once and reuses afterwards. */
export const LAB_PROFILE_LABELS = {
  'snmp-v2c': 'Lab SNMPv2c',
  'snmp-v3': 'Lab SNMPv3 authPriv',
  ssh: 'Lab SSH',
} as const;

type LabProfileKind = keyof typeof LAB_PROFILE_LABELS;

function ipv4ToNumber(address: string): number | null {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null;
  return parts.reduce((n, p) => n * 256 + p, 0);
}

/**
 * The smallest range that holds every lab device: `first-last` (the scan-scope syntax), or one address.
 * Null when the lab has no IPv4 devices.
 */
export function labRange(devices: readonly Pick<LabDeviceInfo, 'address'>[]): string | null {
  const sorted = devices
    .map((d) => ({ address: d.address, n: ipv4ToNumber(d.address) }))
    .filter((d): d is { address: string; n: number } => d.n !== null)
    .sort((a, b) => a.n - b.n);
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last) return null;
  return first.n === last.n ? first.address : `${first.address}-${last.address}`;
}

/** All lab devices listen on the same SNMP and SSH ports; the scan needs them when they are not 161/22. */
export function labPorts(devices: readonly Pick<LabDeviceInfo, 'snmpPort' | 'sshPort'>[]): { snmpPort: number; sshPort: number } | null {
  const first = devices[0];
  return first ? { snmpPort: first.snmpPort, sshPort: first.sshPort } : null;
}

/** The profiles to create for the lab's (lab-only, printed-on-purpose) credentials, in the order the scan tries them. */
export function labCredentialInputs(creds: LabCredentials): CredentialInput[] {
  const v3 = creds.snmpV3;
  return [
    {
      kind: 'snmp-v3',
      label: LAB_PROFILE_LABELS['snmp-v3'],
      user: v3.user,
      level: v3.level,
      authProto: v3.authProto,
      authKey: v3.authKey,
      privProto: v3.privProto,
      privKey: v3.privKey,
    },
    { kind: 'snmp-v2c', label: LAB_PROFILE_LABELS['snmp-v2c'], community: creds.snmpV2cCommunity },
    { kind: 'ssh', label: LAB_PROFILE_LABELS.ssh, user: creds.ssh.user, password: creds.ssh.password },
  ];
}

/**
 * An existing profile this lab can reuse: same kind and label and, where the engine shows it, the same
 * user. Secrets are never visible here, so a profile someone edited by hand under this label is trusted.
 */
export function reusableProfile(existing: readonly CredentialSummary[], wanted: CredentialInput): CredentialSummary | undefined {
  const kind = wanted.kind as LabProfileKind;
  const user = 'user' in wanted ? wanted.user : undefined;
  return existing.find(
    (c) => c.kind === kind && c.label === wanted.label && (user === undefined || c.public.user === undefined || c.public.user === user),
  );
}
