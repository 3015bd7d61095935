import { execFile } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeResponse } from '../../../electron/engine/snmp/ber-codec';
import { openSnmpSession, type SnmpSession } from '../../../electron/engine/snmp/snmp-session';
import type { Varbind } from '../../../electron/engine/snmp/varbind';
import { RoutewiseError } from '../../../shared/api/errors';
import { requireTool } from '../../support/require-tool';
import { makeTempDir } from '../../support/temp-dir';
import { SnmpdAgent } from '../scan/snmpd-agents';
import { parseRequest } from './hostile-agent';
import { recordingNames, SNMPREC_DIR, startSnmpsim } from './snmpsim-server';

// The lean v1/v2c client (lean-session.ts) against software nobody here wrote: Debian snmpd, compared with
// `snmpbulkwalk` on the same agent, and snmpsim serving the snmprec recordings, compared with the net-snmp
// client on the same data. Addresses 127.40.0.0/16, UDP ports 16400-16449 (this suite's range).
const run = promisify(execFile);
const SNMPD_A = { address: '127.40.0.1', port: 16410 };
const SNMPD_B = { address: '127.40.0.3', port: 16410 };
const SIM_PORT = 16401;
const RAW = { address: '127.40.0.2', port: 16420 };
const COMMUNITY = 'lean-test';
const hasSnmpd = requireTool('snmpd') && requireTool('snmpbulkwalk');
const hasSnmpsim = requireTool('snmpsimd', 'snmpsim (snmpsimd) is not installed');

const v2c = (host: string, port: number, community = COMMUNITY, client: 'lean' | 'net-snmp' = 'lean', timeoutMs = 2000, retries = 1): SnmpSession =>
  openSnmpSession({ host, port }, { id: 'lean', kind: 'snmp-v2c', label: 'lean', community }, { timeoutMs, retries, client });

/** Parse `snmpbulkwalk -On -Ox -Ot -Oe -OU` output: one varbind per `.oid = TYPE: value`; hex strings wrap. */
function parseNetSnmpOutput(text: string): Array<{ oid: string; type: string; text: string }> {
  const out: Array<{ oid: string; type: string; text: string }> = [];
  for (const line of text.split('\n')) {
    const m = /^\.([\d.]+) = (?:([\w-]+): )?(.*)$/.exec(line);
    if (m) out.push({ oid: m[1] as string, type: m[2] ?? '', text: m[3] as string });
    else if (line.trim() && out.length) (out.at(-1) as { text: string }).text += ` ${line}`;
  }
  // With -Ot a TimeTicks value prints bare, as does the empty string ("").
  return out.map((r) => ({ ...r, type: r.type === '' && r.text !== '""' ? 'Timeticks' : r.type, text: r.text.replace(/\s+/g, ' ').trim() }));
}

const NET_SNMP_TYPE: Record<string, string> = {
  INTEGER: 'Integer',
  'Hex-STRING': 'OctetString',
  STRING: 'OctetString',
  '': 'OctetString', // an empty string prints as ""
  OID: 'OID',
  IpAddress: 'IpAddress',
  Counter32: 'Counter',
  Gauge32: 'Gauge',
  Timeticks: 'TimeTicks',
  Counter64: 'Counter64',
};

/** Our value as Net-SNMP prints it with -Ox -Ot -Oe (hex bytes upper case, numbers plain). */
function asNetSnmpText(vb: Varbind): string {
  if (Buffer.isBuffer(vb.value)) return vb.value.length === 0 ? '""' : [...vb.value].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
  if (vb.type === 'OID') return `.${String(vb.value)}`;
  return String(vb.value);
}

const MOVING = new Set(['Counter', 'Counter64', 'TimeTicks']);

