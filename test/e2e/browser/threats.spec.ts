import dgram from 'node:dgram';
import { inTheme, openView, scanLabViaApi } from './app-helpers';
import { connectToHost } from './engine-client';
import { chromiumAvailable, expect, openApp, test } from './fixtures';
import { serveHost } from './serve-host';

test.skip(!chromiumAvailable, 'Debian chromium is not installed (apt-get install chromium)');

// This spec's lab block: no other test starts a lab in 127.27.0.0/16.
const BASE = '127.27.0.0';
const HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> \u001b[31mred\u001b[0m';

async function sendSyslog(port: number, line: string): Promise<void> {
  const socket = dgram.createSocket('udp4');
  try {
    await new Promise<void>((resolve, reject) => socket.send(Buffer.from(line), port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
  } finally {
    socket.close();
  }
}

test('threats: the lab reports to the engine listener, insights arrive live with a plain-language explanation, a hostile message stays text', async ({ page }) => {
  test.setTimeout(240_000);
  const host = await serveHost();
  const { api, close } = await connectToHost(host);
  try {
    await openApp(page, host);
    // "Don't show again" puts the welcome card away for good.
    await page.getByTestId('first-launch').getByRole('button', { name: "Don't show again" }).click();
    await expect(page.getByTestId('first-launch')).toHaveCount(0);
    expect((await api.call('settings.get', {})).firstLaunchDone).toBe(true);

    // Start the lab from its view, with detections sent to this engine's own listener (the default).
    await openView(page, 'Lab');
    await expect(page.locator('main#main h1')).toHaveText('Lab');
    await page.getByLabel('Devices', { exact: true }).fill('8');
    await page.getByLabel('Base address').fill(BASE);
    await expect(page.getByRole('checkbox', { name: /Send threat detections/ })).toBeChecked();
    await page.getByLabel('Detections per minute per AI device').fill('120');
    await page.getByRole('button', { name: 'Start the lab' }).click();
    await expect(page.getByTestId('lab-state')).toHaveText('Running', { timeout: 90_000 });

    const stats = await api.call('threats.stats', {});
    const syslog = stats.receivers.find((r) => r.kind === 'syslog-udp');
    const trap = stats.receivers.find((r) => r.kind === 'snmp-trap');
    expect(syslog?.host).toBe('127.0.0.1');
    expect(trap).toBeDefined();
    await expect(page.getByTestId('lab-collector')).toContainText(`${syslog!.host}:${syslog!.port}`);
    const lab = await api.call('lab.status', {});
    const emitters = lab.devices.filter((d) => d.emitsDetections);
    expect(emitters.length).toBeGreaterThan(0);

    // Coverage needs the map: scan the lab and collect its topology through the API (lab.spec scans from the UI).
    await scanLabViaApi(api, lab, BASE);
    await api.call('topology.collect', {});
    const { nodes } = await api.call('topology.get', {});
    const managed = nodes.filter((n) => n.managed);
    expect(managed).toHaveLength(8);
    const watched = new Set(managed.filter((n) => n.aiCapable).map((n) => n.segment));
    const all = new Set(managed.map((n) => n.segment));
    const edgeFw = managed.find((n) => n.label === 'edge-fw1');
    expect(edgeFw?.aiCapable).toBe(true);

    await openView(page, 'Threats');
    await expect(page.locator('main#main h1')).toHaveText('Threats');
    await expect(page.getByTestId('threats-coverage-summary')).toHaveText(
      `${watched.size} watched, ${all.size - watched.size} blind ${all.size - watched.size === 1 ? 'spot' : 'spots'}`,
    );
    await expect(page.getByTestId('threats-coverage').getByRole('listitem').filter({ hasText: edgeFw!.segment! })).toContainText('watched');
    await expect(page.getByTestId('threats-receivers')).toContainText(`syslog-udp 127.0.0.1:${syslog!.port}`);

    // Lab detections arrive in the open view, each explained in the playbook's plain words.
    const fromLab = page.getByTestId('threat-insight').filter({ hasText: emitters[0]!.address });
    await expect(fromLab.first()).toBeVisible({ timeout: 60_000 });
    // The feed keeps growing above it: pin one insight by its id.
    const id = await fromLab.first().getAttribute('data-insight-id');
    const one = page.locator(`[data-testid="threat-insight"][data-insight-id="${id}"]`);
    const category = await one.getAttribute('data-category');
    expect(category).not.toBeNull();
    const explained = await api.call('threats.explain', { category: category as 'exploit' });
    await expect(one.getByTestId('threat-explanation')).toHaveText(explained.playbook.explanation);
    await one.getByRole('button', { name: 'Details' }).click();
    await expect(one).toContainText(explained.playbook.steps[0]!);
    await expect(one.getByTestId('threat-raw')).toContainText(emitters.find((e) => e.address === emitters[0]!.address)!.hostname);
    await one.getByRole('button', { name: 'Hide details' }).click();

    // Traps from the lab reach the trap receiver the view started beside the syslog one.
    await expect.poll(async () => (await api.call('threats.stats', {})).byFormat['snmp-trap'] ?? 0, { timeout: 60_000 }).toBeGreaterThan(0);

    // A hostile message nobody can parse: counted as unknown, shown as text, its markup inert.
    await sendSyslog(syslog!.port, `<34>1 2026-11-25T12:00:00.000Z evil-host e2e - - - ${HOSTILE}`);
    // The test's socket sends from 127.0.0.1; the lab's devices send from their own 127.27.x.y addresses.
    await page.getByLabel('Filter by device address or name').fill('127.0.0.1');
    const hostile = page.getByTestId('threat-insight');
    await expect(hostile).toHaveCount(1, { timeout: 30_000 });
    await hostile.getByRole('button', { name: 'Details' }).click();
    await expect(hostile.getByTestId('threat-raw')).toContainText('<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> red');
    await expect(page.getByTestId('threat-feed').locator('img, script')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const unknown = (await api.call('threats.stats', {})).byFormat.unknown ?? 0;
    await expect(page.getByTestId('threats-unknown')).toContainText(`${unknown} unknown/raw messages`, { timeout: 10_000 });
    await page.screenshot({ path: test.info().outputPath('threats-hostile-light.png'), fullPage: true });

    // Group by device: one group per reporting device (its sender address), named from its syslog lines.
    await page.getByLabel('Group by').selectOption('device');
    const deviceFilter = page.getByLabel('Filter by device address or name');
    for (const e of emitters) {
      // Syslog lines name the device, traps do not: both land in the one group of the sender's address.
      await deviceFilter.fill(e.address);
      await expect(page.getByTestId('threat-group')).toHaveCount(1);
      await expect(page.getByTestId('threat-group')).toHaveAttribute('data-group', `${e.address} (${e.hostname})`);
      await expect(page.locator('[data-testid="threat-insight"][data-category]').first()).toBeVisible();
    }
    await deviceFilter.fill('127.0.0.1');
    await expect(page.getByTestId('threat-group')).toHaveAttribute('data-group', '127.0.0.1 (evil-host)');
    await deviceFilter.fill('');
    // The feed is virtualised: however many insights, only those in view are in the page.
    await expect.poll(async () => (await api.call('threats.stats', {})).total, { timeout: 60_000 }).toBeGreaterThanOrEqual(80);
    await expect(page.getByTestId('threats-count')).toHaveText(/^(\d{3,}|[89]\d) of \d+ insights$/);
    expect(await page.getByTestId('threat-insight').count()).toBeLessThan(30);
    await inTheme(page, api, 'dark');
    await page.screenshot({ path: test.info().outputPath('threats-dark.png'), fullPage: true });
    await inTheme(page, api, 'light');
    await page.screenshot({ path: test.info().outputPath('threats-light.png'), fullPage: true });

    // Severity filter: nothing below the chosen level stays in the feed.
    await page.getByLabel('At least').selectOption('critical');
    await expect(page.getByTestId('threats-count')).toHaveText(/^\d+ of \d+ insights$/);
    const severities = await page.getByTestId('threat-insight').locator('.th-head > .badge:first-child').allTextContents();
    expect(severities.filter((s) => s !== 'critical')).toEqual([]);
  } finally {
    await api.call('lab.stop', {}).catch(() => undefined);
    await api.call('threats.unlisten', {}).catch(() => undefined);
    close();
    await host.stop();
  }
});
