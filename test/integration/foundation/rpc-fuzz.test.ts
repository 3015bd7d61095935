import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods } from '../../../shared/api/contract';
import { WireError } from '../../../shared/api/errors';
import { MAX_MESSAGE_BYTES, type ServerMessage } from '../../../shared/api/wire';
import { createEngine, type Engine } from '../../../electron/engine/engine';
import type { Handlers } from '../../../electron/engine/rpc/handlers';
import { serveConnection } from '../../../electron/engine/rpc/rpc-server';
import { makeTempDir } from '../../support/temp-dir';
import { fuzzCases } from './support/fuzz-payloads';
import { MemoryConnection } from './support/memory-connection';

const SEED = Number(process.env.ROUTEWISE_FUZZ_SEED ?? 0x5eed);
const CASES = 400;
const STACK_FRAME = /\n?\s{4}at /;

function assertTypedError(msg: ServerMessage | undefined, label: string): asserts msg is Extract<ServerMessage, { type: 'error' }> {
  expect(msg, label).toBeDefined();
  expect(msg?.type, `${label}: ${JSON.stringify(msg).slice(0, 300)}`).toBe('error');
  if (msg?.type !== 'error') return;
  expect(WireError.safeParse(msg.error).success, label).toBe(true);
  expect(Object.keys(msg.error).every((k) => ['code', 'message', 'details'].includes(k)), label).toBe(true);
  const text = JSON.stringify(msg.error);
  expect(text, label).not.toMatch(STACK_FRAME);
  // An error never echoes a huge input back.
  expect(text.length, label).toBeLessThan(16 * 1024);
}

describe('RPC server under hostile input', () => {
  let engine: Engine;
  let cleanup: () => void;
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();

  beforeAll(async () => {
    const tmp = makeTempDir('routewise-fuzz-');
    cleanup = tmp.cleanup;
    engine = await createEngine({ dataDir: tmp.dir, host: 'test', masterKey: Buffer.alloc(32, 7) });
  });
  afterAll(async () => {
    await engine?.close();
    cleanup?.();
  });

  it(`answers ${CASES} seeded random payloads (seed ${SEED}) with typed errors and stays up`, async () => {
    const conn = new MemoryConnection();
    serveConnection(conn, { handlers: engine.handlers, bus: engine.bus, actor: 'fuzz' });
    const cases = fuzzCases(SEED, CASES);
    const kinds = new Set(cases.map((c) => c.kind));
    for (const kind of ['oversize', 'megabyte-params', 'invalid-json', 'wrong-envelope', 'bad-id', 'unknown-method', 'wrong-params', 'nested-params', 'proto-params', 'constructor-params']) {
      expect(kinds.has(kind), `the generator produced no ${kind} case`).toBe(true);
    }

    for (const [index, c] of cases.entries()) {
      const label = `seed ${SEED} case ${index} (${c.kind})`;
      const before = conn.received.length;
      conn.deliver(c.raw);
      const replies = await conn.waitForReplies(before + 1);
      const reply = replies[before];
      assertTypedError(reply, label);
      expect(reply.id, label).toBe(c.expectId);
      expect(reply.error.code, label).toBe(c.expectCode);
    }
    // exactly one reply per payload, none late
    expect(conn.received.filter((m) => m.type !== 'event')).toHaveLength(CASES);

    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.toString.call([])).toBe('[object Array]');

    // still serving, on the same connection and with state untouched by the rejected settings.update calls
    conn.deliver(JSON.stringify({ type: 'request', id: 999_999, method: 'system.ping', params: { nonce: 'still-up' } }));
    const [ping] = (await conn.waitForReplies(CASES + 1)).slice(CASES);
    expect(ping).toMatchObject({ type: 'reply', id: 999_999, result: { nonce: 'still-up' } });
    expect(await engine.handlers['settings.get']({}, { signal: new AbortController().signal, actor: 't' })).toEqual({
      theme: 'system',
      firstLaunchDone: false,
    });
    conn.close();
  });

  it('the size cap counts UTF-8 bytes, not UTF-16 code units', async () => {
    const conn = new MemoryConnection();
    serveConnection(conn, { handlers: engine.handlers, bus: engine.bus, actor: 'fuzz' });
    const nonce = '\u20ac'.repeat(Math.ceil(MAX_MESSAGE_BYTES / 3)); // 3 bytes each in UTF-8
    const raw = JSON.stringify({ type: 'request', id: 5, method: 'system.ping', params: { nonce } });
    expect(raw.length).toBeLessThan(MAX_MESSAGE_BYTES);
    conn.deliver(raw);
    conn.deliver('x'.repeat(MAX_MESSAGE_BYTES + 1));
    const replies = await conn.waitForReplies(2);
    for (const reply of replies) {
      assertTypedError(reply, 'oversize');
      expect(reply).toMatchObject({ id: null, error: { code: 'bad-request', message: `message larger than ${MAX_MESSAGE_BYTES} bytes` } });
    }
    conn.close();
  });

  it('the fuzz corpus is reproducible from its seed', () => {
    const a = fuzzCases(SEED, 50).map((c) => c.raw);
    expect(fuzzCases(SEED, 50).map((c) => c.raw)).toEqual(a);
    expect(fuzzCases(SEED + 1, 50).map((c) => c.raw)).not.toEqual(a);
  });

  it('a handler that throws an unexpected Error answers internal, without the stack, and logs the stack', async () => {
    const logged: string[] = [];
    const boom = async () => {
      throw new Error('secret internals at /srv/x.ts:1');
    };
    const handlers = { ...engine.handlers, 'system.ping': boom } as Handlers;
    const conn = new MemoryConnection();
    serveConnection(conn, { handlers, bus: engine.bus, actor: 'fuzz', log: (_l, m) => logged.push(m) });
    conn.deliver(JSON.stringify({ type: 'request', id: 1, method: 'system.ping', params: { nonce: 'x' } }));
    const [reply] = await conn.waitForReplies(1);
    assertTypedError(reply, 'throwing handler');
    expect(reply.error.code).toBe('internal');
    expect(reply.error.message).not.toContain('secret internals');
    expect(logged.join('\n')).toMatch(STACK_FRAME);
    conn.close();
  });

  it('every method in the contract rejects an unknown key (the fuzzer relies on strict inputs)', () => {
    for (const [name, spec] of Object.entries(methods)) {
      expect(spec.input.safeParse({ __fuzz: 1 }).success, name).toBe(false);
    }
  });
});
