import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { threatsEvents } from '../../../shared/api/threats';
import { filterInsights, DEFAULT_FILTER } from '../../../renderer/src/features/threats/threats-model';
import { useThreatsStore } from '../../../renderer/src/features/threats/threats-store';
import { useUiEngine } from '../../support/ui-engine';

const FORTIGATE = fs.readFileSync(path.join(__dirname, '../../fixtures/threats/fortigate/ips-signature.txt'), 'utf8').trim();
const HOSTILE = '<14>1 2026-11-25T12:00:00Z evil-host app - - - <img src=x onerror=alert(1)>';

async function sendUdp(port: number, line: string): Promise<void> {
  const socket = dgram.createSocket('udp4');
  try {
    await new Promise<void>((resolve, reject) => socket.send(Buffer.from(line), port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
  } finally {
    socket.close();
  }
}

async function until<T>(read: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = read();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The Threats store against a real engine (in-process) and its real syslog receiver on 127.0.0.1. */
describe('threats store with a real engine', () => {
  useUiEngine('routewise-threats-store-', (client) => {
    // What engine-events does for this event, without wiring every other store.
    client.on('threats.insight', (payload) => {
      const parsed = threatsEvents['threats.insight'].safeParse(payload);
      if (parsed.success) useThreatsStore.getState().received(parsed.data);
    });
  });

  it('listens, receives live insights with their plain-language playbooks, keeps hostile text as data', async () => {
    await useThreatsStore.getState().load();
    expect(useThreatsStore.getState().loaded).toBe(true);
    expect(useThreatsStore.getState().listening).toBe(false);

    const receivers = await useThreatsStore.getState().listen();
    const udp = receivers.find((r) => r.kind === 'syslog-udp');
    expect(udp?.host).toBe('127.0.0.1');
    expect(useThreatsStore.getState().listening).toBe(true);

    await sendUdp(udp!.port, FORTIGATE);
    await sendUdp(udp!.port, HOSTILE);
    const items = await until(() => {
      const i = useThreatsStore.getState().items;
      return i.length === 2 ? i : undefined;
    }, 'two live insights');
    const exploit = items.find((i) => i.format === 'fortigate')!;
    expect(exploit).toMatchObject({ category: 'exploit', severity: 'critical', technique: 'T1190', deviceAddress: '127.0.0.1' });
    const unknown = items.find((i) => i.format === 'unknown')!;
    expect(unknown.raw).toContain('<img src=x onerror=alert(1)>');

    // Each category's playbook is fetched once, from the engine's table.
    const playbook = await until(() => useThreatsStore.getState().playbooks.exploit, 'the exploit playbook');
    expect(playbook.playbook.steps.length).toBeGreaterThan(0);
    await until(() => useThreatsStore.getState().playbooks.unknown, 'the unknown playbook');

    // Selecting an insight names its ATT&CK technique.
    await useThreatsStore.getState().select(exploit.id);
    expect(useThreatsStore.getState().detail?.technique?.id).toBe('T1190');

    // The counters follow (refreshed shortly after live insights).
    await until(() => ((useThreatsStore.getState().stats?.byFormat.unknown ?? 0) >= 1 ? true : undefined), 'the unknown counter');

    // Filters apply to what the store holds.
    useThreatsStore.getState().setFilter({ minSeverity: 'high' });
    const s = useThreatsStore.getState();
    expect(filterInsights(s.items, s.filter, Date.now()).map((i) => i.id)).toEqual([exploit.id]);
    useThreatsStore.getState().setFilter(DEFAULT_FILTER);

    // A second load (a reconnect) keeps one row per insight.
    await useThreatsStore.getState().load();
    expect(useThreatsStore.getState().items.map((i) => i.id).sort()).toEqual([exploit.id, unknown.id].sort());
  });
});
