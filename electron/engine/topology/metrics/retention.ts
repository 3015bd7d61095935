import { sql } from 'kysely';
import type { Store } from '../../store/database';
import { RETENTION } from './downsample';

const FIVE_MIN = RETENTION[1].bucketMs;
const HOUR = RETENTION[2].bucketMs;

/**
 * Rolls raw interface and device samples into 5-minute averages and 5-minute averages into hourly ones (for windows
 * that have closed), then deletes what is past each tier's retention. Idempotent: re-running rewrites the same
 * buckets. Maxima are kept in their own tiers ('5m-max', '1h-max') so a short saturation stays visible.
 */
export async function rollupAndPrune(store: Store, nowMs: number): Promise<void> {
  const closed5 = Math.floor(nowMs / FIVE_MIN) * FIVE_MIN;
  const closedH = Math.floor(nowMs / HOUR) * HOUR;
  await store.db.transaction().execute(async (trx) => {
    for (const [from, to, bucket, until] of [
      ['raw', '5m', FIVE_MIN, closed5],
      ['5m', '1h', HOUR, closedH],
    ] as const) {
      // (SQLite's % works on integers even when the bound bucket arrives as a REAL; `/` would not.)
      const since = until - 2 * bucket; // re-roll the last two closed buckets: late samples land there
      for (const [agg, tier] of [['avg', to], ['max', `${to}-max`]] as const) {
        const src = from === 'raw' ? 'raw' : agg === 'max' ? '5m-max' : '5m';
        const fn = agg === 'avg' ? sql.raw('avg') : sql.raw('max');
        await sql`
          insert or replace into interface_samples (device_id, if_index, tier, at_ms, in_bps, out_bps, in_util, out_util, errors_ps, discards_ps, packets_ps)
          select device_id, if_index, ${tier}, at_ms - (at_ms % ${bucket}),
                 ${fn}(in_bps), ${fn}(out_bps), ${fn}(in_util), ${fn}(out_util), ${fn}(errors_ps), ${fn}(discards_ps), ${fn}(packets_ps)
          from interface_samples
          where tier = ${src} and at_ms >= ${since} and at_ms < ${until}
          group by device_id, if_index, at_ms - (at_ms % ${bucket})`.execute(trx);
        await sql`
          insert or replace into device_samples (device_id, tier, at_ms, cpu_pct, mem_pct)
          select device_id, ${tier}, at_ms - (at_ms % ${bucket}), ${fn}(cpu_pct), ${fn}(mem_pct)
          from device_samples
          where tier = ${src} and at_ms >= ${since} and at_ms < ${until}
          group by device_id, at_ms - (at_ms % ${bucket})`.execute(trx);
      }
    }
    for (const r of RETENTION) {
      const tiers = r.tier === 'raw' ? ['raw'] : [r.tier, `${r.tier}-max`];
      for (const table of ['interface_samples', 'device_samples'] as const) {
        await trx.deleteFrom(table).where('tier', 'in', tiers).where('at_ms', '<', nowMs - r.keepMs).execute();
      }
    }
  });
}

/** The finest tier that still holds data for a range starting `fromMs` ago. */
export function tierFor(nowMs: number, fromMs: number): 'raw' | '5m' | '1h' {
  const age = nowMs - fromMs;
  if (age <= RETENTION[0].keepMs) return 'raw';
  if (age <= RETENTION[1].keepMs) return '5m';
  return '1h';
}
