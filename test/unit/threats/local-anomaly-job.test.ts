import { describe, expect, it } from 'vitest';
import { runLocalAnomalyDetection } from '../../../electron/engine/threats/local-anomaly-job';
import { useInProcessEngine } from '../../support/in-process-engine';

const T0 = Date.UTC(2026, 10, 25, 8, 0, 0);
const MINUTE = 60_000;

/** The poll cycle's anomaly step against a real store: running baselines, a spike found, old samples never re-read. */
describe('local anomaly detection after each poll cycle', () => {
  const rt = useInProcessEngine('routewise-anomaly-job-');

  async function seedDevice(): Promise<void> {
    const db = rt.engine.ctx.store.db;
    const now = new Date(T0).toISOString();
    await db.insertInto('devices').values({
      id: 'dev-1', address: '127.0.0.9', port: 161, address_key: '127.0.0.9:161', hostname: null, sys_name: 'acc1', sys_descr: null,
      sys_object_id: null, vendor: null, platform: 'iosxe', os_version: null, model: null, serial: null, chassis_mac: null, engine_id: null,
      facts_json: '{}', ai_json: null, ai_capable: 0, credential_id: null, ssh_credential_id: null, warnings_json: '[]',
      first_seen: now, last_seen: now, last_scan_id: 'scan-1',
    }).execute();
    await db.insertInto('device_interfaces').values({ device_id: 'dev-1', if_index: 7, name: 'Gi1/0/7', info_json: JSON.stringify({ speedMbps: 1000 }) }).execute();
  }

  async function cycle(atMs: number, bps: number): Promise<number> {
    await rt.engine.ctx.store.db.insertInto('interface_samples').values({
      device_id: 'dev-1', if_index: 7, tier: 'raw', at_ms: atMs, in_bps: bps, out_bps: bps / 10,
      in_util: null, out_util: null, errors_ps: null, discards_ps: null, packets_ps: null,
    }).execute();
    return runLocalAnomalyDetection(rt.engine.ctx, atMs);
  }

  it('learns a baseline cycle by cycle, flags a spike once, and counts each sample once', async () => {
    await seedDevice();
    for (let k = 0; k < 20; k++) expect(await cycle(T0 + k * MINUTE, 50e6 + (k % 4) * 2e6)).toBe(0);
    const learned = await rt.engine.ctx.store.db.selectFrom('interface_baselines').selectAll().executeTakeFirstOrThrow();
    expect(learned).toMatchObject({ device_id: 'dev-1', if_index: 7, count: 20, last_at_ms: T0 + 19 * MINUTE });
    expect(learned.mean_bps).toBeCloseTo(53e6, -4);

    // The same cycle run again adds nothing (the sample is already in the baseline).
    expect(await runLocalAnomalyDetection(rt.engine.ctx, T0 + 19 * MINUTE)).toBe(0);
    expect((await rt.engine.ctx.store.db.selectFrom('interface_baselines').select('count').executeTakeFirstOrThrow()).count).toBe(20);

    expect(await cycle(T0 + 20 * MINUTE, 600e6)).toBe(1);
    const { insights } = await rt.client.call('threats.list', { format: 'local-anomaly' });
    expect(insights).toHaveLength(1);
    expect(insights[0]).toMatchObject({ deviceId: 'dev-1', vendorCategory: 'traffic-spike', category: 'anomaly' });
    expect(insights[0]!.signature).toContain('Traffic spike on acc1 Gi1/0/7: 600.0 Mbps');
    expect(insights[0]!.model).toContain('of 20 samples');
  });

  it('starts the baseline again after a gap longer than its window', async () => {
    expect(await cycle(T0 + 3 * 24 * 3600_000, 900e6)).toBe(0);
    const b = await rt.engine.ctx.store.db.selectFrom('interface_baselines').selectAll().executeTakeFirstOrThrow();
    expect(b.count).toBe(1);
    expect(b.mean_bps).toBe(900e6);
  });
});
