import type { EngineContext } from '../engine-context';
import { TopologyService } from '../topology/topology-service';
import { normaliseIfName } from '../topology/interface-names';
import { uuidv7 } from './insight-id';
import { addToBaseline, type BaselineStats, type InterfaceBaselinesTable } from './interface-baseline';
import { detectAnomalies, type InterfaceHistory } from './local-anomaly';
import { threatsService } from './threats-service';

const BASELINE_MS = 24 * 3600_000;
/** Below this many samples per window the baseline would forget too fast to mean anything. */
const MIN_WINDOW_SAMPLES = 30;
const REPEAT_QUIET_MS = 10 * 60_000;
const lastRaised = new WeakMap<EngineContext, Map<string, number>>();

/**
 * After a poll cycle: compare each interface's newest sample with its own running baseline (about 24 hours of
 * samples, kept as count/mean/sd in interface_baselines) and store what stands out as 'local-anomaly' insights
 * beside the devices' own detections; then add the sample to the baseline. Reads only this cycle's samples, so
 * its cost follows the number of interfaces, not the raw-sample retention. The same anomaly is raised at most
 * every 10 minutes.
 */
export async function runLocalAnomalyDetection(ctx: EngineContext, cycleStartMs: number): Promise<number> {
  const db = ctx.store.db;
  const current = await db
    .selectFrom('interface_samples')
    .select(['device_id', 'if_index', 'at_ms', 'in_bps', 'out_bps'])
    .where('tier', '=', 'raw')
    .where('at_ms', '>=', cycleStartMs)
    .orderBy('device_id').orderBy('if_index').orderBy('at_ms')
    .execute();
  if (current.length === 0) return 0;
  const baselines = new Map(
    (await db.selectFrom('interface_baselines').selectAll().execute()).map((b) => [`${b.device_id}:${b.if_index}`, b]),
  );
  const devices = new Map((await db.selectFrom('devices').select(['id', 'address', 'sys_name']).execute()).map((d) => [d.id, d]));
  const ifaces = new Map((await db.selectFrom('device_interfaces').select(['device_id', 'if_index', 'name', 'info_json']).execute()).map((i) => [`${i.device_id}:${i.if_index}`, i]));
  const { links } = await new TopologyService(ctx).current();
  const linkPorts = new Set(links.flatMap((l) => [`${l.a.device}\u0000${normaliseIfName(l.a.ifName)}`, `${l.b.device}\u0000${normaliseIfName(l.b.ifName)}`]));

  const histories: InterfaceHistory[] = [];
  const updated: InterfaceBaselinesTable[] = [];
  // The newest sample per interface (a cycle normally has one).
  const newest = new Map<string, (typeof current)[number]>();
  for (const row of current) newest.set(`${row.device_id}:${row.if_index}`, row);
  for (const [key, row] of newest) {
    const stored = baselines.get(key);
    if (stored && row.at_ms <= stored.last_at_ms) continue;
    // A baseline older than its window says nothing about today's traffic: start again.
    const fresh = !stored || row.at_ms - stored.last_at_ms > BASELINE_MS;
    const before: BaselineStats = fresh ? { count: 0, meanBps: 0, sdBps: 0 } : { count: stored.count, meanBps: stored.mean_bps, sdBps: stored.sd_bps };
    const bps = Math.max(row.in_bps ?? 0, row.out_bps ?? 0);
    const spacingMs = stored && !fresh ? Math.max(1000, row.at_ms - stored.last_at_ms) : 60_000;
    const after = addToBaseline(before, bps, Math.max(MIN_WINDOW_SAMPLES, Math.round(BASELINE_MS / spacingMs)));
    updated.push({ device_id: row.device_id, if_index: row.if_index, count: after.count, mean_bps: after.meanBps, sd_bps: after.sdBps, last_at_ms: row.at_ms });
    const device = devices.get(row.device_id);
    const iface = ifaces.get(key);
    if (!device || !iface) continue;
    const info = JSON.parse(iface.info_json) as { speedMbps?: number };
    histories.push({
      deviceId: device.id,
      deviceAddress: device.address,
      deviceLabel: device.sys_name ?? device.address,
      ifName: iface.name,
      ...(info.speedMbps !== undefined ? { speedMbps: info.speedMbps } : {}),
      accessPort: !linkPorts.has(`${device.id}\u0000${normaliseIfName(iface.name)}`),
      baseline: before,
      currentBps: bps,
      atMs: row.at_ms,
    });
  }
  await saveBaselines(ctx, updated);
  const raised = lastRaised.get(ctx) ?? new Map<string, number>();
  lastRaised.set(ctx, raised);
  const insights = detectAnomalies(histories, () => uuidv7()).filter((a) => {
    const key = `${a.deviceId}:${a.vendorCategory}:${JSON.parse(a.raw).ifName as string}`;
    const last = raised.get(key);
    if (last !== undefined && cycleStartMs - last < REPEAT_QUIET_MS) return false;
    raised.set(key, cycleStartMs);
    return true;
  });
  if (insights.length === 0) return 0;
  threatsService(ctx).repo.writeBatch({ inserts: insights, updates: [], correlations: [], counters: {} });
  for (const a of insights) ctx.bus.emit('threats.insight', a);
  return insights.length;
}

/** One transaction, upserting in chunks (SQLite's bound-parameter limit). */
async function saveBaselines(ctx: EngineContext, rows: readonly InterfaceBaselinesTable[]): Promise<void> {
  if (rows.length === 0) return;
  await ctx.store.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500) {
      await trx
        .insertInto('interface_baselines')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) =>
          oc.columns(['device_id', 'if_index']).doUpdateSet((eb) => ({
            count: eb.ref('excluded.count'),
            mean_bps: eb.ref('excluded.mean_bps'),
            sd_bps: eb.ref('excluded.sd_bps'),
            last_at_ms: eb.ref('excluded.last_at_ms'),
          })),
        )
        .execute();
    }
  });
}
