import { type FormEvent, type ReactElement, useEffect, useState } from 'react';
import { displayText } from '../../lib/display-text';
import { useComplianceStore, type WaiverDraft } from './compliance-store';

export const EMPTY_WAIVER: WaiverDraft = { ruleId: '', deviceId: '*', reason: '', owner: '', expiresOn: '' };

/** Waivers: every one listed (expired ones marked), and a form to add one with reason, owner and expiry. */
export function WaiversPanel({ prefill, onPrefillUsed }: { prefill: WaiverDraft | null; onPrefillUsed(): void }): ReactElement {
  const waivers = useComplianceStore((s) => s.waivers);
  const error = useComplianceStore((s) => s.waiverError);
  const rules = useComplianceStore((s) => s.rules);
  const findings = useComplianceStore((s) => s.findings);
  const [draft, setDraft] = useState<WaiverDraft>(EMPTY_WAIVER);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!prefill) return;
    setDraft(prefill);
    // Used once: coming back to this tab later starts from an empty form.
    onPrefillUsed();
  }, [prefill, onPrefillUsed]);
  // Waivers are added from the CLI and other windows too: re-read them whenever the panel opens.
  useEffect(() => {
    void useComplianceStore.getState().loadWaivers();
  }, []);

  const devices = [...new Map(findings.map((f) => [f.deviceId, f.deviceName])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const ruleIds = [...(rules?.rules.map((r) => r.id) ?? []), 'DRIFT-STARTUP', 'DRIFT-APPROVED'];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const ok = await useComplianceStore.getState().addWaiver(draft);
    setBusy(false);
    if (ok) setDraft(EMPTY_WAIVER);
  };

  return (
    <section className="cp-panel" aria-labelledby="cp-waivers-title" data-testid="compliance-waivers">
      <h2 className="side-title" id="cp-waivers-title">
        Waivers
      </h2>
      {waivers.length === 0 ? (
        <p className="dim">No waivers.</p>
      ) : (
        <table className="mini-table">
          <thead>
            <tr>
              <th>Rule</th>
              <th>Device</th>
              <th>Owner</th>
              <th>Reason</th>
              <th>Expires</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {waivers.map((w) => (
              <tr key={w.id} className={w.expired ? 'cp-expired' : undefined} data-testid="compliance-waiver" data-expired={w.expired}>
                <td>{displayText(w.ruleId, 100)}</td>
                <td>{w.deviceId === '*' ? 'all devices' : displayText(devices.find(([id]) => id === w.deviceId)?.[1] ?? w.deviceId, 120)}</td>
                <td>{displayText(w.owner, 100)}</td>
                <td>{displayText(w.reason, 300)}</td>
                <td>
                  {new Date(w.expiresAt).toLocaleDateString()} {w.expired && <span className="badge badge-bad">expired</span>}
                </td>
                <td>
                  <button type="button" className="button button-small" onClick={() => void useComplianceStore.getState().revokeWaiver(w.id)} aria-label={`Revoke waiver of ${w.ruleId}`}>
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="cp-form" onSubmit={(e) => void submit(e)} aria-label="Add a waiver">
        <label>
          Rule
          <select value={draft.ruleId} onChange={(e) => setDraft({ ...draft, ruleId: e.target.value })} required>
            <option value="">Choose a rule…</option>
            {ruleIds.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
        <label>
          Device
          <select value={draft.deviceId} onChange={(e) => setDraft({ ...draft, deviceId: e.target.value })}>
            <option value="*">All devices</option>
            {devices.map(([id, name]) => (
              <option key={id} value={id}>
                {displayText(name, 120)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Reason
          <input value={draft.reason} onChange={(e) => setDraft({ ...draft, reason: e.target.value })} maxLength={2000} required />
        </label>
        <label>
          Owner
          <input value={draft.owner} onChange={(e) => setDraft({ ...draft, owner: e.target.value })} maxLength={200} required />
        </label>
        <label>
          Expires on
          <input type="date" value={draft.expiresOn} onChange={(e) => setDraft({ ...draft, expiresOn: e.target.value })} required />
        </label>
        <button type="submit" className="button button-primary" disabled={busy || !draft.ruleId}>
          Add waiver
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
