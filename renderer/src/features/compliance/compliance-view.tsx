import { type ReactElement, useCallback, useEffect, useMemo, useState } from 'react';
import type { ComplianceFramework, Finding } from '../../../../shared/api/compliance';
import { displayText } from '../../lib/display-text';
import { ViewHeader } from '../../views/view-header';
import { countFindings, drillFindings, FRAMEWORKS, inFramework, scoreByControl, scoreByDevice, scoreText } from './compliance-model';
import { useComplianceStore, type WaiverDraft } from './compliance-store';
import { FindingItem } from './finding-item';
import { ReportExport } from './report-export';
import { RulePackPanel } from './rule-pack-panel';
import { WaiversPanel } from './waivers-panel';
import './compliance.css';

const ROWS_SHOWN = 200;

type Tab = 'scores' | 'waivers' | 'pack' | 'report';
const TABS: Array<{ id: Tab; label: string }> = [
  { id: 'scores', label: 'Scores & findings' },
  { id: 'waivers', label: 'Waivers' },
  { id: 'pack', label: 'Rule pack' },
  { id: 'report', label: 'Report' },
];

export function ComplianceView(): ReactElement {
  const s = useComplianceStore();
  const [framework, setFramework] = useState<ComplianceFramework>('cis');
  const [tab, setTab] = useState<Tab>('scores');
  const [prefill, setPrefill] = useState<WaiverDraft | null>(null);
  // Thousands of devices: the worst ones first, the rest on request (rendering every row would stall the window).
  const [showAllDevices, setShowAllDevices] = useState(false);
  const [drillLimit, setDrillLimit] = useState(ROWS_SHOWN);
  const clearPrefill = useCallback(() => setPrefill(null), []);
  useEffect(() => {
    void useComplianceStore.getState().load();
  }, []);

  const perFramework = useMemo(() => FRAMEWORKS.map((f) => ({ ...f, counts: countFindings(s.findings.filter((x) => inFramework(x, f.id))) })), [s.findings]);
  const controls = useMemo(() => scoreByControl(s.findings, framework), [s.findings, framework]);
  const devices = useMemo(() => scoreByDevice(s.findings), [s.findings]);
  const drilled = useMemo(() => drillFindings(s.findings, s.drill), [s.findings, s.drill]);
  useEffect(() => setDrillLimit(ROWS_SHOWN), [s.drill]);

  const waive = (f: Finding) => {
    setPrefill({ ruleId: f.ruleId, deviceId: f.deviceId, reason: '', owner: '', expiresOn: '' });
    setTab('waivers');
  };
  const drillTitle = !s.drill
    ? ''
    : s.drill.kind === 'device'
      ? `Findings on ${displayText(devices.find((d) => d.deviceId === (s.drill as { deviceId: string }).deviceId)?.deviceName ?? s.drill.deviceId, 120)}`
      : `Findings for ${FRAMEWORKS.find((f) => f.id === (s.drill as { framework: ComplianceFramework }).framework)?.label} ${s.drill.control}`;

  return (
    <>
      <ViewHeader title="Compliance">
        <button type="button" className="button button-primary" onClick={() => void s.load()} disabled={s.loading}>
          {s.loading ? 'Evaluating…' : 'Evaluate again'}
        </button>
      </ViewHeader>
      <div className="view-body cp-view">
        {s.pack && (
          <p className="dim" data-testid="compliance-summary">
            {s.devices} devices · rule pack {displayText(s.pack.id, 80)} v{displayText(s.pack.version, 40)}
            {s.evaluatedAt && <> · evaluated {new Date(s.evaluatedAt).toLocaleString()}</>}
            {s.truncated && <> · only the first findings are shown</>}
          </p>
        )}
        {s.pack?.changedWithoutVersionBump && (
          <p className="cp-warning" role="alert">
            The rule pack changed without a version bump (see Rule pack).
          </p>
        )}
        {s.error && (
          <p className="form-error" role="alert">
            {s.error}
          </p>
        )}
        <div className="cp-tabs" role="tablist" aria-label="Compliance sections">
          {TABS.map((t) => (
            <button key={t.id} type="button" role="tab" id={`cp-tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`cp-panel-${t.id}`} className="chip" onClick={() => setTab(t.id)}>
              {t.label}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`cp-panel-${tab}`} aria-labelledby={`cp-tab-${tab}`}>
          {tab === 'scores' && (
            <>
              <div className="cp-scores" aria-label="Scores per framework" role="group">
                {perFramework.map((f) => (
                  <button
                    key={f.id}
                    type="button"
                    className="cp-score-card"
                    aria-pressed={framework === f.id}
                    onClick={() => setFramework(f.id)}
                    data-testid={`compliance-score-${f.id}`}
                  >
                    <span className="cp-score-label">{f.label}</span>
                    <span className="cp-score-value">{scoreText(f.counts)}</span>
                    <span className="dim">
                      {f.counts.pass} pass · {f.counts.fail} fail · {f.counts.waived} waived
                    </span>
                  </button>
                ))}
              </div>
              {s.findings.length === 0 && !s.loading ? (
                <p className="dim">
                  No findings yet. Scan devices and back up their configurations (Lab or <code>routewise archive backup</code>), or import a config with{' '}
                  <code>routewise compliance import</code>.
                </p>
              ) : (
                <div className="cp-columns">
                  <section className="cp-panel" aria-labelledby="cp-req-title">
                    <h2 className="side-title" id="cp-req-title">
                      Requirements ({FRAMEWORKS.find((f) => f.id === framework)?.label})
                    </h2>
                    <table className="mini-table" data-testid="compliance-controls">
                      <thead>
                        <tr>
                          <th>Requirement</th>
                          <th>Score</th>
                          <th>Fail</th>
                          <th>Waived</th>
                        </tr>
                      </thead>
                      <tbody>
                        {controls.map((c) => (
                          <tr key={c.control} className={c.counts.fail > 0 ? 'cp-row-fail' : undefined}>
                            <td>
                              <button type="button" className="cp-linkish" onClick={() => s.setDrill({ kind: 'control', framework, control: c.control })}>
                                {displayText(c.control, 60)}
                              </button>
                            </td>
                            <td>{scoreText(c.counts)}</td>
                            <td>{c.counts.fail}</td>
                            <td>{c.counts.waived}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </section>
                  <section className="cp-panel" aria-labelledby="cp-dev-title">
                    <h2 className="side-title" id="cp-dev-title">
                      Devices
                    </h2>
                    <table className="mini-table" data-testid="compliance-devices">
                      <thead>
                        <tr>
                          <th>Device</th>
                          <th>Score</th>
                          <th>Fail</th>
                          <th>Waived</th>
                        </tr>
                      </thead>
                      <tbody>
                        {(showAllDevices ? devices : devices.slice(0, ROWS_SHOWN)).map((d) => (
                          <tr key={d.deviceId} className={d.counts.fail > 0 ? 'cp-row-fail' : undefined} data-testid="compliance-device-row">
                            <td>
                              <button type="button" className="cp-linkish" onClick={() => s.setDrill({ kind: 'device', deviceId: d.deviceId })}>
                                {displayText(d.deviceName, 120)}
                              </button>
                            </td>
                            <td>{scoreText(d.counts)}</td>
                            <td>{d.counts.fail}</td>
                            <td>{d.counts.waived}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    {!showAllDevices && devices.length > ROWS_SHOWN && (
                      <button type="button" className="button button-small" onClick={() => setShowAllDevices(true)}>
                        Show all {devices.length} devices
                      </button>
                    )}
                  </section>
                </div>
              )}
              {s.drill && (
                <section className="cp-panel" aria-labelledby="cp-drill-title" data-testid="compliance-drill">
                  <div className="cp-drill-head">
                    <h2 className="side-title" id="cp-drill-title">
                      {drillTitle}
                    </h2>
                    <button type="button" className="button button-small" onClick={() => s.setDrill(null)}>
                      Close
                    </button>
                  </div>
                  <ul className="cp-findings" aria-label="Findings">
                    {drilled.slice(0, drillLimit).map((f) => (
                      <FindingItem key={`${f.deviceId}-${f.ruleId}`} finding={f} onWaive={waive} />
                    ))}
                  </ul>
                  {drilled.length > drillLimit && (
                    <button type="button" className="button button-small" onClick={() => setDrillLimit((n) => n + ROWS_SHOWN)}>
                      Show {Math.min(ROWS_SHOWN, drilled.length - drillLimit)} more of {drilled.length - drillLimit}
                    </button>
                  )}
                </section>
              )}
            </>
          )}
          {tab === 'waivers' && <WaiversPanel prefill={prefill} onPrefillUsed={clearPrefill} />}
          {tab === 'pack' && <RulePackPanel />}
          {tab === 'report' && <ReportExport />}
        </div>
      </div>
    </>
  );
}
