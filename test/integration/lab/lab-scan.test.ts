import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabStartInput } from '../../../shared/api/lab';
import { type RunningLab, startLab } from '../../../electron/engine/lab/lab-runner';
import { summarizeDevice } from '../../../electron/engine/lab/topology-model';
import { scanToEnd, useInProcessEngine } from '../../support/in-process-engine';

/**
 * The engine's own scan (SNMPv3 authPriv, the recommended default) over the lab: every lab device lands in
 * the inventory with the platform, model and serial the lab gave it.
 */
describe('scanning the lab with the engine', () => {
  const rt = useInProcessEngine('routewise-lab-scan-', { actor: 'test:lab-scan' });
  let lab: RunningLab;

  beforeAll(async () => {
    lab = await startLab({ options: LabStartInput.parse({ devices: 12, base: '127.20.104.0', seed: 2 }) });
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('finds every lab device with the right platform', async () => {
    const v3 = lab.model.credentials.snmpV3;
    await rt.client.call('scope.add', { range: '127.20.104.0/24' });
    const { scanId } = await rt.client.call('scan.start', {
      targets: ['127.20.104.1-12'],
      snmpPort: 16161,
      adHocCredentials: [{ kind: 'snmp-v3', label: 'lab v3', user: v3.user, level: 'authPriv', authProto: 'sha', authKey: v3.authKey, privProto: 'aes', privKey: v3.privKey }],
    });
    const detail = await scanToEnd(rt.client, scanId, 60_000);
    expect(detail.scan.status).toBe('completed');
    expect(detail.scan.identified).toBe(12);

    const inv = await rt.client.call('inventory.list', { limit: 100 });
    for (const d of lab.model.devices) {
      const item = inv.items.find((i) => i.address === d.address);
      expect(item, d.id).toBeDefined();
      // Linux/FRR looks like Linux over SNMP; SSH would refine it to FRR.
      expect(d.platform === 'frr' ? ['linux', 'frr'] : [d.platform], d.id).toContain(item!.platform);
      expect(item!.sysName).toBe(d.hostname);
      if (d.platform !== 'frr') expect(item!.serial, d.id).toBe(d.serial);
    }
    const ai = inv.items.filter((i) => i.aiCapable).map((i) => i.sysName);
    for (const d of lab.model.devices.filter((x) => x.spec.aiCapable)) expect(ai).toContain(d.hostname);
    // What the lab lists as AI-capable is exactly what discovery concludes: both ask the same catalog.
    for (const d of lab.model.devices) {
      expect(inv.items.find((i) => i.address === d.address)!.aiCapable, d.hostname).toBe(summarizeDevice(d).aiCapable);
    }
  });
});
