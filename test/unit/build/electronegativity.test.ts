import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';

const root = path.resolve(import.meta.dirname, '../../..');

interface Allowed {
  check: string;
  file?: string;
  reason: string;
}
interface ScanModule {
  loadRunner(): (options: Record<string, unknown>, forCli: boolean) => Promise<{ issues: Array<{ id: string }>; errors: unknown[] }>;
  readAllowlist(file?: string): Allowed[];
  isAccepted(finding: { check: string; file: string }, allowlist: Allowed[]): Allowed | undefined;
}
const load = async () => (await import(pathToFileURL(path.join(root, 'scripts/electronegativity.mjs')).href)) as ScanModule;

describe('electronegativity scan (scripts/electronegativity.mjs)', () => {
  it('finds the classic mistakes in a deliberately insecure app, offline', async () => {
    const { loadRunner } = await load();
    const run = loadRunner();
    const result = await run(
      {
        input: path.join(import.meta.dirname, 'fixtures/insecure-app'),
        customScan: [],
        excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
        electronVersionOverride: '39.8.10',
        parserPlugins: [],
      },
      false,
    );
    const ids = new Set(result.issues.map((i) => i.id));
    for (const id of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'HTTP_RESOURCES_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK', 'CSP_GLOBAL_CHECK']) {
      expect(ids, id).toContain(id);
    }
  }, 60_000);

  it('the project itself has no finding that is not accepted with a reason', () => {
    const run = spawnSync(process.execPath, [path.join(root, 'scripts/electronegativity.mjs')], { cwd: root, encoding: 'utf8' });
    expect(run.stdout).toMatch(/electronegativity: \d+ findings, \d+ accepted, 0 not accepted; 0 unparsed/);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(fs.existsSync(path.join(root, 'test-results/electronegativity/source.sarif'))).toBe(true);
  }, 120_000);

  it('refuses allowlist entries without a real reason', async () => {
    const { readAllowlist } = await load();
    const tmp = makeTempDir('routewise-allow-');
    try {
      const file = path.join(tmp.dir, 'a.json');
      fs.writeFileSync(file, JSON.stringify({ accepted: [{ check: 'CSP_GLOBAL_CHECK', reason: 'ok' }] }));
      expect(() => readAllowlist(file)).toThrow(/reason/);
      fs.writeFileSync(file, JSON.stringify({ accepted: [{ reason: 'a reason that is long enough to count' }] }));
      expect(() => readAllowlist(file)).toThrow(/check/);
    } finally {
      tmp.cleanup();
    }
    for (const entry of readAllowlist()) expect(entry.reason.length).toBeGreaterThanOrEqual(30);
  });

  it('accepts a finding only for the same check and file', async () => {
    const { isAccepted } = await load();
    const list: Allowed[] = [{ check: 'CSP_GLOBAL_CHECK', file: 'electron/main/web-security.ts', reason: 'r'.repeat(30) }];
    expect(isAccepted({ check: 'CSP_GLOBAL_CHECK', file: 'electron/main/web-security.ts' }, list)).toBeTruthy();
    expect(isAccepted({ check: 'CSP_GLOBAL_CHECK', file: 'electron/main/window.ts' }, list)).toBeUndefined();
    expect(isAccepted({ check: 'SANDBOX_JS_CHECK', file: 'electron/main/web-security.ts' }, list)).toBeUndefined();
  });
});
