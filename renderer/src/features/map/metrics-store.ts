import { create } from 'zustand';
import type { Input, Output } from '../../../../shared/api/contract';
import { callEngine } from '../../api/engine-api';
import { errorText } from '../../lib/error-text';

type SeriesResult = Output<'metrics.series'>;

interface MetricsState {
  /** Latest series per key ('device:<id>' or 'if:<id>:<name>'). */
  series: Record<string, SeriesResult>;
  error: string | null;
  load(key: string, input: Input<'metrics.series'>): Promise<void>;
}

export const useMetricsStore = create<MetricsState>((set) => ({
  series: {},
  error: null,
  load: async (key, input) => {
    try {
      const result = await callEngine('metrics.series', input);
      set((s) => ({ series: { ...s.series, [key]: result }, error: null }));
    } catch (err) {
      set({ error: errorText(err) });
    }
  },
}));
