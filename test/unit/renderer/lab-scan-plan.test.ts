import { describe, expect, it } from 'vitest';
import { CredentialInput, type CredentialSummary } from '../../../shared/api/credentials';
import type { LabCredentials } from '../../../shared/api/lab';
import { LAB_PROFILE_LABELS, labCredentialInputs, labPorts, labRange, reusableProfile } from '../../../renderer/src/features/lab/lab-scan-plan';

const creds: LabCredentials = {
  snmpV2cCommunity: 'routewise-lab',
  snmpV3: { user: 'labv3', level: 'authPriv', authProto: 'sha', authKey: 'auth-key-123', privProto: 'aes', privKey: 'priv-key-123' },
  ssh: { user: 'admin', password: 'lab-pass' },
};

describe('labRange', () => {
  it('spans the lowest to the highest address numerically, not as text', () => {
    const devices = ['127.26.0.10', '127.26.0.9', '127.26.1.2', '127.26.0.100'].map((address) => ({ address }));
    expect(labRange(devices)).toBe('127.26.0.9-127.26.1.2');
  });
  it('is one address for a one-device lab and null for no devices', () => {
    expect(labRange([{ address: '127.26.0.1' }])).toBe('127.26.0.1');
    expect(labRange([])).toBeNull();
    expect(labRange([{ address: 'not-an-ip' }])).toBeNull();
  });
});

describe('labPorts', () => {
  it('takes the ports the lab devices listen on', () => {
    expect(labPorts([{ snmpPort: 16161, sshPort: 2222 }])).toEqual({ snmpPort: 16161, sshPort: 2222 });
    expect(labPorts([])).toBeNull();
  });
});

describe('labCredentialInputs', () => {
  it('builds v3 authPriv, v2c and SSH profiles that the engine schema accepts, v3 first', () => {
    const inputs = labCredentialInputs(creds);
    expect(inputs.map((i) => i.kind)).toEqual(['snmp-v3', 'snmp-v2c', 'ssh']);
    for (const input of inputs) expect(CredentialInput.safeParse(input).success).toBe(true);
    expect(inputs[1]).toMatchObject({ community: 'routewise-lab', label: LAB_PROFILE_LABELS['snmp-v2c'] });
  });
});

describe('reusableProfile', () => {
  const summary = (over: Partial<CredentialSummary>): CredentialSummary => ({
    id: 'cred-1',
    kind: 'snmp-v2c',
    label: LAB_PROFILE_LABELS['snmp-v2c'],
    public: {},
    createdAt: '2026-01-01T00:00:00Z',
    ...over,
  });
  const [v3, v2c, ssh] = labCredentialInputs(creds);

  it('reuses a profile of the same kind and label', () => {
    expect(reusableProfile([summary({ id: 'a' })], v2c!)?.id).toBe('a');
  });
  it('does not reuse a profile of another kind or label', () => {
    expect(reusableProfile([summary({ kind: 'snmp-v1' })], v2c!)).toBeUndefined();
    expect(reusableProfile([summary({ label: 'Core v2c' })], v2c!)).toBeUndefined();
  });
  it('does not reuse a profile whose user differs', () => {
    expect(reusableProfile([summary({ kind: 'ssh', label: LAB_PROFILE_LABELS.ssh, public: { user: 'other' } })], ssh!)).toBeUndefined();
    expect(reusableProfile([summary({ id: 's', kind: 'ssh', label: LAB_PROFILE_LABELS.ssh, public: { user: 'admin' } })], ssh!)?.id).toBe('s');
    expect(reusableProfile([summary({ id: 'v', kind: 'snmp-v3', label: LAB_PROFILE_LABELS['snmp-v3'], public: { user: 'labv3' } })], v3!)?.id).toBe('v');
  });
});
