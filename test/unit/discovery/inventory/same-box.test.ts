import { describe, expect, it } from 'vitest';
import { parseIdentityKeys } from '../../../../electron/engine/discovery/identify/identity-keys';
import { sameBox } from '../../../../electron/engine/discovery/inventory/same-box';

describe('sameBox', () => {
  const base = { sysObjectID: '1.3.6.1.4.1.9.1.2494', vendor: 'Cisco', model: 'C9300-48P', sysDescr: 'Cisco IOS Software, Version 17.9.4a' };

  it('merges on a serial, chassis MAC or engine ID in common', () => {
    expect(sameBox({ ...base, serial: 'FOC2231X0AB' }, { ...base, serial: 'foc2231x0ab' })).toEqual({ same: true, key: 'serial', value: 'FOC2231X0AB' });
    expect(sameBox({ ...base, chassisMac: '70:0f:6a:00:00:01' }, { ...base, chassisMac: '70:0F:6A:00:00:01' })).toMatchObject({ same: true, key: 'chassis MAC' });
    expect(sameBox({ engineId: '80001f8880' }, { engineId: '80001f8880' })).toMatchObject({ same: true, key: 'engine ID' });
  });

  it('does not trust an engine ID or chassis MAC shared by boxes with different names (cloned images)', () => {
    expect(sameBox({ engineId: '80001f8880', sysName: 'vm-a' }, { engineId: '80001f8880', sysName: 'vm-b' })).toEqual({ same: false, conflict: 'sysName' });
    expect(sameBox({ chassisMac: '52:54:00:00:00:01', sysName: 'vm-a' }, { chassisMac: '52:54:00:00:00:01', sysName: 'vm-b' })).toEqual({ same: false, conflict: 'sysName' });
    // A serial match is not undone by a rename.
    expect(sameBox({ ...base, serial: 'FOC2231X0AB', sysName: 'old' }, { ...base, serial: 'FOC2231X0AB', sysName: 'new' })).toMatchObject({ same: true, key: 'serial' });
  });

  it('never merges two devices that disagree on serial, whatever else they share', () => {
    const a = { ...base, serial: 'FOC1', chassisMac: '70:0f:6a:00:00:01', engineId: '80001f8880', sysName: 'core1' };
    expect(sameBox(a, { ...a, serial: 'FOC2' })).toEqual({ same: false, conflict: 'serial' });
  });

  it('merges on sysName only when sysDescr agrees and nothing contradicts', () => {
    expect(sameBox({ ...base, sysName: 'core1' }, { ...base, sysName: 'CORE1' })).toMatchObject({ same: true, key: 'sysName' });
    expect(sameBox({ ...base, sysName: 'core1' }, { ...base, sysName: 'core1', sysDescr: 'Cisco IOS Software, Version 16.9.8' })).toEqual({ same: false });
    expect(sameBox({ ...base, sysName: 'core1' }, { ...base, sysName: 'core1', model: 'C9200L-48P-4G' })).toEqual({ same: false, conflict: 'model' });
    expect(sameBox({ ...base, sysName: 'core1' }, { sysName: 'core1' })).toEqual({ same: false });
  });

  it('ignores placeholder serials and factory-default names', () => {
    expect(sameBox({ ...base, serial: '0000000000' }, { ...base, serial: '0000000000' })).toEqual({ same: false });
    expect(sameBox({ ...base, sysName: 'OpenWrt' }, { ...base, sysName: 'OpenWrt' })).toEqual({ same: false });
  });
});

describe('parseIdentityKeys', () => {
  const vb = (type: string, value: Buffer | number | null) => ({ oid: '', type, value });
  it('reads a MAC chassis ID and the engine ID', () => {
    const keys = parseIdentityKeys([vb('Integer', 4), vb('OctetString', Buffer.from('700f6a0a0b0c', 'hex')), vb('OctetString', Buffer.from('80001f888012345678', 'hex'))]);
    expect(keys).toEqual({ chassisMac: '70:0f:6a:0a:0b:0c', snmpEngineId: '80001f888012345678' });
  });
  it('skips chassis IDs that are not MACs, zero MACs and missing objects', () => {
    expect(parseIdentityKeys([vb('Integer', 7), vb('OctetString', Buffer.from('core1')), vb('NoSuchObject', null)])).toEqual({});
    expect(parseIdentityKeys([vb('Integer', 4), vb('OctetString', Buffer.alloc(6)), vb('OctetString', Buffer.from('01', 'hex'))])).toEqual({});
  });
});
