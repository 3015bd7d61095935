import { create } from 'zustand';
import type { EventPayload } from '../../../../shared/api/contract';
import { displayText } from '../../lib/display-text';

export type EngineLogEntry = EventPayload<'engine.log'>;

const KEEP = 200;

interface EngineLogState {
  entries: EngineLogEntry[];
  /** Warnings and errors since the app started: the status bar shows the count. */
  problems: number;
  append(entry: EngineLogEntry): void;
}

export const useEngineLogStore = create<EngineLogState>((set, get) => ({
  entries: [],
  problems: 0,
  append: (entry) => {
    const clean = { ...entry, message: displayText(entry.message, 1000) };
    const entries = [...get().entries, clean].slice(-KEEP);
    set({ entries, problems: get().problems + (entry.level === 'warn' || entry.level === 'error' ? 1 : 0) });
  },
}));
