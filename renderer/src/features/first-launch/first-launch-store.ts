import { create } from 'zustand';
import { callEngine } from '../../api/engine-api';
import { errorText } from '../../lib/error-text';
import { useLabStore } from '../lab/lab-store';
import { useScanStore } from '../scan/scan-store';
import { useSettingsStore } from '../settings/settings-store';

interface FirstLaunchState {
  busy: 'lab' | 'dismiss' | null;
  error: string | null;
  /** settings.firstLaunchDone = true: the card does not come back, in this window or the next. */
  dismiss(): Promise<void>;
  /** Starts the lab with the Lab view's options, then asks to scan it (the scan fills the inventory). */
  startLab(): Promise<void>;
  scanMyNetwork(): void;
}

export const useFirstLaunchStore = create<FirstLaunchState>((set) => ({
  busy: null,
  error: null,
  dismiss: async () => {
    set({ busy: 'dismiss', error: null });
    try {
      useSettingsStore.getState().received(await callEngine('settings.update', { firstLaunchDone: true }));
      set({ busy: null });
    } catch (err) {
      set({ busy: null, error: errorText(err) });
    }
  },
  startLab: async () => {
    set({ busy: 'lab', error: null });
    const lab = useLabStore.getState();
    const running = lab.status?.running === true || (await lab.start());
    if (!running) return set({ busy: null, error: useLabStore.getState().error ?? 'The lab did not start.' });
    useLabStore.getState().proposeScan();
    set({ busy: null });
  },
  scanMyNetwork: () => useScanStore.getState().open(),
}));
