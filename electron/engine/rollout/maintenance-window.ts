import type { MaintenanceWindow } from '../../../shared/api/rollout';

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/** Inside [start, end); a window whose end is before its start runs over midnight (22:00–04:00). */
export function inMaintenanceWindow(w: MaintenanceWindow, at: Date): boolean {
  const m = w.timezone === 'utc' ? at.getUTCHours() * 60 + at.getUTCMinutes() : at.getHours() * 60 + at.getMinutes();
  const s = minutes(w.start);
  const e = minutes(w.end);
  if (s === e) return true;
  return s < e ? m >= s && m < e : m >= s || m < e;
}
