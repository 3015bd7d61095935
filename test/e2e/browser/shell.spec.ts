import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { connectToHost } from './engine-client';
import { chromiumAvailable, expect, openApp, test } from './fixtures';
import { serveHost } from './serve-host';

test.skip(!chromiumAvailable, 'Debian chromium is not installed (apt-get install chromium)');

const VIEWS = ['Inventory', 'Map', 'Bottlenecks', 'Rollouts', 'Threats', 'Compliance', 'Lab', 'Settings', 'AI services'] as const;

function viewHeading(page: Page): Locator {
  return page.locator('main#main h1');
}

function navItem(page: Page, label: string): Locator {
  return page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: new RegExp(`^${label}\\b`) });
}

async function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? '');
}

/** Tabs forward until `predicate` holds for the focused element; fails after `maxTabs`. */
async function tabUntil(page: Page, predicate: string, maxTabs = 40): Promise<void> {
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`(() => { const el = document.activeElement; return Boolean(el && (${predicate})); })()`)) return;
  }
  throw new Error(`no focusable element matching ${predicate} within ${maxTabs} Tab presses`);
}

async function focusThemeRadio(page: Page): Promise<void> {
  await page.keyboard.press('Alt+8');
  await expect(viewHeading(page)).toHaveText('Settings');
  await expect(page.getByRole('radio', { name: /Dark/ })).toBeEnabled();
  await tabUntil(page, "el.getAttribute('name') === 'theme'");
}

/** Arrow keys move the checked radio inside the group, as in any native radio group. */
async function chooseThemeByKeyboard(page: Page, theme: 'dark' | 'light'): Promise<void> {
  await focusThemeRadio(page);
  for (let i = 0; i < 3; i++) {
    const checked = await page.evaluate(() => document.querySelector<HTMLInputElement>('input[name="theme"]:checked')?.value ?? '');
    if (checked === theme) break;
    await page.keyboard.press('ArrowRight');
  }
  await expect(page.locator('input[name="theme"]:checked')).toHaveValue(theme);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  await expect(page.getByText('Saved to the engine')).toBeVisible();
}

/**
 * The top bar, view list and status bar are sticky; Chromium's full-page capture keeps them where the
 * viewport was, over the content. Growing the viewport to the document first puts them where they belong.
 */
async function fullPageScreenshot(page: Page, file: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1366, height: 860 };
  const heightPx = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, heightPx) });
  try {
    await page.screenshot({ path: file, fullPage: true });
  } finally {
    await page.setViewportSize(viewport);
  }
}

test('connects, shows the engine in the status bar and drops the token from the address bar', async ({ page, host, cspViolations }) => {
  await openApp(page, host);
  const status = page.getByTestId('connection-status');
  await expect(status).toContainText(/Routewise \d+\.\d+\.\d+/);
  await expect(status).toContainText(host.dataDir);
  expect(page.url()).not.toContain('token=');
  expect(await page.evaluate(() => sessionStorage.getItem('routewise.sessionToken'))).toBe(host.token);

  // A reload has no token in the URL any more: sessionStorage carries it.
  await page.reload();
  await expect(status).toContainText('Connected');
  expect(cspViolations).toEqual([]);
});

test('the served index.html has no inline script or style, and a strict CSP', async ({ request, host }) => {
  const res = await request.get(`${host.origin}/`);
  expect(res.status()).toBe(200);
  const csp = res.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  const html = await res.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toMatch(/\bsrc=/);
  expect(html).not.toMatch(/<script\b[^>]*>\s*[^<\s]/);
  expect(html).not.toMatch(/<style\b/);
  expect(html).not.toMatch(/\sstyle=/);
  expect(html).not.toMatch(/\son[a-z]+=/);
});