describe.skipIf(!hasSnmpd)('lean SNMP client against Debian snmpd, beside snmpbulkwalk', () => {
  const tmp = makeTempDir('rw-lean-');
  const a = new SnmpdAgent(tmp.dir, { ...SNMPD_A, community: COMMUNITY, sysName: 'lean-a', sysDescr: 'lean agent A' });
  const b = new SnmpdAgent(tmp.dir, { ...SNMPD_B, community: COMMUNITY, sysName: 'lean-b', sysDescr: 'lean agent B' });

  beforeAll(async () => {
    await Promise.all([a.start(), b.start()]);
  }, 40_000);
  afterAll(async () => {
    await Promise.all([a.stop(), b.stop()]);
    tmp.cleanup();
  });

  it.each([
    ['system', '1.3.6.1.2.1.1'],
    ['ifTable', '1.3.6.1.2.1.2.2'],
    ['ifXTable', '1.3.6.1.2.1.31.1.1'],
    ['ipAddrTable', '1.3.6.1.2.1.4.20'],
  ])('walks %s with the same varbinds as snmpbulkwalk -Cr25', async (_name, base) => {
    const { stdout } = await run('snmpbulkwalk', ['-v2c', '-c', COMMUNITY, '-Cr25', '-On', '-Ox', '-Ot', '-Oe', '-OU', '-t', '2', `${SNMPD_A.address}:${SNMPD_A.port}`, base], { env: { ...process.env, MIBS: '' } });
    const ref = parseNetSnmpOutput(stdout);
    const s = v2c(SNMPD_A.address, SNMPD_A.port);
    try {
      const ours = await s.walk(base, { maxRepetitions: 25 });
      expect(ref.length).toBeGreaterThan(3);
      expect(ours.map((v) => v.oid)).toEqual(ref.map((r) => r.oid));
      expect(ours.map((v) => v.type)).toEqual(ref.map((r) => NET_SNMP_TYPE[r.type] ?? r.type));
      ours.forEach((vb, i) => {
        const r = ref[i] as { text: string };
        // Counters and clocks move between the two walks (walking lo counts on lo): ours came second.
        if (MOVING.has(vb.type)) expect(BigInt(asNetSnmpText(vb)), vb.oid).toBeGreaterThanOrEqual(BigInt(r.text));
        else expect(asNetSnmpText(vb), vb.oid).toBe(r.text);
      });
      expect(s.warnings).toEqual([]);
    } finally {
      s.close();
    }
  });

  it('gives the same varbinds as the net-snmp client (types, values, exceptions)', async () => {
    const lean = v2c(SNMPD_A.address, SNMPD_A.port);
    const old = v2c(SNMPD_A.address, SNMPD_A.port, COMMUNITY, 'net-snmp');
    try {
      const oids = ['1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.2.0', '1.3.6.1.2.1.2.1.0', '1.3.6.1.2.1.1.99.0', '1.3.6.1.2.1.1.1.99', '1.3.6.1.2.1.31.1.1.1.6.1'];
      expect(await lean.get(oids)).toEqual(await old.get(oids));
      const [x, y] = [await lean.walk('1.3.6.1.2.1.25.1'), await old.walk('1.3.6.1.2.1.25.1')];
      expect(x.map((v) => [v.oid, v.type])).toEqual(y.map((v) => [v.oid, v.type]));
      expect(await lean.get(['1.3.6.1.2.1.1.99.0'])).toEqual([{ oid: '1.3.6.1.2.1.1.99.0', type: 'NoSuchObject', value: null }]);
    } finally {
      lean.close();
      old.close();
    }
  });

  it('walks several columns in shared GETBULKs with the same rows as one walk per column', async () => {
    const cols = ['1.3.6.1.2.1.31.1.1.1.1', '1.3.6.1.2.1.31.1.1.1.15', '1.3.6.1.2.1.2.2.1.7', '1.3.6.1.2.1.2.2.1.8', '1.3.6.1.2.1.99'];
    const s = v2c(SNMPD_A.address, SNMPD_A.port);
    try {
      const together = await s.walkColumns(cols);
      const apart = [];
      for (const c of cols) apart.push(await s.walk(c));
      expect(together.map((rows) => rows.length)).toEqual(apart.map((rows) => rows.length));
      expect(together[0]?.length).toBeGreaterThan(0);
      expect(together[4]).toEqual([]);
      expect(together).toEqual(apart);
    } finally {
      s.close();
    }
  });

  it('walks over SNMPv1 with GETNEXT, and maps noSuchName to NoSuchObject', async () => {
    const mk = (client: 'lean' | 'net-snmp') => openSnmpSession({ host: SNMPD_A.address, port: SNMPD_A.port }, { id: 'v1', kind: 'snmp-v1', label: 'v1', community: COMMUNITY }, { timeoutMs: 2000, retries: 1, client });
    const lean = mk('lean');
    const old = mk('net-snmp');
    try {
      expect(lean.version).toBe('v1');
      const [x, y] = [await lean.walk('1.3.6.1.2.1.2.2.1.2'), await old.walk('1.3.6.1.2.1.2.2.1.2')];
      expect(x.length).toBeGreaterThan(0);
      expect(x).toEqual(y);
      const cols = await lean.walkColumns(['1.3.6.1.2.1.2.2.1.1', '1.3.6.1.2.1.2.2.1.2']);
      expect(cols[1]).toEqual(x);
      expect(await lean.get(['1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.99.0'])).toEqual([
        { oid: '1.3.6.1.2.1.1.5.0', type: 'OctetString', value: Buffer.from('lean-a') },
        { oid: '1.3.6.1.2.1.1.99.0', type: 'NoSuchObject', value: null },
      ]);
    } finally {
      lean.close();
      old.close();
    }
  });

  it('multiplexes hundreds of concurrent requests to two agents over one socket, each answer to its asker', async () => {
    const sessions = Array.from({ length: 300 }, (_, i) => (i % 2 ? v2c(SNMPD_B.address, SNMPD_B.port) : v2c(SNMPD_A.address, SNMPD_A.port)));
    try {
      const names = await Promise.all(sessions.map(async (s) => String((await s.get(['1.3.6.1.2.1.1.5.0']))[0]?.value)));
      expect(names).toEqual(sessions.map((_, i) => (i % 2 ? 'lean-b' : 'lean-a')));
    } finally {
      for (const s of sessions) s.close();
    }
  });

  it('a wrong community times out after its retries', async () => {
    const s = v2c(SNMPD_A.address, SNMPD_A.port, 'not-the-community', 'lean', 150, 1);
    const t0 = Date.now();
    await expect(s.get(['1.3.6.1.2.1.1.5.0'])).rejects.toMatchObject({ code: 'timeout', details: { host: SNMPD_A.address } });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    s.close();
  });
});

