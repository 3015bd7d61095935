import fs from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import type { StoredInsight } from '../../../../shared/api/threats';
import { RoutewiseError } from '../../../../shared/api/errors';
import { toCefSyslogLine, toElasticBulk, toHecBatch } from './formats';
import { post } from './http-post';

/** Delivers one batch; resolves only when the target has taken all of it. */
export interface Target {
  send(batch: StoredInsight[]): Promise<void>;
  close(): void;
}

export interface TargetOptions {
  to: string;
  token?: string;
  index?: string;
  caFile?: string;
  insecureSkipVerify: boolean;
  timeoutMs?: number;
}

export function hecTarget(o: TargetOptions): Target {
  const url = httpUrl(o.to, '/services/collector/event');
  return {
    async send(batch) {
      const res = await post(url, toHecBatch(batch, o.index), {
        headers: { 'content-type': 'application/json', ...(o.token ? { authorization: `Splunk ${o.token}` } : {}) },
        caFile: o.caFile,
        insecureSkipVerify: o.insecureSkipVerify,
        timeoutMs: o.timeoutMs ?? 15_000,
      });
      // HEC answers 200 {"text":"Success","code":0}; 503 when busy, 4xx for token/format problems.
      if (res.status !== 200) throw new Error(`HEC answered ${res.status}: ${res.body.slice(0, 200)}`);
    },
    close() {},
  };
}

export function elasticTarget(o: TargetOptions): Target {
  const url = httpUrl(o.to, '/_bulk');
  const index = o.index ?? 'routewise-insights';
  return {
    async send(batch) {
      const res = await post(url, toElasticBulk(batch, index), {
        headers: {
          'content-type': 'application/x-ndjson',
          ...(o.token ? { authorization: o.token.includes(' ') ? o.token : `ApiKey ${o.token}` } : {}),
        },
        caFile: o.caFile,
        insecureSkipVerify: o.insecureSkipVerify,
        timeoutMs: o.timeoutMs ?? 15_000,
      });
      if (res.status !== 200) throw new Error(`Elasticsearch answered ${res.status}: ${res.body.slice(0, 200)}`);
      const parsed = JSON.parse(res.body) as { errors?: boolean; items?: Array<Record<string, { status: number; error?: { type?: string } }>> };
      if (!parsed.errors) return;
      // 409 on "create" means the document is already there (a redelivery): that is success.
      const failed = (parsed.items ?? []).map((it) => Object.values(it)[0]).filter((r) => r && r.status !== 201 && r.status !== 200 && r.status !== 409);
      if (failed.length) throw new Error(`Elasticsearch refused ${failed.length} documents (${failed[0]?.error?.type ?? failed[0]?.status})`);
    },
    close() {},
  };
}

/** CEF in syslog lines over TCP or TLS; a write counts as delivered once the socket has flushed it. */
export function cefTarget(o: TargetOptions): Target {
  const { host, port, secure } = syslogAddress(o.to);
  let socket: net.Socket | null = null;
  let connecting: Promise<net.Socket> | null = null;
  const connect = (): Promise<net.Socket> => {
    if (socket && !socket.destroyed && socket.writable) return Promise.resolve(socket);
    if (connecting) return connecting;
    connecting = new Promise<net.Socket>((resolve, reject) => {
      const s = secure
        ? tls.connect({ host, port, ca: o.caFile ? fs.readFileSync(o.caFile) : undefined, rejectUnauthorized: !o.insecureSkipVerify, servername: net.isIP(host) ? undefined : host })
        : net.connect({ host, port });
      const ready = secure ? 'secureConnect' : 'connect';
      s.setTimeout(o.timeoutMs ?? 15_000, () => s.destroy(new Error(`timeout talking to ${host}:${port}`)));
      s.once(ready, () => {
        s.setTimeout(0);
        socket = s;
        resolve(s);
      });
      s.once('error', reject);
      s.on('error', () => undefined);
      s.on('close', () => {
        if (socket === s) socket = null;
      });
      // A syslog receiver never talks back; drain anything it sends so the socket does not stall.
      s.on('data', () => undefined);
    }).finally(() => {
      connecting = null;
    });
    return connecting;
  };
  return {
    async send(batch) {
      const s = await connect();
      const data = batch.map((i) => toCefSyslogLine(i)).join('');
      await new Promise<void>((resolve, reject) => {
        const onClose = () => reject(new Error(`${host}:${port} closed the connection`));
        s.once('close', onClose);
        s.write(data, (err) => {
          s.off('close', onClose);
          if (err) {
            s.destroy();
            reject(err);
          } else resolve();
        });
      });
    },
    close() {
      socket?.end();
      socket = null;
    },
  };
}

function httpUrl(to: string, defaultPath: string): URL {
  let url: URL;
  try {
    url = new URL(to);
  } catch {
    throw new RoutewiseError('bad-request', `not a URL: ${to.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RoutewiseError('bad-request', 'HEC and Elastic targets need an http(s):// URL');
  if (url.pathname === '/' || url.pathname === '') url.pathname = defaultPath;
  return url;
}

/** host:port, tcp://host:port or tls://host:port (also [v6]:port). */
export function syslogAddress(to: string): { host: string; port: number; secure: boolean } {
  const m = /^(?:(tcp|tls):\/\/)?(\[[0-9a-fA-F:.]+\]|[^:/\s]+):(\d{1,5})\/?$/.exec(to.trim());
  const port = m ? Number(m[3]) : NaN;
  if (!m || port < 1 || port > 65535) throw new RoutewiseError('bad-request', `CEF target must be host:port, tcp://host:port or tls://host:port: ${to.slice(0, 200)}`);
  return { host: (m[2] as string).replace(/^\[|\]$/g, ''), port, secure: m[1] === 'tls' };
}
