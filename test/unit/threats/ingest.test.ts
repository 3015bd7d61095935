import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ThreatIngest } from '../../../electron/engine/threats/ingest';
import { ThreatsRepo } from '../../../electron/engine/threats/threats-repo';
import { type Store, openStore } from '../../../electron/engine/store/database';
import { makeTempDir } from '../../support/temp-dir';

const UTD = (src: string, sid = 30561) =>
  `<188>Jun 13 14:32:09 isr: %IOSXE-4-PLATFORM: R0/0: UTD: [**] [Drop] [1:${sid}:1] MALWARE-CNC test [**] [Classification: A Network Trojan was Detected] [Priority: 1] {TCP} ${src}:4444 -> 192.0.2.80:443`;

describe('ingest: dedup, correlation, rate limit, store', () => {
  let store: Store;
  let repo: ThreatsRepo;
  let cleanup: () => void;
  let nowMs: number;
  let ids: number;

  beforeEach(async () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    store = await openStore(t.dir);
    repo = new ThreatsRepo(store);
    nowMs = Date.parse('2026-01-15T12:00:00Z');
    ids = 0;
  });
  afterEach(async () => {
    await store.close();
    cleanup();
  });

  const make = (over: Partial<ConstructorParameters<typeof ThreatIngest>[0]> = {}) =>
    new ThreatIngest({ repo, flushIntervalMs: 0, now: () => nowMs, newId: () => `id-${++ids}`, rateLimit: null, ...over });
  const msg = (text: string, sender: string) => ({ text, sender, receivedAt: new Date(nowMs) });

  it('folds a burst of the same detection into one insight with a count, and opens a new one after the window', async () => {
    const ingest = make({ dedupWindowMs: 60_000 });
    for (let i = 0; i < 5; i++) {
      ingest.submit(msg(UTD('203.0.113.5'), '192.0.2.1'));
      nowMs += 1_000;
    }
    ingest.flush();
    ingest.submit(msg(UTD('203.0.113.5'), '192.0.2.1')); // still within the window: an update of a stored insight
    ingest.flush();
    let list = await repo.list({ limit: 10, order: 'asc' });
    expect(list).toHaveLength(1);
    expect(list[0]?.count).toBe(6);
    nowMs += 61_000;
    ingest.submit(msg(UTD('203.0.113.5'), '192.0.2.1'));
    ingest.flush();
    list = await repo.list({ limit: 10, order: 'asc' });
    expect(list.map((i) => i.count)).toEqual([6, 1]);
    expect(ingest.stats().totals.deduplicated).toBe(5);
  });

  it('does not fold different signatures, sources or devices', async () => {
    const ingest = make();
    ingest.submit(msg(UTD('203.0.113.5', 1), '192.0.2.1'));
    ingest.submit(msg(UTD('203.0.113.5', 2), '192.0.2.1'));
    ingest.submit(msg(UTD('203.0.113.6', 1), '192.0.2.1'));
    ingest.submit(msg(UTD('203.0.113.5', 1), '192.0.2.2'));
    ingest.flush();
    expect(await repo.list({ limit: 10, order: 'asc' })).toHaveLength(4);
  });

  it('gives insights about one source seen by two devices a shared correlation id, earlier ones included', async () => {
    const ingest = make();
    ingest.submit(msg(UTD('203.0.113.9'), '192.0.2.1'));
    ingest.submit(msg(UTD('203.0.113.77'), '192.0.2.1'));
    ingest.flush(); // the first one is stored before the second device reports
    nowMs += 5_000;
    ingest.submit(msg(UTD('203.0.113.9', 99), '192.0.2.2'));
    ingest.flush();
    const list = await repo.list({ limit: 10, order: 'asc' });
    const bySrc = list.filter((i) => i.srcIp === '203.0.113.9');
    expect(bySrc).toHaveLength(2);
    expect(bySrc[0]?.correlationId).toMatch(/^corr-/);
    expect(bySrc[0]?.correlationId).toBe(bySrc[1]?.correlationId);
    expect(list.find((i) => i.srcIp === '203.0.113.77')?.correlationId).toBeNull();
  });

  it('throttles a flooding sender while another sender is still served, and counts it', async () => {
    const ingest = make({ rateLimit: { ratePerSec: 10, burst: 20 } });
    const results = { flood: 0, other: 0 };
    for (let i = 0; i < 1_000; i++) if (ingest.submit(msg(`<13>flood ${i}`, '192.0.2.66')) === 'accepted') results.flood++;
    for (let i = 0; i < 10; i++) if (ingest.submit(msg(`<13>other ${i}`, '192.0.2.7')) === 'accepted') results.other++;
    expect(results).toEqual({ flood: 20, other: 10 });
    nowMs += 1_000; // a second later the flooder has 10 more tokens
    for (let i = 0; i < 50; i++) ingest.submit(msg(`<13>flood again ${i}`, '192.0.2.66'));
    ingest.flush();
    expect(ingest.stats().throttledBySender).toEqual({ '192.0.2.66': 980 + 40 });
    const counts = await repo.counts();
    expect(counts.counters.throttled).toBe(1_020);
    expect(counts.byFormat.unknown).toBe(40);
  });

  it('keeps unknown messages raw and counts them; keeps invalid UTF-8 as base64', async () => {
    const ingest = make();
    ingest.submit({ ...msg('<13>something \uFFFD odd', '192.0.2.1'), rawBase64: Buffer.from([0x3c, 0x31, 0x33, 0x3e, 0xff]).toString('base64') });
    ingest.flush();
    const [i] = await repo.list({ limit: 1, order: 'asc' });
    expect(i).toMatchObject({ format: 'unknown', category: 'unknown', raw: '<13>something \uFFFD odd' });
    expect(Buffer.from(i?.rawBase64 ?? '', 'base64')).toEqual(Buffer.from([0x3c, 0x31, 0x33, 0x3e, 0xff]));
    expect((await repo.counts()).counters).toMatchObject({ unknown: 1, invalidUtf8: 1, received: 1 });
  });

  it('ties insights to the inventory device behind the sender address', async () => {
    const ingest = make({ resolveDevice: (a) => (a === '192.0.2.1' ? 'dev-42' : undefined) });
    ingest.submit(msg(UTD('203.0.113.5'), '192.0.2.1'));
    ingest.submit(msg(UTD('203.0.113.5'), '192.0.2.2'));
    ingest.flush();
    const list = await repo.list({ limit: 10, order: 'asc' });
    expect(list.map((i) => [i.deviceAddress, i.deviceId])).toEqual([
      ['192.0.2.1', 'dev-42'],
      ['192.0.2.2', undefined],
    ]);
  });

  it('reports stored insights to its listener after the write', async () => {
    const seen: string[] = [];
    const ingest = make({ onInsights: (list) => seen.push(...list.map((i) => `${i.id}:${i.count}`)) });
    ingest.submit(msg(UTD('203.0.113.5'), '192.0.2.1'));
    ingest.flush();
    ingest.submit(msg(UTD('203.0.113.5'), '192.0.2.1'));
    ingest.flush();
    expect(seen).toEqual(['id-1:1', 'id-1:2']);
  });
});
