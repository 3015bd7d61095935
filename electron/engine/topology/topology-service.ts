import { randomUUID } from 'node:crypto';
import type { TopologyView } from '../../../shared/api/topology';
import type { InterfaceInfo } from '../../../shared/domain/device';
import type { DeviceRole, Finding, LinkStats, TopologyLink, TopologyNode } from '../../../shared/domain/topology';
import { RoutewiseError } from '../../../shared/api/errors';
import type { EngineContext } from '../engine-context';
import { openSnmpSession, type SnmpCredential } from '../snmp/snmp-session';
import { analyzeTopology } from './analysis/analyze';
import { aiCoverage, type SegmentCoverage } from './analysis/coverage';
import { buildTopology, type DeviceObservation, diffTopology } from './build-topology';
import { collectNeighbourhood, type NeighbourhoodObservation } from './collect-observation';
import { forEachLimited } from './concurrency';
import { defaultSegment, inferRoles } from './infer-roles';

export interface CollectOptions {
  deviceIds?: string[];
  concurrency: number;
  timeoutMs: number;
  retries: number;
}

/** Builds, stores and analyses the map from what inventory devices report. */
export class TopologyService {
  constructor(private readonly ctx: EngineContext) {}

  async collect(opts: CollectOptions, signal: AbortSignal, onProgress?: (done: number, total: number) => void) {
    const started = Date.now();
    let q = this.ctx.store.db.selectFrom('devices').select(['id', 'address', 'port', 'credential_id']);
    if (opts.deviceIds?.length) q = q.where('id', 'in', opts.deviceIds);
    const devices = await q.execute();
    const failed: Array<{ deviceId: string; address: string; error: string }> = [];
    let done = 0;
    let collected = 0;
    await forEachLimited(
      devices,
      opts.concurrency,
      async (d) => {
        try {
          if (!d.credential_id) throw new RoutewiseError('unavailable', 'no SNMP credential answered for this device in its last scan');
          const cred = await this.ctx.credentials.reveal(d.credential_id);
          if (cred.kind === 'ssh') throw new RoutewiseError('unsupported', 'the remembered credential is not an SNMP one');
          const session = openSnmpSession({ host: d.address, port: d.port }, cred as SnmpCredential, { timeoutMs: opts.timeoutMs, retries: opts.retries });
          try {
            const obs = await collectNeighbourhood(session, signal);
            await this.saveObservation(d.id, obs);
            collected++;
          } finally {
            session.close();
          }
        } catch (err) {
          if (signal.aborted) return;
          failed.push({ deviceId: d.id, address: d.address, error: err instanceof Error ? err.message : String(err) });
        } finally {
          onProgress?.(++done, devices.length);
        }
      },
      signal,
    );
    if (signal.aborted) throw new RoutewiseError('cancelled', `topology collection cancelled after ${done} of ${devices.length} devices`);
    const topo = await this.current();
    await this.ctx.store.db
      .insertInto('topology_snapshots')
      .values({ at: new Date().toISOString(), topology_json: JSON.stringify({ nodes: topo.nodes, links: topo.links }) })
      .execute();
    return { collected, failed, durationMs: Date.now() - started };
  }

  async saveObservation(deviceId: string, obs: NeighbourhoodObservation): Promise<void> {
    const row = { device_id: deviceId, collected_at: new Date().toISOString(), observation_json: JSON.stringify(obs) };
    await this.ctx.store.db
      .insertInto('topology_observations')
      .values(row)
      .onConflict((oc) => oc.column('device_id').doUpdateSet({ collected_at: row.collected_at, observation_json: row.observation_json }))
      .execute();
  }

