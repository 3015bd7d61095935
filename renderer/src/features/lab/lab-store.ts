import { create } from 'zustand';
import type { CredentialSummary } from '../../../../shared/api/credentials';
import type { LabScenarioInfo, LabScenarioName, LabStartInput, LabStatus } from '../../../../shared/api/lab';
import { callEngine } from '../../api/engine-api';
import { errorText } from '../../lib/error-text';
import { useCredentialsStore } from '../credentials/credentials-store';
import { useNavigationStore } from '../navigation/navigation-store';
import { useScanStore } from '../scan/scan-store';
import { ensureLabCollectors } from './lab-collector';
import { labCredentialInputs, labPorts, labRange, reusableProfile } from './lab-scan-plan';

/** The start form as typed; the engine validates the numbers again. */
export interface LabDraft {
  devices: string;
  scenario: LabScenarioName;
  seed: string;
  base: string;
  /** Send the lab's threat detections to this engine's own listener. */
  collect: boolean;
  threatsPerMin: string;
}

export const DEFAULT_LAB_DRAFT: LabDraft = {
  devices: '12',
  scenario: 'none',
  seed: '1',
  base: '127.20.0.0',
  collect: true,
  threatsPerMin: '6',
};

/** What "Scan the lab" is about to do, shown for confirmation before the scope changes. */
export interface LabScanProposal {
  range: string;
  snmpPort: number;
  sshPort: number;
}

interface LabState {
  status: LabStatus | null;
  scenarios: LabScenarioInfo[];
  draft: LabDraft;
  busy: 'starting' | 'stopping' | 'scanning' | null;
  error: string | null;
  proposal: LabScanProposal | null;
  load(): Promise<void>;
  received(status: LabStatus): void;
  edit(patch: Partial<LabDraft>): void;
  /** Resolves to whether the lab runs afterwards. */
  start(): Promise<boolean>;
  stop(): Promise<void>;
  /** Step one of "Scan the lab": work out the range and ask. */
  proposeScan(): void;
  dismissProposal(): void;
  /** Step two, after the admin agreed: scope, credential profiles, then the scan (now, or in the dialog to review). */
  scanLab(mode: 'now' | 'review'): Promise<void>;
}

function startInput(d: LabDraft): LabStartInput {
  return {
    devices: Number(d.devices),
    scenario: d.scenario,
    seed: Number(d.seed),
    base: d.base.trim(),
    threatsPerMin: Number(d.threatsPerMin),
  };
}

async function labProfiles(status: LabStatus): Promise<CredentialSummary[]> {
  if (!status.credentials) throw new Error('the lab reported no credentials');
  const credentials = useCredentialsStore.getState();
  if (!credentials.loaded) await credentials.load();
  const profiles: CredentialSummary[] = [];
  for (const input of labCredentialInputs(status.credentials)) {
    const existing = reusableProfile(useCredentialsStore.getState().items, input);
    const profile = existing ?? (await useCredentialsStore.getState().create(input));
    if (!profile) throw new Error(useCredentialsStore.getState().error ?? `could not create the profile ${input.label}`);
    profiles.push(profile);
  }
  return profiles;
}

export const useLabStore = create<LabState>((set, get) => ({
  status: null,
  scenarios: [],
  draft: DEFAULT_LAB_DRAFT,
  busy: null,
  error: null,
  proposal: null,
  load: async () => {
    try {
      const [status, scenarios] = await Promise.all([callEngine('lab.status', {}), callEngine('lab.scenarios', {})]);
      set({ status, scenarios, error: null });
    } catch (err) {
      set({ error: errorText(err) });
    }
  },
  received: (status) => set({ status }),
  edit: (patch) => set({ draft: { ...get().draft, ...patch }, error: null }),
  start: async () => {
    set({ busy: 'starting', error: null });
    try {
      const input = startInput(get().draft);
      const collectors = get().draft.collect ? await ensureLabCollectors() : {};
      const status = await callEngine('lab.start', { ...input, ...collectors });
      set({ status, busy: null });
      return status.running;
    } catch (err) {
      set({ busy: null, error: errorText(err) });
      return false;
    }
  },
  stop: async () => {
    set({ busy: 'stopping', error: null });
    try {
      await callEngine('lab.stop', {});
      set({ status: await callEngine('lab.status', {}), busy: null, proposal: null });
    } catch (err) {
      set({ busy: null, error: errorText(err) });
    }
  },
  proposeScan: () => {
    const devices = get().status?.devices ?? [];
    const range = labRange(devices);
    const ports = labPorts(devices);
    if (!range || !ports) return set({ error: 'The lab is not running, so there is nothing to scan.' });
    set({ proposal: { range, ...ports }, error: null });
  },
  dismissProposal: () => set({ proposal: null }),
  scanLab: async (mode) => {
    const proposal = get().proposal;
    const status = get().status;
    if (!proposal || !status?.running) return;
    set({ busy: 'scanning', error: null });
    try {
      await callEngine('scope.add', { range: proposal.range });
      const profiles = await labProfiles(status);
      const scan = useScanStore.getState();
      scan.edit({
        targets: proposal.range,
        credentialIds: profiles.map((p) => p.id),
        snmpPort: String(proposal.snmpPort),
        sshPort: String(proposal.sshPort),
      });
      set({ busy: null, proposal: null });
      useNavigationStore.getState().go('inventory');
      if (mode === 'review') return useScanStore.getState().open();
      await useScanStore.getState().submit();
      // Anything the scan needs the admin for (an error, a size confirmation) is shown in the dialog.
      const { running, error, plan } = useScanStore.getState();
      if (!running && (error || plan)) {
        useScanStore.getState().open();
        useScanStore.setState({ error, plan });
      }
    } catch (err) {
      set({ busy: null, error: errorText(err) });
    }
  },
}));
