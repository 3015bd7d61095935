#!/usr/bin/env node
// `npm test`: every tier in order — typecheck, lint, unit, integration, end-to-end — then one summary line
// ("N passed, N failed, N skipped") that CI reads. A tier that needs a Debian package may skip with a printed
// reason, except under ROUTEWISE_REQUIRE_ALL=1 (set by .ci/run), where only the Electron-binary test may skip.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const only = process.argv.slice(2);

const tiers = [
  { name: 'typecheck', cmd: ['npx', 'tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'lint', cmd: ['npx', 'eslint', '.', '--max-warnings', '0'] },
  {
    name: 'unit',
    cmd: ['npx', 'vitest', 'run', '--project', 'unit', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/vitest-unit.json`],
    counts: () => vitestCounts(`${results}/vitest-unit.json`),
  },
  {
    name: 'integration',
    cmd: ['npx', 'vitest', 'run', '--project', 'integration', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/vitest-integration.json`],
    counts: () => vitestCounts(`${results}/vitest-integration.json`),
  },
  {
    name: 'e2e',
    cmd: ['npx', 'playwright', 'test', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${results}/playwright.json` },
    counts: () => playwrightCounts(`${results}/playwright.json`),
  },
];

const total = { passed: 0, failed: 0, skipped: 0 };
const summary = [];
for (const tier of tiers) {
  if (only.length && !only.includes(tier.name)) continue;
  process.stdout.write(`\n=== ${tier.name}: ${tier.cmd.join(' ')}\n`);
  const started = Date.now();
  const run = spawnSync(tier.cmd[0], tier.cmd.slice(1), { cwd: root, stdio: 'inherit', env: { ...process.env, ...tier.env } });
  const ok = run.status === 0;
  const c = tier.counts ? safeCounts(tier.counts) : { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
  if (!ok && c.failed === 0) c.failed = 1; // a runner that crashed before reporting still fails the tier
  total.passed += c.passed;
  total.failed += c.failed;
  total.skipped += c.skipped;
  summary.push(`${tier.name.padEnd(12)} ${ok ? 'ok  ' : 'FAIL'} ${String(c.passed).padStart(5)} passed ${String(c.failed).padStart(4)} failed ${String(c.skipped).padStart(4)} skipped  ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

process.stdout.write(`\n=== summary\n${summary.join('\n')}\n`);
process.stdout.write(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
process.exit(total.failed > 0 ? 1 : 0);

function safeCounts(fn) {
  try {
    return fn();
  } catch {
    return { passed: 0, failed: 0, skipped: 0 };
  }
}

function vitestCounts(file) {
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  // A suite that failed to load has no failed tests of its own: count it once.
  const brokenSuites = (r.testResults ?? []).filter((t) => t.status === 'failed' && !(t.assertionResults ?? []).some((a) => a.status === 'failed')).length;
  return { passed: r.numPassedTests ?? 0, failed: (r.numFailedTests ?? 0) + brokenSuites, skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) };
}

function playwrightCounts(file) {
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  const s = r.stats ?? {};
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0 };
}
