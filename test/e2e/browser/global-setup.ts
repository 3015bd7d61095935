import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const builtIndex = path.join(root, 'dist', 'renderer', 'index.html');
const inputs = ['renderer', 'shared', 'vite.config.ts', 'package-lock.json'].map((p) => path.join(root, p));
const lockDir = path.join(root, 'dist', '.renderer-build.lock');

function newestMtimeMs(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtimeMs(path.join(p, entry)));
  return newest;
}

export function rendererIsStale(): boolean {
  if (!fs.existsSync(builtIndex)) return true;
  const builtAt = fs.statSync(builtIndex).mtimeMs;
  return inputs.some((p) => newestMtimeMs(p) > builtAt);
}

/** Builds dist/renderer when it is missing or older than its sources; one build at a time across runs. */
export default async function globalSetup(): Promise<void> {
  if (!rendererIsStale()) return;
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch {
      // Another run is building; when it is done the build is fresh and we have nothing to do.
      if (Date.now() > deadline) throw new Error(`renderer build lock ${lockDir} held for 2 minutes; remove it if no build runs`);
      await new Promise((r) => setTimeout(r, 500));
      if (!fs.existsSync(lockDir) && !rendererIsStale()) return;
    }
  }
  try {
    if (!rendererIsStale()) return;
    process.stdout.write('building the renderer (npx vite build)…\n');
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}
