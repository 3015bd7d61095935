import type { LabServiceFactory } from './lab-runner';

/** The per-device services the daemon runs besides the SNMP agents. */
export function defaultLabServices(_dataDir: string): LabServiceFactory[] {
  return [];
}
