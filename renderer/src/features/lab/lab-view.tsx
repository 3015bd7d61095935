import { type FormEvent, type ReactElement, useEffect, useId } from 'react';
import type { LabDeviceInfo } from '../../../../shared/api/lab';
import { LabScenarioName } from '../../../../shared/api/lab';
import { displayText } from '../../lib/display-text';
import { ViewHeader } from '../../views/view-header';
import { useNavigationStore } from '../navigation/navigation-store';
import { LabScanConfirm } from './lab-scan-confirm';
import { type LabDraft, useLabStore } from './lab-store';
import './lab.css';

export function LabView(): ReactElement {
  const status = useLabStore((s) => s.status);
  const busy = useLabStore((s) => s.busy);
  const error = useLabStore((s) => s.error);
  const load = useLabStore((s) => s.load);
  const stop = useLabStore((s) => s.stop);
  const proposeScan = useLabStore((s) => s.proposeScan);
  const running = status?.running === true;

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <>
      <ViewHeader title="Lab">
        {running && (
          <div className="lab-actions">
            <button type="button" className="button button-primary" onClick={proposeScan} disabled={busy !== null}>
              Scan the lab…
            </button>
            <button type="button" className="button button-danger" onClick={() => void stop()} disabled={busy !== null}>
              {busy === 'stopping' ? 'Stopping…' : 'Stop the lab'}
            </button>
          </div>
        )}
      </ViewHeader>
      <div className="view-body lab-layout">
        <p className="muted lab-intro">
          A small multi-vendor network on loopback (127.0.0.0/8): real SNMP agents and SSH servers with the CLIs of their platforms,
          LLDP tables that agree, moving counters, and AI-capable firewalls that report threats over syslog and SNMP traps. It touches
          nothing outside this machine.
        </p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <LabStatusPanel />
        {status && !running && <LabStartForm />}
        {running && <LabDevicesTable devices={status.devices} />}
      </div>
      <LabScanConfirm />
    </>
  );
}

