import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  directories: { buildResources: string; output: string };
  linux: { target: string[]; category: string; icon: string; desktop: { entry: Record<string, string> } };
  win: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
}

const config = parse(fs.readFileSync(path.join(root, 'build/electron-builder.yml'), 'utf8')) as BuilderConfig;

/** electron-builder's own schema check (the one `npm run dist` runs first), without packaging anything. */
async function validate(cfg: unknown): Promise<void> {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    validateConfiguration(c: unknown, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  await validateConfiguration(cfg, new DebugLogger(false));
}

function pngInfo(file: string): { width: number; height: number; colorType: number; cornerAlpha: number } {
  const buf = fs.readFileSync(file);
  expect(buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const colorType = buf[25]!;
  const idat: Buffer[] = [];
  for (let off = 8; off < buf.length; ) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    if (type === 'IDAT') idat.push(buf.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  // First byte of a scanline is its filter; for the first pixel of the first row every filter leaves it raw.
  const raw = inflateSync(Buffer.concat(idat));
  return { width, height, colorType, cornerAlpha: colorType === 6 ? raw[4]! : 255 };
}

describe('electron-builder configuration', () => {
  it('passes electron-builder’s schema validation, which does reject a wrong key', async () => {
    await validate(config);
    await expect(validate({ ...config, linux: { ...config.linux, notAnOption: true } })).rejects.toThrow(/configuration/i);
  }, 60_000);

  it('names the app and packs dist/ and package.json, with native modules unpacked', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('Routewise');
    expect(config.files).toEqual(expect.arrayContaining(['dist/**/*', 'package.json']));
    expect(config.asarUnpack.some((p) => p.startsWith('node_modules/better-sqlite3'))).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('builds AppImage + deb (desktop entry in Network), NSIS and dmg', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.linux.category).toBe('Network');
    expect(config.linux.desktop.entry.Categories?.split(';')).toContain('Network');
    expect(config.linux.desktop.entry.Name).toBe('Routewise');
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('references icons that exist: a square PNG of at least 512 px with a transparent corner, and its SVG source', () => {
    for (const icon of new Set([config.linux.icon, config.win.icon, config.mac.icon])) {
      const file = path.join(root, icon);
      expect(fs.existsSync(file), icon).toBe(true);
      const png = pngInfo(file);
      expect(png.width).toBe(png.height);
      expect(png.width).toBeGreaterThanOrEqual(512);
      expect(png.colorType).toBe(6); // RGBA
      expect(png.cornerAlpha).toBe(0);
    }
    expect(fs.readFileSync(path.join(root, 'build/icon.svg'), 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 1024 1024"/);
  });

  it('agrees with package.json and the build script about where things are', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
    const { BUNDLES } = (await import(pathToFileURL(path.join(root, 'scripts/build.mjs')).href)) as { BUNDLES: Array<{ name: string; outfile: string }> };
    expect(BUNDLES.find((b) => b.name === 'main')?.outfile).toBe(pkg.main);
    for (const b of BUNDLES) expect(b.outfile.startsWith('dist/'), b.outfile).toBe(true);
    expect(pkg.scripts.dist).toContain('--config build/electron-builder.yml');
    expect(pkg.scripts.start).toBe('node scripts/start-electron.mjs');
    expect(pkg.scripts.build).toBe('node scripts/build.mjs');
  });
});
