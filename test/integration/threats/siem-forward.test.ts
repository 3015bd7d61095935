import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseMessage } from '../../../electron/engine/threats/parsers';
import { requireTool } from '../../support/require-tool';
import { makeTempDir } from '../../support/temp-dir';
import { makeCertificates, sendTcp, startTestEngine, type TestEngine, waitFor } from './threats-harness';

// Loopback ports 5540-5549: fake SIEMs and the TCP receiver feeding them.
const HEC_PORT = 5540;
const INGEST_PORT = 5541;
const ES_PORT = 5542;
const CEF_TLS_PORT = 5543;

const ok = requireTool('openssl', 'openssl is needed for the CEF-over-TLS target certificate');

/** A CEF detection whose name is unique, so nothing is deduplicated. */
const event = (name: string) => `<134>1 2026-01-15T12:00:00Z edge-1 ai-ips - - - CEF:0|Acme|EdgeGuard|1|${name}|${name}|7|src=203.0.113.7 dst=192.0.2.9 dpt=443 act=blocked\n`;

async function ingest(names: string[]): Promise<void> {
  await sendTcp(INGEST_PORT, names.map(event));
}

/** A Splunk HEC stand-in: records every event it accepts, in arrival order; can go down and come back. */
class FakeHec {
  received: Array<{ id: string; signature: string }> = [];
  auth = new Set<string>();
  private server: http.Server | null = null;

  async up(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.auth.add(String(req.headers.authorization));
        if (req.url !== '/services/collector/event') {
          res.writeHead(404).end();
          return;
        }
        for (const line of Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean)) {
          const e = JSON.parse(line) as { event: { signature: string }; fields: { insight_id: string } };
          this.received.push({ id: e.fields.insight_id, signature: e.event.signature });
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"text":"Success","code":0}');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(HEC_PORT, '127.0.0.1', resolve));
  }

  async down(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}

/** An Elasticsearch _bulk stand-in with "create" semantics: a second create of an _id is a 409. */
class FakeElastic {
  docs = new Map<string, { signature: string }>();
  order: string[] = [];
  attempts = 0;
  private server: http.Server | null = null;

  async up(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const lines = Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean);
        const items: unknown[] = [];
        let errors = false;
        for (let n = 0; n < lines.length; n += 2) {
          const action = JSON.parse(lines[n] as string) as { create: { _id: string } };
          const doc = JSON.parse(lines[n + 1] as string) as { signature: string };
          this.attempts++;
          if (this.docs.has(action.create._id)) {
            errors = true;
            items.push({ create: { _id: action.create._id, status: 409, error: { type: 'version_conflict_engine_exception' } } });
          } else {
            this.docs.set(action.create._id, doc);
            this.order.push(doc.signature);
            items.push({ create: { _id: action.create._id, status: 201 } });
          }
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ took: 1, errors, items }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(ES_PORT, '127.0.0.1', resolve));
  }

  async down(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}

const names = (prefix: string, from: number, to: number) => Array.from({ length: to - from }, (_, n) => `${prefix}-${String(from + n).padStart(3, '0')}`);

