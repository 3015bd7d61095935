import type { ClientTransport, ConnectionStatus } from './client';

/**
 * What Electron's preload exposes on `window.routewiseBridge`: a text pipe to the engine over the
 * MessagePort that main wires between this window and the engine's utilityProcess. Nothing else crosses.
 */
export interface RoutewiseBridge extends ClientTransport {
  send(raw: string): void;
  onMessage(listener: (raw: string) => void): void;
  onStatus(listener: (status: ConnectionStatus) => void): void;
  /** Commands from the desktop app's menu (e.g. View → Inventory, Ctrl+1), validated by the preload. */
  onHostCommand(listener: (command: HostCommand) => void): void;
  /** Host services only the desktop app has (file dialogs, printToPDF) are added here by later features. */
  readonly host: 'electron';
}

/** The app's top-level views, in navigation order; the desktop menu binds CmdOrCtrl+1…8 to them. */
export const APP_VIEWS = ['inventory', 'map', 'bottlenecks', 'rollouts', 'threats', 'compliance', 'lab', 'settings', 'ai-services'] as const;
export type AppView = (typeof APP_VIEWS)[number];

export type HostCommand = { type: 'navigate'; view: AppView };

export function isHostCommand(value: unknown): value is HostCommand {
  if (!value || typeof value !== 'object') return false;
  const v = value as { type?: unknown; view?: unknown };
  return v.type === 'navigate' && typeof v.view === 'string' && (APP_VIEWS as readonly string[]).includes(v.view);
}

export const BRIDGE_GLOBAL = 'routewiseBridge';
