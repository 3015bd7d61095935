import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';

export interface PostOptions {
  headers: Record<string, string>;
  caFile?: string;
  insecureSkipVerify?: boolean;
  timeoutMs: number;
}

/** One POST; resolves with status and body, rejects on network errors and timeouts. */
export function post(url: URL, body: string, opts: PostOptions): Promise<{ status: number; body: string }> {
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(
      url,
      {
        method: 'POST',
        headers: { ...opts.headers, 'content-length': Buffer.byteLength(body) },
        timeout: opts.timeoutMs,
        ...(url.protocol === 'https:'
          ? { ca: opts.caFile ? fs.readFileSync(opts.caFile) : undefined, rejectUnauthorized: !opts.insecureSkipVerify }
          : {}),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= 4 * 1024 * 1024) chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url.host} within ${opts.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
