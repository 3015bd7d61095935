import fs from 'node:fs';
import type { ApiClient } from '../../../shared/api/client';
import type { Finding } from '../../../shared/api/compliance';
import { scanLabViaApi } from './app-helpers';
import { connectToHost } from './engine-client';
import { chromiumAvailable, expect, openApp, test } from './fixtures';
import { serveHost } from './serve-host';

test.skip(!chromiumAvailable, 'Debian chromium is not installed (apt-get install chromium)');

// This spec's lab block: no other test starts a lab in 127.35.0.0/16.
const BASE = '127.35.0.0';
const HOSTILE = '<img src=x onerror="window.__pwned=1">\u001b[31m';

/** Lab up, scanned over SNMP with the SSH credential remembered, and every device's configuration archived. */
async function labWithConfigs(api: ApiClient, devices: number) {
  const lab = await api.call('lab.start', { devices, base: BASE, seed: 5 });
  await scanLabViaApi(api, lab, BASE, { ssh: true });
  const inventory = await api.call('inventory.list', {});
  for (const dev of inventory.items) {
    const labDev = lab.devices.find((d) => d.address === dev.address)!;
    await api.call('archive.backup', { deviceId: dev.id, sshPort: labDev.sshPort });
  }
  return { lab, inventory: inventory.items };
}

