import type { ReactElement } from 'react';
import { useConnectionStore } from './features/connection/connection-store';
import { AppShell } from './shell/app-shell';
import { NotAuthorised } from './shell/not-authorised';
import { useAppliedTheme } from './shell/use-applied-theme';

export function App(): ReactElement {
  const phase = useConnectionStore((s) => s.phase);
  useAppliedTheme();
  if (phase === 'missing-token' || phase === 'rejected') return <NotAuthorised reason={phase} />;
  return <AppShell />;
}
