import type { ApiClient } from '../../../shared/api/client';
import { scanLabViaApi } from './app-helpers';
import { connectToHost } from './engine-client';
import { chromiumAvailable, expect, openApp, test } from './fixtures';
import { serveHost } from './serve-host';

test.skip(!chromiumAvailable, 'Debian chromium is not installed (apt-get install chromium)');

// This spec's lab block: no other test starts a lab in 127.36.0.0/16.
const BASE = '127.36.0.0';
// Documentation address (RFC 5737): written into device configs only, never contacted.
const NTP_SERVER = '192.0.2.123';

/** Lab up and scanned over SNMP, with the SSH credential the rollout's drivers use remembered per device. */
async function scannedLab(api: ApiClient, devices: number, extra: { scenario?: 'pilot-gate-failure'; timeScale?: number } = {}) {
  const lab = await api.call('lab.start', { devices, base: BASE, seed: 3, ...extra });
  await scanLabViaApi(api, lab, BASE, { ssh: true });
  return lab;
}

test('rollouts: the wizard plans the ntp template on two lab devices, shows the pilot reasoning and diffs, runs to confirmed, and the archive shows the change', async ({ page }) => {
  test.setTimeout(300_000);
  // A fresh engine: other specs in this worker leave devices in the shared host's inventory.
  const host = await serveHost();
  const { api, close } = await connectToHost(host);
  try {
    const lab = await scannedLab(api, 6);
    const iosxe = lab.devices.find((d) => d.platform === 'iosxe');
    const junos = lab.devices.find((d) => d.platform === 'junos');
    expect(iosxe && junos, 'the lab has an IOS-XE and a Junos device').toBeTruthy();
    const inventory = (await api.call('inventory.list', {})).items;
    const iosxeId = inventory.find((d) => d.address === iosxe!.address)!.id;
    await api.call('archive.backup', { deviceId: iosxeId, sshPort: iosxe!.sshPort });

    await openApp(page, host);
    await page.keyboard.press('Alt+4');
    await expect(page.locator('main#main h1')).toHaveText('Rollouts');
    await page.getByRole('button', { name: 'New rollout' }).click();
    const wizard = page.getByTestId('rollout-wizard');

    // 1. Template.
    await wizard.getByRole('button', { name: 'Use template ntp', exact: true }).click();
    // 2. Parameters: the engine's validation message lands on the field.
    await wizard.getByLabel(/^servers/).fill('192.0.2.300');
    await wizard.getByRole('button', { name: 'Next: targets' }).click();
    await expect(wizard.locator('#ro-param-servers-error')).toContainText('not an IPv4 address');
    await wizard.getByLabel(/^servers/).fill(NTP_SERVER);
    await wizard.getByRole('button', { name: 'Next: targets' }).click();
    // 3. Targets: two devices, the engine picks the pilot; one wave; no soak so the test stays short.
    const picker = wizard.getByRole('list', { name: 'Target devices' });
    await picker.getByRole('checkbox', { name: new RegExp(iosxe!.address.replace(/\./g, '\\.')) }).check();
    await picker.getByRole('checkbox', { name: new RegExp(junos!.address.replace(/\./g, '\\.')) }).check();
    await wizard.getByLabel('Waves after the pilot').fill('100%');
    await wizard.getByLabel('Confirm within (s)').fill('120');
    await wizard.getByLabel('Soak (s)').fill('0');
    await wizard.getByRole('checkbox', { name: /No new critical/ }).uncheck();
    await wizard.getByRole('button', { name: 'Plan and review diffs' }).click();

    // 4. Review: the pilot's reasoning, two phases, each device's diff adds the server.
    const plan = wizard.getByTestId('rollout-plan');
    await expect(plan.getByTestId('rollout-status')).toHaveText('draft', { timeout: 60_000 });
    const planId = await plan.getAttribute('data-plan-id');
    const stored = await api.call('rollout.get', { planId: planId! });
    expect(stored.pilotReasoning.length).toBeGreaterThan(0);
    await expect(plan.getByTestId('rollout-pilot-reasoning')).toHaveText(stored.pilotReasoning);
    await expect(plan.getByTestId('rollout-phase')).toHaveCount(stored.phases.length);
    for (const d of stored.devices) {
      const row = plan.locator(`[data-testid="rollout-device"][data-address="${d.address}"]`);
      await row.getByText('Diff against the running configuration').click();
      await expect(row.getByTestId('rollout-diff')).toContainText(NTP_SERVER);
    }
    await page.screenshot({ path: test.info().outputPath('rollout-review.png'), fullPage: true });

    await plan.getByRole('button', { name: 'Approve' }).click();
    await expect(plan.getByTestId('rollout-status')).toHaveText('approved');
    expect((await api.call('rollout.get', { planId: planId! })).approvedBy).not.toBeNull();
    await plan.getByRole('button', { name: 'Run' }).click();

    // Live: each device reaches confirmed, the plan completes, and steps arrived as events.
    for (const d of stored.devices) {
      await expect(plan.locator(`[data-testid="rollout-device"][data-address="${d.address}"]`)).toHaveAttribute('data-state', 'confirmed', { timeout: 120_000 });
    }
    await expect(plan.getByTestId('rollout-status')).toHaveText('completed', { timeout: 60_000 });
    await expect(plan.getByTestId('rollout-steps').getByRole('listitem').first()).toBeVisible();
    const done = await api.call('rollout.get', { planId: planId! });
    expect(done.devices.map((d) => d.state)).toEqual(stored.devices.map(() => 'confirmed'));
    await page.screenshot({ path: test.info().outputPath('rollout-completed.png'), fullPage: true });

    // History lists the plan; Roll back is offered for a completed plan.
    await page.getByRole('button', { name: 'Close the wizard' }).click();
    await expect(page.getByTestId('rollout-history')).toContainText('ntp');
    await expect(page.getByTestId('rollout-plan').getByRole('button', { name: 'Roll back' })).toBeVisible();

    // Config archive: back up the changed device again; the diff between the two versions shows the server.
    await page.getByRole('tab', { name: 'Config archive' }).click();
    const archive = page.getByTestId('rollout-archive');
    await archive.getByLabel('Device').selectOption(iosxeId);
    await expect(archive.getByTestId('archive-versions').locator('tbody tr')).not.toHaveCount(0);
    // The lab's SSH servers listen on their own port; the archive API defaults to 22.
    await archive.getByLabel('SSH port').fill(String(iosxe!.sshPort));
    await archive.getByRole('button', { name: 'Back up now' }).click();
    await expect.poll(async () => (await api.call('archive.list', { deviceId: iosxeId, kind: 'running' })).length, { timeout: 30_000 }).toBeGreaterThan(1);
    const versions = await api.call('archive.list', { deviceId: iosxeId, kind: 'running' });
    await archive.getByRole('radio', { name: `Diff from version ${versions[1]!.id}` }).check();
    await archive.getByRole('radio', { name: `Diff to version ${versions[0]!.id}` }).check();
    await archive.getByRole('button', { name: 'Show diff' }).click();
    await expect(archive.getByTestId('archive-diff')).toContainText(`ntp server ${NTP_SERVER}`);

    // Restore the pre-rollout version through the safe path: a dry run shows what would change, then restore + confirm.
    await archive.getByRole('button', { name: `Restore version ${versions[1]!.id}…` }).click();
    const restore = archive.getByRole('group', { name: `Restore version ${versions[1]!.id}` });
    await expect(restore.locator('pre')).toContainText(`ntp server ${NTP_SERVER}`);
    await restore.getByRole('button', { name: 'Restore this version' }).click();
    await expect(archive.getByRole('status')).toContainText(`Version ${versions[1]!.id}: restored and confirmed`, { timeout: 60_000 });
    const after = await api.call('archive.backup', { deviceId: iosxeId, sshPort: iosxe!.sshPort });
    const text = await api.call('archive.show', { versionId: after.versions.find((v) => v.kind === 'running')!.id, raw: true });
    expect(text.text).not.toContain(`ntp server ${NTP_SERVER}`);
  } finally {
    await api.call('lab.stop', {}).catch(() => undefined);
    close();
    await host.stop();
  }
});

