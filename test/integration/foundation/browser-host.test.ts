import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoutewiseError } from '../../../shared/api/errors';
import { MAX_MESSAGE_BYTES } from '../../../shared/api/wire';
import { createEngine, type Engine } from '../../../electron/engine/engine';
import { type BrowserHost, startBrowserHost } from '../../../electron/engine/host/browser-host';
import { makeTempDir } from '../../support/temp-dir';
import { cliEntry, cliEnv, firstStdoutLine, repoRoot, runCli, waitForExit } from './support/cli';
import { connectWs, upgradeStatus } from './support/ws-client';

const SECRET_MARKER = 'routewise-outside-secret-5b1d';

interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw GET: the path is sent exactly as written (no client-side normalisation of `..`). */
function rawGet(port: number, rawPath: string, method = 'GET'): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

function connectRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    sock.once('connect', () => {
      sock.destroy();
      resolve(false);
    });
    sock.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

describe('browser host (routewise serve)', () => {
  let engine: Engine;
  let host: BrowserHost;
  let tmp: { dir: string; cleanup: () => void };
  let wsBase: string;
  let origin: string;

  beforeAll(async () => {
    tmp = makeTempDir('routewise-host-');
    const rendererDir = path.join(tmp.dir, 'renderer');
    fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Routewise</title><div id="root"></div>');
    fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
    // A file right beside the renderer folder: traversal must never reach it.
    fs.writeFileSync(path.join(tmp.dir, 'secret.txt'), SECRET_MARKER);
    engine = await createEngine({ dataDir: path.join(tmp.dir, 'data'), host: 'browser', masterKey: Buffer.alloc(32, 1) });
    host = await startBrowserHost({ engine, rendererDir, host: '127.0.0.1', port: 0 });
    wsBase = `ws://127.0.0.1:${host.port}/rpc`;
    origin = `http://127.0.0.1:${host.port}`;
  });
  afterAll(async () => {
    await host?.close();
    await engine?.close();
    tmp?.cleanup();
  });

  it('listens on 127.0.0.1 with a random port and puts the token in the URL fragment', () => {
    expect(host.port).toBeGreaterThan(0);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses a WebSocket without a token, with a wrong token, on another path, or from another Origin (401)', async () => {
    expect(await upgradeStatus(wsBase)).toBe(401);
    expect(await upgradeStatus(`${wsBase}?token=`)).toBe(401);
    expect(await upgradeStatus(`${wsBase}?token=${host.token.slice(0, -1)}x`)).toBe(401);
    expect(await upgradeStatus(`${wsBase}?token=${host.token}extra`)).toBe(401);
    expect(await upgradeStatus(`ws://127.0.0.1:${host.port}/other?token=${host.token}`)).toBe(401);
    expect(await upgradeStatus(`${wsBase}?token=${host.token}`, 'http://evil.invalid')).toBe(401);
    expect(await upgradeStatus(`${wsBase}?token=${host.token}`, `http://localhost:${host.port}`)).toBe(401);
    expect(await upgradeStatus(`${wsBase}?token=${encodeURIComponent(host.token)}`, origin)).toBe(101);
  });

  it('serves the contract over a real WebSocket with the right token: system.info and a typed error', async () => {
    const api = await connectWs(`${wsBase}?token=${host.token}`, { origin });
    try {
      const info = await api.client.call('system.info', {});
      expect(info).toMatchObject({ name: 'routewise', host: 'browser', dataDir: path.join(tmp.dir, 'data'), schemaVersion: expect.any(Number) });
      const err = await api.client.call('system.ping', { nonce: 'x'.repeat(300) }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RoutewiseError);
      expect((err as RoutewiseError).code).toBe('bad-request');
    } finally {
      await api.close();
    }
  });

  it('closes a connection that sends more than MAX_MESSAGE_BYTES and keeps serving others', async () => {
    const api = await connectWs(`${wsBase}?token=${host.token}`, { origin });
    const closed = new Promise<number>((resolve) => api.socket.once('close', (code) => resolve(code)));
    api.socket.send('x'.repeat(MAX_MESSAGE_BYTES + 1));
    expect(await closed).toBe(1009); // RFC 6455 §7.4.1: message too big
    const next = await connectWs(`${wsBase}?token=${host.token}`, { origin });
    try {
      expect(await next.client.call('system.ping', { nonce: 'after-oversize' })).toMatchObject({ nonce: 'after-oversize' });
    } finally {
      await next.close();
    }
  });

  it('answers a binary frame with a typed error instead of dropping the connection', async () => {
    const api = await connectWs(`${wsBase}?token=${host.token}`, { origin });
    try {
      const reply = new Promise<string>((resolve) => api.socket.once('message', (d: WebSocket.RawData) => resolve(d.toString())));
      api.socket.send(Buffer.from('{"type":"request","id":1,"method":"system.ping","params":{"nonce":"b"}}'), { binary: true });
      expect(JSON.parse(await reply)).toMatchObject({ type: 'error', error: { code: 'bad-request' } });
    } finally {
      await api.close();
    }
  });

  it('serves the renderer with CSP and security headers on every response', async () => {
    for (const p of ['/', '/assets/app.js', '/some/route']) {
      const res = await rawGet(host.port, p);
      expect(res.status, p).toBe(200);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, p).toContain("default-src 'none'");
      expect(csp, p).toContain("script-src 'self'");
      expect(csp, p).toContain(`connect-src ws://127.0.0.1:${host.port}`);
      expect(csp, p).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options'], p).toBe('nosniff');
    }
    expect((await rawGet(host.port, '/assets/app.js')).headers['content-type']).toMatch(/^text\/javascript/);
    const post = await rawGet(host.port, '/', 'POST');
    expect(post.status).toBe(405);
    expect(String(post.headers['content-security-policy'])).toContain("default-src 'none'");
  });

  it('never serves a file outside the renderer folder (raw and percent-encoded traversal)', async () => {
    const attempts = [
      '/../secret.txt',
      '/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%252e%252e/secret.txt',
      '/..%00/secret.txt',
      `/${encodeURIComponent(path.join(tmp.dir, 'secret.txt'))}`,
      '/../package.json',
      '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    ];
    for (const p of attempts) {
      const res = await rawGet(host.port, p);
      expect([200, 400, 403], p).toContain(res.status);
      expect(res.body, p).not.toContain(SECRET_MARKER);
      expect(res.body, p).not.toContain('"devDependencies"');
      expect(res.body, p).not.toContain('root:x:0:0');
      if (res.status === 200) expect(res.body, p).toContain('<title>Routewise</title>');
    }
  });

  it('refuses a non-loopback bind address without allowRemote, before listening', async () => {
    for (const address of ['0.0.0.0', '198.18.0.1', '::', '127.0.0.1.nip.io']) {
      const port = await freePort();
      const err = await startBrowserHost({ engine, rendererDir: tmp.dir, host: address, port }).catch((e: unknown) => e);
      expect(err, address).toBeInstanceOf(RoutewiseError);
      expect((err as RoutewiseError).code, address).toBe('bad-request');
      expect((err as RoutewiseError).message, address).toContain('--allow-remote');
      expect(await connectRefused(port), `${address}: something listens on ${port}`).toBe(true);
    }
  });
});

