import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../electron/engine/store/database';
import { rollupAndPrune, tierFor } from '../../../electron/engine/topology/metrics/retention';
import { makeTempDir } from '../../support/temp-dir';

const MIN = 60_000;
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

async function storeWith(samples: Array<[number, number]>): Promise<Store> {
  const tmp = makeTempDir();
  cleanup = tmp.cleanup;
  const store = await openStore(tmp.dir);
  for (const [atMs, util] of samples) {
    await store.db
      .insertInto('interface_samples')
      .values({ device_id: 'd', if_index: 1, tier: 'raw', at_ms: atMs, in_bps: util * 1e9, out_bps: 0, in_util: util, out_util: 0, errors_ps: 0, discards_ps: 0, packets_ps: 10 })
      .execute();
  }
  return store;
}

describe('metrics retention', () => {
  it('rolls raw samples into 5-minute averages and maxima, and prunes raw samples older than a day', async () => {
    const t0 = 1_000 * 60 * MIN; // aligned to the hour
    const store = await storeWith([
      [t0 - 25 * 60 * MIN, 0.5], // older than a day: pruned from raw
      [t0, 0.1], [t0 + MIN, 0.2], [t0 + 2 * MIN, 0.9], // bucket t0
      [t0 + 5 * MIN, 0.3], // bucket t0+5m
      [t0 + 10 * MIN, 0.4], // still-open bucket at now = t0+11m: not rolled
    ]);
    await rollupAndPrune(store, t0 + 11 * MIN);
    const rows = await store.db.selectFrom('interface_samples').select(['tier', 'at_ms', 'in_util']).orderBy('tier').orderBy('at_ms').execute();
    const by = (tier: string) => rows.filter((r) => r.tier === tier).map((r) => [r.at_ms - t0, Math.round(r.in_util! * 1000) / 1000]);
    expect(by('5m')).toEqual([[0, 0.4], [5 * MIN, 0.3]]);
    expect(by('5m-max')).toEqual([[0, 0.9], [5 * MIN, 0.3]]);
    expect(by('raw').map(([at]) => at)).toEqual([0, MIN, 2 * MIN, 5 * MIN, 10 * MIN]);
    // Running it again changes nothing.
    await rollupAndPrune(store, t0 + 11 * MIN);
    expect((await store.db.selectFrom('interface_samples').select('tier').execute()).length).toBe(rows.length);
    await store.close();
  });

  it('picks the finest tier that still covers a range', () => {
    const now = 400 * 24 * 60 * MIN;
    expect(tierFor(now, now - 60 * MIN)).toBe('raw');
    expect(tierFor(now, now - 7 * 24 * 60 * MIN)).toBe('5m');
    expect(tierFor(now, now - 90 * 24 * 60 * MIN)).toBe('1h');
  });
});
