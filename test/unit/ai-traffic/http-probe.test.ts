import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpGet, parseModelList, urlFor } from '../../../electron/engine/ai-traffic/http-probe';

describe('parseModelList', () => {
  it('reads OpenAI /v1/models and strips control characters from device-supplied ids', () => {
    expect(parseModelList(JSON.stringify({ object: 'list', data: [{ id: 'llama3:70b', object: 'model' }, { id: 'evil\u001b[31m\u0007name' }] }))).toEqual(['llama3:70b', 'evil[31mname']);
  });
  it('rejects what is not a model list', () => {
    expect(parseModelList('<html>')).toBeUndefined();
    expect(parseModelList(JSON.stringify({ data: 'x' }))).toBeUndefined();
    expect(parseModelList(JSON.stringify({ data: [{ id: 'x'.repeat(129) }] }))).toBeUndefined();
  });
  it('brackets IPv6 literals in URLs', () => {
    expect(urlFor('::1', 8000, '/v1/models')).toBe('http://[::1]:8000/v1/models');
  });
});

describe('httpGet (loopback)', () => {
  let server: http.Server;
  let port = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/stall') return; // never answers
      if (req.url === '/big') {
        res.write('x'.repeat(200_000));
        res.end('y'.repeat(200_000));
        return;
      }
      res.statusCode = req.url === '/missing' ? 404 : 200;
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('measures latency of a healthy answer and reports HTTP errors as unhealthy', async () => {
    const ok = await httpGet(urlFor('127.0.0.1', port, '/v1/models'), 2000);
    expect(ok).toMatchObject({ ok: true, status: 200, body: '{"ok":true}' });
    expect(ok.latencyMs).toBeGreaterThan(0);
    expect(await httpGet(urlFor('127.0.0.1', port, '/missing'), 2000)).toMatchObject({ ok: false, status: 404 });
  });
  it('gives up at the deadline and caps the body it reads', async () => {
    expect(await httpGet(urlFor('127.0.0.1', port, '/stall'), 200)).toEqual({ ok: false, error: 'no answer within 200 ms' });
    const big = await httpGet(urlFor('127.0.0.1', port, '/big'), 2000);
    expect(big.body!.length).toBeLessThanOrEqual(256 * 1024);
  });
});
