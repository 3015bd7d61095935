#!/usr/bin/env node
// `npm run bench [NAME...]`: runs every test/bench/*.bench.{ts,mjs} (or those whose name contains NAME), one after
// another, each printing its figures beside a reference tool. Benchmarks never assert a time.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dir = path.join(root, 'test', 'bench');
const filters = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => /\.bench\.(ts|mjs)$/.test(f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
let failed = 0;
for (const f of files) {
  process.stdout.write(`\n### ${f}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(dir, f)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    process.stdout.write(`(${f} exited with ${r.status ?? r.signal})\n`);
  }
}
process.exit(failed ? 1 : 0);
