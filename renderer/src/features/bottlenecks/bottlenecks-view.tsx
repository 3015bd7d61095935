import { type ReactElement, useEffect, useMemo } from 'react';
import type { Finding, FindingKind, Severity } from '../../../../shared/domain/topology';
import { ViewHeader } from '../../views/view-header';
import { useMapStore } from '../map/map-store';
import { useNavigationStore } from '../navigation/navigation-store';
import { useBottlenecksStore, visibleFindings } from './bottlenecks-store';
import './bottlenecks.css';

const KINDS: Array<{ kind: FindingKind; label: string }> = [
  { kind: 'hot-link', label: 'Hot links' },
  { kind: 'oversubscription', label: 'Oversubscription' },
  { kind: 'speed-mismatch', label: 'Speed/duplex mismatch' },
  { kind: 'errors', label: 'Errors & discards' },
  { kind: 'spof', label: 'Single points of failure' },
  { kind: 'min-cut', label: 'Min-cut capacity' },
  { kind: 'density', label: 'Device density' },
];
const SEVERITIES: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

export function BottlenecksView(): ReactElement {
  const s = useBottlenecksStore();
  useEffect(() => {
    void s.analyze();
    // Analyse once on open; the admin re-runs it with the button.
  }, []);
  const shown = useMemo(() => visibleFindings(s.findings, s.minSeverity, s.kinds), [s.findings, s.minSeverity, s.kinds]);
  const counts = useMemo(() => {
    const c = new Map<FindingKind, number>();
    for (const f of s.findings) c.set(f.kind, (c.get(f.kind) ?? 0) + 1);
    return c;
  }, [s.findings]);

  const showOnMap = (f: Finding) => {
    useMapStore.getState().focus(f.subject);
    useNavigationStore.getState().go('map');
  };

  return (
    <>
      <ViewHeader title="Bottlenecks">
        <button type="button" className="button button-primary" onClick={() => void s.analyze()} disabled={s.loading}>
          {s.loading ? 'Analysing…' : 'Analyse again'}
        </button>
      </ViewHeader>
      <div className="view-body">
        <div className="bn-toolbar" role="toolbar" aria-label="Finding filters">
          <label>
            Metrics window{' '}
            <select value={s.windowMin} onChange={(e) => s.setWindowMin(Number(e.target.value))}>
              {[5, 15, 60, 240, 1440].map((m) => (
                <option key={m} value={m}>
                  {m < 60 ? `${m} min` : `${m / 60} h`}
                </option>
              ))}
            </select>
          </label>
          <label>
            At least{' '}
            <select value={s.minSeverity} onChange={(e) => s.setMinSeverity(e.target.value as Severity)}>
              {SEVERITIES.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
          {KINDS.map((k) => (
            <button key={k.kind} type="button" className="chip" aria-pressed={s.kinds.has(k.kind)} onClick={() => s.toggleKind(k.kind)}>
              {k.label} <span className="dim">{counts.get(k.kind) ?? 0}</span>
            </button>
          ))}
        </div>
        {s.error && (
          <p className="form-error" role="alert">
            {s.error}
          </p>
        )}
        {s.coverage.length > 0 && (
          <section className="coverage" aria-label="Readiness for AI routers" data-testid="ai-coverage">
            <h2 className="side-title">Readiness for AI routers: who sees each segment's traffic</h2>
            <table className="mini-table">
              <thead>
                <tr>
                  <th>Segment</th>
                  <th>Devices</th>
                  <th>Seen by (all traffic)</th>
                  <th>Seen in part by</th>
                </tr>
              </thead>
              <tbody>
                {s.coverage.map((c) => (
                  <tr key={c.segment} className={c.blindSpot ? 'blind' : undefined}>
                    <td>{c.segment}</td>
                    <td>{c.devices}</td>
                    <td>{c.blindSpot ? <strong>blind spot</strong> : c.fullySeenBy.join(', ') || '—'}</td>
                    <td>{c.partlySeenBy.join(', ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
        {!s.loading && s.findings.length === 0 && !s.error ? (
          <p className="dim">No findings. Scan devices, refresh the map, and poll counters (`routewise poll`) for utilisation-based findings.</p>
        ) : (
          <ul className="finding-list" aria-label="Findings" data-testid="finding-list">
            {shown.map((f, i) => (
              <li key={`${f.kind}-${f.subject.id}-${i}`} className={`finding sev-${f.severity}`}>
                <div className="finding-head">
                  <span className={`badge sev-${f.severity}`}>{f.severity}</span>
                  <span className="finding-kind">{KINDS.find((k) => k.kind === f.kind)?.label ?? f.kind}</span>
                  <strong className="finding-subject">{f.subject.label}</strong>
                  {f.subject.type !== 'segment' && (
                    <button type="button" className="button button-small" onClick={() => showOnMap(f)}>
                      Show on map
                    </button>
                  )}
                </div>
                <p className="finding-rec">{f.recommendation}</p>
                <details>
                  <summary>Evidence</summary>
                  <pre className="evidence">{JSON.stringify(f.evidence, null, 2)}</pre>
                </details>
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
