import { type ReactElement, useEffect } from 'react';
import { displayText } from '../../lib/display-text';
import { useAuditStore } from './audit-store';

const REASONS = {
  'hash-mismatch': 'an entry was changed after it was written',
  'prev-hash-mismatch': 'an entry no longer links to the one before it',
  'missing-entry': 'an entry is missing',
} as const;

export function AuditPanel(): ReactElement {
  const result = useAuditStore((s) => s.result);
  const verifying = useAuditStore((s) => s.verifying);
  const checkedAt = useAuditStore((s) => s.checkedAt);
  const error = useAuditStore((s) => s.error);
  const verify = useAuditStore((s) => s.verify);

  // Every settings or credential change appends an entry: recheck whenever the panel is shown.
  useEffect(() => {
    void verify();
  }, [verify]);

  return (
    <section className="panel" aria-labelledby="audit-title">
      <header className="panel-header">
        <h2 id="audit-title">Audit chain</h2>
        <button type="button" className="button button-small" onClick={() => void verify()} disabled={verifying}>
          {verifying ? 'Verifying…' : 'Verify again'}
        </button>
      </header>
      <div className="panel-body" data-testid="audit-state">
        {error && <p className="form-error">{error}</p>}
        {!result && !error && <p className="muted">Not verified yet.</p>}
        {result?.intact === true && (
          <>
            <p className="audit-verdict">
              <span className="badge badge-ok">Intact</span> Every one of {result.entries}{' '}
              {result.entries === 1 ? 'entry' : 'entries'} chains to the one before it.
            </p>
            <dl className="kv">
              <div className="kv-row">
                <dt>Entries</dt>
                <dd>{result.entries}</dd>
              </div>
              <div className="kv-row">
                <dt>Head hash</dt>
                <dd className="mono truncate" title={result.headHash}>
                  {displayText(result.headHash, 128)}
                </dd>
              </div>
            </dl>
          </>
        )}
        {result?.intact === false && (
          <>
            <p className="audit-verdict" role="alert">
              <span className="badge badge-bad">Broken</span> At entry #{result.firstBadSeq}: {REASONS[result.reason]}.
            </p>
            <p className="muted">{displayText(result.message, 500)}</p>
          </>
        )}
        {checkedAt && <p className="panel-foot">Checked {new Date(checkedAt).toLocaleTimeString()}</p>}
      </div>
    </section>
  );
}
