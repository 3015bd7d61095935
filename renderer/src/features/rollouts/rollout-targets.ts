import { type FailurePolicy, type PlanRequest, TargetSelector } from '../../../../shared/api/rollout';
import { parseWaves } from './rollout-params';

export type TargetKind = 'devices' | 'platform' | 'segment' | 'all';

export interface TargetDraft {
  kind: TargetKind;
  devices: string[];
  platform: string;
  segment: string;
  /** '' lets the engine suggest the pilot (and say why). */
  pilot: string;
  waves: string;
  confirmWithinSec: string;
  soakSec: string;
  concurrency: string;
  failurePolicy: FailurePolicy;
  failureCount: string;
  snmpReachable: boolean;
  interfacesStayUp: boolean;
  noNewCriticalThreats: boolean;
  cpuMaxPercent: string;
  /** HH:MM both, or both empty for no window. */
  windowStart: string;
  windowEnd: string;
  windowTimezone: 'utc' | 'local';
}

export const INITIAL_TARGETS: TargetDraft = {
  kind: 'devices',
  devices: [],
  platform: '',
  segment: '',
  pilot: '',
  waves: '10%, 50%, 100%',
  confirmWithinSec: '300',
  soakSec: '60',
  concurrency: '1',
  failurePolicy: 'halt',
  failureCount: '0',
  snmpReachable: true,
  interfacesStayUp: true,
  noNewCriticalThreats: true,
  cpuMaxPercent: '',
  windowStart: '',
  windowEnd: '',
  windowTimezone: 'utc',
};

export function selectorOf(t: TargetDraft): string {
  if (t.kind === 'all') return 'all';
  if (t.kind === 'platform') return `platform:${t.platform}`;
  if (t.kind === 'segment') return `segment:${t.segment.trim()}`;
  return `device:${t.devices.join(',')}`;
}

function intIn(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

/** The plan request from the targets step, or the first problem found (the engine validates again). */
export function targetsToRequest(t: TargetDraft): { request: Omit<PlanRequest, 'template' | 'params'> | null; error: string | null } {
  const targets = selectorOf(t);
  const sel = TargetSelector.safeParse(targets);
  if (!sel.success) return { request: null, error: t.kind === 'devices' ? 'Choose at least one device.' : sel.error.issues[0]!.message };
  const confirmWithinSec = intIn(t.confirmWithinSec, 30, 3600);
  if (confirmWithinSec === null) return { request: null, error: 'Confirm window: 30 to 3600 seconds.' };
  const soakSec = intIn(t.soakSec, 0, 3000);
  if (soakSec === null) return { request: null, error: 'Soak: 0 to 3000 seconds.' };
  const concurrency = intIn(t.concurrency, 1, 256);
  if (concurrency === null) return { request: null, error: 'Concurrency: 1 to 256 devices at a time.' };
  const failureCount = intIn(t.failureCount, 0, 100_000);
  if (failureCount === null) return { request: null, error: 'Failed devices tolerated per wave: a whole number.' };
  const cpu = t.cpuMaxPercent.trim() === '' ? undefined : intIn(t.cpuMaxPercent, 1, 100);
  if (cpu === null) return { request: null, error: 'CPU gate: 1 to 100 percent, or empty.' };
  const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
  const hasWindow = t.windowStart !== '' || t.windowEnd !== '';
  if (hasWindow && !(hhmm.test(t.windowStart) && hhmm.test(t.windowEnd))) return { request: null, error: 'Maintenance window: a start and an end time (HH:MM), or neither.' };
  const waves = parseWaves(t.waves);
  if (waves.length === 0) return { request: null, error: 'Give at least one wave (e.g. 100%).' };
  return {
    error: null,
    request: {
      targets,
      ...(t.pilot ? { pilot: `device:${t.pilot}` } : {}),
      waves,
      confirmWithinSec,
      soakSec,
      concurrency,
      failurePolicy: t.failurePolicy,
      ...(hasWindow ? { maintenanceWindow: { start: t.windowStart, end: t.windowEnd, timezone: t.windowTimezone } } : {}),
      failureThreshold: { count: failureCount },
      gates: {
        snmpReachable: t.snmpReachable,
        interfacesStayUp: t.interfacesStayUp,
        noNewCriticalThreats: t.noNewCriticalThreats,
        ...(cpu === undefined ? {} : { cpuMaxPercent: cpu }),
      },
    },
  };
}

