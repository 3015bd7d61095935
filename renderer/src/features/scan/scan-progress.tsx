import type { ReactElement } from 'react';
import { useScanStore } from './scan-store';

/** The running scan: live counts, ETA and cancel; then a one-line summary of the last scan. */
export function ScanProgressBar(): ReactElement | null {
  const running = useScanStore((s) => s.running);
  const last = useScanStore((s) => s.last);
  const cancel = useScanStore((s) => s.cancel);
  if (running) {
    const p = running.progress;
    const pct = p && p.total > 0 ? Math.round((p.probed / p.total) * 100) : 0;
    return (
      <div className="scan-progress" role="status" aria-live="polite" data-testid="scan-progress">
        <progress max={100} value={pct} aria-label="Scan progress" />
        <span>
          {p
            ? `${p.probed}/${p.total} probed · ${p.answered} answered · ${p.identified} identified${p.etaMs === undefined ? '' : ` · about ${Math.ceil(p.etaMs / 1000)} s left`}`
            : 'Starting…'}
        </span>
        <button type="button" className="button button-small" disabled={running.cancelling} onClick={() => void cancel()}>
          {running.cancelling ? 'Cancelling…' : 'Cancel scan'}
        </button>
      </div>
    );
  }
  if (!last) return null;
  return (
    <div className="scan-progress" role="status" data-testid="scan-summary">
      <span>
        Last scan {last.status === 'completed' ? 'finished' : last.status}: {last.probed}/{last.total} probed, {last.answered} answered,{' '}
        {last.identified} identified, {last.unreachable} unreachable{last.error ? ` — ${last.error}` : ''}.
      </span>
    </div>
  );
}
