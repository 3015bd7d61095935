#!/usr/bin/env node
// Renders build/icon.svg to build/icon.png (1024×1024, what electron-builder turns into .ico/.icns and
// the Linux icon set) with headless Chromium, since ImageMagick is not a dependency. Re-run after
// editing the SVG: node build/render-icon.mjs [path-to-chromium]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const chromium = process.argv[2] ?? process.env.CHROMIUM ?? '/usr/bin/chromium';
const size = 1024;
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'routewise-icon-'));
const page = path.join(profile, 'icon.html');
// A transparent page holding only the SVG, so the PNG keeps the rounded corners' transparency.
fs.writeFileSync(
  page,
  `<!doctype html><html><body style="margin:0;background:transparent"><img src="${pathToFileURL(path.join(here, 'icon.svg')).href}" width="${size}" height="${size}" style="display:block"></body></html>`,
);
const run = spawnSync(
  chromium,
  [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--hide-scrollbars',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    `--user-data-dir=${profile}`,
    '--default-background-color=00000000',
    `--window-size=${size},${size}`,
    `--screenshot=${path.join(here, 'icon.png')}`,
    pathToFileURL(page).href,
  ],
  { stdio: 'inherit' },
);
fs.rmSync(profile, { recursive: true, force: true });
process.exit(run.status ?? 1);
