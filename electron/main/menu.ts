import type { MenuItemConstructorOptions } from 'electron';
import { APP_VIEWS, type AppView } from '../../shared/api/bridge';

export const VIEW_LABELS: Record<AppView, string> = {
  inventory: 'Inventory',
  map: 'Map',
  bottlenecks: 'Bottlenecks',
  rollouts: 'Rollouts',
  threats: 'Threats',
  compliance: 'Compliance',
  lab: 'Lab',
  settings: 'Settings',
  'ai-services': 'AI services',
};

export interface MenuOptions {
  isMac: boolean;
  /** Reload and DevTools only while developing: in a packaged app they are an attack surface. */
  isDev: boolean;
  onNavigate(view: AppView): void;
}

/** The app menu; View → <view> (CmdOrCtrl+1…8) sends a typed HostCommand to the focused window. */
export function buildMenuTemplate(opts: MenuOptions): MenuItemConstructorOptions[] {
  const views: MenuItemConstructorOptions[] = APP_VIEWS.map((view, i) => ({
    id: `view-${view}`,
    label: VIEW_LABELS[view],
    accelerator: `CmdOrCtrl+${i + 1}`,
    click: () => opts.onNavigate(view),
  }));
  const devItems: MenuItemConstructorOptions[] = opts.isDev
    ? [{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }]
    : [];
  const template: MenuItemConstructorOptions[] = [
    ...(opts.isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { label: '&File', submenu: [opts.isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        ...views,
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...devItems,
      ],
    },
    { role: 'windowMenu' },
  ];
  return template;
}
