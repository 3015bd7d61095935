import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../shared/api/client';
import { createEngine, type Engine } from '../../../electron/engine/engine';
import { connectInProcess } from '../../../electron/engine/rpc/in-process';
import { requireTool } from '../../support/require-tool';
import { scanToEnd } from '../../support/in-process-engine';
import { makeTempDir } from '../../support/temp-dir';
import { SNMPREC_DIR, startSnmpsim } from '../snmprec/snmpsim-server';

// This suite's addresses and port: 127.45.1.1-3, UDP 16510.
const PORT = 16510;
const ok = requireTool('snmpsimd', 'snmpsim (snmpsimd) is not installed');

/**
 * One recording served at two loopback addresses is one box: one inventory device holding both addresses.
 * Two different recordings that share a sysName ("<private>" in both captures) stay two devices: their
 * serials disagree.
 */
describe.skipIf(!ok)('inventory merges one box seen at two addresses (snmpsim)', () => {
  const tmp = makeTempDir('rw-disc-merge-');
  const sims: Array<ReturnType<typeof startSnmpsim>> = [];
  let engine: Engine;
  let api: ApiClient;
  let close: () => void;

  const dataDir = (name: string, recording: string): string => {
    const dir = path.join(tmp.dir, name);
    fs.mkdirSync(dir);
    fs.copyFileSync(path.join(SNMPREC_DIR, `${recording}.snmprec`), path.join(dir, 'box.snmprec'));
    return dir;
  };

  beforeAll(async () => {
    // snmpsimd drops to nobody, which must reach its data and run dirs inside our temp dir.
    fs.chmodSync(tmp.dir, 0o755);
    const isr = dataDir('isr', 'iosxe_isr4321');
    const c9500 = dataDir('c9500', 'iosxe_c9500h-svl');
    const serve = (dir: string, address: string, run: string) => sims.push(startSnmpsim(dir, PORT, path.join(tmp.dir, run), address));
    serve(isr, '127.45.1.1', 'run1');
    serve(isr, '127.45.1.2', 'run2');
    serve(c9500, '127.45.1.3', 'run3');
    engine = await createEngine({ dataDir: path.join(tmp.dir, 'engine'), host: 'test', masterKey: crypto.randomBytes(32) });
    const conn = connectInProcess(engine, 'test:inventory-merge');
    api = conn.client;
    close = conn.close;
  });
  afterAll(async () => {
    close?.();
    await engine?.close();
    await Promise.all(sims.map((s) => s.stop()));
    tmp.cleanup();
  });

  it('stores the ISR once with both addresses, the C9500 apart', async () => {
    await api.call('scope.add', { range: '127.45.1.0/29' });
    const { scanId } = await api.call('scan.start', {
      targets: ['127.45.1.1-3'],
      snmpPort: PORT,
      timeoutMs: 3000,
      adHocCredentials: [{ kind: 'snmp-v2c', label: 'box', community: 'box' }],
    });
    const detail = await scanToEnd(api, scanId, 120_000);
    expect(detail.scan.status).toBe('completed');
    expect(detail.scan.answered).toBe(3);

    const inv = await api.call('inventory.list', { limit: 10 });
    expect(inv.total).toBe(2);
    const isr = inv.items.find((d) => d.serial === 'FDO2249A154')!;
    const c9500 = inv.items.find((d) => d !== isr)!;
    expect(isr).toBeDefined();
    expect(c9500.serial).toBeTruthy();
    expect(c9500.serial).not.toBe(isr.serial);
    expect(isr.sysName).toBe(c9500.sysName);

    const isrDetail = await api.call('inventory.get', { id: isr.id });
    expect(isrDetail.addresses.map((a) => a.address).sort()).toEqual(['127.45.1.1', '127.45.1.2']);
    expect(isrDetail.addresses.every((a) => a.lastScanId === scanId)).toBe(true);
    const merge = isrDetail.history.find((h) => h.attribute === 'addresses');
    expect(merge?.newValue).toMatch(/^127\.45\.1\.[12]:16510 merged: same serial FDO2249A154$/);
    expect((await api.call('inventory.get', { id: c9500.id })).addresses.map((a) => a.address)).toEqual(['127.45.1.3']);

    // The scan's JSON lists the box once, with both addresses.
    expect(detail.devices).toHaveLength(2);
    expect(detail.devices.find((d) => d.deviceId === isr.id)?.addresses).toHaveLength(2);
  });
});
