import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../foundation/support/cli';
import { requireTool } from '../../support/require-tool';
import { makeTempDir } from '../../support/temp-dir';
import { sharedFixturesDir } from '../../support/shared-fixtures';

const hasPdfTools = requireTool('chromium', 'Debian chromium is needed to print the PDF') && requireTool('pdftotext', 'pdftotext (poppler-utils) reads the PDF back');

/** Puts devices straight into the store (as a scan would), so the report has an inventory without a network. */
function seedInventory(dataDir: string): void {
  const db = new BetterSqlite3(path.join(dataDir, 'routewise.sqlite'));
  const now = '2024-06-01T00:00:00.000Z';
  const add = db.prepare(`insert into devices (id, address, port, address_key, hostname, sys_name, sys_descr, sys_object_id, vendor, platform, os_version, model, serial, facts_json, ai_json, ai_capable, credential_id, ssh_credential_id, warnings_json, first_seen, last_seen, last_scan_id)
    values (@id, @address, 161, @key, null, @name, null, null, @vendor, @platform, @version, @model, null, @facts, @ai, @aiCapable, null, null, '[]', @now, @now, 'seed')`);
  const ai = JSON.stringify({ capable: true, features: ['cloud-ai-service'], evidence: [], catalogVersion: 'test' });
  for (const d of [
    { id: 'dev-dist1', address: '127.0.10.4', name: 'dist1', vendor: 'Cisco', platform: 'iosxe', version: '17.9.4a', model: 'C9300-48P', ai: null },
    { id: 'dev-srx', address: '127.0.10.9', name: 'edge-srx', vendor: 'Juniper Networks', platform: 'junos', version: '22.4R3-S2', model: 'SRX345', ai },
  ]) {
    add.run({ ...d, key: d.address, now, aiCapable: d.ai ? 1 : 0, facts: JSON.stringify({ platform: d.platform, osVersion: d.version, model: d.model, vendor: d.vendor, sources: ['snmp'] }) });
  }
  db.close();
}

describe('routewise report (CLI, real store, Chromium, pdftotext)', () => {
  const tmp = makeTempDir('routewise-compliance-');
  const dataDir = path.join(tmp.dir, 'data');
  const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args], { timeoutMs: 120_000 });
  const fixture = (p: string) => path.join(repoRoot, 'test/fixtures/configs', p);

  beforeAll(async () => {
    expect((await cli('compliance', 'rules')).code).toBe(0);
    seedInventory(dataDir);
    for (const [dev, kind, file] of [
      ['dev-dist1', 'running', 'iosxe/lab-dist1.txt'],
      ['dev-dist1', 'approved', 'iosxe/hardened-c9300.txt'],
      ['dev-srx', 'running', 'junos/srx-curly-hardened.txt'],
    ] as const) {
      const r = await cli('compliance', 'import-config', '--device', dev, '--kind', kind, fixture(file));
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const w = await cli('compliance', 'waive', '--rule', 'RW-AAA', '--device', 'dev-dist1', '--reason', 'TACACS+ servers arrive in Q3', '--owner', 'netops-lead', '--expires', '2099-01-01');
    expect(w.code).toBe(0);
  });
  afterAll(() => tmp.cleanup());

  it('evaluate --json gives findings with config line evidence and the waiver', async () => {
    const r = await cli('--json', 'compliance', 'evaluate', '--device', 'dev-dist1');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; status: string; waiver?: { owner: string }; evidence: Array<{ line?: number; text?: string }> }> };
    const v2c = out.findings.find((f) => f.ruleId === 'RW-SNMP-NO-V1V2C')!;
    expect(v2c.evidence[0]).toMatchObject({ text: 'snmp-server community <redacted> RO' });
    expect(out.findings.find((f) => f.ruleId === 'RW-AAA')!.waiver?.owner).toBe('netops-lead');
    expect(out.findings.find((f) => f.ruleId === 'DRIFT-APPROVED')!.status).toBe('fail');
    expect(r.stdout).not.toContain('routewise-lab');
  });

  it('OSCAL export validates against the NIST assessment-results schema', async () => {
    const out = path.join(tmp.dir, 'ar.json');
    expect((await cli('report', '--framework', 'nist-800-53', '--format', 'oscal', '--out', out)).code).toBe(0);
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(`${sharedFixturesDir()}/oscal/oscal_assessment-results_schema.json`, 'utf8')) as object);
    const ok = validate(JSON.parse(readFileSync(out, 'utf8')));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('CSV and JSON exports carry the findings, secrets redacted', async () => {
    const csv = path.join(tmp.dir, 'f.csv');
    expect((await cli('report', '--framework', 'pci-dss', '--format', 'csv', '--out', csv)).code).toBe(0);
    const text = readFileSync(csv, 'utf8');
    expect(text).toMatch(/^device_id,device,rule_id/);
    expect(text).toContain('dev-dist1,dist1,RW-SNMP-NO-V1V2C');
    expect(text).not.toContain('routewise-lab');
  });

  it.skipIf(!hasPdfTools)('PDF text contains the findings, page numbers and the intact chain; a tampered audit row is named', async () => {
    const pdf = path.join(tmp.dir, 'r.pdf');
    const r = await cli('report', '--framework', 'cis', '--format', 'pdf', '--out', pdf, '--from', '2000-01-01', '--to', '2099-12-31');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('RW-SNMP-NO-V1V2C');
    expect(text).toContain('snmp-server community <redacted> RO');
    expect(text).toMatch(/running line \d+: snmp-server community/);
    expect(text).toMatch(/Page 1 of \d+/);
    expect(text).toMatch(/chain intact: \d+ entries/);
    expect(text).toContain('netops-lead');
    expect(text).not.toContain('routewise-lab');

    // Tamper with one audit row directly in the SQLite file: the report must name that entry.
    const db = new BetterSqlite3(path.join(dataDir, 'routewise.sqlite'));
    const row = db.prepare("select seq from audit_log where action = 'compliance.waiver-added'").get() as { seq: number };
    db.prepare("update audit_log set actor = 'someone-else' where seq = ?").run(row.seq);
    db.close();
    const html = path.join(tmp.dir, 'r.html');
    expect((await cli('report', '--framework', 'cis', '--format', 'html', '--out', html)).code).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain(`chain BROKEN at entry ${row.seq} (hash-mismatch)`);
    const pdf2 = path.join(tmp.dir, 'r2.pdf');
    expect((await cli('report', '--framework', 'cis', '--format', 'pdf', '--out', pdf2)).code).toBe(0);
    expect(execFileSync('pdftotext', [pdf2, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain(`chain BROKEN at entry ${row.seq}`);
    const verify = await cli('audit', 'verify');
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(`chain BROKEN at entry ${row.seq}`);
  });
});
