import { describe, expect, it } from 'vitest';
import type { LabStatus } from '../../../shared/api/lab';
import { useCredentialsStore } from '../../../renderer/src/features/credentials/credentials-store';
import { useLabStore } from '../../../renderer/src/features/lab/lab-store';
import { useNavigationStore } from '../../../renderer/src/features/navigation/navigation-store';
import { DEFAULT_SCAN_DRAFT, useScanStore } from '../../../renderer/src/features/scan/scan-store';
import { useUiEngine } from '../../support/ui-engine';

// Addresses in this engineer's lab block where nothing listens: the scan in 'now' mode finds no device.
const device = (n: number) => ({
  id: `d${n}`,
  hostname: `dev${n}`,
  role: 'access' as const,
  platform: 'iosxe' as const,
  vendor: 'Cisco',
  model: 'C9200L',
  osVersion: '17.9.4a',
  aiCapable: false,
  emitsDetections: false,
  address: `127.26.200.${n}`,
  snmpPort: 16161,
  sshPort: 2222,
});

const RUNNING: LabStatus = {
  running: true,
  devices: [device(3), device(1), device(2)],
  credentials: {
    snmpV2cCommunity: 'routewise-lab',
    snmpV3: { user: 'labv3', level: 'authPriv', authProto: 'sha', authKey: 'lab-auth-key', privProto: 'aes', privKey: 'lab-priv-key' },
    ssh: { user: 'admin', password: 'lab-password' },
  },
};

/** "Scan the lab" against a real engine: scope, credential profiles, scan dialog; the lab status is given, not started. */
describe('lab store: scan the lab', () => {
  const ui = useUiEngine('routewise-lab-store-');

  it('proposes the range first and changes nothing until confirmed', async () => {
    useLabStore.setState({ status: RUNNING });
    useLabStore.getState().proposeScan();
    expect(useLabStore.getState().proposal).toEqual({ range: '127.26.200.1-127.26.200.3', snmpPort: 16161, sshPort: 2222 });
    expect(await ui.client.call('scope.list', {})).toEqual([]);
    useLabStore.getState().dismissProposal();
    expect(useLabStore.getState().proposal).toBeNull();
  });

  it('review: adds the range to the scope, creates three profiles once, prefills and opens the scan dialog', async () => {
    for (let round = 0; round < 2; round++) {
      useScanStore.setState({ draft: DEFAULT_SCAN_DRAFT, dialogOpen: false });
      useNavigationStore.setState({ view: 'lab' });
      useLabStore.getState().proposeScan();
      await useLabStore.getState().scanLab('review');
      expect(useLabStore.getState().error).toBeNull();
      expect(useLabStore.getState().proposal).toBeNull();
      expect((await ui.client.call('scope.list', {})).map((r) => r.range)).toEqual(['127.26.200.1-127.26.200.3']);
      const profiles = await ui.client.call('credentials.list', {});
      expect(profiles.map((p) => p.kind).sort()).toEqual(['snmp-v2c', 'snmp-v3', 'ssh']);
      const draft = useScanStore.getState().draft;
      expect(draft).toMatchObject({ targets: '127.26.200.1-127.26.200.3', snmpPort: '16161', sshPort: '2222' });
      // v3 authPriv is tried first (the recommended default), then v2c, then SSH.
      const kinds = draft.credentialIds.map((id) => profiles.find((p) => p.id === id)?.kind);
      expect(kinds).toEqual(['snmp-v3', 'snmp-v2c', 'ssh']);
      expect(useScanStore.getState().dialogOpen).toBe(true);
      expect(useNavigationStore.getState().view).toBe('inventory');
    }
    expect(useCredentialsStore.getState().items).toHaveLength(3);
  });

  it('now: starts the scan at once, and it runs to the end', async () => {
    useScanStore.setState({ dialogOpen: false, running: null });
    useScanStore.getState().edit({ timeoutMs: '200', retries: '0' });
    const finished = new Promise<string>((resolve) => {
      const off = ui.client.on('scan.finished', (s) => {
        off();
        resolve(s.id);
      });
    });
    useLabStore.getState().proposeScan();
    await useLabStore.getState().scanLab('now');
    const running = useScanStore.getState().running;
    expect(useScanStore.getState().error).toBeNull();
    expect(running?.scanId).toBeTruthy();
    expect(useScanStore.getState().dialogOpen).toBe(false);
    expect(await finished).toBe(running!.scanId);
  });

  it('says so when there is no running lab to scan', () => {
    useLabStore.setState({ status: { running: false, devices: [] }, proposal: null });
    useLabStore.getState().proposeScan();
    expect(useLabStore.getState().proposal).toBeNull();
    expect(useLabStore.getState().error).toMatch(/not running/);
  });
});