describe('routewise serve (CLI)', () => {
  it('prints {url} as its first JSON line, serves system.info over the URL token, and stops on SIGTERM', async () => {
    const tmp = makeTempDir('routewise-serve-');
    const child = spawn(process.execPath, [cliEntry, '--data-dir', tmp.dir, 'serve', '--port', '0', '--json', '--renderer-dir', tmp.dir], {
      cwd: repoRoot,
      env: cliEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const started = JSON.parse(await firstStdoutLine(child)) as { url: string; port: number; dataDir: string };
      const url = new URL(started.url);
      expect(url.hostname).toBe('127.0.0.1');
      expect(Number(url.port)).toBe(started.port);
      expect(started.dataDir).toBe(tmp.dir);
      const token = new URLSearchParams(url.hash.slice(1)).get('token');
      expect(token).toBeTruthy();
      const api = await connectWs(`ws://127.0.0.1:${url.port}/rpc?token=${token}`, { origin: url.origin });
      try {
        expect(await api.client.call('system.info', {})).toMatchObject({ host: 'browser', dataDir: tmp.dir });
      } finally {
        await api.close();
      }
      // No renderer in --renderer-dir: a plain 503 that still carries the CSP.
      const page = await rawGet(started.port, '/');
      expect(page.status).toBe(503);
      expect(String(page.headers['content-security-policy'])).toContain("default-src 'none'");
      // A protocol violation on one socket must not take the serving process down.
      const rude = await connectWs(`ws://127.0.0.1:${url.port}/rpc?token=${token}`, { origin: url.origin });
      const closed = new Promise<number>((resolve) => rude.socket.once('close', (code) => resolve(code)));
      rude.socket.send('x'.repeat(MAX_MESSAGE_BYTES + 1));
      expect(await closed).toBe(1009);
      const again = await connectWs(`ws://127.0.0.1:${url.port}/rpc?token=${token}`, { origin: url.origin });
      try {
        expect(await again.client.call('system.ping', { nonce: 'alive' })).toMatchObject({ nonce: 'alive' });
      } finally {
        await again.close();
      }
      child.kill('SIGTERM');
      expect(await waitForExit(child)).toEqual({ code: 0, signal: null });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      tmp.cleanup();
    }
  });

  it('serve --host 0.0.0.0 without --allow-remote exits non-zero with one line on stderr', async () => {
    const tmp = makeTempDir('routewise-serve-');
    try {
      const res = await runCli(['--data-dir', tmp.dir, 'serve', '--host', '0.0.0.0', '--port', '0']);
      expect(res.code).toBe(2);
      expect(res.stdout).toBe('');
      const lines = res.stderr.trimEnd().split('\n');
      expect(lines, res.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^routewise: refusing to bind 0\.0\.0\.0.*--allow-remote/);
    } finally {
      tmp.cleanup();
    }
  });
});
