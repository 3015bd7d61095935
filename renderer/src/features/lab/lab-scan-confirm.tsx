import { type ReactElement, useEffect, useId, useRef } from 'react';
import { useLabStore } from './lab-store';

/** Asks before "Scan the lab" widens the scan scope, and shows exactly which range it adds. */
export function LabScanConfirm(): ReactElement {
  const proposal = useLabStore((s) => s.proposal);
  const busy = useLabStore((s) => s.busy === 'scanning');
  const dismiss = useLabStore((s) => s.dismissProposal);
  const scanLab = useLabStore((s) => s.scanLab);
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (proposal && !dialog.open) dialog.showModal();
    if (!proposal && dialog.open) dialog.close();
  }, [proposal]);

  return (
    <dialog ref={ref} className="dialog lab-confirm" aria-labelledby={`${id}-title`} onClose={dismiss}>
      <header className="dialog-header">
        <h2 id={`${id}-title`}>Scan the lab</h2>
      </header>
      <div className="dialog-body">
        <p>This adds the lab's addresses to the scan scope, so Routewise may probe them:</p>
        <p className="lab-range mono" data-testid="lab-scan-range">
          {proposal?.range}
        </p>
        <p className="muted">
          It also creates (or reuses) three credential profiles with the lab's own credentials — SNMPv3 authPriv, SNMPv2c and SSH —
          and scans SNMP port {proposal?.snmpPort} and SSH port {proposal?.sshPort}. The lab is on loopback only.
        </p>
      </div>
      <footer className="dialog-footer form-actions">
        <button type="button" className="button" onClick={dismiss} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="button" onClick={() => void scanLab('review')} disabled={busy}>
          Review in the scan dialog
        </button>
        <button type="button" className="button button-primary" onClick={() => void scanLab('now')} disabled={busy} autoFocus>
          {busy ? 'Preparing…' : 'Add to scope and scan'}
        </button>
      </footer>
    </dialog>
  );
}
