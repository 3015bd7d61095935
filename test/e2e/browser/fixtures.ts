import fs from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';
import { skipOrFail } from '../../support/require-tool';
import { type ServedHost, serveHost } from './serve-host';

/** Debian's Chromium (playwright.config.ts launches it); without it this tier skips, or fails under ROUTEWISE_REQUIRE_ALL=1. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const chromiumAvailable = fs.existsSync(CHROMIUM_PATH) || skipOrFail(`${CHROMIUM_PATH} is missing (apt-get install chromium)`);

interface WorkerFixtures {
  /** One `routewise serve` per worker, on a fresh temporary data dir. */
  host: ServedHost;
}

interface TestFixtures {
  /** Console messages that report a Content-Security-Policy violation on `page`. */
  cspViolations: string[];
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  host: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
    async ({}, use) => {
      const host = await serveHost();
      try {
        await use(host);
      } finally {
        await host.stop();
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  cspViolations: async ({ page }, use) => {
    const violations: string[] = [];
    page.on('console', (msg) => {
      if (/Content.Security.Policy/i.test(msg.text())) violations.push(msg.text());
    });
    await use(violations);
  },
});

export { expect };

export async function openApp(page: Page, host: ServedHost): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByTestId('connection-status')).toContainText('Connected');
}
