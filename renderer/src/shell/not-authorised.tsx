import type { ReactElement } from 'react';
import { useConnectionStore } from '../features/connection/connection-store';

/** Shown instead of the app when this page has no session token, or the engine refused it. */
export function NotAuthorised({ reason }: { reason: 'missing-token' | 'rejected' }): ReactElement {
  const retry = useConnectionStore((s) => s.retry);
  return (
    <main className="gate" id="main">
      <section className="gate-card" aria-labelledby="gate-title">
        <div className="brand gate-brand">
          <span className="brand-mark" aria-hidden="true" />
          Routewise
        </div>
        <h1 id="gate-title">Not authorised</h1>
        {reason === 'missing-token' ? (
          <p>
            This page needs the session token of a running engine. Open the URL printed by <code>routewise serve</code>{' '}
            in its terminal: it ends with <code>#token=…</code>.
          </p>
        ) : (
          <>
            <p>
              The engine refused this tab's session token. Each start of <code>routewise serve</code> makes a new token:
              open the URL it printed this time (it ends with <code>#token=…</code>).
            </p>
            <button type="button" className="button" onClick={retry}>
              Try again
            </button>
          </>
        )}
        <p className="gate-hint">
          The token keeps other local programs and web pages from controlling the engine; it stays in this tab only.
        </p>
      </section>
    </main>
  );
}
