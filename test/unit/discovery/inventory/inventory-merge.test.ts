import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FoundDevice } from '../../../../electron/engine/discovery/sweep/sweep';
import { openStore, type Store } from '../../../../electron/engine/store/database';
import { InventoryRepo } from '../../../../electron/engine/store/inventory-repo';
import { ScanRepo } from '../../../../electron/engine/store/scan-repo';
import type { DeviceFacts } from '../../../../shared/domain/device';
import { makeTempDir } from '../../../support/temp-dir';

const facts = (f: Partial<DeviceFacts>): DeviceFacts => ({
  platform: 'iosxe',
  vendor: 'Cisco',
  sysObjectID: '1.3.6.1.4.1.9.1.2494',
  sysDescr: 'Cisco IOS Software, Version 17.9.4a',
  model: 'C9300-48P',
  sources: ['snmp'],
  ...f,
});
const found = (address: string, f: DeviceFacts): FoundDevice => ({ target: { address, port: 161, family: 4 }, facts: f, interfaces: [], identified: true, warnings: [] });

describe('inventory: one box at several addresses is one device', () => {
  let tmp: { dir: string; cleanup: () => void };
  let store: Store;
  let repo: InventoryRepo;

  beforeEach(async () => {
    tmp = makeTempDir('routewise-inventory-merge-');
    store = await openStore(tmp.dir);
    repo = new InventoryRepo(store);
    await new ScanRepo(store).create({ id: 's1', actor: 'test', targets: [], options: {}, total: 2, startedAt: '2026-01-01T00:00:00Z' });
    await new ScanRepo(store).create({ id: 's2', actor: 'test', targets: [], options: {}, total: 2, startedAt: '2026-01-02T00:00:00Z' });
  });
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  it('merges by serial, keeps both addresses and records the merge in history', async () => {
    const a = await repo.recordFound('s1', found('10.0.0.1', facts({ sysName: 'core1', serial: 'FOC2231X0AB' })), '2026-01-01T00:00:01Z');
    const b = await repo.recordFound('s1', found('10.0.9.1', facts({ sysName: 'core1', serial: 'FOC2231X0AB' })), '2026-01-01T00:00:02Z');
    expect(b.deviceId).toBe(a.deviceId);
    const list = await repo.list({ sort: 'address', direction: 'asc', offset: 0, limit: 10 });
    expect(list.total).toBe(1);
    const detail = await repo.get(a.deviceId);
    expect(detail?.addresses.map((x) => x.address)).toEqual(['10.0.0.1', '10.0.9.1']);
    expect(detail?.history.find((h) => h.attribute === 'addresses')).toMatchObject({ oldValue: '10.0.0.1:161', newValue: '10.0.9.1:161 merged: same serial FOC2231X0AB' });
    // A rescan reaches the device through either address; the text filter finds it by its second one.
    expect((await repo.recordFound('s2', found('10.0.9.1', facts({ sysName: 'core1', serial: 'FOC2231X0AB' })), '2026-01-02T00:00:01Z')).deviceId).toBe(a.deviceId);
    expect((await repo.list({ text: '10.0.9', sort: 'address', direction: 'asc', offset: 0, limit: 10 })).total).toBe(1);
    expect((await repo.storedFacts('10.0.9.1', 161))?.serial).toBe('FOC2231X0AB');
    const [scanned] = await repo.scanDevices('s2');
    expect(scanned).toMatchObject({ address: '10.0.9.1', deviceId: a.deviceId });
  });

  it('never merges devices that disagree on serial, even with the same name and engine ID', async () => {
    const a = await repo.recordFound('s1', found('10.0.0.1', facts({ sysName: 'core1', serial: 'FOC1', snmpEngineId: '80001f8880aa' })), '2026-01-01T00:00:01Z');
    const b = await repo.recordFound('s1', found('10.0.0.2', facts({ sysName: 'core1', serial: 'FOC2', snmpEngineId: '80001f8880aa' })), '2026-01-01T00:00:02Z');
    expect(b.deviceId).not.toBe(a.deviceId);
  });

  it('merges by sysName only when nothing contradicts', async () => {
    const a = await repo.recordFound('s1', found('10.0.0.1', facts({ sysName: 'edge7' })), '2026-01-01T00:00:01Z');
    const same = await repo.recordFound('s1', found('10.0.0.2', facts({ sysName: 'edge7' })), '2026-01-01T00:00:02Z');
    const other = await repo.recordFound('s1', found('10.0.0.3', facts({ sysName: 'edge7', model: 'C9200L-48P-4G' })), '2026-01-01T00:00:03Z');
    expect(same.deviceId).toBe(a.deviceId);
    expect(other.deviceId).not.toBe(a.deviceId);
  });
});
