import type { ReactElement } from 'react';
import { useConnectionStore } from '../features/connection/connection-store';
import { useEngineLogStore } from '../features/engine-log/engine-log-store';
import { useNavigationStore } from '../features/navigation/navigation-store';
import { displayText } from '../lib/display-text';
import { useNow } from './use-now';

export function StatusBar(): ReactElement {
  const phase = useConnectionStore((s) => s.phase);
  const info = useConnectionStore((s) => s.info);
  const retryAt = useConnectionStore((s) => s.retryAt);
  const attempt = useConnectionStore((s) => s.attempt);
  const retry = useConnectionStore((s) => s.retry);
  const problems = useEngineLogStore((s) => s.problems);
  const setHelpOpen = useNavigationStore((s) => s.setHelpOpen);
  const go = useNavigationStore((s) => s.go);
  const now = useNow(retryAt !== null);
  const retryInSec = retryAt === null ? null : Math.max(0, Math.ceil((retryAt - now) / 1000));

  return (
    <footer className="statusbar">
      <div className="statusbar-conn" data-phase={phase} data-testid="connection-status">
        <span className="status-dot" aria-hidden="true" />
        {/* Only the phase is live: a ticking countdown would be read out every second. */}
        <span role="status" className="statusbar-phase">
          {phase === 'open' ? 'Connected' : phase === 'closed' ? 'Disconnected' : phase === 'connecting' ? 'Connecting…' : 'Not authorised'}
        </span>
        {phase === 'connecting' && attempt > 1 && <span className="statusbar-dim">attempt {attempt}</span>}
        {phase === 'closed' && (
          <>
            {retryInSec !== null && <span className="statusbar-dim">retrying in {retryInSec} s</span>}
            <button type="button" className="link-button" onClick={retry}>
              Retry now
            </button>
          </>
        )}
        {phase === 'open' && info && (
          <>
            <span className="statusbar-sep" aria-hidden="true" />
            <span>Routewise {displayText(info.version, 40)}</span>
            <span className="statusbar-sep" aria-hidden="true" />
            <span className="statusbar-dim">{info.host} host</span>
            <span className="statusbar-sep" aria-hidden="true" />
            <span className="statusbar-dim statusbar-path" title={displayText(info.dataDir, 1000)}>
              data: {displayText(info.dataDir, 200)}
            </span>
          </>
        )}
      </div>
      <div className="statusbar-right">
        {problems > 0 && (
          <button type="button" className="link-button statusbar-problems" onClick={() => go('settings')}>
            {problems} engine {problems === 1 ? 'warning' : 'warnings'}
          </button>
        )}
        <button type="button" className="link-button" onClick={() => setHelpOpen(true)} aria-keyshortcuts="?">
          Shortcuts <kbd>?</kbd>
        </button>
      </div>
    </footer>
  );
}
