import { type FormEvent, type ReactElement, useId, useState } from 'react';
import { displayText } from '../../lib/display-text';
import {
  AUTH_PROTOS,
  type CredentialDraft,
  type CredentialKind,
  clearedDraft,
  draftToInput,
  EMPTY_DRAFT,
  PRIV_PROTOS,
  type SnmpV3Level,
} from './credential-draft';
import { useCredentialsStore } from './credentials-store';

const KINDS: Array<[CredentialKind, string]> = [
  ['snmp-v3', 'SNMPv3'],
  ['snmp-v2c', 'SNMPv2c'],
  ['snmp-v1', 'SNMPv1'],
  ['ssh', 'SSH'],
];

export function CredentialForm(): ReactElement {
  const create = useCredentialsStore((s) => s.create);
  const [draft, setDraft] = useState<CredentialDraft>(EMPTY_DRAFT);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const set = <K extends keyof CredentialDraft>(key: K, value: CredentialDraft[K]): void => {
    setDraft((d) => ({ ...d, [key]: value }));
    setSaved(null);
  };

  async function onSubmit(e: FormEvent<HTMLFormElement>): Promise<void> {
    e.preventDefault();
    const result = draftToInput(draft);
    if (!result.ok) {
      setProblem(result.message);
      return;
    }
    setBusy(true);
    setProblem(null);
    const created = await create(result.input);
    setBusy(false);
    if (created) {
      setDraft(clearedDraft(draft));
      setSaved(created.label);
    } else {
      setProblem(useCredentialsStore.getState().error ?? 'The engine did not save the profile.');
    }
  }

  const field = (name: string): string => `${id}-${name}`;
  const legacy = draft.kind === 'snmp-v1' || draft.kind === 'snmp-v2c';

  return (
    <form className="cred-form" onSubmit={(e) => void onSubmit(e)} aria-labelledby={field('title')} autoComplete="off">
      <h3 id={field('title')}>New profile</h3>
      <div className="form-grid">
        <label htmlFor={field('kind')}>Kind</label>
        <select id={field('kind')} value={draft.kind} onChange={(e) => set('kind', e.target.value as CredentialKind)}>
          {KINDS.map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>

        <label htmlFor={field('label')}>Label</label>
        <input id={field('label')} value={draft.label} maxLength={120} onChange={(e) => set('label', e.target.value)} placeholder="e.g. core-switches-v3" />

        {legacy && (
          <>
            <label htmlFor={field('community')}>Community</label>
            <input id={field('community')} type="password" autoComplete="new-password" value={draft.community} onChange={(e) => set('community', e.target.value)} />
          </>
        )}

        {(draft.kind === 'snmp-v3' || draft.kind === 'ssh') && (
          <>
            <label htmlFor={field('user')}>User</label>
            <input id={field('user')} value={draft.user} maxLength={64} onChange={(e) => set('user', e.target.value)} />
          </>
        )}

        {draft.kind === 'snmp-v3' && (
          <>
            <label htmlFor={field('level')}>Security level</label>
            <select id={field('level')} value={draft.level} onChange={(e) => set('level', e.target.value as SnmpV3Level)}>
              <option value="authPriv">authPriv (recommended)</option>
              <option value="authNoPriv">authNoPriv</option>
              <option value="noAuthNoPriv">noAuthNoPriv</option>
            </select>
            {draft.level !== 'noAuthNoPriv' && (
              <>
                <label htmlFor={field('authProto')}>Auth protocol</label>
                <select id={field('authProto')} value={draft.authProto} onChange={(e) => set('authProto', e.target.value as CredentialDraft['authProto'])}>
                  {AUTH_PROTOS.map((p) => (
                    <option key={p} value={p}>
                      {p.toUpperCase()}
                    </option>
                  ))}
                </select>
                <label htmlFor={field('authKey')}>Auth key</label>
                <input id={field('authKey')} type="password" autoComplete="new-password" value={draft.authKey} onChange={(e) => set('authKey', e.target.value)} />
              </>
            )}
            {draft.level === 'authPriv' && (
              <>
                <label htmlFor={field('privProto')}>Privacy protocol</label>
                <select id={field('privProto')} value={draft.privProto} onChange={(e) => set('privProto', e.target.value as CredentialDraft['privProto'])}>
                  {PRIV_PROTOS.map((p) => (
                    <option key={p} value={p}>
                      {p.toUpperCase()}
                    </option>
                  ))}
                </select>
                <label htmlFor={field('privKey')}>Privacy key</label>
                <input id={field('privKey')} type="password" autoComplete="new-password" value={draft.privKey} onChange={(e) => set('privKey', e.target.value)} />
              </>
            )}
          </>
        )}

        {draft.kind === 'ssh' && (
          <>
            <label htmlFor={field('password')}>Password</label>
            <input id={field('password')} type="password" autoComplete="new-password" value={draft.password} onChange={(e) => set('password', e.target.value)} />
            <label htmlFor={field('privateKey')}>Private key</label>
            <textarea id={field('privateKey')} rows={3} spellCheck={false} className="mono secret-text" value={draft.privateKey} onChange={(e) => set('privateKey', e.target.value)} placeholder="-----BEGIN OPENSSH PRIVATE KEY-----" />
            <label htmlFor={field('passphrase')}>Key passphrase</label>
            <input id={field('passphrase')} type="password" autoComplete="new-password" value={draft.passphrase} onChange={(e) => set('passphrase', e.target.value)} />
          </>
        )}
      </div>
      {legacy && <p className="form-note">SNMP {draft.kind === 'snmp-v1' ? 'v1' : 'v2c'} sends the community in clear text; reports flag devices that still need it.</p>}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save profile'}
        </button>
        <span aria-live="polite" className="form-status">
          {saved && `Saved “${displayText(saved, 120)}”. Its secrets are in the vault and are never shown again.`}
        </span>
      </div>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
