import type { ClientTransport, ConnectionStatus } from './client';

/**
 * What Electron's preload exposes on `window.routewiseBridge`: a text pipe to the engine over the
 * MessagePort that main wires between this window and the engine's utilityProcess. Nothing else crosses.
 */
export interface RoutewiseBridge extends ClientTransport {
  send(raw: string): void;
  onMessage(listener: (raw: string) => void): void;
  onStatus(listener: (status: ConnectionStatus) => void): void;
  /** Host services only the desktop app has (file dialogs, printToPDF) are added here by later features. */
  readonly host: 'electron';
}

export const BRIDGE_GLOBAL = 'routewiseBridge';
