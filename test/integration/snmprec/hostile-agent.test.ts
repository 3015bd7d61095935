import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyOverSnmp } from '../../../electron/engine/discovery/identify/identify-snmp';
import { openSnmpSession, type SnmpSession } from '../../../electron/engine/snmp/snmp-session';
import { RoutewiseError } from '../../../shared/api/errors';
import { type HostileMode, startHostileAgent } from './hostile-agent';

// No Debian binary needed: the agent is a raw-BER responder in this process, on loopback only.
const PORT = 16120;
// The largest value a UDP datagram can carry is ~64 KB, so "1 MB over SNMP" cannot arrive in one
// reply; the 1 MB case is covered on the decoder (test/unit/identify/device-text.test.ts).
const HUGE_BYTES = 60_000;

const open = (mode: HostileMode, timeoutMs = 400): SnmpSession =>
  openSnmpSession({ host: '127.0.0.1', port: PORT }, { id: `h-${mode}`, kind: 'snmp-v2c', label: mode, community: mode }, { timeoutMs, retries: 0 });

async function rejection(p: Promise<unknown>): Promise<RoutewiseError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof RoutewiseError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('hostile SNMP agent', () => {
  let agent: Awaited<ReturnType<typeof startHostileAgent>>;
  const sessions: SnmpSession[] = [];
  const track = (s: SnmpSession): SnmpSession => (sessions.push(s), s);

  beforeAll(async () => {
    agent = await startHostileAgent(PORT, { hugeBytes: HUGE_BYTES });
  });
  afterAll(async () => {
    for (const s of sessions) s.close();
    await agent.close();
  });

  it('a malformed BER reply fails the request as parse-failed, without crashing the process', async () => {
    const e = await rejection(track(open('malformed')).get(['1.3.6.1.2.1.1.1.0']));
    expect(e.code).toBe('parse-failed');
    expect(e.details).toMatchObject({ host: '127.0.0.1' });
    // the process and the event loop are fine: a healthy request on another session still works
    const [vb] = await track(open('huge')).get(['1.3.6.1.2.1.1.2.0']);
    expect(vb).toEqual({ oid: '1.3.6.1.2.1.1.2.0', type: 'OID', value: '1.3.6.1.4.1.8072.3.2.10' });
  });

  it('a truncated reply fails as parse-failed', async () => {
    expect((await rejection(track(open('truncated')).get(['1.3.6.1.2.1.1.5.0']))).code).toBe('parse-failed');
  });

  it('a silent agent times out', async () => {
    expect((await rejection(track(open('silent', 200)).get(['1.3.6.1.2.1.1.5.0']))).code).toBe('timeout');
  });

  it('a walk whose OIDs stop increasing ends with a walk-loop warning', async () => {
    const s = track(open('loop'));
    const rows = await s.walk('1.3.6.1.2.1.2.2.1.2');
    expect(rows.map((r) => r.oid)).toEqual(['1.3.6.1.2.1.2.2.1.2.1', '1.3.6.1.2.1.2.2.1.2.2']);
    expect(s.warnings).toEqual([expect.objectContaining({ code: 'walk-loop', host: '127.0.0.1', oid: '1.3.6.1.2.1.2.2.1.2.2' })]);
  });

  it('identification survives looping tables and reports the loops as warnings', async () => {
    const r = await identifyOverSnmp(track(open('loop')));
    expect(r.facts.platform).toBe('linux');
    expect(r.warnings.some((w) => w.startsWith('walk-loop:'))).toBe(true);
  });

  it('a table that never ends stops at the row cap with a walk-truncated warning', async () => {
    const s = track(open('endless'));
    const rows = await s.walk('1.3.6.1.2.1.2.2.1.2', { maxRows: 1000, maxRepetitions: 40 });
    expect(rows).toHaveLength(1000);
    expect(rows.at(-1)?.oid).toBe('1.3.6.1.2.1.2.2.1.2.1000');
    expect(s.warnings.map((w) => w.code)).toEqual(['walk-truncated']);
  });

  it('a walk can be cancelled', async () => {
    const ctl = new AbortController();
    const s = track(open('endless'));
    const p = s.walk('1.3.6.1.2.1.2.2.1.2', { maxRows: 10_000_000, maxRepetitions: 10, signal: ctl.signal });
    const before = agent.requests();
    const deadline = Date.now() + 5000;
    while (agent.requests() < before + 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    ctl.abort();
    expect((await rejection(p)).code).toBe('cancelled');
  });

  it('caps an oversized sysDescr at 4 KB', async () => {
    const r = await identifyOverSnmp(track(open('huge')));
    expect(r.facts.sysDescr).toHaveLength(4096);
    expect(r.facts.sysDescr).toMatch(/^A+$/);
  });
});

describe('hostile sysDescr text', () => {
  it('keeps <img src=x onerror=…> as literal text in the facts', async () => {
    const port = PORT + 1;
    const descr = '<img src=x onerror=alert(1)>\u001b[31m\u0007';
    const agent = await startHostileAgent(port, { sysDescr: descr });
    const s = openSnmpSession({ host: '127.0.0.1', port }, { id: 'h', kind: 'snmp-v2c', label: 'h', community: 'huge-not' }, { timeoutMs: 400, retries: 0 });
    try {
      const r = await identifyOverSnmp(s);
      // control characters are dropped, the markup stays as characters
      expect(r.facts.sysDescr).toBe('<img src=x onerror=alert(1)>[31m');
    } finally {
      s.close();
      await agent.close();
    }
  });
});
