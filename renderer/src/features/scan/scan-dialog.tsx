import { type FormEvent, type ReactElement, useEffect, useId, useRef } from 'react';
import { displayText } from '../../lib/display-text';
import { useCredentialsStore } from '../credentials/credentials-store';
import { type ScanDraft, useScanStore } from './scan-store';

const KIND_LABEL = { 'snmp-v1': 'SNMPv1', 'snmp-v2c': 'SNMPv2c', 'snmp-v3': 'SNMPv3', ssh: 'SSH' } as const;

/** New scan: targets, credential profiles in the order to try them, ports and speed settings. */
export function ScanDialog(): ReactElement {
  const open = useScanStore((s) => s.dialogOpen);
  const close = useScanStore((s) => s.close);
  const draft = useScanStore((s) => s.draft);
  const edit = useScanStore((s) => s.edit);
  const toggle = useScanStore((s) => s.toggleCredential);
  const submit = useScanStore((s) => s.submit);
  const allow = useScanStore((s) => s.allowOutOfScope);
  const plan = useScanStore((s) => s.plan);
  const busy = useScanStore((s) => s.busy);
  const error = useScanStore((s) => s.error);
  const credentials = useCredentialsStore((s) => s.items);
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const f = (name: string) => `${id}-${name}`;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const onSubmit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    void submit();
  };
  const num = (key: keyof Omit<ScanDraft, 'credentialIds' | 'targets'>, label: string, min: number, max: number) => (
    <>
      <label htmlFor={f(key)}>{label}</label>
      <input id={f(key)} type="number" min={min} max={max} value={draft[key]} onChange={(e) => edit({ [key]: e.target.value })} />
    </>
  );

  return (
    <dialog ref={ref} className="dialog scan-dialog" aria-labelledby={f('title')} onClose={close}>
      <form onSubmit={onSubmit} autoComplete="off">
        <header className="dialog-header">
          <h2 id={f('title')}>New scan</h2>
        </header>
        <div className="dialog-body">
          <div className="form-grid">
            <label htmlFor={f('targets')}>Targets</label>
            <textarea
              id={f('targets')}
              rows={3}
              placeholder="10.0.0.0/24  10.0.1.1-80  core1.example.net  10.0.2.7:1161"
              value={draft.targets}
              onChange={(e) => edit({ targets: e.target.value })}
            />
          </div>
          <fieldset className="scan-creds">
            <legend>Credential profiles (tried in the order you tick them)</legend>
            {credentials.length === 0 && <p className="muted">No profiles yet: add one in Settings → Credential profiles.</p>}
            {credentials.map((c) => {
              const order = draft.credentialIds.indexOf(c.id);
              return (
                <label key={c.id} className="scan-cred">
                  <input type="checkbox" checked={order >= 0} onChange={() => toggle(c.id)} />
                  <span className="scan-cred-order" aria-hidden="true">
                    {order >= 0 ? order + 1 : ''}
                  </span>
                  {displayText(c.label, 80)} <span className="dim">({KIND_LABEL[c.kind]})</span>
                </label>
              );
            })}
          </fieldset>
          <div className="form-grid scan-numbers">
            {num('snmpPort', 'SNMP port', 1, 65535)}
            {num('sshPort', 'SSH port', 1, 65535)}
            {num('timeoutMs', 'Timeout (ms)', 50, 60000)}
            {num('retries', 'Retries', 0, 5)}
            {num('concurrency', 'Concurrency', 1, 2048)}
          </div>
          {plan && plan.outOfScope.length > 0 && (
            <div className="scan-warning" role="alert">
              <p>
                {plan.scopeEmpty
                  ? 'The scan scope is empty, so Routewise probes nothing until you allow ranges.'
                  : 'Part of these targets is outside the scan scope:'}{' '}
                <span className="mono">{plan.outOfScope.map((r) => displayText(r, 60)).join(', ')}</span>
              </p>
              <button type="button" className="button" disabled={busy} onClick={() => void allow()}>
                Allow {plan.outOfScope.length === 1 ? 'this range' : 'these ranges'} and continue
              </button>
            </div>
          )}
          {plan && plan.outOfScope.length === 0 && plan.needsConfirmation && (
            <div className="scan-warning" role="alert">
              <p>These targets cover {plan.total.toLocaleString()} addresses, more than a /16. Sweeping that many takes a while and is loud on the network.</p>
              <button type="button" className="button button-danger" disabled={busy} onClick={() => void submit({ confirmLarge: true })}>
                Sweep {plan.total.toLocaleString()} addresses
              </button>
            </div>
          )}
          {plan && plan.unresolved.length > 0 && (
            <p className="form-note">Did not resolve: {plan.unresolved.map((h) => displayText(h, 80)).join(', ')}</p>
          )}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <footer className="dialog-footer form-actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            Start scan
          </button>
        </footer>
      </form>
    </dialog>
  );
}