function LabStatusPanel(): ReactElement {
  const status = useLabStore((s) => s.status);
  const scenarios = useLabStore((s) => s.scenarios);
  const o = status?.options;
  const scenarioSummary = scenarios.find((s) => s.name === o?.scenario)?.summary;
  return (
    <section className="panel" aria-labelledby="lab-status-title">
      <header className="panel-header">
        <h2 id="lab-status-title">Status</h2>
        <span className={`badge ${status?.running ? 'badge-ok' : 'badge-neutral'}`} data-testid="lab-state">
          {status === null ? 'Checking…' : status.running ? 'Running' : 'Stopped'}
        </span>
      </header>
      {status?.running && o && (
        <div className="panel-body kv">
          <div className="kv-row">
            <span>Devices</span>
            <span>{status.devices.length}</span>
          </div>
          <div className="kv-row">
            <span>Scenario</span>
            <span>
              {o.scenario}
              {scenarioSummary && <span className="dim"> — {scenarioSummary}</span>}
            </span>
          </div>
          <div className="kv-row">
            <span>Base address / seed</span>
            <span className="mono">
              {o.base} / {o.seed}
            </span>
          </div>
          <div className="kv-row">
            <span>Threat detections to</span>
            <span>
              <span className="mono" data-testid="lab-collector">
                {o.collector ? `${o.collector}${o.trapCollector ? ` (traps ${o.trapCollector})` : ''}, ${o.threatsPerMin}/min per AI device` : 'nowhere'}
              </span>
              {o.collector && (
                <button type="button" className="link-button lab-threats-link" onClick={() => useNavigationStore.getState().go('threats')}>
                  See them in Threats
                </button>
              )}
            </span>
          </div>
          {status.startedAt && (
            <div className="kv-row">
              <span>Started</span>
              <span>{new Date(status.startedAt).toLocaleString()}</span>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function LabStartForm(): ReactElement {
  const draft = useLabStore((s) => s.draft);
  const edit = useLabStore((s) => s.edit);
  const start = useLabStore((s) => s.start);
  const scenarios = useLabStore((s) => s.scenarios);
  const busy = useLabStore((s) => s.busy);
  const id = useId();
  const f = (name: keyof LabDraft) => `${id}-${name}`;
  const description = scenarios.find((s) => s.name === draft.scenario)?.summary;
  const onSubmit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    void start();
  };
  const num = (key: 'devices' | 'seed' | 'threatsPerMin', label: string, min: number, max: number) => (
    <>
      <label htmlFor={f(key)}>{label}</label>
      <input id={f(key)} type="number" min={min} max={max} value={draft[key]} onChange={(e) => edit({ [key]: e.target.value })} />
    </>
  );

  return (
    <section className="panel" aria-labelledby="lab-start-title">
      <header className="panel-header">
        <h2 id="lab-start-title">Start the lab</h2>
      </header>
      <form className="panel-body" onSubmit={onSubmit} autoComplete="off">
        <div className="form-grid lab-form">
          {num('devices', 'Devices', 1, 1000)}
          <label htmlFor={f('scenario')}>Scenario</label>
          <div>
            <select
              id={f('scenario')}
              value={draft.scenario}
              aria-describedby={`${id}-scenario-desc`}
              onChange={(e) => {
                const parsed = LabScenarioName.safeParse(e.target.value);
                if (parsed.success) edit({ scenario: parsed.data });
              }}
            >
              {(scenarios.length ? scenarios.map((s) => s.name) : LabScenarioName.options).map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
            <p id={`${id}-scenario-desc`} className="lab-scenario-desc" data-testid="lab-scenario-description">
              {description ?? ''}
            </p>
          </div>
          {num('seed', 'Seed', 0, 2_147_483_647)}
          <label htmlFor={f('base')}>Base address</label>
          <input id={f('base')} type="text" className="mono" value={draft.base} onChange={(e) => edit({ base: e.target.value })} />
          <span />
          <label className="lab-check">
            <input type="checkbox" checked={draft.collect} onChange={(e) => edit({ collect: e.target.checked })} /> Send threat detections
            to this engine's listener (syslog and SNMP traps on 127.0.0.1)
          </label>
          {draft.collect && num('threatsPerMin', 'Detections per minute per AI device', 0, 6000)}
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy !== null}>
            {busy === 'starting' ? 'Starting…' : 'Start the lab'}
          </button>
        </div>
      </form>
    </section>
  );
}

function LabDevicesTable({ devices }: { devices: LabDeviceInfo[] }): ReactElement {
  return (
    <section className="panel lab-devices" aria-labelledby="lab-devices-title">
      <header className="panel-header">
        <h2 id="lab-devices-title">Lab devices</h2>
        <span className="panel-meta">{devices.length}</span>
      </header>
      <div className="panel-body lab-table-wrap">
        <table className="table" aria-labelledby="lab-devices-title" data-testid="lab-devices">
          <thead>
            <tr>
              <th scope="col">Hostname</th>
              <th scope="col">Role</th>
              <th scope="col">Platform</th>
              <th scope="col">Model</th>
              <th scope="col">OS</th>
              <th scope="col">AI-capable</th>
              <th scope="col">Address</th>
              <th scope="col">SNMP / SSH port</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.id}>
                <td>{displayText(d.hostname, 80)}</td>
                <td>{d.role}</td>
                <td>{d.platform}</td>
                <td>{displayText(`${d.vendor} ${d.model}`, 80)}</td>
                <td>{displayText(d.osVersion, 60)}</td>
                <td>{d.aiCapable ? <span className="badge badge-ok">AI</span> : <span className="dim">no</span>}</td>
                <td className="mono">{d.address}</td>
                <td className="mono">
                  {d.snmpPort} / {d.sshPort}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
