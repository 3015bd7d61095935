import { APP_VIEWS, type AppView } from '../../../../shared/api/bridge';

/** The desktop menu binds CmdOrCtrl+1…8 to the same list, so it is declared once, in shared/. */
export const VIEW_IDS = APP_VIEWS;
export type ViewId = AppView;

export interface ViewSpec {
  id: ViewId;
  label: string;
  /** What this view will do, shown until it is built. */
  comingSoon?: string;
}

export const VIEWS: readonly ViewSpec[] = [
  {
    id: 'inventory',
    label: 'Inventory',
    comingSoon:
      'Every device discovered over SNMP and SSH, with its platform, OS version and AI capabilities backed by evidence. Start a scan of an allowed range here once discovery lands.',
  },
  {
    id: 'map',
    label: 'Map',
    comingSoon:
      'The topology drawn from LLDP, CDP and ARP/FDB tables, each link with the evidence that placed it there.',
  },
  {
    id: 'bottlenecks',
    label: 'Bottlenecks',
    comingSoon:
      'Congested uplinks, speed mismatches and single points of failure, ranked by how much traffic and how many devices depend on them.',
  },
  {
    id: 'rollouts',
    label: 'Rollouts',
    comingSoon:
      'Phased configuration changes: pilot segment first, health gates between phases, commit-confirm and rollback on every device, each step journaled before it runs.',
  },
  {
    id: 'threats',
    label: 'Threats',
    comingSoon:
      'Detections from AI-capable routers received over syslog and SNMP traps, normalised and tied to the devices and links they concern.',
  },
  {
    id: 'compliance',
    label: 'Compliance',
    comingSoon:
      'Rule results with evidence for every device, exportable as PDF, CSV, JSON and OSCAL reports.',
  },
  {
    id: 'lab',
    label: 'Lab',
    comingSoon:
      'A built-in multi-vendor lab network on loopback, with real SNMP agents and SSH servers, to try every feature without touching production.',
  },
  { id: 'settings', label: 'Settings' },
  // Last so that the existing Alt/Ctrl+1…8 shortcuts keep their views.
  { id: 'ai-services', label: 'AI services' },
];

export function viewSpec(id: ViewId): ViewSpec {
  const spec = VIEWS.find((v) => v.id === id);
  if (!spec) throw new Error(`unknown view ${id}`);
  return spec;
}
