#!/usr/bin/env node
// Electron security scan: @doyensec/electronegativity over electron/ (and dist/electron when built).
// Writes test-results/electronegativity/{source,dist}.sarif and findings.json, prints every finding, and
// exits 1 only for findings not accepted, with a written reason, in build/electronegativity-accepted.json.
//
// Two workarounds, both because of how electronegativity 1.10 is packaged:
// - its CLI (dist/index.js) calls commander's pre-v7 API and breaks against the commander 14 this project
//   hoists, so the runner is called directly;
// - it fetches translations (i18n.js) and Electron release data (AvailableSecurityFixesGlobalCheck) with
//   `got` on every run. This script must not reach the network, so `got` is replaced by a stub that fails
//   at once; translations then come from the package's bundled en-US file, and the release-data check is
//   excluded (`npm audit`/Dependabot cover known Electron CVEs).
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'test-results', 'electronegativity');
const allowlistFile = path.join(root, 'build', 'electronegativity-accepted.json');
const require = createRequire(import.meta.url);

const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
/** Files whose parse failure would hide findings that matter: fail rather than scan them blind. */
const MUST_PARSE = [/^electron\/(main|preload)\//, /^dist\/electron\/(main|preload)\//];

function offlineGot() {
  return Promise.reject(new Error('network access is disabled for this scan'));
}
offlineGot.get = offlineGot;
offlineGot.post = offlineGot;
offlineGot.extend = () => offlineGot;

/** Loads the electronegativity runner with `got` stubbed out (see the header). */
export function loadRunner() {
  const originalLoad = Module._load;
  Module._load = function load(request, ...rest) {
    if (request === 'got') return offlineGot;
    return originalLoad.call(this, request, ...rest);
  };
  process.env.LANG = 'en-US';
  const quietLog = console.log;
  try {
    return require('@doyensec/electronegativity/dist/runner.js');
  } finally {
    console.log = quietLog;
  }
}

/** Reads and checks the allowlist: every entry names a check and gives a reason a reviewer can judge. */
export function readAllowlist(file = allowlistFile) {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(raw.accepted)) throw new Error(`${file}: expected {"accepted": [...]}`);
  return raw.accepted.map((entry, i) => {
    if (typeof entry.check !== 'string' || !entry.check) throw new Error(`${file}: accepted[${i}] has no "check"`);
    if (typeof entry.reason !== 'string' || entry.reason.trim().length < 30) {
      throw new Error(`${file}: accepted[${i}] (${entry.check}) needs a "reason" of at least 30 characters`);
    }
    if (entry.file !== undefined && typeof entry.file !== 'string') throw new Error(`${file}: accepted[${i}].file must be a string`);
    return { check: entry.check, file: entry.file, reason: entry.reason.trim() };
  });
}

/** An entry accepts a finding with the same check id in the same file (or in any file, if it names none). */
export function isAccepted(finding, allowlist) {
  return allowlist.find((a) => a.check.toLowerCase() === finding.check.toLowerCase() && (!a.file || a.file === finding.file));
}

async function scan(run, input, label) {
  // The runner prints this on every run because its translation fetch is stubbed out (see the header).
  const log = console.log;
  console.log = (...args) => {
    if (!String(args[0]).startsWith('Could not retrieve updated translations')) log(...args);
  };
  const result = await run(
    {
      input: path.join(root, input),
      output: path.join(outDir, `${label}.sarif`),
      isSarif: true,
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS,
      severitySet: undefined,
      confidenceSet: undefined,
      isRelative: false,
      isVerbose: true,
      electronUpgrade: undefined,
      electronVersionOverride: readElectronVersion(),
      parserPlugins: [],
    },
    false,
  );
  console.log = log;
  const rel = (f) => path.relative(root, f).split(path.sep).join('/');
  return {
    findings: result.issues.map((i) => ({
      check: i.id,
      file: rel(i.file),
      line: i.location?.line ?? 0,
      column: i.location?.column ?? 0,
      severity: i.severity?.name ?? String(i.severity?.value ?? ''),
      confidence: i.confidence?.name ?? String(i.confidence?.value ?? ''),
      manualReview: Boolean(i.manualReview),
      description: i.description,
      url: i.shortenedURL,
    })),
    errors: result.errors.map((e) => ({ file: rel(e.file), message: e.message, tolerable: e.tolerable })),
  };
}

function readElectronVersion() {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const allowlist = readAllowlist();
  const { default: run } = { default: loadRunner() };
  const inputs = [['electron', 'source']];
  if (fs.existsSync(path.join(root, 'dist/electron'))) inputs.push(['dist/electron', 'dist']);
  else process.stdout.write('dist/electron is not built; scanning the sources only (npm run build to scan the bundles too)\n');

  const all = { findings: [], errors: [] };
  for (const [input, label] of inputs) {
    const r = await scan(run, input, label);
    all.findings.push(...r.findings);
    all.errors.push(...r.errors);
  }

  const unaccepted = [];
  const used = new Set();
  for (const f of all.findings) {
    const entry = isAccepted(f, allowlist);
    f.accepted = entry ? entry.reason : null;
    if (entry) used.add(entry);
    else unaccepted.push(f);
    const mark = entry ? 'accepted' : 'FINDING ';
    process.stdout.write(`${mark} ${f.check} ${f.file}:${f.line}:${f.column} [${f.severity}/${f.confidence}]${f.manualReview ? ' (review)' : ''}\n`);
    process.stdout.write(`         ${entry ? `why accepted: ${entry.reason}` : `${f.description ?? ''} ${f.url ?? ''}`}\n`);
  }
  const blind = all.errors.filter((e) => !e.tolerable && MUST_PARSE.some((re) => re.test(e.file)));
  for (const e of all.errors) {
    process.stdout.write(`${e.tolerable ? 'parse warning' : 'PARSE ERROR'} ${e.file}: ${e.message}\n`);
  }
  for (const a of allowlist) if (!used.has(a)) process.stdout.write(`note: allowlist entry ${a.check}${a.file ? ` (${a.file})` : ''} matched nothing; remove it\n`);

  fs.writeFileSync(path.join(outDir, 'findings.json'), `${JSON.stringify({ ...all, excludedChecks: EXCLUDED_CHECKS }, null, 2)}\n`);
  process.stdout.write(
    `\nelectronegativity: ${all.findings.length} findings, ${all.findings.length - unaccepted.length} accepted, ${unaccepted.length} not accepted; ` +
      `${blind.length} unparsed main/preload files. Reports in ${path.relative(root, outDir)}/\n`,
  );
  process.exit(unaccepted.length || blind.length ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    process.stderr.write(`electronegativity scan failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(2);
  });
}
