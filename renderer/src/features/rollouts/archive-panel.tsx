import type { ReactElement } from 'react';
import { displayText } from '../../lib/display-text';
import { useInventoryStore } from '../inventory/inventory-store';
import { useArchiveStore } from './archive-store';

/** The configuration archive of one device: versions, a diff between two, and restore through the driver's safe path. */
export function ArchivePanel(): ReactElement {
  const devices = useInventoryStore((s) => s.items);
  const a = useArchiveStore();
  return (
    <section className="ro-panel" aria-labelledby="ro-archive-title" data-testid="rollout-archive">
      <h2 className="side-title" id="ro-archive-title">
        Configuration archive
      </h2>
      <div className="ro-nav">
        <label>
          Device{' '}
          <select value={a.deviceId ?? ''} onChange={(e) => void a.selectDevice(e.target.value || null)}>
            <option value="">Choose a device…</option>
            {devices.map((d) => (
              <option key={d.id} value={d.id}>
                {displayText(d.hostname ?? d.sysName ?? d.address, 100)} ({d.address})
              </option>
            ))}
          </select>
        </label>
        <label>
          SSH port{' '}
          <input
            type="number"
            min={1}
            max={65535}
            value={a.sshPort}
            onChange={(e) => {
              const port = Number(e.target.value);
              if (Number.isInteger(port) && port >= 1 && port <= 65535) a.setSshPort(port);
            }}
          />
        </label>
        <button type="button" className="button" disabled={!a.deviceId || a.busy} onClick={() => void a.backup()}>
          Back up now
        </button>
      </div>
      {a.error && (
        <p className="form-error" role="alert">
          {a.error}
        </p>
      )}
      {a.deviceId && a.versions.length === 0 && !a.error && <p className="dim">No archived versions yet: back it up now.</p>}
      {a.versions.length > 0 && (
        <table className="mini-table" data-testid="archive-versions">
          <thead>
            <tr>
              <th>From</th>
              <th>To</th>
              <th>Version</th>
              <th>Kind</th>
              <th>Taken</th>
              <th>By</th>
              <th>Size</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {a.versions.map((v) => (
              <tr key={v.id}>
                <td>
                  <input type="radio" name="ro-archive-from" checked={a.fromId === v.id} onChange={() => a.pick('from', v.id)} aria-label={`Diff from version ${v.id}`} />
                </td>
                <td>
                  <input type="radio" name="ro-archive-to" checked={a.toId === v.id} onChange={() => a.pick('to', v.id)} aria-label={`Diff to version ${v.id}`} />
                </td>
                <td>
                  {v.id} <code title={v.sha256}>{v.sha256.slice(0, 10)}</code>
                </td>
                <td>{v.kind}</td>
                <td>{new Date(v.takenAt).toLocaleString()}</td>
                <td>
                  {displayText(v.actor, 60)} <span className="dim">({displayText(v.source, 40)})</span>
                </td>
                <td>{v.bytes} B</td>
                <td>
                  {v.kind === 'running' && (
                    <button type="button" className="button button-small" disabled={a.busy} onClick={() => void a.dryRunRestore(v.id)} aria-label={`Restore version ${v.id}…`}>
                      Restore…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {a.versions.length > 1 && (
        <button type="button" className="button" disabled={a.busy || a.fromId === null} onClick={() => void a.showDiff()}>
          Show diff
        </button>
      )}
      {a.diff !== null && (
        <pre className="ro-pre" data-testid="archive-diff">
          {a.diff === '' ? '(no difference)' : a.diff}
        </pre>
      )}
      {a.restorePreview && (
        <div className="ro-restore" role="group" aria-label={`Restore version ${a.restorePreview.versionId}`}>
          <p>
            Restoring version {a.restorePreview.versionId} loads it as a replacement, commits with a revert timer, and confirms once the device still answers. The
            device would change like this:
          </p>
          <pre className="ro-pre">{a.restorePreview.result.diff === '' ? '(no difference: the device already runs this version)' : a.restorePreview.result.diff}</pre>
          <button type="button" className="button button-primary" disabled={a.busy || a.restorePreview.result.diff === ''} onClick={() => void a.restore(a.restorePreview!.versionId)}>
            {a.busy ? 'Restoring…' : 'Restore this version'}
          </button>
        </div>
      )}
      {a.restored && (
        <p role="status">
          Version {a.restored.versionId}: {a.restored.result.applied ? (a.restored.result.confirmed ? 'restored and confirmed' : 'applied, waiting for confirm') : 'nothing to apply'}
          {a.restored.result.backupVersionId !== null && ` (the previous config is version ${a.restored.result.backupVersionId})`}.
        </p>
      )}
    </section>
  );
}
