import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_START_URL,
  isAllowedRequest,
  RENDERER_CSP,
  resolveRendererFile,
} from '../../../electron/main/renderer-files';

const root = path.resolve('/opt/routewise/dist/renderer');
const present = new Set([path.join(root, 'index.html'), path.join(root, 'assets', 'index-abc.js')]);
const exists = (f: string) => present.has(f);

describe('app:// renderer files', () => {
  it('maps the start URL and assets inside the renderer folder', () => {
    expect(resolveRendererFile(root, APP_START_URL, exists)).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://routewise/assets/index-abc.js', exists)).toBe(path.join(root, 'assets', 'index-abc.js'));
  });

  it('falls back to index.html for app routes but not for missing assets', () => {
    expect(resolveRendererFile(root, 'app://routewise/inventory', exists)).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://routewise/assets/missing.js', exists)).toBeNull();
  });

  it.each([
    'app://routewise/assets/..%2f..%2f..%2fpackage.json',
    'app://routewise/..%5c..%5cpackage.json',
    'app://routewise/index.html%00.js',
    'app://evil/index.html',
    'app://routewise.evil/index.html',
    'file:///etc/passwd',
    'https://routewise/index.html',
    'app://routewise/%E0%A4%A',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveRendererFile(root, url, () => true)).toBeNull();
  });

  it.each(['app://routewise/../../../etc/passwd', 'app://routewise/%2e%2e/%2e%2e/package.json', 'app://routewise/a/../../b.js'])(
    'keeps %s inside the renderer folder (the URL parser folds the dots first)',
    (url) => {
      const resolved = resolveRendererFile(root, url, () => true);
      expect(resolved?.startsWith(root + path.sep)).toBe(true);
    },
  );

  it('allows the window its own origin and inline images only (DevTools in development)', () => {
    expect(isAllowedRequest('app://routewise/assets/x.js', false)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', false)).toBe(true);
    expect(isAllowedRequest('https://example.com/x.js', false)).toBe(false);
    expect(isAllowedRequest('http://127.0.0.1:9/', false)).toBe(false);
    expect(isAllowedRequest('file:///etc/passwd', false)).toBe(false);
    expect(isAllowedRequest('app://routewise.evil/x', false)).toBe(false);
    expect(isAllowedRequest('ws://127.0.0.1/rpc', false)).toBe(false);
    expect(isAllowedRequest('devtools://devtools/bundled/x', false)).toBe(false);
    expect(isAllowedRequest('devtools://devtools/bundled/x', true)).toBe(true);
  });

  it('has the CSP the brief demands: no inline code, no network for the renderer', () => {
    const directives = new Map(RENDERER_CSP.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }));
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('style-src')).toBe("'self'");
    expect(directives.get('img-src')).toBe("'self' data: blob:");
    expect(directives.get('connect-src')).toBe("'none'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-(inline|eval)/);
  });

  it('the CSP spelled out in web-security.ts (for scanners) is the same as RENDERER_CSP', () => {
    const source = fs.readFileSync(path.resolve(import.meta.dirname, '../../../electron/main/web-security.ts'), 'utf8');
    const literals = [...source.matchAll(/"(default-src [^"]+)"/g)].map((m) => m[1]);
    expect(literals).toEqual([RENDERER_CSP]);
  });
});
