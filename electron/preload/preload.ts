// Sandboxed preload: bundled into one CommonJS file (scripts/build.mjs), since a sandboxed preload cannot
// require local files. It exposes exactly one global, the RoutewiseBridge, and nothing from Node or Electron.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../../shared/api/bridge';
import { IPC } from './channels';
import { createPortBridge } from './port-bridge';

const controller = createPortBridge();

ipcRenderer.on(IPC.port, (event) => {
  const port = event.ports[0];
  if (port) controller.attachPort(port);
});
ipcRenderer.on(IPC.engineStatus, (_event, status: unknown) => controller.setStatus(status));
ipcRenderer.on(IPC.hostCommand, (_event, command: unknown) => controller.hostCommand(command));

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, controller.bridge);
