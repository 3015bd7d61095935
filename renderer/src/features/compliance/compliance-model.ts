import type { ComplianceFramework, Finding, FindingCounts } from '../../../../shared/api/compliance';
import { countFindings, inFramework } from '../../../../shared/domain/compliance-score';

export { countFindings, inFramework };

/** The three frameworks a finding maps to, in the order the view shows them. */
export const FRAMEWORKS: ReadonlyArray<{ id: ComplianceFramework; label: string }> = [
  { id: 'cis', label: 'CIS' },
  { id: 'nist-800-53', label: 'NIST 800-53' },
  { id: 'pci-dss', label: 'PCI DSS' },
];

export interface DeviceScore {
  deviceId: string;
  deviceName: string;
  counts: FindingCounts;
}

/** Per device, worst score first (devices with nothing assessable last). */
export function scoreByDevice(findings: readonly Finding[]): DeviceScore[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const g = groups.get(f.deviceId);
    if (g) g.push(f);
    else groups.set(f.deviceId, [f]);
  }
  return [...groups]
    .map(([deviceId, fs]) => ({ deviceId, deviceName: fs[0]!.deviceName, counts: countFindings(fs) }))
    .sort((a, b) => (a.counts.scorePct ?? 101) - (b.counts.scorePct ?? 101) || a.deviceName.localeCompare(b.deviceName));
}

export interface ControlScore {
  control: string;
  counts: FindingCounts;
}

/** Per requirement of one framework (e.g. NIST AC-17), in natural order. */
export function scoreByControl(findings: readonly Finding[], fw: ComplianceFramework): ControlScore[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    for (const c of f.frameworks[fw]) {
      const g = groups.get(c);
      if (g) g.push(f);
      else groups.set(c, [f]);
    }
  }
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([control, fs]) => ({ control, counts: countFindings(fs) }));
}

/** What the drill-down shows. */
export type Drill = { kind: 'device'; deviceId: string } | { kind: 'control'; framework: ComplianceFramework; control: string } | null;

const STATUS_RANK: Record<Finding['status'], number> = { fail: 0, error: 1, pass: 2, 'not-applicable': 3 };

/** Findings of the drill-down: failures first, then errors, passes, not-applicable. */
export function drillFindings(findings: readonly Finding[], drill: Drill): Finding[] {
  if (!drill) return [];
  const picked = findings.filter((f) => (drill.kind === 'device' ? f.deviceId === drill.deviceId : f.frameworks[drill.framework].includes(drill.control)));
  return picked.sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || Number(Boolean(a.waiver)) - Number(Boolean(b.waiver)) || a.ruleId.localeCompare(b.ruleId));
}

export function scoreText(c: FindingCounts): string {
  return c.scorePct === null ? '—' : `${c.scorePct}%`;
}

/** A date input's YYYY-MM-DD as the end of that day in UTC, or null when it is not a future date. */
export function expiryFromDate(day: string, now: Date): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const at = new Date(`${day}T23:59:59.000Z`);
  if (Number.isNaN(at.getTime()) || at.getTime() <= now.getTime()) return null;
  return at.toISOString();
}

/** Bytes of the exported content as the engine would write it (base64 decoded for pdf). */
export function contentBytes(content: string, encoding: 'utf8' | 'base64'): number {
  if (encoding === 'base64') {
    const pad = content.endsWith('==') ? 2 : content.endsWith('=') ? 1 : 0;
    return Math.floor((content.length * 3) / 4) - pad;
  }
  return new TextEncoder().encode(content).length;
}

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
