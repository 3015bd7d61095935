import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

/** Media types of the built renderer's files, for both hosts that serve it (browser host and Electron's app://). */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export function contentTypeOf(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Serves the built renderer; anything outside `root` is refused, unknown paths fall back to index.html. */
export function serveStatic(root: string, req: http.IncomingMessage, res: http.ServerResponse, csp: string): void {
  // Every answer, errors included, carries the policy: an error page is a document too.
  res.setHeader('content-security-policy', csp);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cache-control', 'no-store');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  let file = path.resolve(root, `.${rel}`);
  if (!file.startsWith(path.resolve(root) + path.sep) && file !== path.resolve(root)) {
    res.writeHead(403).end();
    return;
  }
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
  if (!fs.existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain' }).end('The renderer is not built: run `npm run build` first.\n');
    return;
  }
  res.writeHead(200, { 'content-type': contentTypeOf(file) });
  if (req.method === 'HEAD') res.end();
  // A read error after the headers went out can only cut the response short; unhandled it would crash the host.
  else fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
}
