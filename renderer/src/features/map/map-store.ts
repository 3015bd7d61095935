import { create } from 'zustand';
import type { TopologyView } from '../../../../shared/api/topology';
import type { Finding } from '../../../../shared/domain/topology';
import { callEngine } from '../../api/engine-api';
import { errorText } from '../../lib/error-text';
import type { GroupBy } from './map-model';

export type MapSelection = { type: 'node'; id: string } | { type: 'bundle'; id: string } | null;

export interface ThreatMark {
  count: number;
  worst: string;
}

const SEVERITY_ORDER = ['informational', 'low', 'medium', 'high', 'critical'];

interface MapState {
  view: TopologyView | null;
  /** Threat insights of the last 24 h per map node, so detections show beside the gear they concern. */
  threats: Record<string, ThreatMark>;
  loading: boolean;
  collecting: boolean;
  progress: { done: number; total: number } | null;
  error: string | null;
  groupBy: GroupBy;
  collapsed: Set<string>;
  selected: MapSelection;
  search: string;
  /** Node positions moved in this session, not yet saved. */
  moved: Record<string, { x: number; y: number }>;
  /** Set when another view asks the map to show something (a finding's subject). */
  focusRequest: { id: string; at: number } | null;
  showChanges: boolean;
  load(): Promise<void>;
  collect(): Promise<void>;
  setProgress(p: { done: number; total: number } | null): void;
  setGroupBy(g: GroupBy): void;
  toggleCollapsed(group: string): void;
  select(s: MapSelection): void;
  setSearch(text: string): void;
  moveNode(id: string, x: number, y: number): void;
  savePositions(): Promise<void>;
  focus(subject: Finding['subject']): void;
  setShowChanges(v: boolean): void;
}

export const useMapStore = create<MapState>((set, get) => ({
  view: null,
  threats: {},
  loading: false,
  collecting: false,
  progress: null,
  error: null,
  groupBy: 'segment',
  collapsed: new Set(),
  selected: null,
  search: '',
  moved: {},
  focusRequest: null,
  showChanges: false,
  load: async () => {
    set({ loading: true });
    try {
      const view = await callEngine('topology.get', {});
      set({ view, loading: false, error: null, threats: await threatMarks(view) });
    } catch (err) {
      set({ loading: false, error: errorText(err) });
    }
  },
  collect: async () => {
    set({ collecting: true, error: null });
    try {
      const res = await callEngine('topology.collect', {});
      set({ collecting: false, progress: null, error: res.failed.length ? `${res.failed.length} device(s) could not be walked: ${res.failed.slice(0, 3).map((f) => `${f.address} (${f.error})`).join('; ')}` : null });
      await get().load();
    } catch (err) {
      set({ collecting: false, progress: null, error: errorText(err) });
    }
  },
  setProgress: (progress) => set({ progress }),
  setGroupBy: (groupBy) => set({ groupBy, collapsed: new Set() }),
  toggleCollapsed: (group) =>
    set((s) => {
      const collapsed = new Set(s.collapsed);
      if (collapsed.has(group)) collapsed.delete(group);
      else collapsed.add(group);
      return { collapsed };
    }),
  select: (selected) => set({ selected }),
  setSearch: (search) => set({ search }),
  moveNode: (id, x, y) => set((s) => ({ moved: { ...s.moved, [id]: { x, y } } })),
  savePositions: async () => {
    const moved = get().moved;
    const positions = Object.entries(moved).map(([nodeId, p]) => ({ nodeId, ...p }));
    if (positions.length === 0) return;
    try {
      await callEngine('topology.savePositions', { positions });
      set((s) => ({ moved: {}, view: s.view ? { ...s.view, positions: { ...s.view.positions, ...moved } } : s.view }));
    } catch (err) {
      set({ error: errorText(err) });
    }
  },
  focus: (subject) => {
    if (subject.type === 'device') set({ selected: { type: 'node', id: subject.id }, focusRequest: { id: subject.id, at: Date.now() } });
    else if (subject.type === 'link') {
      const link = get().view?.links.find((l) => l.id === subject.id);
      if (link) {
        const [x, y] = link.a.device < link.b.device ? [link.a.device, link.b.device] : [link.b.device, link.a.device];
        set({ selected: { type: 'bundle', id: `${x}\u0000${y}` }, focusRequest: { id: link.a.device, at: Date.now() } });
      }
    } else set({ search: subject.label, focusRequest: null });
  },
  setShowChanges: (showChanges) => set({ showChanges }),
}));

/** Insights of the last 24 h counted per node, matched by inventory device id or by the sender's address. */
async function threatMarks(view: TopologyView): Promise<Record<string, ThreatMark>> {
  let insights: Array<{ deviceId?: string; deviceAddress: string; severity: string; count: number }>;
  try {
    insights = (await callEngine('threats.list', { since: '24h', limit: 10_000 })).insights;
  } catch {
    return {}; // the threats store may be empty or absent: the map still works
  }
  const byAddress = new Map<string, string>();
  for (const n of view.nodes) for (const a of n.addresses ?? []) byAddress.set(a, n.id);
  const marks: Record<string, ThreatMark> = {};
  for (const i of insights) {
    const node = (i.deviceId && view.nodes.some((n) => n.id === i.deviceId) ? i.deviceId : undefined) ?? byAddress.get(i.deviceAddress);
    if (!node) continue;
    const m = (marks[node] ??= { count: 0, worst: 'informational' });
    m.count += i.count;
    if (SEVERITY_ORDER.indexOf(i.severity) > SEVERITY_ORDER.indexOf(m.worst)) m.worst = i.severity;
  }
  return marks;
}
