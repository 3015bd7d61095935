import type { EngineContext } from '../engine-context';
import { TopologyService } from '../topology/topology-service';
import { normaliseIfName } from '../topology/interface-names';
import { uuidv7 } from './insight-id';
import { detectAnomalies, type InterfaceHistory } from './local-anomaly';
import { threatsService } from './threats-service';

const BASELINE_MS = 24 * 3600_000;
const REPEAT_QUIET_MS = 10 * 60_000;
const lastRaised = new WeakMap<EngineContext, Map<string, number>>();

/**
 * After a poll cycle: compare each interface's newest sample with its own 24-hour baseline and store what stands out
 * as 'local-anomaly' insights beside the devices' own detections. The same anomaly is raised at most every 10 minutes.
 */
export async function runLocalAnomalyDetection(ctx: EngineContext, cycleStartMs: number): Promise<number> {
  const db = ctx.store.db;
  const rows = await db
    .selectFrom('interface_samples')
    .select(['device_id', 'if_index', 'at_ms', 'in_bps', 'out_bps'])
    .where('tier', '=', 'raw')
    .where('at_ms', '>=', cycleStartMs - BASELINE_MS)
    .orderBy('device_id').orderBy('if_index').orderBy('at_ms')
    .execute();
  if (rows.length === 0) return 0;
  const devices = new Map((await db.selectFrom('devices').select(['id', 'address', 'sys_name']).execute()).map((d) => [d.id, d]));
  const ifaces = new Map((await db.selectFrom('device_interfaces').select(['device_id', 'if_index', 'name', 'info_json']).execute()).map((i) => [`${i.device_id}:${i.if_index}`, i]));
  const { links } = await new TopologyService(ctx).current();
  const linkPorts = new Set(links.flatMap((l) => [`${l.a.device}\u0000${normaliseIfName(l.a.ifName)}`, `${l.b.device}\u0000${normaliseIfName(l.b.ifName)}`]));

  const histories: InterfaceHistory[] = [];
  let i = 0;
  while (i < rows.length) {
    let j = i;
    while (j < rows.length && rows[j]!.device_id === rows[i]!.device_id && rows[j]!.if_index === rows[i]!.if_index) j++;
    const group = rows.slice(i, j);
    i = j;
    const current = group.at(-1)!;
    if (current.at_ms < cycleStartMs || group.length < 2) continue;
    const bps = (r: (typeof group)[number]) => Math.max(r.in_bps ?? 0, r.out_bps ?? 0);
    const device = devices.get(current.device_id);
    const iface = ifaces.get(`${current.device_id}:${current.if_index}`);
    if (!device || !iface) continue;
    const info = JSON.parse(iface.info_json) as { speedMbps?: number };
    histories.push({
      deviceId: device.id,
      deviceAddress: device.address,
      deviceLabel: device.sys_name ?? device.address,
      ifName: iface.name,
      ...(info.speedMbps !== undefined ? { speedMbps: info.speedMbps } : {}),
      accessPort: !linkPorts.has(`${device.id}\u0000${normaliseIfName(iface.name)}`),
      baselineBps: group.slice(0, -1).map(bps),
      currentBps: bps(current),
      atMs: current.at_ms,
    });
  }
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
