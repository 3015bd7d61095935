import { create } from 'zustand';
import type { ScopeRange } from '../../../../shared/api/scope';
import { callEngine } from '../../api/engine-api';
import { errorText } from '../../lib/error-text';

interface ScopeState {
  ranges: ScopeRange[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
  add(range: string): Promise<boolean>;
  remove(range: string): Promise<void>;
  /** scope.changed from the engine (the CLI or the scan dialog may change the scope too). */
  changed(): void;
}

export const useScopeStore = create<ScopeState>((set, get) => ({
  ranges: [],
  loaded: false,
  error: null,
  load: async () => {
    try {
      set({ ranges: await callEngine('scope.list', {}), loaded: true, error: null });
    } catch (err) {
      set({ error: errorText(err) });
    }
  },
  add: async (range) => {
    try {
      await callEngine('scope.add', { range });
      await get().load();
      return true;
    } catch (err) {
      set({ error: errorText(err) });
      return false;
    }
  },
  remove: async (range) => {
    try {
      await callEngine('scope.remove', { range });
      await get().load();
    } catch (err) {
      set({ error: errorText(err) });
    }
  },
  changed: () => {
    void get().load();
  },
}));
