import type { Kysely, Migration } from 'kysely';

/** An interface's traffic baseline: how many samples it summarises, their mean and standard deviation. */
export interface BaselineStats {
  count: number;
  meanBps: number;
  sdBps: number;
}

/** The baseline of a list of samples (population statistics). */
export function baselineOf(values: readonly number[]): BaselineStats {
  const count = values.length;
  if (count === 0) return { count: 0, meanBps: 0, sdBps: 0 };
  const meanBps = values.reduce((a, b) => a + b, 0) / count;
  return { count, meanBps, sdBps: Math.sqrt(values.reduce((a, b) => a + (b - meanBps) ** 2, 0) / count) };
}

/**
 * Adds one sample to a running baseline without keeping the samples: the exact incremental mean and population
 * variance (var_n = (1 - 1/n)(var_{n-1} + delta²/n)) while fewer than `windowSamples` are summarised, then the
 * same update with a constant weight 1/windowSamples — an exponential forgetting whose horizon is the window. So a
 * poll cycle costs one row per interface, whatever the retention of raw samples.
 */
export function addToBaseline(prev: BaselineStats, sampleBps: number, windowSamples: number): BaselineStats {
  const count = Math.min(prev.count + 1, Math.max(1, windowSamples));
  const weight = 1 / count;
  const delta = sampleBps - prev.meanBps;
  const variance = (1 - weight) * (prev.sdBps ** 2 + weight * delta ** 2);
  return { count, meanBps: prev.meanBps + weight * delta, sdBps: Math.sqrt(Math.max(0, variance)) };
}

export interface InterfaceBaselinesTable {
  device_id: string;
  if_index: number;
  count: number;
  mean_bps: number;
  sd_bps: number;
  /** The newest sample summarised (a sample is added once). */
  last_at_ms: number;
}

/** Running per-interface baselines for local anomaly detection (replaces re-reading 24 h of raw samples per cycle). */
export const interfaceBaselinesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('interface_baselines')
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('if_index', 'integer', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('mean_bps', 'real', (c) => c.notNull())
      .addColumn('sd_bps', 'real', (c) => c.notNull())
      .addColumn('last_at_ms', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('interface_baselines_pk', ['device_id', 'if_index'])
      .execute();
  },
};
