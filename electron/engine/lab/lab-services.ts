import type { LabServiceFactory } from './lab-runner';
import { sshService } from './ssh-server';
import { threatService } from './threat-emitter';

/** The per-device services the daemon runs besides the SNMP agents. */
export function defaultLabServices(dataDir: string): LabServiceFactory[] {
  return [sshService(dataDir), threatService()];
}
