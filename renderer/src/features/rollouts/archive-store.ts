import { create } from 'zustand';
import type { Output } from '../../../../shared/api/contract';
import type { ConfigVersion } from '../../../../shared/api/archive';
import { callEngine } from '../../api/engine-api';
import { errorText } from '../../lib/error-text';

type RestoreResult = Output<'archive.restore'>;

interface ArchiveState {
  deviceId: string | null;
  versions: ConfigVersion[];
  error: string | null;
  /** Version ids picked for the diff (from = older, to = newer). */
  fromId: number | null;
  toId: number | null;
  diff: string | null;
  busy: boolean;
  /** archive.backup/restore default to port 22, not the port the scan used: the admin says which. */
  sshPort: number;
  setSshPort(port: number): void;
  /** A dry run done for this version: the diff the restore would apply; the admin confirms from there. */
  restorePreview: { versionId: number; result: RestoreResult } | null;
  restored: { versionId: number; result: RestoreResult } | null;
  selectDevice(deviceId: string | null): Promise<void>;
  backup(): Promise<void>;
  pick(which: 'from' | 'to', id: number): void;
  showDiff(): Promise<void>;
  dryRunRestore(versionId: number): Promise<void>;
  restore(versionId: number): Promise<void>;
}

export const useArchiveStore = create<ArchiveState>((set, get) => ({
  deviceId: null,
  versions: [],
  error: null,
  fromId: null,
  toId: null,
  diff: null,
  busy: false,
  sshPort: 22,
  setSshPort: (sshPort) => set({ sshPort }),
  restorePreview: null,
  restored: null,
  selectDevice: async (deviceId) => {
    set({ deviceId, versions: [], fromId: null, toId: null, diff: null, error: null, restorePreview: null, restored: null });
    if (!deviceId) return;
    try {
      const versions = await callEngine('archive.list', { deviceId, limit: 100 });
      if (get().deviceId === deviceId) set({ versions, fromId: versions[1]?.id ?? null, toId: versions[0]?.id ?? null });
    } catch (err) {
      set({ error: errorText(err) });
    }
  },
  backup: async () => {
    const deviceId = get().deviceId;
    if (!deviceId) return;
    set({ busy: true, error: null });
    try {
      await callEngine('archive.backup', { deviceId, sshPort: get().sshPort });
      await get().selectDevice(deviceId);
    } catch (err) {
      set({ error: errorText(err) });
    } finally {
      set({ busy: false });
    }
  },
  pick: (which, id) => set(which === 'from' ? { fromId: id, diff: null } : { toId: id, diff: null }),
  showDiff: async () => {
    const { fromId, toId } = get();
    if (fromId === null) return;
    set({ busy: true, error: null });
    try {
      const r = await callEngine('archive.diff', { fromId, ...(toId === null ? {} : { toId }) });
      set({ diff: r.diff });
    } catch (err) {
      set({ error: errorText(err) });
    } finally {
      set({ busy: false });
    }
  },
  dryRunRestore: async (versionId) => {
    set({ busy: true, error: null, restored: null });
    try {
      const result = await callEngine('archive.restore', { versionId, sshPort: get().sshPort, dryRun: true });
      set({ restorePreview: { versionId, result } });
    } catch (err) {
      set({ error: errorText(err) });
    } finally {
      set({ busy: false });
    }
  },
  restore: async (versionId) => {
    set({ busy: true, error: null });
    try {
      // The safe path: load replace, diff, commit with a revert timer, then confirm once the device answers.
      const result = await callEngine('archive.restore', { versionId, sshPort: get().sshPort, confirm: true });
      set({ restored: { versionId, result }, restorePreview: null });
      const deviceId = get().deviceId;
      if (deviceId) {
        const versions = await callEngine('archive.list', { deviceId, limit: 100 });
        set({ versions });
      }
    } catch (err) {
      set({ error: errorText(err) });
    } finally {
      set({ busy: false });
    }
  },
}));
