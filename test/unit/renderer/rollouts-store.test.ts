import { describe, expect, it } from 'vitest';
import { initialDraft } from '../../../renderer/src/features/rollouts/rollout-params';
import { previewTemplate, useRolloutsStore } from '../../../renderer/src/features/rollouts/rollouts-store';
import { useUiEngine } from '../../support/ui-engine';

/** The Rollouts store against a real engine (in-process): shipped templates, and the engine's parameter checks on the fields. */
describe('rollouts store with a real engine', () => {
  useUiEngine('routewise-rollouts-store-');

  it('loads the shipped templates with their typed parameters, and an empty history', async () => {
    await useRolloutsStore.getState().load();
    const s = useRolloutsStore.getState();
    expect(s.listError).toBeNull();
    expect(s.plans).toEqual([]);
    const ntp = s.templates.find((t) => t.name === 'ntp');
    expect(ntp?.parameters.servers?.type).toBe('ipv4-list');
  });

  it("puts the engine's validation message on the field, and previews a valid change per platform", async () => {
    const ntp = useRolloutsStore.getState().templates.find((t) => t.name === 'ntp')!;
    const bad = await previewTemplate(ntp, { ...initialDraft(ntp), servers: '192.0.2.1, 192.0.2.300' });
    expect(bad.error).toBeNull();
    expect(bad.errors.servers).toMatch(/not an IPv4 address/);
    const wrongEnum = await previewTemplate(ntp, { ...initialDraft(ntp), servers: '192.0.2.1', timezone: 'Mars/Olympus' });
    expect(wrongEnum.errors.timezone).toMatch(/must be one of/);
    const ok = await previewTemplate(ntp, { ...initialDraft(ntp), servers: '192.0.2.1' });
    expect(ok.errors).toEqual({});
    expect(ok.rendered.find((r) => r.platform === 'iosxe')?.config).toContain('ntp server 192.0.2.1 prefer');
  });

  it('says why selecting a plan that does not exist failed, and keeps live steps per plan', async () => {
    await useRolloutsStore.getState().select('ro-nope');
    expect(useRolloutsStore.getState().planError).not.toBeNull();
    expect(useRolloutsStore.getState().plan).toBeNull();
    const step = { planId: 'p1', phaseIndex: 0, address: '127.0.0.1', step: 'commit', outcome: 'ok' as const, message: 'committed', at: new Date().toISOString() };
    for (let i = 0; i < 2005; i++) useRolloutsStore.getState().stepReceived(step);
    expect(useRolloutsStore.getState().steps.p1).toHaveLength(2000);
  });
});
