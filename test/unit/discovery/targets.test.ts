import { describe, expect, it } from 'vitest';
import { RoutewiseError } from '../../../shared/api/errors';
import { formatInterval, mergeIntervals, parseAddress } from '../../../electron/engine/discovery/targets/address';
import { iterateTargets, parseTargetSpec, planTargets, type ProbeTarget } from '../../../electron/engine/discovery/targets/targets';

const noDns = async (): Promise<string[]> => [];
const plan = (texts: string[], extra: { confirmLarge?: boolean; resolve?: (h: string) => Promise<string[]> } = {}) =>
  planTargets(texts, { defaultPort: 161, resolve: extra.resolve ?? noDns, confirmLarge: extra.confirmLarge });
const list = async (texts: string[]) => [...iterateTargets(await plan(texts))].map((t) => `${t.address}:${t.port}`);

async function errorOf(p: Promise<unknown>): Promise<RoutewiseError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof RoutewiseError) return err;
    throw err;
  }
  throw new Error('expected a RoutewiseError');
}

describe('parseTargetSpec', () => {
  it('reads hosts, ranges, CIDR, host:port and [v6]:port', () => {
    expect(parseTargetSpec('10.0.0.1')).toMatchObject({ kind: 'addresses', port: undefined });
    expect(parseTargetSpec('10.0.0.1:1161')).toMatchObject({ kind: 'addresses', port: 1161 });
    expect(parseTargetSpec('[2001:db8::1]:1161')).toMatchObject({ kind: 'addresses', port: 1161 });
    expect(parseTargetSpec('2001:db8::1')).toMatchObject({ kind: 'addresses', port: undefined });
    expect(parseTargetSpec('router1.example.net:2161')).toMatchObject({ kind: 'hostname', hostname: 'router1.example.net', port: 2161 });
    expect(parseTargetSpec('LocalHost')).toMatchObject({ kind: 'hostname', hostname: 'localhost' });
  });

  it.each(['10.0.0', '10.0.0.300', '10.0.0.9-10.0.0.1', '10.0.0.1-300', '10.0.0.1:0', '10.0.0.1:70000', '10.0.0.0/33', '[::1', 'a b', '', '10.0.0.1-2001:db8::1', '<img src=x>'])(
    'refuses %j with bad-request',
    (text) => {
      expect(() => parseTargetSpec(text)).toThrowError(RoutewiseError);
    },
  );
});

describe('planTargets / iterateTargets', () => {
  it('expands the short range form and a full range', async () => {
    expect(await list(['10.0.0.1-3'])).toEqual(['10.0.0.1:161', '10.0.0.2:161', '10.0.0.3:161']);
    expect(await list(['10.0.0.254-10.0.1.1'])).toEqual(['10.0.0.254:161', '10.0.0.255:161', '10.0.1.0:161', '10.0.1.1:161']);
  });

  it('skips network and broadcast of an IPv4 CIDR block up to /30 but not /31 or IPv6', async () => {
    expect(await list(['192.0.2.0/30'])).toEqual(['192.0.2.1:161', '192.0.2.2:161']);
    expect(await list(['192.0.2.0/31'])).toEqual(['192.0.2.0:161', '192.0.2.1:161']);
    expect(await list(['2001:db8::/127'])).toEqual(['2001:db8:::161', '2001:db8::1:161']);
  });

  it('dedupes overlapping specs per port and keeps distinct ports apart', async () => {
    const out = await list(['10.0.0.1-5', '10.0.0.4-10.0.0.6', '10.0.0.2', '10.0.0.2:1161', '::ffff:10.0.0.3']);
    expect(out).toEqual(['10.0.0.1:161', '10.0.0.2:161', '10.0.0.3:161', '10.0.0.4:161', '10.0.0.5:161', '10.0.0.6:161', '10.0.0.2:1161']);
    const p = await plan(['10.0.0.1-5', '10.0.0.4-10.0.0.6']);
    expect(p.total).toBe(6);
  });

  it('resolves hostnames (localhost), prefers IPv4 and remembers the name', async () => {
    const resolve = async (h: string) => (h === 'localhost' ? ['::1', '127.0.0.1'] : []);
    const targets = [...iterateTargets(await plan(['localhost:1161', 'nowhere.invalid'], { resolve }))];
    expect(targets).toEqual<ProbeTarget[]>([{ address: '127.0.0.1', family: 4, port: 1161, hostname: 'localhost' }]);
    expect((await plan(['nowhere.invalid'], { resolve })).unresolved).toEqual(['nowhere.invalid']);
  });

  it('needs confirmation above a /16 (v4) or a /112 (v6) and refuses more than a /8 outright', async () => {
    expect((await plan(['10.0.0.0/16'])).total).toBe(65_534);
    const large = await errorOf(plan(['10.0.0.0/15']));
    expect(large.code).toBe('conflict');
    expect(large.message).toContain('--confirm-large');
    expect((await plan(['10.0.0.0/15'], { confirmLarge: true })).total).toBe(131_070);
    expect((await errorOf(plan(['2001:db8::/111']))).code).toBe('conflict');
    expect((await errorOf(plan(['10.0.0.0/7'], { confirmLarge: true }))).code).toBe('bad-request');
    expect((await errorOf(plan(['2001:db8::/64'], { confirmLarge: true }))).code).toBe('bad-request');
  });

  it('iterates a /8 lazily: the first targets come without materialising the block', async () => {
    const p = await plan(['10.0.0.0/8'], { confirmLarge: true });
    const it = iterateTargets(p);
    const first = [it.next().value, it.next().value] as ProbeTarget[];
    expect(first.map((t) => t.address)).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(p.total).toBe(16_777_214);
  });
});

describe('address helpers', () => {
  it('formats merged intervals as CIDR when aligned, else as a range', () => {
    const a = (s: string) => {
      const v = parseAddress(s);
      if (!v) throw new Error(s);
      return v;
    };
    const merged = mergeIntervals([
      { family: 4, start: a('10.0.0.0').value, end: a('10.0.0.127').value },
      { family: 4, start: a('10.0.0.128').value, end: a('10.0.0.255').value },
      { family: 6, start: a('2001:db8::1').value, end: a('2001:db8::5').value },
    ]);
    expect(merged.map(formatInterval)).toEqual(['10.0.0.0/24', '2001:db8::1-2001:db8::5']);
  });
});
