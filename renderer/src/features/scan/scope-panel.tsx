import { type FormEvent, type ReactElement, useEffect, useId, useState } from 'react';
import { displayText } from '../../lib/display-text';
import { useScopeStore } from './scope-store';
import '../inventory/inventory.css';

/** Settings → Scan scope: the only ranges Routewise may probe. */
export function ScopePanel(): ReactElement {
  const ranges = useScopeStore((s) => s.ranges);
  const loaded = useScopeStore((s) => s.loaded);
  const error = useScopeStore((s) => s.error);
  const load = useScopeStore((s) => s.load);
  const add = useScopeStore((s) => s.add);
  const remove = useScopeStore((s) => s.remove);
  const [draft, setDraft] = useState('');
  const id = useId();

  useEffect(() => {
    void load();
  }, [load]);

  const onSubmit = async (e: FormEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault();
    if (draft.trim() && (await add(draft.trim()))) setDraft('');
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <header className="panel-header">
        <h2 id={`${id}-title`}>Scan scope</h2>
        <span className="panel-meta">{loaded ? `${ranges.length} ${ranges.length === 1 ? 'range' : 'ranges'}` : ''}</span>
      </header>
      <div className="panel-body">
        <p className="muted">
          Routewise probes only addresses inside these ranges; a scan outside them is refused. An empty scope allows nothing.
        </p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <ul className="scope-list" aria-label="Allowed ranges">
          {loaded && ranges.length === 0 && <li className="muted">The scope is empty: nothing may be scanned yet.</li>}
          {ranges.map((r) => (
            <li key={r.range}>
              <span className="mono">{displayText(r.range, 80)}</span>
              <span className="dim"> added by {displayText(r.addedBy, 60)}</span>
              <button type="button" className="button button-small" onClick={() => void remove(r.range)} aria-label={`Remove ${r.range}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
        <form className="form-actions" onSubmit={(e) => void onSubmit(e)}>
          <label htmlFor={`${id}-range`} className="visually-hidden">
            Range to allow
          </label>
          <input id={`${id}-range`} placeholder="10.0.0.0/24 or 10.0.0.1-80" value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit" className="button">
            Allow range
          </button>
        </form>
      </div>
    </section>
  );
}
