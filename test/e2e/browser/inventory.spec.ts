import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { hasTool } from '../../support/require-tool';
import { SnmpdAgent } from '../../integration/scan/snmpd-agents';
import { makeTempDir } from '../../support/temp-dir';
import { connectToHost } from './engine-client';
import type { Page } from '@playwright/test';
import { chromiumAvailable, expect, openApp, test } from './fixtures';
import { type ServedHost, serveHost } from './serve-host';

test.skip(!chromiumAvailable, 'Debian chromium is not installed (apt-get install chromium)');

const HOSTILE = '<img src=x onerror="window.__pwned=1">Linux e2e-host 6.1.0-18-amd64 #1 SMP x86_64';

test('scan from the dialog: scope prompt, live progress, then a device whose hostile sysDescr renders as text', async ({ page, host, cspViolations }) => {
  test.skip(!hasTool('snmpd'), 'snmpd is not installed');
  const tmp = makeTempDir('routewise-e2e-snmpd-');
  // UDP 16170 on 127.0.0.40: inside this feature's assigned port range, loopback only.
  const agent = new SnmpdAgent(tmp.dir, { address: '127.0.0.40', port: 16170, community: 'e2e-comm', sysName: 'e2e-host', sysDescr: HOSTILE });
  const { api, close } = await connectToHost(host);
  try {
    await agent.start();
    await api.call('credentials.create', { kind: 'snmp-v2c', label: 'e2e v2c', community: 'e2e-comm' });
    await openApp(page, host);
    await page.keyboard.press('Alt+1');
    await expect(page.locator('main#main h1')).toHaveText('Inventory');
    await expect(page.getByText('No devices yet')).toBeVisible();

    await page.getByRole('button', { name: 'New scan…' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New scan' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Targets').fill('127.0.0.40-127.0.0.42');
    await dialog.getByLabel('SNMP port').fill('16170');
    await dialog.getByLabel('Timeout (ms)').fill('300');
    await dialog.getByLabel('Retries').fill('0');
    await dialog.getByRole('checkbox', { name: /e2e v2c/ }).check();
    await dialog.getByRole('button', { name: 'Start scan' }).click();

    // Empty scope: the dialog says so and offers to allow the range.
    await expect(dialog.getByRole('alert')).toContainText('scan scope is empty');
    await dialog.getByRole('button', { name: /Allow this range/ }).click();
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    expect((await api.call('scope.list', {})).map((r) => r.range)).toEqual(['127.0.0.40-127.0.0.42']);
    await dialog.getByRole('button', { name: 'Start scan' }).click();
    await expect(dialog).toBeHidden();

    await expect(page.getByTestId('scan-summary')).toContainText('Last scan finished: 3/3 probed, 1 answered', { timeout: 30_000 });
    const row = page.locator('[role="row"][data-device-id]');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('127.0.0.40:16170');
    await expect(row).toContainText('e2e-host');
    await row.click();

    const detail = page.getByTestId('device-detail');
    await expect(detail.getByTestId('device-sysdescr')).toHaveText(HOSTILE);
    await expect(detail.locator('img')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect(detail).toContainText('Interfaces');
    await expect(detail.getByRole('cell', { name: 'lo', exact: true })).toBeVisible();
    await expect(detail).toContainText('AI capability');
    expect(cspViolations).toEqual([]);
    await page.screenshot({ path: test.info().outputPath('inventory-detail.png') });

    // Settings → Scan scope shows the range the dialog allowed, and removes it.
    await page.keyboard.press('Alt+8');
    const scope = page.getByRole('region', { name: 'Scan scope' });
    await expect(scope.getByRole('list', { name: 'Allowed ranges' })).toContainText('127.0.0.40-127.0.0.42');
    await scope.getByRole('button', { name: 'Remove 127.0.0.40-127.0.0.42' }).click();
    await expect(scope).toContainText('The scope is empty');
    expect(await api.call('scope.list', {})).toEqual([]);
    await scope.getByLabel('Range to allow').fill('127.0.0.40');
    await scope.getByRole('button', { name: 'Allow range' }).click();
    await expect(scope.getByRole('list', { name: 'Allowed ranges' })).toContainText('127.0.0.40');

    // A slow scan (silent addresses, 20 s timeout) shows live progress and stops on Cancel.
    await api.call('scope.add', { range: '127.0.0.41-127.0.0.42' });
    await page.keyboard.press('Alt+1');
    await page.getByRole('button', { name: 'New scan…' }).first().click();
    await dialog.getByLabel('Targets').fill('127.0.0.41-42');
    await dialog.getByLabel('Timeout (ms)').fill('20000');
    await dialog.getByRole('button', { name: 'Start scan' }).click();
    await expect(dialog).toBeHidden();
    const progress = page.getByTestId('scan-progress');
    await expect(progress).toBeVisible();
    await progress.getByRole('button', { name: 'Cancel scan' }).click();
    await expect(page.getByTestId('scan-summary')).toContainText('Last scan cancelled');
    const [last] = await api.call('scan.list', { limit: 1 });
    expect(last?.status).toBe('cancelled');
  } finally {
    close();
    await agent.stop();
    tmp.cleanup();
  }
});

test('10,000 devices: the table renders only the visible rows, sorts and filters', async ({ page }) => {
  // A host of its own: the worker's shared one already holds the scanned device.
  const host = await serveHost();
  try {
    await inventoryOf10k(page, host);
  } finally {
    await host.stop();
  }
});

async function inventoryOf10k(page: Page, host: ServedHost): Promise<void> {
  seedDevices(path.join(host.dataDir, 'routewise.sqlite'), 10_000);
  await openApp(page, host);
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('inventory-count')).toHaveText('10000 devices');
  const rows = page.locator('[role="row"][data-device-id]');
  expect(await rows.count()).toBeLessThan(120);
  await expect(rows.first()).toContainText('10.1.0.0');

  // Address order is numeric: the last of 10,000 is 10.1.39.15.
  await page.getByTestId('inventory-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.locator('[role="row"][data-device-id]', { hasText: '10.1.39.15' })).toBeVisible();
  expect(await rows.count()).toBeLessThan(120);

  await page.getByRole('button', { name: /^Name/ }).click();
  await expect(page.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'ascending');
  await page.getByTestId('inventory-scroll').evaluate((el) => (el.scrollTop = 0));
  await expect(rows.first()).toContainText('dev-00000');
  await page.getByRole('button', { name: /^Name/ }).click();
  await expect(page.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(rows.first()).toContainText('dev-09999');

  await page.getByLabel('Filter devices').fill('dev-0999');
  await expect(page.getByTestId('inventory-count')).toHaveText('10 devices');
  await page.getByLabel('AI-capable only').check();
  await expect(page.getByTestId('inventory-count')).toHaveText('1 device');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('dev-09990');
}

/** Writes devices straight into the served engine's store (WAL allows a second writer between its transactions). */
function seedDevices(file: string, count: number): void {
  const db = new BetterSqlite3(file);
  db.pragma('busy_timeout = 5000');
  const now = new Date().toISOString();
  const insert = db.prepare(`insert into devices (id, address, port, address_key, hostname, sys_name, sys_descr, sys_object_id, vendor, platform,
    os_version, model, serial, facts_json, ai_json, ai_capable, credential_id, ssh_credential_id, warnings_json, first_seen, last_seen, last_scan_id)
    values (?, ?, 161, ?, null, ?, 'seeded', '1.3.6.1.4.1.9.1.1', 'Cisco', 'iosxe', '17.9.4', 'C9300-48P', ?, '{"platform":"iosxe","sources":["snmp"]}',
    null, ?, null, null, '[]', ?, ?, 'seed')`);
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const value = (10 << 24) + (1 << 16) + i;
      const address = [value >>> 24, (value >> 16) & 255, (value >> 8) & 255, value & 255].join('.');
      const name = `dev-${String(i).padStart(5, '0')}`;
      insert.run(`seed-${i}`, address, `4${value.toString(16).padStart(8, '0')}`, name, `SN${i}`, i % 10 === 0 ? 1 : 0, now, now);
    }
  })();
  db.close();
}
