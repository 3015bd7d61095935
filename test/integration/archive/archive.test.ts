import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../shared/api/client';
import { LabStartInput } from '../../../shared/api/lab';
import { ArchiveRepo } from '../../../electron/engine/archive/archive-repo';
import { ArchiveService } from '../../../electron/engine/archive/archive-service';
import { openDriver } from '../../../electron/engine/drivers/driver-factory';
import { createEngine, type Engine } from '../../../electron/engine/engine';
import { type RunningLab, startLab } from '../../../electron/engine/lab/lab-runner';
import type { LabDevice } from '../../../electron/engine/lab/lab-model-types';
import { sshService } from '../../../electron/engine/lab/ssh-server';
import { inventoryDriverOpener } from '../../../electron/engine/rpc/areas/archive-area';
import { connectInProcess } from '../../../electron/engine/rpc/in-process';
import { addressKey } from '../../../electron/engine/store/inventory-repo';
import { makeTempDir } from '../../support/temp-dir';

/**
 * The archive end to end: the engine's archive.* API against lab devices over SSH — backups, dedup, out-of-band
 * change detection, redacted diffs, restore through each driver's safe path, audit entries.
 */
describe('configuration archive against the lab', () => {
  let tmp: { dir: string; cleanup: () => void };
  let lab: RunningLab;
  let engine: Engine;
  let api: ApiClient;
  let close: () => void;
  let credentialId: string;
  const devices: LabDevice[] = [];

  beforeAll(async () => {
    tmp = makeTempDir('routewise-archive-');
    lab = await startLab({ options: LabStartInput.parse({ devices: 6, base: '127.21.2.0', seed: 4, timeScale: 60 }), services: [sshService(path.join(tmp.dir, 'lab'))] });
    engine = await createEngine({ dataDir: path.join(tmp.dir, 'data'), host: 'test', log: () => undefined });
    const conn = connectInProcess(engine, 'test:archive');
    api = conn.client;
    close = conn.close;
    const cred = await api.call('credentials.create', { kind: 'ssh', label: 'lab', user: lab.model.credentials.ssh.user, password: lab.model.credentials.ssh.password });
    credentialId = cred.id;
    const at = new Date().toISOString();
    for (const platform of ['iosxe', 'junos'] as const) {
      const d = lab.model.devices.find((x) => x.platform === platform)!;
      devices.push(d);
      await engine.ctx.store.db
        .insertInto('devices')
        .values({
          id: d.id, address: d.address, port: d.snmpPort, address_key: addressKey(d.address), hostname: d.hostname, sys_name: d.hostname, sys_descr: null, sys_object_id: null,
          vendor: null, platform, os_version: null, model: null, serial: null, facts_json: '{}', ai_json: null, ai_capable: 0, credential_id: null,
          ssh_credential_id: credentialId, warnings_json: '[]', first_seen: at, last_seen: at, last_scan_id: 'test',
        })
        .execute();
    }
  }, 60_000);

  afterAll(async () => {
    close?.();
    await engine?.close();
    await lab?.stop();
    tmp?.cleanup();
  });

  const outOfBand = async (d: LabDevice, text: string) => {
    const cred = await engine.ctx.credentials.reveal(credentialId);
    if (cred.kind !== 'ssh') throw new Error('not ssh');
    const drv = await openDriver({ address: d.address, sshPort: d.sshPort, platform: d.platform }, cred, { hostKeys: engine.ctx.hostKeys, timeoutMs: 10_000 });
    try {
      await drv.loadCandidate(text, 'merge');
      await drv.commit();
    } finally {
      await drv.close();
    }
  };

  it.each([
    ['iosxe', 'snmp-server location changed-by-hand\n', '+snmp-server location changed-by-hand'],
    ['junos', 'set snmp location changed-by-hand\n', 'changed-by-hand'],
  ] as const)('%s: backs up, dedups, detects an out-of-band change, diffs it redacted and restores the first version', async (platform, change, marker) => {
    const d = devices.find((x) => x.platform === platform)!;
    // IOS-XE has a startup-config distinct from running (`show startup-config`): both are kept.
    const hasStartup = platform === 'iosxe';
    const first = await api.call('archive.backup', { deviceId: d.id, sshPort: d.sshPort });
    expect(first.stored.length).toBe(hasStartup ? 2 : 1);
    expect(first.events).toEqual([]);
    const again = await api.call('archive.backup', { deviceId: d.id, sshPort: d.sshPort });
    expect(again.stored).toEqual([]);
    expect(again.versions[0]!.id).toBe(first.versions[0]!.id);

    const shown = await api.call('archive.show', { versionId: first.versions[0]!.id });
    expect(shown.text).not.toContain(lab.model.credentials.snmpV2cCommunity);
    expect(shown.text).toMatch(/community <secret-\d+>/);
    const raw = await api.call('archive.show', { versionId: first.versions[0]!.id, raw: true });
    expect(raw.text).toContain(lab.model.credentials.snmpV2cCommunity);

    await outOfBand(d, change);
    const second = await api.call('archive.backup', { deviceId: d.id, sshPort: d.sshPort });
    // The change was not saved: on IOS-XE startup now differs from running as well.
    expect(second.events).toEqual([
      expect.objectContaining({ kind: 'running-changed', fromVersion: first.versions[0]!.id, toVersion: second.versions[0]!.id }),
      ...(hasStartup ? [expect.objectContaining({ kind: 'startup-differs', toVersion: second.versions[0]!.id })] : []),
    ]);
    const diff = await api.call('archive.diff', { fromId: first.versions[0]!.id });
    expect(diff.to.id).toBe(second.versions[0]!.id);
    expect(diff.diff).toContain(marker);
    expect(diff.diff).not.toContain(lab.model.credentials.snmpV2cCommunity);
    expect((await api.call('archive.changes', { deviceId: d.id })).find((c) => c.kind === 'running-changed')).toMatchObject({ changedBy: null });

    const dry = await api.call('archive.restore', { versionId: first.versions[0]!.id, sshPort: d.sshPort, dryRun: true });
    expect(dry.applied).toBe(false);
    expect(dry.diff).toContain('changed-by-hand');
    const restored = await api.call('archive.restore', { versionId: first.versions[0]!.id, sshPort: d.sshPort, revertAfterSec: 120 });
    expect(restored).toMatchObject({ applied: true, confirmed: true });
    const after = await api.call('archive.backup', { deviceId: d.id, sshPort: d.sshPort });
    const afterText = await api.call('archive.show', { versionId: after.versions[0]!.id, raw: true });
    // Real IOS and Junos print the configuration in canonical order; the lab CLIs append a re-set line at the end
    // of its section, so the restored text has the same lines, possibly in another order. (Byte-for-byte restore is
    // proven on real FRR in test/integration/drivers/frr-real.test.ts.)
    expect(afterText.text.split('\n').sort()).toEqual(raw.text.split('\n').sort());
    expect(after.stored).toEqual([]); // restore recorded this version already
    expect(after.events).toEqual([]);

    const audit = await api.call('audit.list', { limit: 200 });
    expect(audit.filter((e) => e.subject === d.id && e.action === 'archive.restore').map((e) => (e.details as { phase: string }).phase)).toEqual(['confirmed', 'commit']);
    expect(audit.filter((e) => e.subject === d.id && e.action === 'archive.backup').length).toBeGreaterThanOrEqual(4);
    expect(await api.call('audit.verify', {})).toMatchObject({ intact: true });
  }, 60_000);

  it('attributes the newest out-of-band change from the device syslog message', async () => {
    const d = devices.find((x) => x.platform === 'iosxe')!;
    const service = new ArchiveService({ repo: new ArchiveRepo(engine.ctx.store), audit: engine.ctx.audit, openDriverFor: inventoryDriverOpener(engine.ctx) });
    await outOfBand(d, 'snmp-server contact noc-by-hand\n');
    const r = await service.backup(d.id, 'test', 'on-demand', { sshPort: d.sshPort });
    expect(r.events.map((e) => e.kind)).toEqual(['running-changed', 'startup-differs']);
    expect(await service.attributeFromSyslog(d.id, '%LINK-3-UPDOWN: Interface Gi1/0/1, changed state to up')).toBeUndefined();
    const attributed = await service.attributeFromSyslog(d.id, `<189>12: ${d.hostname}: %SYS-5-CONFIG_I: Configured from console by jdoe on vty2 (127.0.0.1)`);
    expect(attributed).toMatchObject({ id: r.events[0]!.id, changedBy: 'jdoe' });
    expect((await api.call('archive.changes', { deviceId: d.id })).find((c) => c.id === r.events[0]!.id)).toMatchObject({ kind: 'running-changed', changedBy: 'jdoe' });
  }, 30_000);

  it('refuses unknown versions and devices with typed errors', async () => {
    await expect(api.call('archive.show', { versionId: 999_999 })).rejects.toMatchObject({ code: 'not-found' });
    await expect(api.call('archive.backup', { deviceId: 'no-such-device' })).rejects.toMatchObject({ code: 'not-found' });
  });
});
