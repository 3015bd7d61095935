import type { ReactElement } from 'react';
import type { Evidence, Finding } from '../../../../shared/api/compliance';
import { displayText } from '../../lib/display-text';

/** One evidence line as text: config lines keep their line number (and +/- when drift found them). */
export function evidenceLine(e: Evidence): string {
  if (e.kind === 'fact') return `${displayText(e.field, 80)} = ${displayText(e.value, 300)}`;
  const mark = e.change === 'added' ? '+' : e.change === 'removed' ? '-' : ' ';
  return `${e.source.padEnd(8)} ${String(e.line).padStart(5)} ${mark} ${displayText(e.text, 500)}`;
}

export function FindingItem({ finding: f, onWaive }: { finding: Finding; onWaive(f: Finding): void }): ReactElement {
  const status = f.status === 'fail' && f.waiver ? 'waived' : f.status;
  const badge = status === 'pass' ? 'badge-ok' : status === 'waived' ? 'badge-warn' : status === 'not-applicable' ? 'badge-neutral' : 'badge-bad';
  return (
    <li className={`cp-finding cp-${status}`} data-testid="compliance-finding" data-rule-id={f.ruleId} data-status={status}>
      <div className="cp-finding-head">
        <span className={`badge ${badge}`}>{status}</span>
        <span className={`badge sev-${f.severity}`}>{f.severity}</span>
        <strong>{displayText(f.ruleId, 100)}</strong>
        <span>{displayText(f.ruleTitle, 200)}</span>
        <span className="dim">{displayText(f.deviceName, 120)}</span>
        {f.status === 'fail' && !f.waiver && (
          <button type="button" className="button button-small" onClick={() => onWaive(f)} aria-label={`Waive ${f.ruleId} for ${displayText(f.deviceName, 120)}`}>
            Waive…
          </button>
        )}
      </div>
      <p>{displayText(f.message, 500)}</p>
      {f.evidence.length > 0 && (
        <>
          <h4 className="cp-sub">Evidence</h4>
          <pre className="cp-evidence" data-testid="compliance-evidence">
            {f.evidence.map(evidenceLine).join('\n')}
          </pre>
        </>
      )}
      {f.status !== 'pass' && f.status !== 'not-applicable' && (
        <>
          <h4 className="cp-sub">Remediation</h4>
          <p className="cp-remediation">{displayText(f.remediation.text, 2000)}</p>
          {f.remediation.template && <p className="dim">Change template: {displayText(f.remediation.template, 200)}</p>}
        </>
      )}
      <p className="dim cp-mappings">
        CIS {f.frameworks.cis.join(', ') || '—'} · NIST {f.frameworks['nist-800-53'].join(', ') || '—'} · PCI {f.frameworks['pci-dss'].join(', ') || '—'}
      </p>
      {f.waiver && (
        <p className="cp-waiver-note">
          Waived by {displayText(f.waiver.owner, 100)} until {new Date(f.waiver.expiresAt).toLocaleDateString()}: {displayText(f.waiver.reason, 500)}
        </p>
      )}
    </li>
  );
}