test('rollouts: pilot-gate-failure — the run halts at the pilot, the pilot is reverted, the wave never starts, Roll back is offered', async ({ page }) => {
  test.setTimeout(300_000);
  // A fresh engine: the first test's inventory and plans stay out of this one.
  const host = await serveHost();
  const { api, close } = await connectToHost(host);
  try {
    // Lab timers run 10x faster so the device's own revert of the failed pilot does not keep the test waiting.
    const lab = await scannedLab(api, 12, { scenario: 'pilot-gate-failure', timeScale: 10 });
    // The scenario breaks the lab's first access device once a change is committed on it.
    const pilot = lab.devices.find((d) => d.role === 'access')!;
    const other = lab.devices.find((d) => d.address !== pilot.address && d.platform === pilot.platform)!;
    expect(other, 'a second device of the pilot platform').toBeDefined();

    await openApp(page, host);
    await page.keyboard.press('Alt+4');
    await page.getByRole('button', { name: 'New rollout' }).click();
    const wizard = page.getByTestId('rollout-wizard');
    await wizard.getByRole('button', { name: 'Use template ntp', exact: true }).click();
    await wizard.getByLabel(/^servers/).fill(NTP_SERVER);
    await wizard.getByRole('button', { name: 'Next: targets' }).click();
    const picker = wizard.getByRole('list', { name: 'Target devices' });
    for (const d of [pilot, other]) await picker.getByRole('checkbox', { name: new RegExp(`${d.address.replace(/\./g, '\\.')} `) }).check();
    await wizard.getByRole('combobox', { name: /^Pilot device/ }).selectOption(pilot.address);
    await wizard.getByLabel('Waves after the pilot').fill('100%');
    await wizard.getByLabel('Confirm within (s)').fill('60');
    await wizard.getByLabel('Soak (s)').fill('0');
    await wizard.getByRole('checkbox', { name: /No new critical/ }).uncheck();
    await wizard.getByRole('button', { name: 'Plan and review diffs' }).click();

    const plan = wizard.getByTestId('rollout-plan');
    await expect(plan.getByTestId('rollout-status')).toHaveText('draft', { timeout: 60_000 });
    await expect(plan.getByTestId('rollout-phase')).toHaveCount(2);
    await expect(plan.getByTestId('rollout-phase').first().getByTestId('rollout-device')).toHaveAttribute('data-address', pilot.address);
    await plan.getByRole('button', { name: 'Approve' }).click();
    await expect(plan.getByTestId('rollout-status')).toHaveText('approved');
    await plan.getByRole('button', { name: 'Run' }).click();

    await expect(plan.getByTestId('rollout-status')).toHaveText('halted', { timeout: 180_000 });
    const planId = await plan.getAttribute('data-plan-id');
    const done = await api.call('rollout.get', { planId: planId! });
    expect(done.status).toBe('halted');
    const pilotRow = plan.locator(`[data-testid="rollout-device"][data-address="${pilot.address}"]`);
    await expect(pilotRow).toHaveAttribute('data-state', done.devices.find((d) => d.address === pilot.address)!.state);
    expect(['reverted', 'rolled-back']).toContain(done.devices.find((d) => d.address === pilot.address)!.state);
    await expect(pilotRow.locator('.form-error')).not.toBeEmpty();
    await expect(plan.locator(`[data-testid="rollout-device"][data-address="${other.address}"]`)).toHaveAttribute('data-state', 'pending');
    await expect(plan.getByTestId('rollout-summary')).toHaveText(done.summary!);
    await expect(plan.getByTestId('rollout-steps')).toContainText('failed');
    await expect(plan.getByRole('button', { name: 'Roll back' })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('rollout-halted.png'), fullPage: true });
    // Roll back from the view: the plan ends rolled back, as the engine records it.
    await plan.getByRole('button', { name: 'Roll back' }).click();
    await expect(plan.getByTestId('rollout-status')).toHaveText('rolled-back', { timeout: 120_000 });
    expect((await api.call('rollout.get', { planId: planId! })).status).toBe('rolled-back');
  } finally {
    await api.call('lab.stop', {}).catch(() => undefined);
    close();
    await host.stop();
  }
});
