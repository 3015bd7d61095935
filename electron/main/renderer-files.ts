import path from 'node:path';

/** The renderer is served from this origin (a privileged standard scheme), never from file:// or the network. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'routewise';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/**
 * The renderer reaches the engine only through the preload bridge, so it needs no network at all
 * (connect-src 'none'). Inline scripts and styles are refused; the Vite build emits none.
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export { contentTypeOf } from '../engine/host/static-files';

/**
 * Maps an app:// URL to a file inside the built renderer, or null when it points anywhere else
 * (another host, `..` or encoded traversal, a NUL byte). Unknown paths without an extension fall back
 * to index.html, as a single-page app expects.
 */
export function resolveRendererFile(rendererDir: string, requestUrl: string, exists: (file: string) => boolean): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // A backslash is a separator on Windows: refuse it everywhere rather than trust per-OS path rules.
  if (rel.includes('\0') || rel.includes('\\')) return null;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${rel}`);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  if (file !== root && exists(file)) return file;
  if (path.extname(rel) === '') return path.join(root, 'index.html');
  return null;
}

/** What the window may load: its own origin, inline images, and DevTools in development. */
export function isAllowedRequest(url: string, allowDevTools: boolean): boolean {
  if (url.startsWith(`${APP_ORIGIN}/`)) return true;
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  if (allowDevTools && url.startsWith('devtools://')) return true;
  return false;
}
