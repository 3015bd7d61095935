import { type ReactElement, useEffect, useMemo } from 'react';
import { InsightCategory, Severity } from '../../../../shared/domain/insight';
import { useNow } from '../../shell/use-now';
import { ViewHeader } from '../../views/view-header';
import { ThreatFeed } from './threat-feed';
import { ThreatsCoverage } from './threats-coverage';
import { filterInsights, type GroupBy, groupInsights, segmentIndex } from './threats-model';
import { useThreatsStore } from './threats-store';
import './threats.css';

const WINDOWS: Array<{ label: string; min: number | null }> = [
  { label: 'All time', min: null },
  { label: 'Last 15 min', min: 15 },
  { label: 'Last hour', min: 60 },
  { label: 'Last 24 h', min: 1440 },
  { label: 'Last 7 days', min: 7 * 1440 },
];

const GROUPS: Array<{ by: GroupBy; label: string }> = [
  { by: 'none', label: 'Newest first' },
  { by: 'device', label: 'Device' },
  { by: 'segment', label: 'Segment' },
  { by: 'technique', label: 'ATT&CK technique' },
];

export function ThreatsView(): ReactElement {
  const s = useThreatsStore();
  const now = useNow(s.filter.withinMin !== null, 30_000);
  useEffect(() => {
    void useThreatsStore.getState().load();
  }, []);
  const segments = useMemo(() => segmentIndex(s.nodes), [s.nodes]);
  const shown = useMemo(() => filterInsights(s.items, s.filter, now), [s.items, s.filter, now]);
  const groups = useMemo(() => groupInsights(shown, s.groupBy, segments), [shown, s.groupBy, segments]);
  const unknownStored = s.stats?.byFormat.unknown ?? 0;
  const unknownLive = useMemo(() => s.items.filter((i) => i.format === 'unknown').length, [s.items]);

  return (
    <>
      <ViewHeader title="Threats">
        {s.stats && !s.listening && (
          <button type="button" className="button button-primary" onClick={() => void s.listen()}>
            Listen on 127.0.0.1
          </button>
        )}
      </ViewHeader>
      <div className="view-body th-layout">
        <div className="th-summary" data-testid="threats-summary">
          <span>
            <strong>{s.stats?.total ?? 0}</strong> stored insights
          </span>
          <span data-testid="threats-unknown">
            <strong>{unknownStored}</strong> unknown/raw messages{unknownLive ? ` (${unknownLive} in this feed)` : ''}
          </span>
          {s.stats?.counters.invalidUtf8 ? <span>{s.stats.counters.invalidUtf8} not UTF-8</span> : null}
          {s.stats?.counters.throttled ? <span>{s.stats.counters.throttled} throttled</span> : null}
          <span className="dim" data-testid="threats-receivers">
            {s.stats?.receivers.length
              ? `Listening: ${s.stats.receivers.map((r) => `${r.kind} ${r.host}:${r.port}`).join(', ')}`
              : 'No receiver runs in this engine: detections arrive only while one listens.'}
          </span>
        </div>
        {s.error && (
          <p className="form-error" role="alert">
            {s.error}
          </p>
        )}
        <ThreatsCoverage nodes={s.nodes} />
        <div className="th-toolbar" role="toolbar" aria-label="Threat filters">
          <label>
            At least{' '}
            <select value={s.filter.minSeverity} onChange={(e) => s.setFilter({ minSeverity: Severity.parse(e.target.value) })}>
              {Severity.options.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
          <label>
            Category{' '}
            <select
              value={s.filter.category}
              onChange={(e) => s.setFilter({ category: e.target.value === 'all' ? 'all' : InsightCategory.parse(e.target.value) })}
            >
              <option value="all">all</option>
              {InsightCategory.options.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
          <input
            type="search"
            aria-label="Filter by device address or name"
            placeholder="Device address or name"
            value={s.filter.device}
            onChange={(e) => s.setFilter({ device: e.target.value })}
          />
          <label>
            Time{' '}
            <select
              value={s.filter.withinMin === null ? '' : String(s.filter.withinMin)}
              onChange={(e) => s.setFilter({ withinMin: e.target.value === '' ? null : Number(e.target.value) })}
            >
              {WINDOWS.map((w) => (
                <option key={w.label} value={w.min === null ? '' : String(w.min)}>
                  {w.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Group by{' '}
            <select value={s.groupBy} onChange={(e) => s.setGroupBy(GROUPS.find((g) => g.by === e.target.value)?.by ?? 'none')}>
              {GROUPS.map((g) => (
                <option key={g.by} value={g.by}>
                  {g.label}
                </option>
              ))}
            </select>
          </label>
          <span className="dim" data-testid="threats-count" aria-live="polite">
            {s.loaded ? `${shown.length} of ${s.items.length} insights` : ''}
          </span>
        </div>
        {s.loaded && s.items.length === 0 ? (
          <div className="th-empty">
            <p className="th-empty-title">No detections yet</p>
            <p className="muted">
              Point AI-capable routers and firewalls at this engine's syslog or trap listener, or start the lab with threat detections
              sent here (Lab view).
            </p>
          </div>
        ) : (
          <ThreatFeed groups={groups} groupBy={s.groupBy} />
        )}
      </div>
    </>
  );
}
