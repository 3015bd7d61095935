/**
 * The only IPC channels between main and the preload, all main → renderer. The renderer has no channel to
 * main at all: it talks to the engine over the MessagePort main hands it.
 */
export const IPC = {
  /** The renderer's end of a MessageChannelMain whose other end the engine's utilityProcess serves. */
  port: 'routewise:port',
  /** 'connecting' | 'closed': the engine process is restarting or gone. */
  engineStatus: 'routewise:engine-status',
  /** A HostCommand from the app menu (shared/api/bridge.ts). */
  hostCommand: 'routewise:host-command',
} as const;
