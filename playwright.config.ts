import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests. `browser` drives the built renderer in Debian's Chromium through `routewise serve`;
 * an `electron` project (test/e2e/electron/**) can sit beside it. The output folder is a subfolder of
 * test-results/ because Playwright empties its outputDir at start, and the other tiers write there too.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/playwright',
  globalSetup: './test/e2e/browser/global-setup.ts',
  fullyParallel: false,
  // Two CPU cores are shared with other test tiers: one worker (one engine + one Chromium) at a time.
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'browser',
      testDir: 'test/e2e/browser',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1366, height: 860 },
        launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
      },
    },
    // The desktop app via Playwright's _electron; skips with a printed reason when the Electron binary is absent.
    { name: 'electron', testDir: 'test/e2e/electron' },
  ],
});
