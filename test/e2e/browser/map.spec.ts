import { scanLabViaApi } from './app-helpers';
import { connectToHost } from './engine-client';
import { chromiumAvailable, expect, openApp, test } from './fixtures';
import { serveHost } from './serve-host';

test.skip(!chromiumAvailable, 'Debian chromium is not installed (apt-get install chromium)');

// The built-in lab on its own loopback block (127.24.0.0/16) so it never meets another test's lab.
const BASE = '127.24.0.0';

test('the map and bottlenecks of the lab: layered map, search and select, a SPOF finding shown on the map', async ({ page }) => {
  test.setTimeout(180_000);
  // A host of its own: the worker's shared one may already hold other specs' devices.
  const host = await serveHost();
  const { api, close } = await connectToHost(host);
  try {
    const lab = await api.call('lab.start', { devices: 8, base: BASE, seed: 1 });
    await scanLabViaApi(api, lab, BASE);

    await openApp(page, host);
    await page.keyboard.press('Alt+2');
    await expect(page.locator('main#main h1')).toHaveText('Map');
    await page.getByRole('button', { name: 'Refresh from devices' }).click();
    await expect(page.getByTestId('map-count')).toHaveText(/8 managed, 0 unmanaged, 1\d links/, { timeout: 60_000 });
    await expect(page.getByTestId('map-canvas')).toBeVisible();

    // Keyboard: find a device, Enter selects it and shows its facts as text.
    const search = page.getByLabel('Find a device on the map');
    await search.fill(lab.devices[3]!.hostname);
    await search.press('Enter');
    await expect(page.getByTestId('map-detail')).toContainText(lab.devices[3]!.hostname);
    await expect(page.getByTestId('map-detail')).toContainText(lab.devices[3]!.address);
    await page.screenshot({ path: test.info().outputPath('map.png'), fullPage: true });

    // A manual link for gear without LLDP/CDP: one more link, seen by 'manual', and it survives a reload of the map.
    const before = Number(/(\d+) links/.exec((await page.getByTestId('map-count').textContent()) ?? '')![1]);
    const detail = page.getByTestId('map-detail');
    await detail.getByText('Add a manual link…').click();
    await detail.getByLabel("This device's interface").fill('mgmt-patch1');
    await detail.getByLabel('To device').selectOption({ label: lab.devices[0]!.hostname });
    await detail.getByLabel('Its interface').fill('mgmt-patch2');
    await detail.getByLabel('Speed (Mbps, optional)').fill('1000');
    await detail.getByRole('button', { name: 'Add link' }).click();
    await expect(page.getByTestId('map-count')).toContainText(`${before + 1} links`);
    const manual = (await api.call('topology.get', {})).links.filter((l) => l.sources.includes('manual'));
    expect(manual).toHaveLength(1);
    expect(manual[0]!.speedMbps).toBe(1000);

    // Export SVG: a real download of a standalone SVG document.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export SVG' }).click();
    const svg = await (await download).createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of svg) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text).toContain(lab.devices[3]!.hostname);

    // Bottlenecks: the single-homed access switch behind one distribution switch is a SPOF; "Show on map" selects it.
    await page.keyboard.press('Alt+3');
    await expect(page.locator('main#main h1')).toHaveText('Bottlenecks');
    const list = page.getByTestId('finding-list');
    await expect(list).toContainText('Single points of failure', { timeout: 30_000 });
    await page.screenshot({ path: test.info().outputPath('bottlenecks.png'), fullPage: true });
    await list.locator('li').filter({ hasText: 'Single points of failure' }).filter({ hasNotText: '↔' }).first().getByRole('button', { name: 'Show on map' }).click();
    await expect(page.locator('main#main h1')).toHaveText('Map');
    await expect(page.getByTestId('map-detail')).toContainText('Managed');
  } finally {
    await api.call('lab.stop', {}).catch(() => undefined);
    close();
    await host.stop();
  }
});
