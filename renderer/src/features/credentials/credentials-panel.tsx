import { type ReactElement, useEffect, useState } from 'react';
import type { CredentialSummary } from '../../../../shared/api/credentials';
import { displayText } from '../../lib/display-text';
import { CredentialForm } from './credential-form';
import { useCredentialsStore } from './credentials-store';

const KIND_LABEL: Record<CredentialSummary['kind'], string> = {
  'snmp-v1': 'SNMPv1',
  'snmp-v2c': 'SNMPv2c',
  'snmp-v3': 'SNMPv3',
  ssh: 'SSH',
};

export function CredentialsPanel(): ReactElement {
  const items = useCredentialsStore((s) => s.items);
  const loaded = useCredentialsStore((s) => s.loaded);
  const error = useCredentialsStore((s) => s.error);
  const load = useCredentialsStore((s) => s.load);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="panel panel-wide" aria-labelledby="credentials-title">
      <header className="panel-header">
        <h2 id="credentials-title">Credential profiles</h2>
        <span className="panel-meta">{loaded ? `${items.length} ${items.length === 1 ? 'profile' : 'profiles'}` : ''}</span>
      </header>
      <div className="panel-body">
        <p className="muted">Secrets stay in the engine's encrypted vault; this window only ever sees labels and non-secret parameters.</p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <table className="table" aria-labelledby="credentials-title">
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Kind</th>
              <th scope="col">Parameters</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {loaded && items.length === 0 && (
              <tr>
                <td colSpan={5} className="table-empty">
                  No profiles yet. Add one below to let discovery log in to devices.
                </td>
              </tr>
            )}
            {items.map((c) => (
              <CredentialRow key={c.id} credential={c} />
            ))}
          </tbody>
        </table>
        <CredentialForm />
      </div>
    </section>
  );
}

function CredentialRow({ credential: c }: { credential: CredentialSummary }): ReactElement {
  const remove = useCredentialsStore((s) => s.remove);
  const [confirming, setConfirming] = useState(false);
  const label = displayText(c.label, 120);
  const params = Object.entries(c.public)
    .map(([k, v]) => `${displayText(k, 40)}=${displayText(v, 80)}`)
    .join(' · ');
  return (
    <tr data-credential-id={c.id}>
      <td className="cell-label">{label}</td>
      <td>
        <span className={`badge ${c.kind === 'snmp-v1' || c.kind === 'snmp-v2c' ? 'badge-warn' : 'badge-neutral'}`}>{KIND_LABEL[c.kind]}</span>
      </td>
      <td className="mono dim">{params || '—'}</td>
      <td className="dim">{new Date(c.createdAt).toLocaleString()}</td>
      <td className="cell-actions">
        {confirming ? (
          <>
            <button type="button" className="button button-small button-danger" onClick={() => void remove(c.id)} aria-label={`Confirm delete ${label}`}>
              Delete
            </button>
            <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </>
        ) : (
          <button type="button" className="button button-small" onClick={() => setConfirming(true)} aria-label={`Delete ${label}`}>
            Delete…
          </button>
        )}
      </td>
    </tr>
  );
}
