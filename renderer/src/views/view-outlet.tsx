import type { ReactElement } from 'react';
import { SettingsView } from '../features/settings/settings-view';
import { useNavigationStore } from '../features/navigation/navigation-store';
import { viewSpec } from '../features/navigation/views';
import { ComingSoonView } from './coming-soon-view';

export function ViewOutlet(): ReactElement {
  const view = useNavigationStore((s) => s.view);
  if (view === 'settings') return <SettingsView />;
  return <ComingSoonView key={view} spec={viewSpec(view)} />;
}
