import { create } from 'zustand';
import type { Settings, Theme } from '../../../../shared/api/system';
import { callEngine } from '../../api/engine-api';
import { errorText } from '../../lib/error-text';

interface SettingsState {
  settings: Settings | null;
  saving: boolean;
  error: string | null;
  load(): Promise<void>;
  received(settings: Settings): void;
  setTheme(theme: Theme): Promise<void>;
}

export const useSettingsStore = create<SettingsState>((set, get) => ({
  settings: null,
  saving: false,
  error: null,
  load: async () => {
    try {
      set({ settings: await callEngine('settings.get', {}), error: null });
    } catch (err) {
      set({ error: errorText(err) });
    }
  },
  received: (settings) => set({ settings }),
  setTheme: async (theme) => {
    const before = get().settings;
    // Optimistic: the theme changes at once; the engine's answer (and settings.changed) confirm it.
    if (before) set({ settings: { ...before, theme } });
    set({ saving: true, error: null });
    try {
      set({ settings: await callEngine('settings.update', { theme }), saving: false });
    } catch (err) {
      set({ settings: before, saving: false, error: errorText(err) });
    }
  },
}));
