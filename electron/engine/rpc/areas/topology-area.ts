import type { CycleSummary, topologyMethods } from '../../../../shared/api/topology';
import { RoutewiseError } from '../../../../shared/api/errors';
import type { EngineContext } from '../../engine-context';
import { InterfacePoller, type PollCycleResult } from '../../topology/metrics/interface-poller';
import { startPollScheduler } from '../../topology/metrics/poll-scheduler';
import { rollupAndPrune, tierFor } from '../../topology/metrics/retention';
import { runLocalAnomalyDetection } from '../../threats/local-anomaly-job';
import { TopologyService } from '../../topology/topology-service';
import type { HandlersFor } from '../handlers';

export function topologyHandlers(ctx: EngineContext): HandlersFor<typeof topologyMethods> {
  const service = new TopologyService(ctx);
  return {
    'topology.collect': async (input, call) => {
      const result = await service.collect(input, call.signal, (done, total) => ctx.bus.emit('topology.progress', { done, total }));
      ctx.bus.emit('topology.updated', { collectedAt: new Date().toISOString() });
      return result;
    },
    'topology.get': () => service.view(),
    'topology.analyze': ({ windowMs, hotLinkUtil }) => service.analyze(windowMs, hotLinkUtil),
    'topology.addManualLink': async ({ a, b, speedMbps }, call) => {
      const id = await service.addManualLink(a, b, speedMbps);
      await ctx.audit.append({ actor: call.actor, action: 'topology.addManualLink', subject: id, details: { a, b, speedMbps } });
      return { id };
    },
    'topology.removeManualLink': async ({ id }, call) => {
      const res = await ctx.store.db.deleteFrom('manual_links').where('id', '=', id).executeTakeFirst();
      const removed = Number(res.numDeletedRows) > 0;
      if (removed) await ctx.audit.append({ actor: call.actor, action: 'topology.removeManualLink', subject: id });
      return { removed };
    },
    'topology.setRole': async ({ deviceId, role }, call) => {
      const exists = await ctx.store.db.selectFrom('devices').select('id').where('id', '=', deviceId).executeTakeFirst();
      if (!exists) throw new RoutewiseError('not-found', `no device ${deviceId}`);
      if (role === 'unknown') await ctx.store.db.deleteFrom('device_roles').where('device_id', '=', deviceId).execute();
      else
        await ctx.store.db
          .insertInto('device_roles')
          .values({ device_id: deviceId, role })
          .onConflict((oc) => oc.column('device_id').doUpdateSet({ role }))
          .execute();
      await ctx.audit.append({ actor: call.actor, action: 'topology.setRole', subject: deviceId, details: { role } });
      return { ok: true as const };
    },
    'topology.savePositions': async ({ positions }) => {
      await ctx.store.db.transaction().execute(async (trx) => {
        for (const p of positions) {
          await trx
            .insertInto('map_positions')
            .values({ node_id: p.nodeId, x: p.x, y: p.y })
            .onConflict((oc) => oc.column('node_id').doUpdateSet({ x: p.x, y: p.y }))
            .execute();
        }
      });
      return { saved: positions.length };
    },
    'metrics.series': async ({ deviceId, ifIndex, ifName, fromMs, toMs }) => {
      const now = Date.now();
      const tier = tierFor(now, fromMs);
      const until = toMs ?? now;
      if (ifIndex === undefined && ifName === undefined) {
        const rows = await ctx.store.db
          .selectFrom('device_samples').selectAll()
          .where('device_id', '=', deviceId).where('tier', '=', tier).where('at_ms', '>=', fromMs).where('at_ms', '<=', until)
          .orderBy('at_ms').limit(5000).execute();
        return {
          tier,
          points: rows.map((r) => ({ atMs: r.at_ms, inUtil: null, outUtil: null, inBps: null, outBps: null, errorsPerSec: null, cpuPct: r.cpu_pct, memPct: r.mem_pct })),
        };
      }
      let index = ifIndex;
      if (index === undefined) {
        const row = await ctx.store.db.selectFrom('device_interfaces').select('if_index').where('device_id', '=', deviceId).where('name', '=', ifName!).executeTakeFirst();
        if (!row) throw new RoutewiseError('not-found', `no interface ${ifName} on ${deviceId}`);
        index = row.if_index;
      }
      const rows = await ctx.store.db
        .selectFrom('interface_samples').selectAll()
        .where('device_id', '=', deviceId).where('if_index', '=', index).where('tier', '=', tier).where('at_ms', '>=', fromMs).where('at_ms', '<=', until)
        .orderBy('at_ms').limit(5000).execute();
      return {
        tier,
        points: rows.map((r) => ({
          atMs: r.at_ms, inUtil: r.in_util, outUtil: r.out_util, inBps: r.in_bps, outBps: r.out_bps, errorsPerSec: r.errors_ps, cpuPct: null, memPct: null,
        })),
      };
    },
    'metrics.poll': async (input, call) => {
      const poller = new InterfacePoller(ctx, input);
      const cycles: CycleSummary[] = [];
      const results = new Map<number, PollCycleResult>();
      const maxCycles = Math.max(1, Math.floor(input.durationSec / input.intervalSec));
      await new Promise<void>((resolve) => {
        const sched = startPollScheduler({
          intervalMs: input.intervalSec * 1000,
          maxCycles,
          runCycle: async (n, signal) => {
            const startedMs = Date.now();
            results.set(n, await poller.cycle(signal));
            await runLocalAnomalyDetection(ctx, startedMs);
            await rollupAndPrune(ctx.store, Date.now());
          },
          onError: (err, n) => results.set(n, { devices: 0, polled: 0, samples: 0, failed: [{ deviceId: '*', error: String(err) }] }),
          onCycle: (r) => {
            const res = results.get(r.cycle) ?? { devices: 0, polled: 0, samples: 0, failed: [] };
            const summary: CycleSummary = {
              cycle: r.cycle, startedAt: new Date(r.startedAtMs).toISOString(), durationMs: r.durationMs,
              overrunMs: r.overrunMs, skippedSlots: r.skippedSlots, ...res,
            };
            if (r.overrunMs > 0) ctx.log('warn', `poll cycle ${r.cycle} overran its ${input.intervalSec}s slot by ${r.overrunMs} ms`);
            cycles.push(summary);
            ctx.bus.emit('metrics.cycle', summary);
            if (r.cycle >= maxCycles) resolve();
          },
        });
        call.signal.addEventListener('abort', () => void sched.stop().then(resolve), { once: true });
      });
      return { cycles };
    },
  };
}
