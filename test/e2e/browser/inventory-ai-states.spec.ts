import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { AiVerdict } from '../../../shared/domain/device';
import { chromiumAvailable, expect, openApp, test } from './fixtures';
import { serveHost } from './serve-host';

test.skip(!chromiumAvailable, 'Debian chromium is not installed (apt-get install chromium)');

const HOSTILE = '<img src=x onerror="window.__pwned=1">Engine(#1): Yes Green None';

test('device detail: probed AI feature state with the device’s words as text, and every address of a merged box', async ({ page, cspViolations }) => {
  // A host of its own: the worker's shared one may hold other tests' devices.
  const host = await serveHost();
  try {
    seed(path.join(host.dataDir, 'routewise.sqlite'));
    await openApp(page, host);
    await page.keyboard.press('Alt+1');
    const row = page.locator('[role="row"][data-device-id]');
    await expect(row).toHaveCount(1);
    await row.click();
    const detail = page.getByTestId('device-detail');
    await expect(detail).toContainText('Also answers at');
    await expect(detail).toContainText('10.9.9.2:161');
    const states = detail.getByTestId('ai-feature-states');
    await expect(states.getByRole('row', { name: /ips-engine/ })).toContainText('licensed');
    await expect(states).toContainText(`ssh “show utd engine standard status”: ${HOSTILE}`);
    await expect(detail.locator('img')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect(detail).toContainText('10.9.9.2:161 merged: same serial FDO2249A154');
    expect(cspViolations).toEqual([]);
  } finally {
    await host.stop();
  }
});

/** One device, stored as a scan would leave it: an AI verdict with a probed state, a second address, the merge in history. */
function seed(file: string): void {
  const ai: AiVerdict = {
    capable: true,
    features: ['ips-engine'],
    catalogVersion: 'test',
    evidence: [{ ruleId: 'cisco-isr4000-utd-snort', feature: 'ips-engine', field: 'platform+model', matched: 'iosxe | ISR4321/K9', source: 'Cisco UTD guide', state: 'licensed' }],
    featureStates: [{ feature: 'ips-engine', state: 'licensed', ruleId: 'cisco-isr4000-utd-snort', evidence: [{ via: 'ssh', command: 'show utd engine standard status', excerpt: HOSTILE }] }],
  };
  const db = new BetterSqlite3(file);
  db.pragma('busy_timeout = 5000');
  const now = new Date().toISOString();
  db.transaction(() => {
    db.prepare(`insert into devices (id, address, port, address_key, hostname, sys_name, sys_descr, sys_object_id, vendor, platform, os_version, model, serial,
      facts_json, ai_json, ai_capable, credential_id, ssh_credential_id, warnings_json, first_seen, last_seen, last_scan_id)
      values ('dev-1', '10.9.9.1', 161, '40a090901', null, 'branch-isr', 'Cisco IOS Software', '1.3.6.1.4.1.9.1.2093', 'Cisco', 'iosxe', '16.9.8',
      'ISR4321/K9', 'FDO2249A154', '{"platform":"iosxe","sources":["snmp","ssh"]}', ?, 1, null, null, '[]', ?, ?, 'seed')`).run(JSON.stringify(ai), now, now);
    const addr = db.prepare(`insert into device_addresses (address, port, device_id, address_key, first_seen, last_seen, last_scan_id) values (?, 161, 'dev-1', ?, ?, ?, 'seed')`);
    addr.run('10.9.9.1', '40a090901', now, now);
    addr.run('10.9.9.2', '40a090902', now, now);
    db.prepare(`insert into device_history (device_id, attribute, old_value, new_value, scan_id, at) values ('dev-1', 'addresses', '10.9.9.1:161', '10.9.9.2:161 merged: same serial FDO2249A154', 'seed', ?)`).run(now);
  })();
  db.close();
}