describe.skipIf(!hasSnmpsim)('lean SNMP client against snmpsim recordings, beside the net-snmp client', () => {
  const tmp = makeTempDir('rw-lean-sim-');
  let sim: ReturnType<typeof startSnmpsim> | undefined;
  beforeAll(() => {
    fs.chmodSync(tmp.dir, 0o755);
    sim = startSnmpsim(SNMPREC_DIR, SIM_PORT, path.join(tmp.dir, 'run'));
  });
  afterAll(async () => {
    await sim?.stop();
    tmp.cleanup();
  });

  it('walks every recording whole with exactly the varbinds net-snmp decodes', async () => {
    const names = recordingNames();
    expect(names.length).toBeGreaterThan(20);
    const types = new Set<string>();
    for (const name of names) {
      const lean = v2c('127.0.0.1', SIM_PORT, name, 'lean', 3000, 1);
      const old = v2c('127.0.0.1', SIM_PORT, name, 'net-snmp', 3000, 1);
      try {
        const [x, y] = [await lean.walk('1.3.6.1', { maxRepetitions: 50 }), await old.walk('1.3.6.1', { maxRepetitions: 50 })];
        expect(x.length, name).toBeGreaterThan(10);
        expect(x, name).toEqual(y);
        expect(lean.warnings, name).toEqual(old.warnings);
        for (const v of x) types.add(v.type);
      } finally {
        lean.close();
        old.close();
      }
    }
    // The recordings exercise the interesting decoders.
    for (const t of ['OctetString', 'Integer', 'OID', 'IpAddress', 'Counter', 'Gauge', 'TimeTicks', 'Counter64']) expect(types).toContain(t);
  }, 120_000);
});

