import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../electron/engine/engine';
import type { CallContext, Handlers } from '../../../electron/engine/rpc/handlers';
import { connectInProcess } from '../../../electron/engine/rpc/in-process';
import { serveConnection } from '../../../electron/engine/rpc/rpc-server';
import { makeTempDir } from '../../support/temp-dir';
import { MemoryConnection } from './support/memory-connection';

/** A system.ping that only settles when its call is aborted, and tells the test it has started. */
function hangingPing(started: (ctx: CallContext) => void): Handlers['system.ping'] {
  return (_input, ctx) =>
    new Promise((_resolve, reject) => {
      started(ctx);
      ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true });
    });
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met before the deadline');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('RPC server: cancellation, disconnects and events', () => {
  let engine: Engine;
  let cleanup: () => void;
  beforeAll(async () => {
    const tmp = makeTempDir('routewise-rpc-');
    cleanup = tmp.cleanup;
    engine = await createEngine({ dataDir: tmp.dir, host: 'test', masterKey: Buffer.alloc(32, 2) });
  });
  afterAll(async () => {
    await engine?.close();
    cleanup?.();
  });

  it('a cancel message aborts the in-flight call, which answers cancelled; other calls are unaffected', async () => {
    const calls: CallContext[] = [];
    const handlers = { ...engine.handlers, 'system.ping': hangingPing((ctx) => calls.push(ctx)) } as Handlers;
    const conn = new MemoryConnection();
    serveConnection(conn, { handlers, bus: engine.bus, actor: 'tester' });
    conn.deliver(JSON.stringify({ type: 'request', id: 1, method: 'system.ping', params: { nonce: 'a' } }));
    conn.deliver(JSON.stringify({ type: 'request', id: 2, method: 'system.ping', params: { nonce: 'b' } }));
    await until(() => calls.length === 2);
    expect(calls.map((c) => c.actor)).toEqual(['tester', 'tester']);
    conn.deliver(JSON.stringify({ type: 'cancel', id: 1 }));
    conn.deliver(JSON.stringify({ type: 'cancel', id: 77 })); // unknown id: ignored, no reply
    const [reply] = await conn.waitForReplies(1);
    expect(reply).toEqual({ type: 'error', id: 1, error: { code: 'cancelled', message: 'cancelled' } });
    expect(calls[1]?.signal.aborted).toBe(false);
    conn.close();
    expect(calls[1]?.signal.aborted).toBe(true);
  });

  it('the api client cancels through an AbortSignal', async () => {
    const calls: CallContext[] = [];
    const patched = { ...engine, handlers: { ...engine.handlers, 'system.ping': hangingPing((ctx) => calls.push(ctx)) } as Handlers };
    const { client, close } = connectInProcess(patched, 'ui');
    const controller = new AbortController();
    const pending = client.call('system.ping', { nonce: 'x' }, { signal: controller.signal });
    await until(() => calls.length === 1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    close();
  });

  it('events reach every open connection and stop after it closes', async () => {
    const a = new MemoryConnection();
    const b = new MemoryConnection();
    serveConnection(a, { handlers: engine.handlers, bus: engine.bus, actor: 'a' });
    serveConnection(b, { handlers: engine.handlers, bus: engine.bus, actor: 'b' });
    a.deliver(JSON.stringify({ type: 'request', id: 1, method: 'settings.update', params: { theme: 'dark' } }));
    await a.waitForReplies(1);
    const changed = (c: MemoryConnection) => c.received.filter((m) => m.type === 'event' && m.event === 'settings.changed');
    expect(changed(a)).toEqual([{ type: 'event', event: 'settings.changed', payload: { theme: 'dark', firstLaunchDone: false } }]);
    expect(changed(b)).toEqual(changed(a));
    b.close();
    a.deliver(JSON.stringify({ type: 'request', id: 2, method: 'settings.update', params: { theme: 'light' } }));
    await a.waitForReplies(2);
    expect(changed(a)).toHaveLength(2);
    expect(changed(b)).toHaveLength(1);
    // the change was audited under the caller's actor
    const [last] = await engine.ctx.audit.list(1);
    expect(last).toMatchObject({ actor: 'a', action: 'settings.update', details: { theme: 'light' } });
    a.close();
  });
});
