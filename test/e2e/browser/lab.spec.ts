import { inTheme, openView } from './app-helpers';
import { connectToHost } from './engine-client';
import { chromiumAvailable, expect, openApp, test } from './fixtures';
import { serveHost } from './serve-host';

test.skip(!chromiumAvailable, 'Debian chromium is not installed (apt-get install chromium)');

// This spec's lab block: no other test starts a lab in 127.26.0.0/16.
const BASE = '127.26.0.0';

test('first launch: start the lab from the welcome card, scan it after confirming the range, every lab device in the inventory', async ({ page }) => {
  test.setTimeout(240_000);
  // A fresh engine of its own: the welcome card shows only on an empty inventory that never dismissed it.
  const host = await serveHost();
  const { api, close } = await connectToHost(host);
  try {
    await openApp(page, host);
    const card = page.getByTestId('first-launch');
    await expect(card).toBeVisible();
    await expect(card).toContainText('Start the lab');
    // "Scan my network" is the scan dialog, for a real range.
    await card.getByRole('button', { name: 'Scan my network…' }).click();
    const newScan = page.getByRole('dialog', { name: 'New scan' });
    await expect(newScan).toBeVisible();
    await newScan.getByRole('button', { name: 'Cancel' }).click();
    await expect(newScan).toBeHidden();
    await page.screenshot({ path: test.info().outputPath('first-launch-light.png'), fullPage: true });

    // The Lab view holds the start options; the welcome card starts the lab with them.
    await openView(page, 'Lab');
    await expect(page.locator('main#main h1')).toHaveText('Lab');
    await expect(page.getByTestId('lab-state')).toHaveText('Stopped');
    const scenario = page.getByLabel('Scenario');
    await scenario.selectOption('congested-uplink');
    const scenarios = await api.call('lab.scenarios', {});
    await expect(page.getByTestId('lab-scenario-description')).toHaveText(scenarios.find((s) => s.name === 'congested-uplink')!.summary);
    await scenario.selectOption('none');
    await page.getByLabel('Devices', { exact: true }).fill('8');
    await page.getByLabel('Base address').fill(BASE);
    await page.getByRole('checkbox', { name: /Send threat detections/ }).uncheck();
    await page.screenshot({ path: test.info().outputPath('lab-start-form-light.png'), fullPage: true });

    await openView(page, 'Inventory');
    await expect(page.locator('main#main h1')).toHaveText('Inventory');
    await card.getByRole('button', { name: 'Start the lab' }).click();

    // It asks before widening the scan scope, and shows the range it will add.
    const confirm = page.getByRole('dialog', { name: 'Scan the lab' });
    await expect(confirm).toBeVisible({ timeout: 90_000 });
    const lab = await api.call('lab.status', {});
    expect(lab.running).toBe(true);
    expect(lab.devices).toHaveLength(8);
    const numeric = (a: string) => a.split('.').reduce((n, p) => n * 256 + Number(p), 0);
    const sorted = lab.devices.map((d) => d.address).sort((a, b) => numeric(a) - numeric(b));
    const range = `${sorted[0]}-${sorted.at(-1)}`;
    await expect(confirm.getByTestId('lab-scan-range')).toHaveText(range);
    expect(await api.call('scope.list', {})).toEqual([]);
    await confirm.getByRole('button', { name: 'Add to scope and scan' }).click();

    await expect(page.getByTestId('inventory-count')).toHaveText('8 devices', { timeout: 90_000 });
    await expect(card).toHaveCount(0);
    expect((await api.call('scope.list', {})).map((r) => r.range)).toContain(range);
    const profiles = await api.call('credentials.list', {});
    expect(profiles.map((p) => p.kind).sort()).toEqual(['snmp-v2c', 'snmp-v3', 'ssh']);

    // Every lab device, with the platform the lab says it runs.
    for (const d of lab.devices) {
      const shownAddress = d.snmpPort === 161 ? d.address : `${d.address}:${d.snmpPort}`;
      const row = page.locator('[role="row"][data-device-id]').filter({ has: page.getByRole('cell', { name: shownAddress, exact: true }) });
      await expect(row).toHaveCount(1);
      await expect(row.getByRole('cell', { name: d.platform, exact: true })).toHaveCount(1);
    }
    const listed = await api.call('inventory.list', { limit: 100 });
    expect(Object.fromEntries(listed.items.map((i) => [i.address, i.platform]))).toEqual(Object.fromEntries(lab.devices.map((d) => [d.address, d.platform])));

    await inTheme(page, api, 'light');
    await page.screenshot({ path: test.info().outputPath('lab-inventory-light.png'), fullPage: true });
    await inTheme(page, api, 'dark');
    await page.screenshot({ path: test.info().outputPath('lab-inventory-dark.png'), fullPage: true });

    // The Lab view lists the running lab's devices; scanning again reuses the profiles.
    await openView(page, 'Lab');
    await expect(page.getByTestId('lab-state')).toHaveText('Running');
    const table = page.getByTestId('lab-devices');
    for (const d of lab.devices) await expect(table.getByRole('row').filter({ hasText: d.hostname })).toContainText(d.address);
    await page.screenshot({ path: test.info().outputPath('lab-view-dark.png'), fullPage: true });
    await inTheme(page, api, 'light');
    await page.screenshot({ path: test.info().outputPath('lab-view-light.png'), fullPage: true });

    await page.getByRole('button', { name: 'Scan the lab…' }).click();
    await expect(confirm.getByTestId('lab-scan-range')).toHaveText(range);
    await confirm.getByRole('button', { name: 'Review in the scan dialog' }).click();
    const scanDialog = page.getByRole('dialog', { name: 'New scan' });
    await expect(scanDialog).toBeVisible();
    await expect(scanDialog.getByLabel('Targets')).toHaveValue(range);
    await expect(scanDialog.getByLabel('SNMP port')).toHaveValue(String(lab.devices[0]!.snmpPort));
    await expect(scanDialog.getByRole('checkbox', { checked: true })).toHaveCount(3);
    await scanDialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await api.call('credentials.list', {})).toHaveLength(3);

    // Stop from the view.
    await openView(page, 'Lab');
    await page.getByRole('button', { name: 'Stop the lab' }).click();
    await expect(page.getByTestId('lab-state')).toHaveText('Stopped', { timeout: 30_000 });
    expect((await api.call('lab.status', {})).running).toBe(false);
  } finally {
    await api.call('lab.stop', {}).catch(() => undefined);
    close();
    await host.stop();
  }
});
