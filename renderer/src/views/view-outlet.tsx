import type { ComponentType, ReactElement } from 'react';
import { AiServicesView } from '../features/ai-services/ai-services-view';
import { BottlenecksView } from '../features/bottlenecks/bottlenecks-view';
import { ComplianceView } from '../features/compliance/compliance-view';
import { InventoryView } from '../features/inventory/inventory-view';
import { LabView } from '../features/lab/lab-view';
import { MapView } from '../features/map/map-view';
import { RolloutsView } from '../features/rollouts/rollouts-view';
import { SettingsView } from '../features/settings/settings-view';
import { ThreatsView } from '../features/threats/threats-view';
import { useNavigationStore } from '../features/navigation/navigation-store';
import { type ViewId, viewSpec } from '../features/navigation/views';
import { ComingSoonView } from './coming-soon-view';

/** Built views; a feature adds its view here with one line. The rest say what is coming. */
const BUILT_VIEWS: Partial<Record<ViewId, ComponentType>> = {
  inventory: InventoryView,
  map: MapView,
  bottlenecks: BottlenecksView,
  rollouts: RolloutsView,
  threats: ThreatsView,
  compliance: ComplianceView,
  lab: LabView,
  settings: SettingsView,
  'ai-services': AiServicesView,
};

export function ViewOutlet(): ReactElement {
  const view = useNavigationStore((s) => s.view);
  const Built = BUILT_VIEWS[view];
  if (Built) return <Built />;
  return <ComingSoonView key={view} spec={viewSpec(view)} />;
}
