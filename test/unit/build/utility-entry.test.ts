import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../../electron/engine/engine';
import { runUtilityHost, type UtilityReport } from '../../../electron/engine/host/utility-entry';
import { makeTempDir } from '../../support/temp-dir';
import { FakeParentPort, waitFor } from './utility-host-support';

describe('utility-entry (the engine host inside Electron utilityProcess)', () => {
  const cleanups: Array<() => void | Promise<void>> = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });

  function startHost() {
    const tmp = makeTempDir('routewise-utility-');
    const parent = new FakeParentPort();
    const exits: number[] = [];
    const ports: MessagePort[] = [];
    const handle = runUtilityHost(parent, { exit: (code) => exits.push(code) });
    cleanups.push(async () => {
      if (!exits.length && parent.reports.some((r) => r.type === 'ready')) {
        parent.deliver({ type: 'stop' });
        await waitFor('exit', () => exits[0]);
      }
      for (const p of ports) p.close();
      tmp.cleanup();
    });
    const connect = (id: number) => {
      const c = parent.connect(id);
      ports.push(c.port);
      return c.client;
    };
    const report = <T extends UtilityReport['type']>(type: T) =>
      waitFor(`a '${type}' report`, () => parent.reports.find((r): r is Extract<UtilityReport, { type: T }> => r.type === type));
    return { dir: tmp.dir, parent, exits, connect, report, handle };
  }

  it('serves the RPC over a transferred port with the key main handed over, and never writes a key file', async () => {
    const host = startHost();
    const key = randomBytes(32);
    const sent = new Uint8Array(key);
    host.parent.deliver({ type: 'start', dataDir: host.dir, masterKey: sent });
    // A connect that arrives before the engine is open is served once it is.
    const client = host.connect(1);
    const info = await client.call('system.info', {});
    expect(info.host).toBe('electron');
    expect(info.dataDir).toBe(host.dir);
    expect((await host.report('ready')).dataDir).toBe(host.dir);
    expect([...sent].every((b) => b === 0)).toBe(true); // main's copy of the key is wiped once used

    const cred = await client.call('credentials.create', { kind: 'snmp-v2c', label: 'core', community: 'n0t-public' });
    host.parent.deliver({ type: 'stop' });
    expect(await waitFor('exit', () => host.exits[0])).toBe(0);
    expect(host.parent.reports.some((r) => r.type === 'stopped')).toBe(true);
    expect(fs.existsSync(path.join(host.dir, 'master.key'))).toBe(false);

    // The secret was sealed with exactly that key: it opens with it and with no other.
    const same = await createEngine({ dataDir: host.dir, host: 'test', masterKey: key });
    try {
      expect(await same.ctx.credentials.reveal(cred.id)).toMatchObject({ community: 'n0t-public' });
    } finally {
      await same.close();
    }
    const other = await createEngine({ dataDir: host.dir, host: 'test', masterKey: randomBytes(32) });
    try {
      await expect(other.ctx.credentials.reveal(cred.id)).rejects.toMatchObject({ code: 'unauthorized' });
    } finally {
      await other.close();
    }
  });

  it('without a key from main, falls back to the 0600 key file in the data dir', async () => {
    const host = startHost();
    host.parent.deliver({ type: 'start', dataDir: host.dir, masterKey: null });
    await host.report('ready');
    const stat = fs.statSync(path.join(host.dir, 'master.key'));
    expect(stat.mode & 0o777).toBe(0o600);
  });

  it('serves several connections (one per window load) and keeps serving after one closes', async () => {
    const host = startHost();
    host.parent.deliver({ type: 'start', dataDir: host.dir, masterKey: new Uint8Array(randomBytes(32)) });
    const first = host.parent.connect(1);
    const second = host.parent.connect(2);
    expect((await first.client.call('system.ping', { nonce: 'a' })).nonce).toBe('a');
    first.port.close();
    expect((await second.client.call('system.ping', { nonce: 'b' })).nonce).toBe('b');
    second.port.close();
  });

  it('ignores malformed messages from main, reporting them, and closes any port they carried', async () => {
    const host = startHost();
    host.parent.deliver({ type: 'start', dataDir: host.dir, masterKey: new Uint8Array(5) });
    host.parent.deliver({ type: 'bogus' });
    await waitFor('two warnings', () => (host.parent.reports.filter((r) => r.type === 'log').length >= 2 ? true : undefined));
    expect(host.parent.reports.some((r) => r.type === 'ready')).toBe(false);
    // The engine was never started, so a connect is refused: the client's port closes.
    const { port } = host.parent.connect(1);
    await new Promise<void>((resolve) => port.once('close', () => resolve()));
  });

  it('reports a start failure as one line instead of crashing', async () => {
    const host = startHost();
    const notADir = path.join(host.dir, 'file');
    fs.writeFileSync(notADir, 'x');
    host.parent.deliver({ type: 'start', dataDir: path.join(notADir, 'sub'), masterKey: null });
    const failed = await host.report('failed');
    expect(failed.message).not.toContain('\n');
    expect(failed.message.length).toBeGreaterThan(0);
  });

  it('answers non-text frames on the port with a typed error, not a crash', async () => {
    const host = startHost();
    host.parent.deliver({ type: 'start', dataDir: host.dir, masterKey: null });
    const { client, port } = host.parent.connect(1);
    const replies: unknown[] = [];
    port.on('message', (m: unknown) => replies.push(m));
    port.postMessage({ not: 'text' });
    const raw = await waitFor('an error reply', () => replies.find((r) => typeof r === 'string' && r.includes('"error"')));
    expect(JSON.parse(raw as string)).toMatchObject({ type: 'error', id: null, error: { code: 'bad-request' } });
    expect((await client.call('system.ping', { nonce: 'still-up' })).nonce).toBe('still-up');
  });

  it('sends engine warnings to main (for its log file) and still to the UI as engine.log events', async () => {
    const host = startHost();
    host.parent.deliver({ type: 'start', dataDir: host.dir, masterKey: null });
    const client = host.connect(1);
    const events: Array<{ level: string; message: string }> = [];
    client.on('engine.log', (e) => events.push(e));
    await client.call('system.ping', { nonce: 'subscribed' });
    const engine = await host.handle.engine()!;
    engine.ctx.log('warn', 'store is on a slow disk');
    engine.ctx.log('debug', 'noise');
    await waitFor('the UI event', () => (events.length ? true : undefined));
    expect(events).toEqual([expect.objectContaining({ level: 'warn', message: 'store is on a slow disk' })]);
    expect(host.parent.reports.filter((r) => r.type === 'log')).toEqual([{ type: 'log', level: 'warn', message: 'store is on a slow disk' }]);
  });
});
