import fs from 'node:fs';
import type { Protocol } from 'electron';
import { APP_SCHEME, contentTypeOf, RENDERER_CSP, resolveRendererFile } from './renderer-files';

/** Serves the built renderer on app://routewise/ with the CSP as a real header (file:// cannot carry one). */
export function serveRenderer(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return new Response(null, { status: 405 });
    const file = resolveRendererFile(rendererDir, request.url, (f) => fs.existsSync(f) && fs.statSync(f).isFile());
    if (!file || !fs.existsSync(file)) {
      return new Response('Not found. If this is index.html, the renderer is not built: run `npm run build`.', {
        status: 404,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': RENDERER_CSP },
      });
    }
    const body = await fs.promises.readFile(file);
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': contentTypeOf(file),
        'content-security-policy': RENDERER_CSP,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      },
    });
  });
}
