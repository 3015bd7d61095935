import { create } from 'zustand';
import type { ScanPlan, ScanProgress, ScanSummary } from '../../../../shared/api/scan';
import { callEngine } from '../../api/engine-api';
import { errorText } from '../../lib/error-text';

/** What the scan dialog holds while the admin types (numbers as typed; the engine validates them again). */
export interface ScanDraft {
  targets: string;
  /** Credential profile ids in the order they will be tried. */
  credentialIds: string[];
  snmpPort: string;
  sshPort: string;
  timeoutMs: string;
  retries: string;
  concurrency: string;
}

export const DEFAULT_SCAN_DRAFT: ScanDraft = {
  targets: '',
  credentialIds: [],
  snmpPort: '161',
  sshPort: '22',
  timeoutMs: '2000',
  retries: '1',
  concurrency: '64',
};

interface ScanState {
  dialogOpen: boolean;
  draft: ScanDraft;
  /** The engine's check of the targets: size, scope, names that did not resolve. */
  plan: ScanPlan | null;
  busy: boolean;
  error: string | null;
  running: { scanId: string; progress: ScanProgress | null; cancelling: boolean } | null;
  last: ScanSummary | null;
  open(): void;
  close(): void;
  edit(patch: Partial<ScanDraft>): void;
  toggleCredential(id: string): void;
  /** Checks the targets; when they fit the scope and size, starts the scan. */
  submit(opts?: { confirmLarge?: boolean }): Promise<void>;
  allowOutOfScope(): Promise<void>;
  cancel(): Promise<void>;
  progressReceived(p: ScanProgress): void;
  finishedReceived(s: ScanSummary): void;
}

export function targetsOf(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}

export const useScanStore = create<ScanState>((set, get) => ({
  dialogOpen: false,
  draft: DEFAULT_SCAN_DRAFT,
  plan: null,
  busy: false,
  error: null,
  running: null,
  last: null,
  open: () => set({ dialogOpen: true, error: null, plan: null }),
  close: () => set({ dialogOpen: false }),
  edit: (patch) => set({ draft: { ...get().draft, ...patch }, plan: null, error: null }),
  toggleCredential: (id) => {
    const ids = get().draft.credentialIds;
    set({ draft: { ...get().draft, credentialIds: ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id] } });
  },
  submit: async (opts = {}) => {
    const d = get().draft;
    const targets = targetsOf(d.targets);
    if (targets.length === 0) return set({ error: 'Give at least one target: an address, a range or a CIDR block.' });
    if (d.credentialIds.length === 0) return set({ error: 'Pick at least one credential profile (Settings → Credential profiles).' });
    set({ busy: true, error: null });
    try {
      const snmpPort = Number(d.snmpPort);
      const plan = await callEngine('scan.plan', { targets, snmpPort });
      set({ plan });
      if (plan.outOfScope.length > 0 || (plan.needsConfirmation && !opts.confirmLarge)) return set({ busy: false });
      const started = await callEngine('scan.start', {
        targets,
        credentialIds: d.credentialIds,
        snmpPort,
        sshPort: Number(d.sshPort),
        timeoutMs: Number(d.timeoutMs),
        retries: Number(d.retries),
        concurrency: Number(d.concurrency),
        confirmLarge: opts.confirmLarge === true,
      });
      set({ busy: false, dialogOpen: false, plan: null, running: { scanId: started.scanId, progress: null, cancelling: false } });
    } catch (err) {
      set({ busy: false, error: errorText(err) });
    }
  },
  allowOutOfScope: async () => {
    const ranges = get().plan?.outOfScope ?? [];
    set({ busy: true, error: null });
    try {
      for (const range of ranges) await callEngine('scope.add', { range });
      set({ busy: false, plan: null });
    } catch (err) {
      set({ busy: false, error: errorText(err) });
    }
  },
  cancel: async () => {
    const running = get().running;
    if (!running) return;
    set({ running: { ...running, cancelling: true } });
    try {
      await callEngine('scan.cancel', { scanId: running.scanId });
    } catch (err) {
      set({ error: errorText(err) });
    }
  },
  progressReceived: (p) => {
    const running = get().running;
    if (running && running.scanId === p.scanId) set({ running: { ...running, progress: p } });
  },
  finishedReceived: (s) => {
    if (get().running?.scanId === s.id) set({ running: null, last: s });
  },
}));
