import { create } from 'zustand';
import type { EngineInfo } from '../../../../shared/api/system';
import { callEngine } from '../../api/engine-api';
import type { LinkState } from '../../api/ws-transport';
import { errorText } from '../../lib/error-text';

export type ConnectionPhase = LinkState['phase'] | 'missing-token';

interface ConnectionState {
  phase: ConnectionPhase;
  kind: 'electron' | 'websocket' | null;
  attempt: number;
  /** Epoch ms of the next reconnect attempt while disconnected. */
  retryAt: number | null;
  info: EngineInfo | null;
  infoError: string | null;
  retry: () => void;
  setLink(link: LinkState): void;
  setMissingToken(): void;
  attach(kind: 'electron' | 'websocket', retry: () => void): void;
  loadInfo(): Promise<void>;
}

export const useConnectionStore = create<ConnectionState>((set) => ({
  phase: 'connecting',
  kind: null,
  attempt: 1,
  retryAt: null,
  info: null,
  infoError: null,
  retry: () => undefined,
  setLink: (link) =>
    set({
      phase: link.phase,
      attempt: 'attempt' in link ? link.attempt : 0,
      retryAt: link.phase === 'closed' && Number.isFinite(link.retryAt) ? link.retryAt : null,
    }),
  setMissingToken: () => set({ phase: 'missing-token', retryAt: null }),
  attach: (kind, retry) => set({ kind, retry }),
  loadInfo: async () => {
    try {
      set({ info: await callEngine('system.info', {}), infoError: null });
    } catch (err) {
      set({ infoError: errorText(err) });
    }
  },
}));
