import { execFileSync } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import type { ApiClient } from '../../../shared/api/client';
import type { Engine } from '../../../electron/engine/engine';
import { openInProcessEngine } from '../../support/in-process-engine';

export interface TestEngine {
  engine: Engine;
  api: ApiClient;
  close(): Promise<void>;
}

export async function startTestEngine(dataDir: string): Promise<TestEngine> {
  const { engine, client, close } = await openInProcessEngine(dataDir, { actor: 'test:threats', masterKey: Buffer.alloc(32, 7), quiet: true });
  return { engine, api: client, close };
}

/** Polls `probe` until it returns a value other than undefined/false, or fails after deadlineMs. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, deadlineMs = 20_000): Promise<T> {
  const until = Date.now() + deadlineMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function sendUdp(port: number, messages: Array<string | Buffer>, localAddress = '127.0.0.1'): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket('udp4');
    s.bind(0, localAddress, async () => {
      try {
        for (const m of messages) await new Promise<void>((res, rej) => s.send(m, port, '127.0.0.1', (e) => (e ? rej(e) : res())));
        s.close(() => resolve());
      } catch (err) {
        s.close();
        reject(err);
      }
    });
  });
}

/** Opens a TCP (or TLS) connection, writes the chunks in order, and ends it. */
export function sendTcp(
  port: number,
  chunks: Array<string | Buffer>,
  opts: { localAddress?: string; tls?: { ca: string }; keepOpen?: boolean } = {},
): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = opts.tls
      ? tls.connect({ host: '127.0.0.1', port, ca: fs.readFileSync(opts.tls.ca), servername: 'localhost' })
      : net.connect({ host: '127.0.0.1', port, localAddress: opts.localAddress });
    socket.once(opts.tls ? 'secureConnect' : 'connect', async () => {
      for (const c of chunks) {
        if (!socket.write(c)) await new Promise((r) => socket.once('drain', r));
      }
      if (!opts.keepOpen) socket.end();
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

export const octet = (m: string | Buffer) => Buffer.concat([Buffer.from(`${Buffer.byteLength(m)} `), Buffer.from(m)]);

/** A CA and a localhost/127.0.0.1 server certificate signed by it, made with openssl. */
export function makeCertificates(dir: string): { ca: string; cert: string; key: string } {
  const p = (f: string) => path.join(dir, f);
  const run = (args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('ca.key'), '-out', p('ca.pem'), '-days', '2', '-subj', '/CN=routewise test CA']);
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('server.key'), '-out', p('server.csr'), '-subj', '/CN=localhost']);
  fs.writeFileSync(p('ext.cnf'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  run(['x509', '-req', '-in', p('server.csr'), '-CA', p('ca.pem'), '-CAkey', p('ca.key'), '-CAcreateserial', '-out', p('server.pem'), '-days', '2', '-extfile', p('ext.cnf')]);
  return { ca: p('ca.pem'), cert: p('server.pem'), key: p('server.key') };
}

export function fixture(rel: string): string {
  return fs.readFileSync(path.resolve(__dirname, '../../fixtures/threats', rel), 'utf8').replace(/\n$/, '');
}
