import { type MouseEvent, type ReactElement, useCallback, useRef } from 'react';
import { useNavigationStore } from '../features/navigation/navigation-store';
import { viewSpec } from '../features/navigation/views';
import { ViewOutlet } from '../views/view-outlet';
import { ShortcutHelp } from './shortcut-help';
import { SideNav } from './side-nav';
import { StatusBar } from './status-bar';
import { useGlobalShortcuts } from './use-global-shortcuts';

export function AppShell(): ReactElement {
  const main = useRef<HTMLElement>(null);
  const view = useNavigationStore((s) => s.view);
  const setHelpOpen = useNavigationStore((s) => s.setHelpOpen);
  const focusMain = useCallback(() => main.current?.focus(), []);
  useGlobalShortcuts(focusMain);

  function skipToContent(e: MouseEvent<HTMLAnchorElement>): void {
    e.preventDefault();
    focusMain();
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={skipToContent}>
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Routewise
        </div>
        <span className="topbar-crumb" aria-hidden="true">
          {viewSpec(view).label}
        </span>
        <div className="topbar-right">
          <button type="button" className="icon-button" onClick={() => setHelpOpen(true)} aria-label="Keyboard shortcuts" aria-keyshortcuts="?">
            ?
          </button>
        </div>
      </header>
      <SideNav />
      <main id="main" ref={main} className="content" tabIndex={-1} aria-labelledby="view-title" data-view={view}>
        <ViewOutlet />
      </main>
      <StatusBar />
      <ShortcutHelp />
    </div>
  );
}
