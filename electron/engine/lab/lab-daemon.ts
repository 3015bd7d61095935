import { LabStartInput, type LabStatus } from '../../../shared/api/lab';
import { type LabServiceFactory, type RunningLab, startLab } from './lab-runner';
import { removeLabState, writeLabState } from './lab-state-file';

/** Messages the daemon sends its parent over the IPC channel. */
export type LabDaemonMessage = { type: 'ready'; status: LabStatus } | { type: 'failed'; message: string };

export interface LabDaemonParams {
  dataDir: string;
  options: unknown;
  services: (dataDir: string) => LabServiceFactory[];
}

export function statusOf(lab: RunningLab, pid: number, startedAt: string): LabStatus {
  return {
    running: true,
    pid,
    startedAt,
    options: {
      devices: lab.options.devices,
      scenario: lab.options.scenario,
      base: lab.options.base,
      seed: lab.options.seed,
      ...(lab.options.collector ? { collector: lab.options.collector } : {}),
      ...(lab.options.trapCollector ? { trapCollector: lab.options.trapCollector } : {}),
      threatsPerMin: lab.options.threatsPerMin,
      privilegedPorts: lab.options.privilegedPorts,
      timeScale: lab.options.timeScale,
    },
    devices: lab.devices,
    credentials: lab.model.credentials,
  };
}

/**
 * The body of the detached lab process: start the lab, record it in the data dir, tell the parent, then
 * run until SIGTERM/SIGINT.
 */
export async function runLabDaemon(params: LabDaemonParams): Promise<void> {
  const send = (msg: LabDaemonMessage) => {
    if (process.send && process.connected) process.send(msg);
  };
  const log = (message: string) => process.stdout.write(`${new Date().toISOString()} ${message}\n`);
  let lab: RunningLab;
  try {
    const options = LabStartInput.parse(params.options);
    lab = await startLab({ options, services: params.services(params.dataDir), log });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log(`lab failed to start: ${message}`);
    send({ type: 'failed', message });
    process.exitCode = 1;
    return;
  }
  const status = statusOf(lab, process.pid, new Date(lab.startedAtMs).toISOString());
  writeLabState(params.dataDir, status);
  log(`lab up: ${lab.devices.length} devices`);
  send({ type: 'ready', status });
  if (process.connected) process.disconnect();

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  log('lab stopping');
  await lab.stop();
  removeLabState(params.dataDir, process.pid);
  log('lab stopped');
}
