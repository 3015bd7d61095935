import fs from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { decodeMessage } from './decode';
import { SyslogFramer } from './framing';
import type { ReceivedMessage } from '../normaliser';
import { type ReceiverHandle, type SinkOptions, normaliseAddress } from './common';

const THROTTLE_RETRY_MS = 50;

export interface TlsFiles {
  certFile: string;
  keyFile: string;
  /** Optional CA bundle: when given, clients must present a certificate it signed (RFC 5425 §5.1 mutual auth). */
  caFile?: string;
}

/**
 * Syslog over TCP (RFC 6587) or over TLS (RFC 5425, which mandates octet counting; we accept both framings
 * there too, as rsyslog and syslog-ng can be configured either way). Each connection has its own framer, so
 * a broken or hostile sender never stalls the others.
 */
export async function startTcpReceiver(
  opts: SinkOptions & { host: string; port: number; tls?: TlsFiles; maxConnections?: number; idleTimeoutMs?: number },
): Promise<ReceiverHandle> {
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const onConnection = (socket: net.Socket) => {
    sockets.add(socket);
    const sender = normaliseAddress(socket.remoteAddress ?? 'unknown');
    // Over its rate limit, a TCP sender is paused, not dropped: frames wait here (at most what one read
    // delivered) and the socket resumes once its bucket has tokens again. Nothing a stream sent is lost.
    const queue: ReceivedMessage[] = [];
    let head = 0;
    let timer: NodeJS.Timeout | null = null;
    const drain = () => {
      if (timer) timers.delete(timer);
      timer = null;
      while (head < queue.length) {
        if (opts.submit(queue[head] as ReceivedMessage, 'wait') === 'wait') {
          socket.pause();
          timer = setTimeout(drain, THROTTLE_RETRY_MS);
          timers.add(timer);
          return;
        }
        head++;
      }
      queue.length = 0;
      head = 0;
      if (!socket.destroyed) socket.resume();
    };
    const framer = new SyslogFramer((frame) => {
      const { text, rawBase64 } = decodeMessage(frame.bytes);
      queue.push({ text, rawBase64, sender, receivedAt: new Date(), truncated: frame.truncated });
      if (!timer) drain();
    }, opts.maxMessageBytes ?? 64 * 1024);
    socket.setTimeout(opts.idleTimeoutMs ?? 15 * 60_000, () => socket.destroy());
    socket.on('data', (chunk: Buffer) => framer.push(chunk));
    socket.on('end', () => {
      framer.end();
      socket.end();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  };
  let server: net.Server;
  if (opts.tls) {
    const options: tls.TlsOptions = {
      cert: fs.readFileSync(opts.tls.certFile),
      key: fs.readFileSync(opts.tls.keyFile),
      minVersion: 'TLSv1.2',
    };
    if (opts.tls.caFile) {
      options.ca = fs.readFileSync(opts.tls.caFile);
      options.requestCert = true;
      options.rejectUnauthorized = true;
    }
    server = tls.createServer(options, onConnection);
    // A failed handshake is the client's problem; keep serving everyone else.
    server.on('tlsClientError', () => undefined);
  } else {
    server = net.createServer(onConnection);
  }
  server.maxConnections = opts.maxConnections ?? 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', () => undefined);
  const address = server.address() as net.AddressInfo;
  return {
    kind: opts.tls ? 'syslog-tls' : 'syslog-tcp',
    host: opts.host,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
