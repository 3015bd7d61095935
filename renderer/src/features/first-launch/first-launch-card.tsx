import { type ReactElement, useEffect } from 'react';
import { LabScanConfirm } from '../lab/lab-scan-confirm';
import { useLabStore } from '../lab/lab-store';
import { useInventoryStore } from '../inventory/inventory-store';
import { useScanStore } from '../scan/scan-store';
import { useSettingsStore } from '../settings/settings-store';
import { useFirstLaunchStore } from './first-launch-store';
import './first-launch.css';

/**
 * The welcome on an empty inventory until the admin says "don't show again" (settings.firstLaunchDone):
 * try everything on the built-in lab, or scan a real network. Mounted in the Inventory view.
 */
export function FirstLaunch(): ReactElement {
  const firstLaunchDone = useSettingsStore((s) => s.settings?.firstLaunchDone);
  const empty = useInventoryStore((s) => s.loaded && s.total === 0 && !s.text && !s.aiOnly);
  const scanning = useScanStore((s) => s.running !== null);
  const show = firstLaunchDone === false && empty && !scanning;
  return (
    <>
      {show && <FirstLaunchCard />}
      <LabScanConfirm />
    </>
  );
}

function FirstLaunchCard(): ReactElement {
  const busy = useFirstLaunchStore((s) => s.busy);
  const error = useFirstLaunchStore((s) => s.error);
  const startLab = useFirstLaunchStore((s) => s.startLab);
  const scanMyNetwork = useFirstLaunchStore((s) => s.scanMyNetwork);
  const dismiss = useFirstLaunchStore((s) => s.dismiss);
  const labRunning = useLabStore((s) => s.status?.running === true);
  const labDevices = useLabStore((s) => s.draft.devices);

  useEffect(() => {
    void useLabStore.getState().load();
  }, []);

  return (
    <section className="panel first-launch" aria-labelledby="first-launch-title" data-testid="first-launch">
      <header className="panel-header">
        <h2 id="first-launch-title">Welcome to Routewise</h2>
      </header>
      <div className="panel-body">
        <p>
          Routewise discovers your routers and switches over SNMP and SSH, maps how they connect, finds bottlenecks, and helps you roll
          out AI-capable routers in phases. Two ways to begin:
        </p>
        <div className="first-launch-choices">
          <div className="first-launch-choice">
            <h3>Try it on the built-in lab</h3>
            <p className="muted">
              {labRunning
                ? 'The lab is already running: scan it to fill the inventory.'
                : `Starts ${labDevices} virtual multi-vendor devices on loopback (nothing leaves this machine), then scans them.`}
            </p>
            <button type="button" className="button button-primary" onClick={() => void startLab()} disabled={busy !== null}>
              {busy === 'lab' ? 'Starting the lab…' : labRunning ? 'Scan the lab' : 'Start the lab'}
            </button>
          </div>
          <div className="first-launch-choice">
            <h3>Scan my network</h3>
            <p className="muted">Give a range you are allowed to probe and a credential profile; Routewise asks before it widens the scan scope.</p>
            <button type="button" className="button" onClick={scanMyNetwork} disabled={busy !== null}>
              Scan my network…
            </button>
          </div>
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="button" className="link-button first-launch-dismiss" onClick={() => void dismiss()} disabled={busy !== null}>
          Don't show again
        </button>
      </div>
    </section>
  );
}
