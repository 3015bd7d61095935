import type { ReactElement } from 'react';
import { displayText } from '../../lib/display-text';
import { useConnectionStore } from './connection-store';

export function EngineInfoPanel(): ReactElement {
  const info = useConnectionStore((s) => s.info);
  const error = useConnectionStore((s) => s.infoError);
  const rows: Array<[string, string]> = info
    ? [
        ['Version', info.version],
        ['Host', info.host],
        ['Data directory', info.dataDir],
        ['Node.js', info.node],
        ['Schema version', String(info.schemaVersion)],
        ['Started', new Date(info.startedAt).toLocaleString()],
      ]
    : [];
  return (
    <section className="panel" aria-labelledby="engine-title">
      <header className="panel-header">
        <h2 id="engine-title">Engine</h2>
      </header>
      <div className="panel-body">
        {error && <p className="form-error">{error}</p>}
        {!info && !error && <p className="muted">Waiting for the engine…</p>}
        {info && (
          <dl className="kv" aria-label="Engine information">
            {rows.map(([k, v]) => (
              <div className="kv-row" key={k}>
                <dt>{k}</dt>
                <dd className={k === 'Data directory' ? 'mono' : undefined}>{displayText(v, 300)}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>
    </section>
  );
}
