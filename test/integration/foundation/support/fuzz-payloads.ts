import { methods } from '../../../../shared/api/contract';
import { MAX_MESSAGE_BYTES } from '../../../../shared/api/wire';

/** mulberry32: a tiny seeded PRNG, so a failing fuzz case reproduces from its seed and index. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FuzzCase {
  readonly kind: string;
  readonly raw: string;
  /** The id the error reply must echo; null when the payload has no usable id. */
  readonly expectId: number | null;
  readonly expectCode: 'bad-request' | 'unknown-method';
}

const METHOD_NAMES = Object.keys(methods);
const NASTY_METHODS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', '', 'system', 'system.ping.x', 'SYSTEM.PING', ' system.ping', 'x'.repeat(200)];
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'];

export function fuzzCases(seed: number, count: number): FuzzCase[] {
  return rawCases(seed, count).map((c) => ({ ...c, expectCode: c.kind === 'unknown-method' || c.kind === 'proto-envelope' ? 'unknown-method' : 'bad-request' }));
}

function rawCases(seed: number, count: number): Array<Omit<FuzzCase, 'expectCode'>> {
  const rnd = seededRandom(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const randomString = (maxLen: number) => {
    let s = '';
    const len = int(maxLen);
    for (let i = 0; i < len; i++) s += String.fromCharCode(int(0x2fff));
    return s;
  };
  const garbage = (depth: number): unknown => {
    switch (depth <= 0 ? int(5) : int(8)) {
      case 0: return int(2) === 0 ? null : rnd() < 0.5;
      case 1: return (rnd() - 0.5) * 10 ** int(30);
      case 2: return randomString(40);
      case 3: return -int(1000);
      case 4: return '';
      case 5: return Array.from({ length: int(5) }, () => garbage(depth - 1));
      case 6: return Object.fromEntries(Array.from({ length: int(5) }, () => [int(3) === 0 ? pick(POLLUTION_KEYS) : randomString(10), garbage(depth - 1)]));
      default: return { [pick(POLLUTION_KEYS)]: { polluted: true, toString: 'x' } };
    }
  };
  const deepNest = (depth: number) => (int(2) === 0 ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
  // A key no method's strict input schema accepts, so even well-shaped params stay invalid.
  const poisonParams = (): Record<string, unknown> => {
    const p: Record<string, unknown> = {};
    // defineProperty, not assignment: `p.__proto__ = x` would set the prototype instead of a key.
    const put = (key: string, value: unknown) => Object.defineProperty(p, key, { value, enumerable: true, writable: true, configurable: true });
    for (let i = int(3); i > 0; i--) put(randomString(8) || 'k', garbage(2));
    put(pick(['__fuzz', ...POLLUTION_KEYS]), garbage(1));
    return p;
  };
  const request = (id: number, method: string, params: unknown, extra = '') =>
    `{${extra}"type":"request","id":${id},"method":${JSON.stringify(method)},"params":${JSON.stringify(params)}}`;

  const cases: Array<Omit<FuzzCase, 'expectCode'>> = [
    { kind: 'oversize', raw: 'x'.repeat(MAX_MESSAGE_BYTES + 1), expectId: null },
    { kind: 'oversize-json', raw: request(7, 'system.ping', { nonce: 'n'.repeat(MAX_MESSAGE_BYTES) }), expectId: null },
    { kind: 'megabyte-params', raw: request(8, 'system.ping', { nonce: 'n'.repeat(1024 * 1024) }), expectId: 8 },
    { kind: 'megabyte-key', raw: request(9, 'settings.update', { ['k'.repeat(1024 * 1024)]: 1 }), expectId: 9 },
    { kind: 'deep-nesting', raw: deepNest(50_000), expectId: null },
    { kind: 'proto-top', raw: `{"__proto__":{"polluted":true},"type":"request","id":"1","method":"system.ping"}`, expectId: null },
    { kind: 'proto-params', raw: request(10, 'settings.update', JSON.parse('{"__proto__":{"polluted":true}}')), expectId: 10 },
    { kind: 'constructor-params', raw: request(11, 'settings.update', { constructor: { prototype: { polluted: true } } }), expectId: 11 },
    { kind: 'proto-credential', raw: request(12, 'credentials.create', JSON.parse('{"kind":"snmp-v2c","label":"x","community":"c","__proto__":{"polluted":true}}')), expectId: 12 },
  ];

  const generators: Array<(i: number) => Omit<FuzzCase, 'expectCode'>> = [
    // invalid JSON: truncated valid requests and random text
    (i) => {
      const valid = request(i, 'system.ping', { nonce: 'x' });
      return { kind: 'invalid-json', raw: int(2) === 0 ? valid.slice(0, 1 + int(valid.length - 2)) : randomString(60) + '{', expectId: null };
    },
    // JSON that is not a message object
    () => ({ kind: 'not-a-message', raw: JSON.stringify(garbage(3)), expectId: null }),
    // wrong types for the envelope fields
    (i) => {
      const env: Record<string, unknown> = { type: 'request', id: i, method: pick(METHOD_NAMES), params: {} };
      const field = pick(['type', 'id', 'method']);
      const wrong: Record<string, readonly unknown[]> = {
        type: ['reply', 'Request', 1, null, 'cancel ', ['request']],
        id: [String(i), true, null, [i], { id: i }],
        method: [i, true, null, [pick(METHOD_NAMES)], { name: pick(METHOD_NAMES) }, 'm'.repeat(201)],
      };
      env[field] = pick(wrong[field] ?? []);
      return { kind: 'wrong-envelope', raw: JSON.stringify(env), expectId: field === 'id' ? null : i };
    },
    // negative, fractional and out-of-range ids
    () => {
      const id = pick([-1, -int(1e9) - 1, 0.5, 1 + rnd(), -0.25]);
      return { kind: 'bad-id', raw: request(0, 'system.ping', { nonce: 'x' }).replace('"id":0', `"id":${id}`), expectId: null };
    },
    () => ({ kind: 'huge-id', raw: request(0, 'system.ping', { nonce: 'x' }).replace('"id":0', `"id":1e400`), expectId: null }),
    // unknown methods, including Object.prototype names
    (i) => ({ kind: 'unknown-method', raw: request(i, int(2) === 0 ? pick(NASTY_METHODS) : randomString(30), {}), expectId: i }),
    // real methods, invalid params of every shape
    (i) => {
      const params = int(3) === 0 ? garbage(3) : poisonParams();
      // params that are null/undefined default to {}, which is valid for some methods: keep them invalid
      const safe = params === null || params === undefined || (typeof params === 'object' && !Array.isArray(params) && Object.keys(params).length === 0) ? poisonParams() : params;
      return { kind: 'wrong-params', raw: request(i, pick(METHOD_NAMES), safe), expectId: i };
    },
    // nested garbage inside params
    (i) => ({ kind: 'nested-params', raw: `{"type":"request","id":${i},"method":${JSON.stringify(pick(METHOD_NAMES))},"params":${deepNest(100 + int(5000))}}`, expectId: i }),
    // pollution keys at the top of the envelope of an otherwise unknown method
    (i) => ({ kind: 'proto-envelope', raw: request(i, `nope.${int(100)}`, {}, `"${pick(POLLUTION_KEYS)}":{"polluted":true},`), expectId: i }),
  ];
  for (let i = 0; cases.length < count; i++) {
    const gen = pick(generators);
    cases.push(gen(1000 + i));
  }
  return cases;
}
