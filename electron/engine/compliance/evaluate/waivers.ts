import type { Finding, Waiver } from '../../../../shared/api/compliance';

export function isExpired(w: Pick<Waiver, 'expiresAt'>, now: Date): boolean {
  return Date.parse(w.expiresAt) <= now.getTime();
}

/**
 * Attach the unexpired waiver that covers each failure (device-specific before '*'). An expired waiver stops
 * applying at its expiry instant: the failure counts again and the report lists the waiver as expired.
 */
export function applyWaivers(findings: Finding[], waivers: readonly Waiver[], now: Date): Finding[] {
  const live = waivers.filter((w) => !isExpired(w, now));
  if (live.length === 0) return findings;
  return findings.map((f) => {
    if (f.status !== 'fail') return f;
    const w = live.find((x) => x.ruleId === f.ruleId && x.deviceId === f.deviceId) ?? live.find((x) => x.ruleId === f.ruleId && x.deviceId === '*');
    return w ? { ...f, waiver: w } : f;
  });
}
