import type { Finding } from '../../../../shared/api/compliance';
import type { ReportModel } from './report-model';

/** RFC 4180 quoting; a leading = + - @ is neutralised so spreadsheets never run a device string as a formula. */
export function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function evidenceText(f: Finding): string {
  return f.evidence
    .map((e) => (e.kind === 'config' ? `${e.source}:${e.line}${e.change ? ` (${e.change})` : ''}: ${e.text}` : `${e.field}=${e.value}`))
    .join(' | ');
}

export function renderCsv(model: ReportModel): string {
  const header = ['device_id', 'device', 'rule_id', 'rule', 'severity', 'status', 'waived', 'waiver_owner', 'waiver_expires', 'controls', 'message', 'evidence', 'remediation'];
  const lines = [header.join(',')];
  for (const f of model.findings) {
    lines.push(
      [
        f.deviceId,
        f.deviceName,
        f.ruleId,
        f.ruleTitle,
        f.severity,
        f.status,
        f.waiver ? 'yes' : 'no',
        f.waiver?.owner ?? '',
        f.waiver?.expiresAt ?? '',
        f.frameworks[model.framework].join('; '),
        f.message,
        evidenceText(f),
        f.remediation.text,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
