import { describe, expect, it } from 'vitest';
import { useComplianceStore } from '../../../renderer/src/features/compliance/compliance-store';
import { useUiEngine } from '../../support/ui-engine';

/** The rule pack editor's store against a real engine (in-process). */
describe('rule pack editor store', () => {
  useUiEngine('routewise-rule-editor-', async () => {
    await useComplianceStore.getState().load();
    await useComplianceStore.getState().loadPackSource();
  });

  it('opens a rule with the proposed next version, lists issues for a bad edit, and ignores a reply for text typed over since', async () => {
    const s = useComplianceStore.getState();
    const shippedVersion = s.packSource!.pack.version;
    s.startEdit('RW-LOGIN-BANNER');
    const edit = useComplianceStore.getState().edit!;
    expect(edit).toMatchObject({ ruleId: 'RW-LOGIN-BANNER', version: s.packSource!.nextVersion, issues: [] });
    expect(edit.version).not.toBe(shippedVersion);

    s.changeEdit({ yaml: edit.yaml.replace('severity: low', 'severity: catastrophic') });
    const pending = s.checkEdit();
    // Typed over before the reply: the reply must not mark the new text as checked.
    s.changeEdit({ yaml: edit.yaml.replace('severity: low', 'severity: high') });
    expect(await pending).toBe(false);
    expect(useComplianceStore.getState().edit!.checked).not.toBe(useComplianceStore.getState().edit!.yaml);
    s.changeEdit({ yaml: edit.yaml.replace('severity: low', 'severity: catastrophic') });
    expect(await s.checkEdit()).toBe(false);
    expect(useComplianceStore.getState().edit!.issues).toEqual([expect.objectContaining({ path: 'severity' })]);
    expect(await s.saveEdit()).toBe(false);
    expect(useComplianceStore.getState().rules!.pack.version).toBe(shippedVersion);
  });

  it('saves a good edit (the pack version and hash change in the store) and reverts to the shipped pack', async () => {
    const s = useComplianceStore.getState();
    const before = s.rules!.pack;
    s.startEdit('RW-LOGIN-BANNER');
    const edit = useComplianceStore.getState().edit!;
    s.changeEdit({ yaml: edit.yaml.replace('severity: low', 'severity: medium') });
    expect(await s.saveEdit()).toBe(true);
    const after = useComplianceStore.getState();
    expect(after.edit).toBeNull();
    expect(after.rules!.pack).toMatchObject({ version: edit.version, changedWithoutVersionBump: false });
    expect(after.rules!.pack.hash).not.toBe(before.hash);
    expect(after.packSource!.source).toBe('edited');
    expect(after.editorNotice).toContain(after.rules!.pack.hash.slice(0, 16));
    expect(after.rules!.rules.find((r) => r.id === 'RW-LOGIN-BANNER')!.severity).toBe('medium');

    await s.revertPack();
    expect(useComplianceStore.getState().rules!.pack).toMatchObject({ version: before.version, hash: before.hash });
    expect(useComplianceStore.getState().packSource!.source).toBe('shipped');
  });
});
