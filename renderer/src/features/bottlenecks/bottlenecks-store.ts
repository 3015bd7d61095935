import { create } from 'zustand';
import type { Finding, FindingKind, Severity } from '../../../../shared/domain/topology';
import type { Output } from '../../../../shared/api/contract';
import { callEngine } from '../../api/engine-api';
import { errorText } from '../../lib/error-text';

export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

interface BottlenecksState {
  findings: Finding[];
  coverage: Output<'topology.analyze'>['coverage'];
  loading: boolean;
  analysedAt: string | null;
  error: string | null;
  windowMin: number;
  minSeverity: Severity;
  kinds: Set<FindingKind>;
  analyze(): Promise<void>;
  setWindowMin(m: number): void;
  setMinSeverity(s: Severity): void;
  toggleKind(k: FindingKind): void;
}

export const useBottlenecksStore = create<BottlenecksState>((set, get) => ({
  findings: [],
  coverage: [],
  loading: false,
  analysedAt: null,
  error: null,
  windowMin: 5,
  minSeverity: 'low',
  kinds: new Set(),
  analyze: async () => {
    set({ loading: true });
    try {
      const { findings, coverage } = await callEngine('topology.analyze', { windowMs: Math.max(1, get().windowMin) * 60_000 });
      findings.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.kind.localeCompare(b.kind));
      set({ findings, coverage, loading: false, analysedAt: new Date().toISOString(), error: null });
    } catch (err) {
      set({ loading: false, error: errorText(err) });
    }
  },
  setWindowMin: (windowMin) => set({ windowMin }),
  setMinSeverity: (minSeverity) => set({ minSeverity }),
  toggleKind: (k) =>
    set((s) => {
      const kinds = new Set(s.kinds);
      if (kinds.has(k)) kinds.delete(k);
      else kinds.add(k);
      return { kinds };
    }),
}));

/** Findings shown: at or above the minimum severity, and of the chosen kinds (none chosen = all). */
export function visibleFindings(findings: readonly Finding[], minSeverity: Severity, kinds: ReadonlySet<FindingKind>): Finding[] {
  return findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[minSeverity] && (kinds.size === 0 || kinds.has(f.kind)));
}