test('compliance: scores per framework from archived lab configs, a failing finding with its config line, waiver, HTML report export', async ({ page }) => {
  test.setTimeout(240_000);
  // A fresh engine: other specs in this worker leave devices in the shared host's inventory.
  const host = await serveHost();
  const { api, close } = await connectToHost(host);
  try {
    const { inventory } = await labWithConfigs(api, 4);
    expect(inventory.length).toBe(4);
    // A hostile login banner on one device (imported as its newest running config): it satisfies the banner rule,
    // so it becomes evidence, and must stay text.
    const target = inventory.find((d) => d.platform === 'junos' || d.platform === 'iosxe')!;
    const [latest] = await api.call('archive.list', { deviceId: target.id, kind: 'running' });
    const original = (await api.call('archive.show', { versionId: latest!.id, raw: true })).text;
    const banner = target.platform === 'junos' ? `set system login message "${HOSTILE}"` : `banner motd ^${HOSTILE}^`;
    await api.call('compliance.importConfig', { deviceId: target.id, kind: 'running', text: `${original.trimEnd()}\n${banner}\n` });
    const ev = await api.call('compliance.evaluate', {});
    const bannerFinding = ev.findings.find((f) => f.deviceId === target.id && f.ruleId === 'RW-LOGIN-BANNER');
    expect(bannerFinding?.status).toBe('pass');
    expect(bannerFinding?.evidence.some((e) => e.kind === 'config' && e.text.includes('onerror'))).toBe(true);
    const failing = ev.findings.find((f): f is Finding => f.status === 'fail' && f.evidence.some((e) => e.kind === 'config'));
    expect(failing, 'the lab configs fail at least one rule with config-line evidence').toBeDefined();
    const line = failing!.evidence.find((e) => e.kind === 'config')!;
    if (line.kind !== 'config') throw new Error('unreachable');
    const cis = await api.call('compliance.evaluate', { framework: 'cis' });

    await openApp(page, host);
    await page.keyboard.press('Alt+6');
    await expect(page.locator('main#main h1')).toHaveText('Compliance');
    await expect(page.getByTestId('compliance-summary')).toContainText('4 devices');
    // The view's CIS score is the engine's.
    await expect(page.getByTestId('compliance-score-cis')).toContainText(cis.totals.scorePct === null ? '—' : `${cis.totals.scorePct}%`);
    await expect(page.getByTestId('compliance-score-cis')).toContainText(`${cis.totals.fail} fail`);

    // Drill into the device: the failing rule with its evidence line (number and text) and remediation.
    await page.getByTestId('compliance-devices').getByRole('button', { name: failing!.deviceName, exact: true }).click();
    const item = page.getByTestId('compliance-drill').locator(`[data-testid="compliance-finding"][data-rule-id="${failing!.ruleId}"]`);
    await expect(item).toHaveAttribute('data-status', 'fail');
    await expect(item.getByTestId('compliance-evidence')).toContainText(new RegExp(`\\b${line.line}\\s+.?\\s*${line.text.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await expect(item).toContainText(failing!.remediation.text.slice(0, 60));
    await page.screenshot({ path: test.info().outputPath('compliance-drill.png'), fullPage: true });

    // The hostile banner: shown as text in the evidence, never as markup.
    await page.getByTestId('compliance-devices').getByRole('button', { name: target.sysName ?? target.hostname ?? target.address, exact: true }).click();
    const bannerItem = page.getByTestId('compliance-drill').locator('[data-testid="compliance-finding"][data-rule-id="RW-LOGIN-BANNER"]');
    await expect(bannerItem.getByTestId('compliance-evidence')).toContainText('<img src=x onerror="window.__pwned=1">');
    await expect(bannerItem.getByTestId('compliance-evidence')).not.toContainText('\u001b');
    await expect(page.getByTestId('compliance-drill').locator('img, script')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // Drill from a requirement too: one of the rule's CIS controls lists the same finding.
    const control = failing!.frameworks.cis[0];
    if (control) {
      await page.getByTestId('compliance-controls').getByRole('button', { name: control, exact: true }).click();
      await expect(page.getByTestId('compliance-drill').locator(`[data-rule-id="${failing!.ruleId}"]`).first()).toBeVisible();
    }

    // Waive it from the finding: reason, owner, expiry; the finding then counts as waived.
    await page.getByTestId('compliance-devices').getByRole('button', { name: failing!.deviceName, exact: true }).click();
    await item.getByRole('button', { name: /^Waive / }).click();
    const form = page.getByRole('form', { name: 'Add a waiver' });
    await form.getByLabel('Reason').fill('replacement hardware arrives next quarter');
    await form.getByLabel('Owner').fill('netops');
    await form.getByLabel('Expires on').fill('2099-12-31');
    await form.getByRole('button', { name: 'Add waiver' }).click();
    await expect(page.getByTestId('compliance-waiver')).toHaveCount(1);
    await expect(form.getByLabel('Reason')).toHaveValue('');
    await expect(page.getByTestId('compliance-waiver')).toContainText('netops');
    const waivers = await api.call('compliance.waivers', {});
    expect(waivers).toMatchObject([{ ruleId: failing!.ruleId, deviceId: failing!.deviceId, owner: 'netops', expired: false }]);
    expect((await api.call('compliance.evaluate', { framework: 'cis' })).totals.waived).toBeGreaterThan(0);

    // An expired waiver (created through the API: the form only takes future dates) is marked expired.
    const other = ev.findings.find((f) => f.status === 'fail' && f.ruleId !== failing!.ruleId)!;
    await api.call('compliance.waive', { ruleId: other.ruleId, deviceId: '*', reason: 'old exception', owner: 'audit', expiresAt: '2020-01-31T00:00:00Z' });
    await page.getByRole('tab', { name: 'Scores & findings' }).click();
    await page.getByRole('tab', { name: 'Waivers' }).click();
    const expired = page.locator('[data-testid="compliance-waiver"][data-expired="true"]');
    await expect(expired).toHaveCount(1);
    await expect(expired).toContainText(other.ruleId);
    await expect(expired).toContainText('expired');
    // The form starts empty again (the finding's prefill was used once).
    await expect(page.getByRole('form', { name: 'Add a waiver' }).getByLabel('Rule')).toHaveValue('');
    await api.call('settings.update', { theme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.screenshot({ path: test.info().outputPath('compliance-waivers-dark.png'), fullPage: true });
    await api.call('settings.update', { theme: 'light' });

    // Rule pack: version and rules with mappings.
    await page.getByRole('tab', { name: 'Rule pack' }).click();
    const rules = await api.call('compliance.rules', {});
    await expect(page.getByTestId('compliance-pack-version')).toHaveText(rules.pack.version);
    await expect(page.getByTestId('compliance-pack')).toContainText(failing!.ruleId);

    // Report: HTML for CIS, saved through the browser; the file holds the report with the failing rule.
    await page.getByRole('tab', { name: 'Report' }).click();
    await page.getByLabel('Framework').selectOption('cis');
    await page.getByLabel('Format').selectOption('html');
    await page.getByRole('button', { name: 'Build report' }).click();
    await expect(page.getByTestId('compliance-report-file')).toHaveText(/^routewise-cis-\d{4}-\d{2}-\d{2}\.html$/, { timeout: 30_000 });
    const fileName = await page.getByTestId('compliance-report-file').textContent();
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: `Save ${fileName}` }).click();
    const saved = test.info().outputPath(fileName!);
    await (await download).saveAs(saved);
    const html = fs.readFileSync(saved, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain(failing!.ruleId);
  } finally {
    await api.call('lab.stop', {}).catch(() => undefined);
    close();
    await host.stop();
  }
});