  /** The map as of the stored observations, manual links and roles. */
  async current(): Promise<{ nodes: TopologyNode[]; links: TopologyLink[] }> {
    const db = this.ctx.store.db;
    const devices = await db.selectFrom('devices').selectAll().orderBy('address_key').execute();
    const observations = new Map(
      (await db.selectFrom('topology_observations').selectAll().execute()).map((o) => [o.device_id, JSON.parse(o.observation_json) as NeighbourhoodObservation]),
    );
    const interfaces = new Map<string, InterfaceInfo[]>();
    for (const row of await db.selectFrom('device_interfaces').select(['device_id', 'info_json']).execute()) {
      const list = interfaces.get(row.device_id) ?? [];
      list.push(JSON.parse(row.info_json) as InterfaceInfo);
      interfaces.set(row.device_id, list);
    }
    const observed: DeviceObservation[] = devices.map((d) => {
      const obs = observations.get(d.id);
      const facts = JSON.parse(d.facts_json) as { sysLocation?: string };
      const segment = defaultSegment(d.address, facts.sysLocation);
      return {
        id: d.id,
        label: d.sys_name ?? d.hostname ?? d.address,
        ...(d.sys_name ? { sysName: d.sys_name } : {}),
        ...(d.serial ? { serial: d.serial } : {}),
        addresses: [d.address],
        chassisIds: obs?.chassisIds ?? [],
        interfaces: (interfaces.get(d.id) ?? []).map((i) => ({
          ifIndex: i.ifIndex, name: i.name, ...(i.descr ? { descr: i.descr } : {}), ...(i.alias ? { alias: i.alias } : {}),
          ...(i.mac ? { mac: i.mac } : {}), ...(i.speedMbps !== undefined ? { speedMbps: i.speedMbps } : {}),
        })),
        neighbors: obs?.neighbors ?? [],
        fdb: obs?.fdb ?? [],
        arp: obs?.arp ?? [],
        platform: d.platform,
        aiCapable: d.ai_capable === 1,
        ...(segment ? { segment } : {}),
      };
    });
    const manual = await db.selectFrom('manual_links').selectAll().execute();
    const topo = buildTopology(
      observed,
      manual.map((m) => ({ id: m.id, a: { device: m.a_device, ifName: m.a_if }, b: { device: m.b_device, ifName: m.b_if }, ...(m.speed_mbps ? { speedMbps: m.speed_mbps } : {}) })),
    );
    const roles = new Map((await db.selectFrom('device_roles').selectAll().execute()).map((r) => [r.device_id, r.role as DeviceRole]));
    inferRoles(topo.nodes, topo.links, roles);
    return { nodes: topo.nodes, links: topo.links };
  }

  async view(): Promise<TopologyView> {
    const db = this.ctx.store.db;
    const { nodes, links } = await this.current();
    const snaps = await db.selectFrom('topology_snapshots').selectAll().orderBy('id', 'desc').limit(2).execute();
    const parse = (j: string) => JSON.parse(j) as { nodes: TopologyNode[]; links: TopologyLink[] };
    const changes = snaps.length === 2 ? diffTopology(parse(snaps[1]!.topology_json), parse(snaps[0]!.topology_json)) : null;
    const positions: TopologyView['positions'] = {};
    for (const p of await db.selectFrom('map_positions').selectAll().execute()) positions[p.node_id] = { x: p.x, y: p.y };
    const utilisation: TopologyView['utilisation'] = {};
    for (const st of await this.linkStats(links, 10 * 60_000)) {
      const last = Math.max(st.utilAtoB.at(-1) ?? 0, st.utilBtoA.at(-1) ?? 0);
      utilisation[st.linkId] = Math.round(last * 1000) / 1000;
    }
    return { nodes, links, changes, collectedAt: snaps[0]?.at ?? null, positions, utilisation };
  }

  async analyze(windowMs: number, hotLinkUtil?: number): Promise<{ findings: Finding[]; coverage: SegmentCoverage[] }> {
    const { nodes, links } = await this.current();
    const stats = await this.linkStats(links, windowMs);
    const findings = analyzeTopology({ nodes, links, stats, ...(hotLinkUtil ? { thresholds: { hotLinkUtil } } : {}) });
    return { findings, coverage: aiCoverage(nodes, links) };
  }