test('every view is reachable with the keyboard alone', async ({ page, host }) => {
  await openApp(page, host);

  // Tab order: skip link, shortcut help button, then the view list (one tab stop: the current view).
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await tabUntil(page, "el.classList.contains('sidenav-item')", 5);
  await expect(navItem(page, 'Inventory')).toBeFocused();
  await expect(navItem(page, 'Inventory')).toHaveAttribute('aria-current', 'page');

  // Visible focus ring on the focused item.
  const outline = await navItem(page, 'Inventory').evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThanOrEqual(2);

  // Arrow down through every view, opening each with Enter.
  for (const [i, label] of VIEWS.entries()) {
    if (i > 0) await page.keyboard.press('ArrowDown');
    await expect(navItem(page, label)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(viewHeading(page)).toHaveText(label);
    await expect(navItem(page, label)).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('[aria-current="page"]')).toHaveCount(1);
    // Roving tabindex: exactly one item of the list is in the tab order.
    await expect(page.locator('.sidenav-item[tabindex="0"]')).toHaveCount(1);
  }
  // Wrap-around, Home and End.
  await page.keyboard.press('ArrowDown');
  await expect(navItem(page, 'Inventory')).toBeFocused();
  await page.keyboard.press('End');
  await expect(navItem(page, 'AI services')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(navItem(page, 'Inventory')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(navItem(page, 'AI services')).toBeFocused();

  // Alt+1..8 and Ctrl+1..8 jump straight to a view, wherever focus is.
  for (const [i, label] of VIEWS.entries()) {
    await page.keyboard.press(`Alt+${i + 1}`);
    await expect(viewHeading(page)).toHaveText(label);
    await expect(navItem(page, label)).toHaveAttribute('aria-current', 'page');
  }
  await page.keyboard.press('Control+3');
  await expect(viewHeading(page)).toHaveText('Bottlenecks');
  await page.keyboard.press('Control+1');
  await expect(viewHeading(page)).toHaveText('Inventory');

  // No view is empty: built ones show their content, the others say in a sentence what is coming.
  for (const [i, label] of VIEWS.entries()) {
    await page.keyboard.press(`Alt+${i + 1}`);
    await expect(viewHeading(page)).toHaveText(label);
    const placeholder = page.locator('main#main .empty-state');
    if ((await placeholder.count()) > 0) {
      await expect(placeholder).toContainText('Coming in a later release');
      expect((await placeholder.innerText()).length).toBeGreaterThan(60);
      expect(await placeholder.innerText()).not.toMatch(/lorem|ipsum|todo/i);
    } else {
      expect((await page.locator('main#main').innerText()).length).toBeGreaterThan(label.length + 20);
    }
  }
  await page.keyboard.press('Alt+1');

  // `?` opens the shortcut help, Escape closes it.
  await page.keyboard.press('Shift+Slash');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Alt+8');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // The skip link moves focus to the content.
  await page.reload();
  await expect(page.getByTestId('connection-status')).toContainText('Connected');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
  expect(await focusedText(page)).toContain('Inventory');
});

test('theme: dark and light chosen by keyboard in Settings, every view captured in both, kept across reloads', async ({ page, host, browser }, testInfo) => {
  test.setTimeout(180_000);
  await openApp(page, host);
  const { api, close } = await connectToHost(host);
  try {
    for (const theme of ['dark', 'light'] as const) {
      await chooseThemeByKeyboard(page, theme);
      await expect.poll(async () => (await api.call('settings.get', {})).theme).toBe(theme);

      for (const [i, label] of VIEWS.entries()) {
        await page.keyboard.press(`Alt+${i + 1}`);
        await expect(viewHeading(page)).toHaveText(label);
        if (label === 'Settings') await expect(page.getByTestId('audit-state')).toContainText('Intact');
        const file = testInfo.outputPath(`${theme}-${String(i + 1)}-${label.toLowerCase()}.png`);
        await fullPageScreenshot(page, file);
        await testInfo.attach(`${theme} ${label}`, { path: file, contentType: 'image/png' });
      }

      // The choice lives in the engine: a reload, and a fresh tab with its own storage, both get it back.
      await page.reload();
      await expect(page.getByTestId('connection-status')).toContainText('Connected');
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await page.keyboard.press('Alt+8');
      await expect(page.locator('input[name="theme"]:checked')).toHaveValue(theme);

      const other = await browser.newContext({ colorScheme: theme === 'dark' ? 'light' : 'dark' });
      try {
        const fresh = await other.newPage();
        await openApp(fresh, host);
        await expect(fresh.locator('html')).toHaveAttribute('data-theme', theme);
      } finally {
        await other.close();
      }
    }
  } finally {
    close();
  }
});

test('without a token the page says it is not authorised and where to get the URL', async ({ browser, host }) => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${host.origin}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not authorised');
    await expect(page.getByText(/Open the URL printed by/)).toContainText('routewise serve');
    await expect(page.getByRole('navigation')).toHaveCount(0);

    // A token the engine does not know (an older launch) is refused the same way, not retried forever.
    await page.goto(`${host.origin}/#token=${'A'.repeat(32)}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not authorised');
    await expect(page.getByText(/refused this tab's session token/)).toBeVisible();
    expect(page.url()).not.toContain('token=');
  } finally {
    await context.close();
  }
});

test('hostile strings from the API are shown as literal text; secrets never reach the page', async ({ page, host }) => {
  const hostile = '<img src=x onerror=alert(1)>';
  const ansi = '\u001b[31mcore\u001b[0m-v2\u0007';
  const secret = 'community-that-must-not-show-42';
  const { api, close } = await connectToHost(host);
  let created: string[] = [];
  try {
    created = [
      (await api.call('credentials.create', { kind: 'snmp-v2c', label: hostile, community: secret })).id,
      (await api.call('credentials.create', { kind: 'snmp-v2c', label: ansi, community: secret })).id,
    ];
  } finally {
    close();
  }

  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await openApp(page, host);
  await page.keyboard.press('Alt+8');
  const table = page.getByRole('table', { name: 'Credential profiles' });
  await expect(table.getByRole('cell', { name: hostile, exact: true })).toBeVisible();
  await expect(table.getByRole('cell', { name: 'core-v2', exact: true })).toBeVisible();
  await expect(page.locator('img')).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  expect(dialogs).toEqual([]);
  expect(created).toHaveLength(2);
});

test('credential profiles are created and deleted from Settings without the secret ever coming back', async ({ page, host }) => {
  const secret = 'sshpass-never-shown-9';
  await openApp(page, host);
  await page.keyboard.press('Alt+8');
  const form = page.getByRole('form', { name: 'New profile' });
  await form.getByLabel('Kind').selectOption('ssh');
  await form.getByLabel('Label').fill('lab-ssh');
  await form.getByLabel('User', { exact: true }).fill('admin');
  await form.getByLabel('Password').fill(secret);
  await form.getByLabel('Password').press('Enter');
  await expect(form).toContainText('Saved “lab-ssh”');
  await expect(form.getByLabel('Password')).toHaveValue('');
  const row = page.getByRole('row').filter({ hasText: 'lab-ssh' });
  await expect(row).toContainText('SSH');
  expect(await page.content()).not.toContain(secret);

  const { api, close } = await connectToHost(host);
  try {
    const listed = await api.call('credentials.list', {});
    expect(listed.map((c) => c.label)).toContain('lab-ssh');
    expect(JSON.stringify(listed)).not.toContain(secret);

    await row.getByRole('button', { name: 'Delete lab-ssh' }).press('Enter');
    await row.getByRole('button', { name: 'Confirm delete lab-ssh' }).press('Enter');
    await expect(page.getByRole('row').filter({ hasText: 'lab-ssh' })).toHaveCount(0);
    expect((await api.call('credentials.list', {})).map((c) => c.label)).not.toContain('lab-ssh');

    // A profile the engine refuses (SSH with neither password nor key) is explained, not silently dropped.
    await form.getByLabel('Kind').selectOption('ssh');
    await form.getByLabel('Label').fill('no-auth');
    await form.getByLabel('User', { exact: true }).fill('admin');
    await form.getByRole('button', { name: 'Save profile' }).press('Enter');
    await expect(form.getByRole('alert')).toContainText('password or a private key');
  } finally {
    close();
  }
});

test('the status bar counts down while the engine is away and reconnects when it is back', async ({ page }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'routewise-e2e-restart-'));
  const first = await serveHost({ dataDir });
  let second: Awaited<ReturnType<typeof serveHost>> | undefined;
  try {
    await openApp(page, first);
    await first.stop();
    const status = page.getByTestId('connection-status');
    await expect(status).toContainText('Disconnected');
    await expect(status).toContainText(/retrying in \d+ s/);

    // Same port, data dir and token: what a restarted `routewise serve --port N` with ROUTEWISE_SESSION_TOKEN looks like.
    second = await serveHost({ port: first.port, token: first.token, dataDir });
    await expect(status).toContainText('Connected', { timeout: 30_000 });
  } finally {
    await second?.stop();
    await first.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
