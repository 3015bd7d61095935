import { describe, expect, it } from 'vitest';
import { useComplianceStore } from '../../../renderer/src/features/compliance/compliance-store';
import { useUiEngine } from '../../support/ui-engine';

/** The Compliance store against a real engine (in-process): the rule pack, waivers and a report export. */
describe('compliance store with a real engine', () => {
  useUiEngine('routewise-compliance-store-');

  it('loads the active pack with its rules and an evaluation of an empty inventory', async () => {
    await useComplianceStore.getState().load();
    const s = useComplianceStore.getState();
    expect(s.error).toBeNull();
    expect(s.rules?.rules.length).toBeGreaterThan(0);
    expect(s.pack?.version).toBe(s.rules?.pack.version);
    expect(s.devices).toBe(0);
    expect(s.totals?.scorePct).toBeNull();
  });

  it('adds and revokes a waiver; refuses a past expiry before asking the engine, and shows the engine refusing an unknown rule', async () => {
    const ruleId = useComplianceStore.getState().rules!.rules[0]!.id;
    const draft = { ruleId, deviceId: '*', reason: 'vendor fix pending', owner: 'netops', expiresOn: '2099-06-30' };
    expect(await useComplianceStore.getState().addWaiver({ ...draft, expiresOn: '2001-01-01' })).toBe(false);
    expect(useComplianceStore.getState().waiverError).toMatch(/future/);
    expect(await useComplianceStore.getState().addWaiver({ ...draft, ruleId: 'NO-SUCH-RULE' })).toBe(false);
    expect(useComplianceStore.getState().waiverError).toMatch(/NO-SUCH-RULE/);
    expect(await useComplianceStore.getState().addWaiver(draft)).toBe(true);
    const [w] = useComplianceStore.getState().waivers;
    expect(w).toMatchObject({ ruleId, deviceId: '*', owner: 'netops', expired: false, expiresAt: '2099-06-30T23:59:59.000Z' });
    await useComplianceStore.getState().revokeWaiver(w!.id);
    expect(useComplianceStore.getState().waivers).toEqual([]);
  });

  it('exports a report: file name, size of the decoded content, a download URL', async () => {
    await useComplianceStore.getState().buildReport({ framework: 'nist-800-53', format: 'json', from: '', to: '' });
    const r = useComplianceStore.getState().report;
    expect(useComplianceStore.getState().reportError).toBeNull();
    expect(r?.fileName).toMatch(/^routewise-nist-800-53-\d{4}-\d{2}-\d{2}\.json$/);
    const body = await (await fetch(r!.url)).text();
    expect(JSON.parse(body)).toBeTypeOf('object');
    expect(r!.bytes).toBe(Buffer.byteLength(body));
  });
});
