import { type ReactElement, useEffect } from 'react';
import { ViewHeader } from '../../views/view-header';
import { useCredentialsStore } from '../credentials/credentials-store';
import { FirstLaunch } from '../first-launch/first-launch-card';
import { ScanDialog } from '../scan/scan-dialog';
import { ScanProgressBar } from '../scan/scan-progress';
import { useScanStore } from '../scan/scan-store';
import { DeviceDetailPanel } from './device-detail';
import { InventoryTable } from './inventory-table';
import { useInventoryStore } from './inventory-store';
import './inventory.css';

export function InventoryView(): ReactElement {
  const load = useInventoryStore((s) => s.load);
  const loaded = useInventoryStore((s) => s.loaded);
  const total = useInventoryStore((s) => s.total);
  const shown = useInventoryStore((s) => s.items.length);
  const text = useInventoryStore((s) => s.text);
  const setText = useInventoryStore((s) => s.setText);
  const aiOnly = useInventoryStore((s) => s.aiOnly);
  const setAiOnly = useInventoryStore((s) => s.setAiOnly);
  const error = useInventoryStore((s) => s.error);
  const openScan = useScanStore((s) => s.open);
  const scanning = useScanStore((s) => s.running !== null);
  const loadCredentials = useCredentialsStore((s) => s.load);

  useEffect(() => {
    void load();
    void loadCredentials();
  }, [load, loadCredentials]);

  return (
    <>
      <ViewHeader title="Inventory">
        <button type="button" className="button button-primary" onClick={openScan} disabled={scanning}>
          New scan…
        </button>
      </ViewHeader>
      <div className="view-body inv-layout">
        <ScanProgressBar />
        <FirstLaunch />
        <div className="inv-toolbar">
          <input
            type="search"
            aria-label="Filter devices"
            placeholder="Filter by address, name, vendor, model, serial, version…"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <label>
            <input type="checkbox" checked={aiOnly} onChange={(e) => setAiOnly(e.target.checked)} /> AI-capable only
          </label>
          <span className="dim" data-testid="inventory-count">
            {loaded ? (shown < total ? `${shown} of ${total} devices` : `${total} ${total === 1 ? 'device' : 'devices'}`) : ''}
          </span>
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {loaded && total === 0 && !text && !aiOnly ? (
          // Not .empty-state: that class marks views that are not built yet (the shell e2e relies on it).
          <section className="inv-empty" aria-label="No devices yet">
            <p className="empty-title">No devices yet</p>
            <p className="empty-text">
              Start a scan of a range in the scan scope to discover devices over SNMP and SSH: New scan… above, or{' '}
              <span className="mono">routewise scan 10.0.0.0/24 --community …</span> from a terminal.
            </p>
            <button type="button" className="button button-primary" onClick={openScan}>
              New scan…
            </button>
          </section>
        ) : (
          <div className="inv-split">
            <InventoryTable />
            <DeviceDetailPanel />
          </div>
        )}
      </div>
      <ScanDialog />
    </>
  );
}
