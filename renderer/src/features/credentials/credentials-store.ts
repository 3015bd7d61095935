import { create } from 'zustand';
import type { CredentialInput, CredentialSummary } from '../../../../shared/api/credentials';
import { callEngine } from '../../api/engine-api';
import { errorText } from '../../lib/error-text';

interface CredentialsState {
  items: CredentialSummary[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  load(): Promise<void>;
  /** Resolves to the new profile, or null with `error` set. The secrets are not kept anywhere here. */
  create(input: CredentialInput): Promise<CredentialSummary | null>;
  remove(id: string): Promise<void>;
}

export const useCredentialsStore = create<CredentialsState>((set, get) => ({
  items: [],
  loaded: false,
  loading: false,
  error: null,
  load: async () => {
    set({ loading: true });
    try {
      set({ items: await callEngine('credentials.list', {}), loaded: true, loading: false, error: null });
    } catch (err) {
      set({ loading: false, error: errorText(err) });
    }
  },
  create: async (input) => {
    try {
      const created = await callEngine('credentials.create', input);
      set({ items: [...get().items.filter((c) => c.id !== created.id), created], error: null });
      return created;
    } catch (err) {
      set({ error: errorText(err) });
      return null;
    }
  },
  remove: async (id) => {
    try {
      await callEngine('credentials.delete', { id });
      set({ items: get().items.filter((c) => c.id !== id), error: null });
    } catch (err) {
      set({ error: errorText(err) });
    }
  },
}));