describe.skipIf(!ok)('SIEM forwarding from the persistent queue', () => {
  let tmp: { dir: string; cleanup: () => void };
  let t: TestEngine | undefined;
  const stops: Array<() => Promise<void>> = [];

  beforeAll(() => {
    tmp = makeTempDir();
  });
  afterEach(async () => {
    for (const s of stops.splice(0)) await s();
    await t?.close();
    t = undefined;
  });
  afterAll(() => tmp?.cleanup());

  it('HEC outage: events keep arriving while the target is down; each is delivered exactly once, in order', async () => {
    const hec = new FakeHec();
    await hec.up();
    stops.push(() => hec.down());
    t = await startTestEngine(path.join(tmp.dir, 'hec'));
    await t.api.call('threats.listen', { syslogTcp: { port: INGEST_PORT }, rateLimit: null });
    const target = (
      await t.api.call('threats.forward.start', { to: `http://127.0.0.1:${HEC_PORT}`, format: 'hec', token: 'test-token', retryMaxMs: 300, batchSize: 7 })
    ).target;

    await ingest(names('hec', 0, 40));
    await waitFor('first 40 delivered', () => hec.received.length >= 40);

    await hec.down();
    await ingest(names('hec', 40, 80));
    const failing = await waitFor('the forwarder to notice the outage', async () => {
      const { forwarders } = await t!.api.call('threats.forward.status', {});
      const f = forwarders.find((x) => x.target === target);
      return f && f.lastError && f.retries > 0 && f.backlog > 0 ? f : undefined;
    });
    expect(failing.lastError).toMatch(/ECONNREFUSED|socket hang up|closed/);
    expect(hec.received).toHaveLength(40);

    await hec.up();
    await waitFor('all 80 delivered', () => hec.received.length >= 80);
    const { forwarders } = await t.api.call('threats.forward.status', {});
    expect(forwarders.find((x) => x.target === target)).toMatchObject({ backlog: 0, delivered: 80, lastError: null });
    expect(hec.received.map((e) => e.signature)).toEqual(names('hec', 0, 80));
    expect(new Set(hec.received.map((e) => e.id)).size).toBe(80);
    expect([...hec.auth]).toEqual(['Splunk test-token']);
  });

  it('Elastic bulk: a new engine process resumes from the committed cursor; a redelivery is idempotent', async () => {
    const es = new FakeElastic();
    await es.up();
    stops.push(() => es.down());
    const dataDir = path.join(tmp.dir, 'elastic');
    const to = `http://127.0.0.1:${ES_PORT}`;

    t = await startTestEngine(dataDir);
    await t.api.call('threats.listen', { syslogTcp: { port: INGEST_PORT }, rateLimit: null });
    await t.api.call('threats.forward.start', { to, format: 'elastic', index: 'rw-test', retryMaxMs: 300 });
    await ingest(names('es', 0, 25));
    await waitFor('first 25 indexed', () => es.order.length >= 25);
    await t.close();
    t = undefined;

    // Insights stored while no forwarder runs are queued on disk and delivered by the next process.
    t = await startTestEngine(dataDir);
    await t.api.call('threats.listen', { syslogTcp: { port: INGEST_PORT }, rateLimit: null });
    await ingest(names('es', 25, 50));
    await waitFor('stored', async () => (await t!.api.call('threats.list', { format: 'cef', limit: 100 })).insights.length === 50);
    await t.api.call('threats.forward.start', { to, format: 'elastic', index: 'rw-test', retryMaxMs: 300 });
    await waitFor('all 50 indexed', () => es.order.length >= 50);
    expect(es.order).toEqual(names('es', 0, 50));
    expect(es.attempts).toBe(50);

    // A crash between the bulk request and the cursor commit means a redelivery: simulate it by rewinding the
    // cursor. "create" with the insight id as _id makes Elasticsearch refuse the copies (409), so still 50 docs.
    const key = `elastic:${to}`;
    await t.api.call('threats.forward.stop', { target: key });
    t.engine.ctx.store.sqlite.prepare('update threat_forward_cursors set last_seq = 0 where target = ?').run(key);
    await t.api.call('threats.forward.start', { to, format: 'elastic', index: 'rw-test', retryMaxMs: 300 });
    await waitFor('the redelivery to be acknowledged', async () => {
      const { forwarders } = await t!.api.call('threats.forward.status', {});
      const f = forwarders.find((x) => x.target === key);
      return es.attempts === 100 && f?.backlog === 0 && f.lastError === null;
    });
    expect(es.docs.size).toBe(50);
    expect(es.order).toEqual(names('es', 0, 50));
  });

  it('CEF over TLS: syslog lines a CEF reader parses back, in order', async () => {
    const certs = makeCertificates(tmp.dir);
    const lines: string[] = [];
    const server = tls.createServer({ cert: fs.readFileSync(certs.cert), key: fs.readFileSync(certs.key) }, (s) => {
      let buf = '';
      s.on('data', (d: Buffer) => {
        buf += d.toString('utf8');
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          lines.push(buf.slice(0, nl));
          buf = buf.slice(nl + 1);
        }
      });
      s.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(CEF_TLS_PORT, '127.0.0.1', resolve));
    stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));

    t = await startTestEngine(path.join(tmp.dir, 'cef'));
    await t.api.call('threats.listen', { syslogTcp: { port: INGEST_PORT }, rateLimit: null });
    await ingest(names('cef', 0, 12));
    await waitFor('stored', async () => (await t!.api.call('threats.list', { limit: 100 })).insights.length === 12);
    await t.api.call('threats.forward.start', { to: `tls://127.0.0.1:${CEF_TLS_PORT}`, format: 'cef', caFile: certs.ca });
    await waitFor('12 CEF lines', () => lines.length >= 12);
    const parsed = lines.map((l) => parseMessage(l).detection);
    expect(parsed.map((d) => d?.signature)).toEqual(names('cef', 0, 12));
    expect(parsed[0]).toMatchObject({ format: 'cef', severity: 'high', srcIp: '203.0.113.7', dstIp: '192.0.2.9', dstPort: 443, action: 'blocked' });
    const stopped = await t.api.call('threats.forward.stop', { target: `cef:tls://127.0.0.1:${CEF_TLS_PORT}` });
    expect(stopped.stopped).toBe(true);
  });
});
