import { create } from 'zustand';
import type { Output } from '../../../../shared/api/contract';
import type { ReceiverInfo, ThreatStats } from '../../../../shared/api/threats';
import type { InsightCategory } from '../../../../shared/domain/insight';
import type { TopologyNode } from '../../../../shared/domain/topology';
import { callEngine } from '../../api/engine-api';
import { errorText } from '../../lib/error-text';
import { DEFAULT_FILTER, FEED_MAX, type FeedInsight, type GroupBy, type ThreatFilter, mergeInsights } from './threats-model';

export type Explanation = Output<'threats.explain'>;

/** Counters refresh at most this often while the feed is busy. */
const STATS_REFRESH_MS = 2_000;
/** Live insights are applied in batches, so a burst of detections costs one render, not one per message. */
const FEED_BATCH_MS = 200;

interface ThreatsState {
  items: FeedInsight[];
  loaded: boolean;
  error: string | null;
  stats: ThreatStats | null;
  nodes: TopologyNode[];
  filter: ThreatFilter;
  groupBy: GroupBy;
  /** Plain-language playbooks by category, fetched once each. */
  playbooks: Partial<Record<InsightCategory, Explanation>>;
  selectedId: string | null;
  /** threats.explain for the selected insight (its ATT&CK technique named). */
  detail: Explanation | null;
  listening: boolean;
  load(): Promise<void>;
  received(insight: FeedInsight): void;
  setFilter(patch: Partial<ThreatFilter>): void;
  setGroupBy(by: GroupBy): void;
  select(id: string | null): Promise<void>;
  listen(): Promise<ReceiverInfo[]>;
  refreshStats(): Promise<void>;
}

let statsTimer: ReturnType<typeof setTimeout> | null = null;
let batchTimer: ReturnType<typeof setTimeout> | null = null;
let batch: FeedInsight[] = [];
const pendingPlaybooks = new Set<InsightCategory>();

export const useThreatsStore = create<ThreatsState>((set, get) => {
  const ensurePlaybooks = (categories: Iterable<InsightCategory>): void => {
    for (const category of new Set(categories)) {
      if (get().playbooks[category] || pendingPlaybooks.has(category)) continue;
      pendingPlaybooks.add(category);
      callEngine('threats.explain', { category })
        .then((e) => set({ playbooks: { ...get().playbooks, [category]: e } }))
        .catch((err: unknown) => set({ error: errorText(err) }))
        .finally(() => pendingPlaybooks.delete(category));
    }
  };
  return {
    items: [],
    loaded: false,
    error: null,
    stats: null,
    nodes: [],
    filter: DEFAULT_FILTER,
    groupBy: 'none',
    playbooks: {},
    selectedId: null,
    detail: null,
    listening: false,
    load: async () => {
      try {
        const [list, stats] = await Promise.all([callEngine('threats.list', { limit: FEED_MAX }), callEngine('threats.stats', {})]);
        // Live insights that arrived while the list was loading are kept.
        const live = get().items;
        const items = mergeInsights(list.insights, live);
        set({ items, stats, listening: stats.receivers.length > 0, loaded: true, error: null });
        ensurePlaybooks(items.map((i) => i.category));
      } catch (err) {
        set({ error: errorText(err) });
      }
      try {
        set({ nodes: (await callEngine('topology.get', {})).nodes });
      } catch {
        // Coverage and segments need the map; without it the feed still works.
        set({ nodes: [] });
      }
    },
    received: (insight) => {
      batch.push(insight);
      if (!batchTimer) {
        batchTimer = setTimeout(() => {
          const arrived = batch;
          batch = [];
          batchTimer = null;
          set({ items: mergeInsights(get().items, arrived) });
          ensurePlaybooks(arrived.map((i) => i.category));
          const selected = get().selectedId;
          if (selected && arrived.some((i) => i.id === selected)) void get().select(selected);
        }, FEED_BATCH_MS);
      }
      if (!statsTimer) {
        statsTimer = setTimeout(() => {
          statsTimer = null;
          void get().refreshStats();
        }, STATS_REFRESH_MS);
      }
    },
    setFilter: (patch) => set({ filter: { ...get().filter, ...patch } }),
    setGroupBy: (groupBy) => set({ groupBy }),
    select: async (id) => {
      set({ selectedId: id, ...(id === get().detail?.insight?.id ? {} : { detail: null }) });
      if (!id) return;
      try {
        const detail = await callEngine('threats.explain', { id });
        if (get().selectedId === id) set({ detail });
      } catch {
        // A live insight the store has not written yet: the category playbook, already shown, still explains it.
      }
    },
    listen: async () => {
      try {
        const res = await callEngine('threats.listen', { syslogUdp: { host: '127.0.0.1', port: 0 }, syslogTcp: { host: '127.0.0.1', port: 0 } });
        set({ listening: true, error: null });
        await get().refreshStats();
        return res.receivers;
      } catch (err) {
        set({ error: errorText(err) });
        return [];
      }
    },
    refreshStats: async () => {
      try {
        const stats = await callEngine('threats.stats', {});
        set({ stats, listening: stats.receivers.length > 0 });
      } catch (err) {
        set({ error: errorText(err) });
      }
    },
  };
});
