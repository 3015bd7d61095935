import { type ReactElement, useMemo } from 'react';
import type { TopologyNode } from '../../../../shared/domain/topology';
import { displayText } from '../../lib/display-text';
import { segmentCoverage } from './threats-model';

/** Segments with an AI-capable device in them, and the blind spots: from the map, since the threats API has no coverage method. */
export function ThreatsCoverage({ nodes }: { nodes: TopologyNode[] }): ReactElement {
  const coverage = useMemo(() => segmentCoverage(nodes), [nodes]);
  const blind = coverage.filter((c) => !c.watched).length;
  return (
    <section className="panel" aria-labelledby="threats-coverage-title">
      <header className="panel-header">
        <h2 id="threats-coverage-title">Coverage</h2>
        <span className="panel-meta" data-testid="threats-coverage-summary">
          {coverage.length ? `${coverage.length - blind} watched, ${blind} blind ${blind === 1 ? 'spot' : 'spots'}` : ''}
        </span>
      </header>
      <div className="panel-body">
        {coverage.length === 0 ? (
          <p className="muted">No map yet: scan devices and refresh the map to see which segments an AI-capable device watches.</p>
        ) : (
          <ul className="th-coverage" data-testid="threats-coverage">
            {coverage.map((c) => (
              <li key={c.segment}>
                <span className={`badge ${c.watched ? 'badge-ok' : 'badge-warn'}`}>{c.watched ? 'watched' : 'blind spot'}</span>{' '}
                <strong>{displayText(c.segment, 80)}</strong>{' '}
                <span className="dim">
                  {c.devices} {c.devices === 1 ? 'device' : 'devices'}
                  {c.watched ? `, by ${c.watchers.map((w) => displayText(w, 60)).join(', ')}` : ', no AI-capable device'}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
