import type { Page } from '@playwright/test';
import type { ApiClient } from '../../../shared/api/client';
import type { Output } from '../../../shared/api/contract';
import { expect } from './fixtures';

type ViewName = 'Inventory' | 'Map' | 'Threats' | 'Lab' | 'Rollouts' | 'Compliance' | 'AI services';

/** By its name in the side navigation, so the test does not depend on the order of views. */
export async function openView(page: Page, name: ViewName): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: new RegExp(`^${name}\\b`) }).click();
  await expect(page.locator('main#main h1')).toHaveText(name);
}

export async function inTheme(page: Page, api: ApiClient, theme: 'light' | 'dark'): Promise<void> {
  await api.call('settings.update', { theme });
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

type LabStatus = Pick<Output<'lab.status'>, 'devices' | 'credentials'>;

/**
 * Scans every device of a running lab through the API (the lab spec scans from the UI), with the lab's v2c
 * community and, when asked, its SSH login so that drivers and backups find a credential per device.
 * Adds the lab's /16 to the scan scope first. Resolves when the engine says the scan finished.
 */
export async function scanLabViaApi(api: ApiClient, lab: LabStatus, base: string, opts: { ssh?: boolean } = {}): Promise<void> {
  const creds = lab.credentials;
  if (!creds) throw new Error('the lab reports no credentials: is it running?');
  const ids = [(await api.call('credentials.create', { kind: 'snmp-v2c', label: 'lab v2c', community: creds.snmpV2cCommunity })).id];
  if (opts.ssh) ids.push((await api.call('credentials.create', { kind: 'ssh', label: 'lab ssh', user: creds.ssh.user, password: creds.ssh.password })).id);
  await api.call('scope.add', { range: `${base}/16` });
  const finished = new Promise<void>((resolve) => {
    const off = api.on('scan.finished', () => {
      off();
      resolve();
    });
  });
  const d0 = lab.devices[0];
  if (!d0) throw new Error('the lab has no devices');
  await api.call('scan.start', {
    targets: lab.devices.map((d) => d.address),
    credentialIds: ids,
    snmpPort: d0.snmpPort,
    ...(opts.ssh ? { sshPort: d0.sshPort } : {}),
    timeoutMs: 1500,
    retries: 1,
  });
  await finished;
}
