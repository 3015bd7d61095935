import type { ReactElement } from 'react';
import { useEngineLogStore } from './engine-log-store';

const SHOWN = 50;

/** The engine's recent info/warn/error lines, newest first: what the status bar's warning count refers to. */
export function EngineLogPanel(): ReactElement {
  const entries = useEngineLogStore((s) => s.entries);
  const recent = entries.slice(-SHOWN).reverse();
  return (
    <section className="panel panel-wide" aria-labelledby="engine-log-title">
      <header className="panel-header">
        <h2 id="engine-log-title">Engine messages</h2>
        <span className="panel-meta">this session</span>
      </header>
      <div className="panel-body">
        {recent.length === 0 ? (
          <p className="muted">Nothing yet. Warnings and errors from scans, receivers and rollouts appear here.</p>
        ) : (
          <ol className="log-list" aria-label="Engine messages, newest first">
            {recent.map((e, i) => (
              <li key={`${e.at}-${i}`} className="log-entry" data-level={e.level}>
                <time className="log-time mono" dateTime={e.at}>
                  {new Date(e.at).toLocaleTimeString()}
                </time>
                <span className={`badge log-level ${e.level === 'error' ? 'badge-bad' : e.level === 'warn' ? 'badge-warn' : 'badge-neutral'}`}>{e.level}</span>
                <span className="log-message">{e.message}</span>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
