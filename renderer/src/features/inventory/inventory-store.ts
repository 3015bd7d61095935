import { create } from 'zustand';
import type { DeviceDetail, DeviceSummary, InventorySortField } from '../../../../shared/api/inventory';
import { callEngine } from '../../api/engine-api';
import { errorText } from '../../lib/error-text';

/** The table loads this many rows at most; the virtualised list renders only what is visible. */
export const INVENTORY_PAGE = 10_000;

interface InventoryState {
  items: DeviceSummary[];
  total: number;
  loaded: boolean;
  error: string | null;
  text: string;
  aiOnly: boolean;
  sort: InventorySortField;
  direction: 'asc' | 'desc';
  selectedId: string | null;
  detail: DeviceDetail | null;
  detailError: string | null;
  load(): Promise<void>;
  setText(text: string): void;
  setAiOnly(aiOnly: boolean): void;
  /** Same column again flips the direction. */
  sortBy(field: InventorySortField): void;
  select(id: string | null): Promise<void>;
}

let loadSeq = 0;

export const useInventoryStore = create<InventoryState>((set, get) => ({
  items: [],
  total: 0,
  loaded: false,
  error: null,
  text: '',
  aiOnly: false,
  sort: 'address',
  direction: 'asc',
  selectedId: null,
  detail: null,
  detailError: null,
  load: async () => {
    const seq = ++loadSeq;
    const { text, aiOnly, sort, direction } = get();
    try {
      const res = await callEngine('inventory.list', {
        text: text.trim() || undefined,
        aiCapable: aiOnly ? true : undefined,
        sort,
        direction,
        limit: INVENTORY_PAGE,
      });
      // A slower, older answer must not overwrite a newer one.
      if (seq === loadSeq) set({ items: res.items, total: res.total, loaded: true, error: null });
    } catch (err) {
      if (seq === loadSeq) set({ error: errorText(err) });
    }
    const selected = get().selectedId;
    if (selected) void get().select(selected);
  },
  setText: (text) => {
    set({ text });
    void get().load();
  },
  setAiOnly: (aiOnly) => {
    set({ aiOnly });
    void get().load();
  },
  sortBy: (field) => {
    const { sort, direction } = get();
    set({ sort: field, direction: sort === field && direction === 'asc' ? 'desc' : 'asc' });
    void get().load();
  },
  select: async (id) => {
    set({ selectedId: id, detailError: null, ...(id === get().detail?.device.id ? {} : { detail: null }) });
    if (!id) return;
    try {
      const detail = await callEngine('inventory.get', { id });
      if (get().selectedId === id) set({ detail });
    } catch (err) {
      if (get().selectedId === id) set({ detailError: errorText(err) });
    }
  },
}));