  /** Per-link utilisation samples from the poller's raw tier, taken at the link's `a` end (out = a→b). */
  private async linkStats(links: readonly TopologyLink[], windowMs: number): Promise<LinkStats[]> {
    const since = Date.now() - windowMs;
    const db = this.ctx.store.db;
    const rows = await db.selectFrom('interface_samples').selectAll().where('tier', '=', 'raw').where('at_ms', '>=', since).execute();
    if (rows.length === 0) return [];
    const ifIndexByName = new Map<string, number>();
    for (const r of await db.selectFrom('device_interfaces').select(['device_id', 'if_index', 'name']).execute()) {
      ifIndexByName.set(`${r.device_id}\u0000${r.name}`, r.if_index);
    }
    const byIf = new Map<string, typeof rows>();
    for (const r of rows) {
      const k = `${r.device_id}\u0000${r.if_index}`;
      (byIf.get(k) ?? byIf.set(k, []).get(k)!).push(r);
    }
    type Sample = (typeof rows)[number];
    const samplesAt = (end: { device: string; ifName: string }): Sample[] | undefined => {
      const idx = ifIndexByName.get(`${end.device}\u0000${end.ifName}`);
      return idx !== undefined ? byIf.get(`${end.device}\u0000${idx}`) : undefined;
    };
    const avg = (samples: readonly Sample[], f: (s: Sample) => number | null) => samples.reduce((t, s) => t + (f(s) ?? 0), 0) / samples.length;
    const errorsAt = (samples: readonly Sample[] | undefined) => {
      if (!samples?.length) return undefined;
      const errorsPerSec = avg(samples, (s) => s.errors_ps);
      const discardsPerSec = avg(samples, (s) => s.discards_ps);
      const packetsPerSec = avg(samples, (s) => s.packets_ps);
      return { errorsPerSec, discardsPerSec, packetsPerSec, ratio: packetsPerSec > 0 ? (errorsPerSec + discardsPerSec) / packetsPerSec : 0 };
    };
    const out: LinkStats[] = [];
    for (const l of links) {
      const samples = samplesAt(l.a);
      const atB = samplesAt(l.b);
      if (!samples?.length && !atB?.length) continue;
      // Utilisation from one end (its out is a→b, its in b→a); errors are counted where frames arrive, so each end
      // sees one direction's damage: report the worse end (which end is `a` depends on device ids).
      const ends = [errorsAt(samples), errorsAt(atB)].filter((e) => e !== undefined);
      const worst = ends.reduce((w, e) => (e.ratio > w.ratio ? e : w));
      out.push({
        linkId: l.id,
        // Without samples at `a`, the `b` end's in is a→b and its out b→a.
        utilAtoB: samples?.length ? samples.map((s) => s.out_util).filter((v): v is number => v !== null) : (atB ?? []).map((s) => s.in_util).filter((v): v is number => v !== null),
        utilBtoA: samples?.length ? samples.map((s) => s.in_util).filter((v): v is number => v !== null) : (atB ?? []).map((s) => s.out_util).filter((v): v is number => v !== null),
        errorsPerSec: worst.errorsPerSec,
        discardsPerSec: worst.discardsPerSec,
        packetsPerSec: worst.packetsPerSec,
      });
    }
    return out;
  }

  async addManualLink(a: { device: string; ifName: string }, b: { device: string; ifName: string }, speedMbps?: number): Promise<string> {
    const id = `manual-${randomUUID()}`;
    await this.ctx.store.db
      .insertInto('manual_links')
      .values({ id, a_device: a.device, a_if: a.ifName, b_device: b.device, b_if: b.ifName, speed_mbps: speedMbps ?? null, created_at: new Date().toISOString() })
      .execute();
    return id;
  }
}
