import { type FormEvent, type ReactElement, useState } from 'react';
import { ComplianceFramework, ReportFormat } from '../../../../shared/api/compliance';
import { displayText } from '../../lib/display-text';
import { FRAMEWORKS, sizeText } from './compliance-model';
import { type ReportDraft, useComplianceStore } from './compliance-store';

const FORMAT_LABEL: Record<ReportFormat, string> = { pdf: 'PDF', html: 'HTML', csv: 'CSV', json: 'JSON', oscal: 'OSCAL (JSON)' };

/**
 * report.build returns the file's content; the window offers it as a download (the renderer may not write
 * files). The CSP forbids frames, so an HTML report is not previewed here: it is opened from the saved file.
 */
export function ReportExport(): ReactElement {
  const busy = useComplianceStore((s) => s.reportBusy);
  const error = useComplianceStore((s) => s.reportError);
  const report = useComplianceStore((s) => s.report);
  const [draft, setDraft] = useState<ReportDraft>({ framework: 'cis', format: 'html', from: '', to: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void useComplianceStore.getState().buildReport(draft);
  };
  return (
    <section className="cp-panel" aria-labelledby="cp-report-title" data-testid="compliance-report">
      <h2 className="side-title" id="cp-report-title">
        Export a report
      </h2>
      <form className="cp-form" onSubmit={submit} aria-label="Export a report">
        <label>
          Framework
          <select value={draft.framework} onChange={(e) => setDraft({ ...draft, framework: ComplianceFramework.parse(e.target.value) })}>
            {FRAMEWORKS.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Format
          <select value={draft.format} onChange={(e) => setDraft({ ...draft, format: ReportFormat.parse(e.target.value) })}>
            {ReportFormat.options.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABEL[f]}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label>
          To
          <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Building…' : 'Build report'}
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {report && (
        <p className="cp-report-result" data-testid="compliance-report-result">
          <span data-testid="compliance-report-file">{displayText(report.fileName, 200)}</span> <span className="dim">({sizeText(report.bytes)}, {displayText(report.mediaType, 80)})</span>{' '}
          <a className="button button-small" href={report.url} download={report.fileName}>
            Save {displayText(report.fileName, 200)}
          </a>
        </p>
      )}
    </section>
  );
}
