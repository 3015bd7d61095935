import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../electron/engine/engine';
import { connectInProcess } from '../../../electron/engine/rpc/in-process';
import { applyRuleEdit, checkRuleText, editedPackPath, nextPatchVersion } from '../../../electron/engine/compliance/rules/pack-editor';
import { loadPackText } from '../../../electron/engine/compliance/rules/rule-pack';
import { makeTempDir } from '../../support/temp-dir';

const root = path.resolve(import.meta.dirname, '../../..');
const shippedText = readFileSync(path.join(root, 'rules/core.yaml'), 'utf8');
const shipped = loadPackText(shippedText, 'core.yaml');
const noTemplates = new Map();

describe('checking an edited rule', () => {
  const idle = shipped.pack.rules.find((r) => r.id === 'RW-IDLE-TIMEOUT')!;
  const opts = { originalId: idle.id, otherIds: shipped.pack.rules.map((r) => r.id), templates: noTemplates };
  const yamlOf = (r: object) => JSON.stringify(r, null, 1); // JSON is YAML

  it('names the field and its line for a schema error, and the line for a syntax error', () => {
    const text = `id: RW-IDLE-TIMEOUT\ntitle: t\nrationale: r\nseverity: severe\nchecks:\n  ios: { type: present, match: '^x' }\nremediation: { text: fix }\nframeworks: {}\n`;
    const bad = checkRuleText(text, opts);
    expect(bad.rule).toBeUndefined();
    expect(bad.issues).toEqual([expect.objectContaining({ path: 'severity', line: 4 })]);
    const regex = checkRuleText(text.replace('severity: severe', 'severity: low').replace("'^x'", "'^x('"), opts);
    expect(regex.issues).toEqual([expect.objectContaining({ path: 'checks.ios.match', message: 'not a valid regular expression', line: 6 })]);
    const syntax = checkRuleText('id: [unclosed\n', opts);
    expect(syntax.issues[0]).toMatchObject({ path: '', message: expect.stringMatching(/not valid YAML/) });
  });

  it('refuses an id another rule has, and a template that does not exist', () => {
    expect(checkRuleText(yamlOf({ ...idle, id: 'RW-AAA' }), opts).issues).toContainEqual({ path: 'id', message: 'another rule already has the id RW-AAA' });
    expect(checkRuleText(yamlOf(idle), opts).issues).toEqual([expect.objectContaining({ path: 'remediation.template', message: expect.stringMatching(/no rollout template named idle-timeout/) })]);
  });

  it('replaces one rule and the version, keeping the comments and every other rule', () => {
    const weaker = { ...idle, severity: 'low' as const };
    const text = applyRuleEdit(shippedText, idle.id, weaker, nextPatchVersion(shipped.pack.version));
    expect(text).toContain('# Routewise core rule pack');
    const edited = loadPackText(text, 'edited');
    expect(edited.pack.version).toBe(nextPatchVersion(shipped.pack.version));
    expect(edited.pack.rules.find((r) => r.id === idle.id)!.severity).toBe('low');
    expect(Object.entries(edited.ruleHashes).filter(([id, h]) => shipped.ruleHashes[id] !== h).map(([id]) => id)).toEqual([idle.id]);
    expect(nextPatchVersion('1.1.9')).toBe('1.1.10');
  });
});

let engine: Engine | undefined;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  await engine?.close();
  cleanup?.();
});

describe('the rule pack editor API', () => {
  it('saves an edit as a new version (audited), flags a same-version edit, and reverts to the shipped pack', async () => {
    const tmp = makeTempDir();
    cleanup = tmp.cleanup;
    engine = await createEngine({ dataDir: tmp.dir, host: 'test', masterKey: Buffer.alloc(32, 7) });
    const { client } = connectInProcess(engine, 'test');
    const src = await client.call('compliance.packSource', {});
    expect(src).toMatchObject({ source: 'shipped', pack: { version: shipped.pack.version, hash: shipped.hash, changedWithoutVersionBump: false }, nextVersion: nextPatchVersion(shipped.pack.version) });
    const idle = src.rules.find((r) => r.id === 'RW-IDLE-TIMEOUT')!;
    expect(idle.yaml).toContain('exec-timeout');

    const bad = await client.call('compliance.checkRule', { ruleId: idle.id, yaml: idle.yaml.replace('severity: medium', 'severity: whatever') });
    expect(bad).toMatchObject({ ok: false, issues: [{ path: 'severity' }] });
    await expect(client.call('compliance.saveRule', { ruleId: idle.id, yaml: idle.yaml.replace('severity: medium', 'severity: whatever'), version: src.nextVersion })).rejects.toThrow(/severity/);
    expect(existsSync(editedPackPath(tmp.dir))).toBe(false);

    const weakened = idle.yaml.replace('value: 10', 'value: 60');
    expect(weakened).not.toBe(idle.yaml);
    expect(await client.call('compliance.checkRule', { ruleId: idle.id, yaml: weakened })).toEqual({ ok: true, issues: [] });
    const saved = await client.call('compliance.saveRule', { ruleId: idle.id, yaml: weakened, version: src.nextVersion });
    expect(saved.pack).toMatchObject({ version: src.nextVersion, changedWithoutVersionBump: false });
    expect(saved.pack.hash).not.toBe(shipped.hash);
    expect((await client.call('compliance.packSource', {})).source).toBe('edited');

    // The same version again with another change: flagged, and the audit chain names the rule.
    const again = await client.call('compliance.saveRule', { ruleId: idle.id, yaml: weakened.replace('severity: medium', 'severity: low'), version: src.nextVersion });
    expect(again.pack.changedWithoutVersionBump).toBe(true);
    const audit = await client.call('audit.list', { limit: 50 });
    const changes = audit.filter((e) => e.action === 'compliance.pack-changed');
    expect(changes.at(0)?.details).toMatchObject({ sameVersion: true, modified: ['RW-IDLE-TIMEOUT'] });
    expect(audit.filter((e) => e.action === 'compliance.rule-edited')).toHaveLength(2);

    const reverted = await client.call('compliance.revertPack', {});
    expect(reverted).toMatchObject({ reverted: true, pack: { hash: shipped.hash, version: shipped.pack.version, changedWithoutVersionBump: false } });
    expect(existsSync(editedPackPath(tmp.dir))).toBe(false);
    expect((await client.call('audit.verify', {})).intact).toBe(true);
  });
});