describe('lean SNMP client against a raw UDP responder', () => {
  let sock: dgram.Socket;
  let onRequest: (req: ReturnType<typeof parseRequest>, reply: (b: Buffer, port?: number) => void) => void = () => undefined;
  let stray: dgram.Socket;

  beforeAll(async () => {
    sock = dgram.createSocket('udp4');
    stray = dgram.createSocket('udp4');
    sock.on('message', (msg, rinfo) => {
      const req = parseRequest(msg);
      onRequest(req, (b, fromPort) => (fromPort ? stray : sock).send(b, rinfo.port, rinfo.address));
    });
    await new Promise<void>((r) => sock.bind(RAW.port, RAW.address, () => r()));
    await new Promise<void>((r) => stray.bind(RAW.port + 1, RAW.address, () => r()));
  });
  afterAll(() => {
    sock.close();
    stray.close();
  });

  const sysName = (reqId: number, value = 'raw'): Buffer =>
    encodeResponse({ version: 1, community: Buffer.from(COMMUNITY), requestId: reqId, errorStatus: 0, errorIndex: 0, varbinds: [{ oid: '1.3.6.1.2.1.1.5.0', tag: 0x04, content: Buffer.from(value) }] });

  it('retries: an agent that drops the first request still answers the resend', async () => {
    let seen = 0;
    onRequest = (req, reply) => {
      if (++seen > 1) reply(sysName(req.reqId));
    };
    const s = v2c(RAW.address, RAW.port, COMMUNITY, 'lean', 150, 1);
    expect((await s.get(['1.3.6.1.2.1.1.5.0']))[0]?.value).toEqual(Buffer.from('raw'));
    expect(seen).toBe(2);
    s.close();
  });

  it('ignores replies from another port, with another request-id, or garbage, and then times out', async () => {
    onRequest = (req, reply) => {
      reply(sysName(req.reqId, 'spoofed'), RAW.port + 1);
      reply(sysName(req.reqId + 1, 'other id'));
      reply(Buffer.from('not BER at all'));
      reply(Buffer.alloc(0));
    };
    const s = v2c(RAW.address, RAW.port, COMMUNITY, 'lean', 200, 0);
    const err = await s.get(['1.3.6.1.2.1.1.5.0']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RoutewiseError);
    // Garbage from the agent's own address and port says why the request failed.
    expect((err as RoutewiseError).code).toBe('parse-failed');
    s.close();
  });

  it('a reply with broken varbinds fails its request at once, not after the timeout', async () => {
    onRequest = (req, reply) => {
      const full = sysName(req.reqId, 'cut here');
      reply(full.subarray(0, full.length - 3));
    };
    const s = v2c(RAW.address, RAW.port, COMMUNITY, 'lean', 5000, 2);
    const t0 = Date.now();
    await expect(s.get(['1.3.6.1.2.1.1.5.0'])).rejects.toMatchObject({ code: 'parse-failed' });
    expect(Date.now() - t0).toBeLessThan(2000);
    s.close();
  });

  it('survives a flood of random and corrupted datagrams while requests are pending', async () => {
    let seed = 99;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    onRequest = (req, reply) => {
      for (let i = 0; i < 40; i++) {
        // Corrupted copies of a reply to a request-id two bytes away from this one, so no single damaged
        // byte can turn one into a valid answer to a pending request.
        const junk = Buffer.from(sysName(req.reqId ^ 0x40400000));
        for (let k = 0; k < 3; k++) junk[rnd() % junk.length] = rnd() & 0xff;
        reply(i % 2 ? junk : Buffer.from(Array.from({ length: rnd() % 80 }, () => rnd() & 0xff)));
      }
      reply(sysName(req.reqId, 'still fine'));
    };
    const sessions = Array.from({ length: 5 }, () => v2c(RAW.address, RAW.port, COMMUNITY, 'lean', 1000, 1));
    try {
      const values = await Promise.all(sessions.map(async (s) => (await s.get(['1.3.6.1.2.1.1.5.0']))[0]?.value));
      expect(values).toEqual(sessions.map(() => Buffer.from('still fine')));
    } finally {
      for (const s of sessions) s.close();
    }
  });

  it('a target given by name is answered (replies matched by port and request-id)', async () => {
    const named = dgram.createSocket('udp4');
    named.on('message', (msg, rinfo) => named.send(sysName(parseRequest(msg).reqId, 'by name'), rinfo.port, rinfo.address));
    await new Promise<void>((r) => named.bind(RAW.port + 2, '127.0.0.1', () => r()));
    const s = v2c('localhost', RAW.port + 2);
    try {
      expect((await s.get(['1.3.6.1.2.1.1.5.0']))[0]?.value).toEqual(Buffer.from('by name'));
    } finally {
      s.close();
      named.close();
    }
  });

  it('a request on a closed session is refused, and bad OIDs are a bad request', async () => {
    onRequest = (req, reply) => reply(sysName(req.reqId));
    const s = v2c(RAW.address, RAW.port);
    await expect(s.get(['1.3.x'])).rejects.toMatchObject({ code: 'bad-request' });
    s.close();
    await expect(s.get(['1.3.6.1.2.1.1.5.0'])).rejects.toMatchObject({ code: 'unavailable' });
  });
});
