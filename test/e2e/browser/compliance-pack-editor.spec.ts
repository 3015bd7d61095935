import { connectToHost } from './engine-client';
import { chromiumAvailable, expect, openApp, test } from './fixtures';
import { serveHost } from './serve-host';

test.skip(!chromiumAvailable, 'Debian chromium is not installed (apt-get install chromium)');

test('rule pack editor: a bad edit shows the field in error, a good one saves a new pack version and hash, revert restores the shipped pack', async ({ page }) => {
  test.setTimeout(120_000);
  // Its own engine and data dir: the edited pack must not leak into other specs of this worker.
  const host = await serveHost();
  const { api, close } = await connectToHost(host);
  try {
    const shipped = await api.call('compliance.rules', {});
    await openApp(page, host);
    await page.keyboard.press('Alt+6');
    await expect(page.locator('main#main h1')).toHaveText('Compliance');
    await page.getByRole('tab', { name: 'Rule pack' }).click();
    await expect(page.getByTestId('compliance-pack-version')).toHaveText(shipped.pack.version);
    await expect(page.getByTestId('compliance-pack-source')).toHaveText('shipped with Routewise');
    await expect(page.getByTestId('compliance-rule')).toHaveCount(shipped.rules.length);

    // Keyboard only: focus the rule's Edit button, Enter opens the editor with the YAML focused.
    await page.getByRole('button', { name: 'Edit RW-IDLE-TIMEOUT', exact: true }).focus();
    await page.keyboard.press('Enter');
    const editor = page.getByRole('form', { name: 'Edit rule RW-IDLE-TIMEOUT' });
    const yaml = editor.getByLabel('Rule YAML');
    await expect(yaml).toBeFocused();
    const original = await yaml.inputValue();
    expect(original).toContain('severity: medium');

    // A bad edit: the issue names the field (and its line) while typing; saving is refused.
    await yaml.fill(original.replace('severity: medium', 'severity: severe'));
    const issue = editor.getByTestId('rule-editor-issue');
    await expect(issue).toHaveCount(1);
    await expect(issue).toHaveAttribute('data-path', 'severity');
    await expect(issue).toContainText(/severity \(line \d+\):/);
    await expect(yaml).toHaveAttribute('aria-invalid', 'true');
    await expect(editor.getByRole('button', { name: /^Save as version/ })).toBeDisabled();

    // A good edit (a weaker timeout), saved from the keyboard under the proposed next version.
    await yaml.fill(original.replace(/value: 10\b/, 'value: 15'));
    await expect(editor.getByText('No problems found.')).toBeVisible();
    const version = await editor.getByLabel('New pack version').inputValue();
    expect(version).not.toBe(shipped.pack.version);
    await yaml.focus();
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('rule-editor')).toHaveCount(0);
    await expect(page.getByTestId('compliance-pack-version')).toHaveText(version);
    const edited = await api.call('compliance.rules', {});
    expect(edited.pack).toMatchObject({ version, changedWithoutVersionBump: false });
    expect(edited.pack.hash).not.toBe(shipped.pack.hash);
    await expect(page.getByTestId('compliance-pack-hash')).toHaveAttribute('data-hash', edited.pack.hash);
    await expect(page.getByTestId('rule-editor-notice')).toContainText(`version ${version}, hash ${edited.pack.hash.slice(0, 16)}`);
    await expect(page.getByTestId('compliance-pack-source')).toHaveText('edited in this view');
    // Focus went back to the row's Edit button.
    await expect(page.getByRole('button', { name: 'Edit RW-IDLE-TIMEOUT', exact: true })).toBeFocused();
    const audit = await api.call('audit.list', { limit: 50 });
    expect(audit.find((e) => e.action === 'compliance.pack-changed')?.details).toMatchObject({ newVersion: version, modified: ['RW-IDLE-TIMEOUT'] });
    await page.screenshot({ path: test.info().outputPath('compliance-pack-edited.png'), fullPage: true });

    // Escape closes an editor without saving; then back to the shipped pack.
    await page.getByRole('button', { name: 'Edit RW-AAA', exact: true }).click();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('rule-editor')).toHaveCount(0);
    await page.getByRole('button', { name: 'Revert to the shipped pack' }).click();
    await expect(page.getByTestId('compliance-pack-version')).toHaveText(shipped.pack.version);
    await expect(page.getByTestId('compliance-pack-hash')).toHaveAttribute('data-hash', shipped.pack.hash);
    await expect(page.getByTestId('compliance-pack-source')).toHaveText('shipped with Routewise');
  } finally {
    close();
    await host.stop();
  }
});
