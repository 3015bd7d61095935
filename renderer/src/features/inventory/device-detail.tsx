import type { ReactElement } from 'react';
import type { DeviceDetail } from '../../../../shared/api/inventory';
import { displayText } from '../../lib/display-text';
import { useInventoryStore } from './inventory-store';
import { hostPort } from './inventory-table';

/** Facts, AI capability with its evidence, interfaces and history of one device. Device strings are text only. */
export function DeviceDetailPanel(): ReactElement | null {
  const selectedId = useInventoryStore((s) => s.selectedId);
  const detail = useInventoryStore((s) => s.detail);
  const error = useInventoryStore((s) => s.detailError);
  const select = useInventoryStore((s) => s.select);
  if (!selectedId) return null;
  return (
    <aside className="panel inv-detail" aria-labelledby="device-detail-title" data-testid="device-detail">
      <header className="panel-header">
        <h2 id="device-detail-title" className="truncate">
          {detail ? displayText(detail.device.sysName ?? detail.device.address, 120) : 'Device'}
        </h2>
        <button type="button" className="button button-small" onClick={() => void select(null)} aria-label="Close device details">
          Close
        </button>
      </header>
      <div className="panel-body">
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {detail && <DetailBody detail={detail} />}
      </div>
    </aside>
  );
}

function DetailBody({ detail: d }: { detail: DeviceDetail }): ReactElement {
  const t = (v: string | null | undefined, max = 200) => (v ? displayText(v, max) : '—');
  const facts: Array<[string, string]> = [
    ['Address', hostPort(d.device.address, d.device.port)],
    ...(d.addresses.length > 1
      ? [['Also answers at', d.addresses.filter((a) => a.address !== d.device.address || a.port !== d.device.port).map((a) => hostPort(a.address, a.port)).join(', ')] as [string, string]]
      : []),
    ['Vendor', t(d.device.vendor)],
    ['Platform', d.device.platform],
    ['OS', [d.facts.osName, d.device.osVersion].filter(Boolean).map((x) => displayText(x, 80)).join(' ') || '—'],
    ['Model', t(d.device.model)],
    ['Serial', t(d.device.serial)],
    ...(d.facts.chassisMac ? [['Chassis MAC', t(d.facts.chassisMac)] as [string, string]] : []),
    ['sysObjectID', t(d.device.sysObjectID)],
    ['Location', t(d.facts.sysLocation)],
    ['Uptime', d.facts.sysUpTimeSec === undefined ? '—' : `${Math.floor(d.facts.sysUpTimeSec / 86400)} d ${Math.floor((d.facts.sysUpTimeSec % 86400) / 3600)} h`],
    ['Identified by', d.facts.sources.join(' + ') || '—'],
    ['First seen', new Date(d.device.firstSeen).toLocaleString()],
    ['Last seen', new Date(d.device.lastSeen).toLocaleString()],
  ];
  return (
    <>
      <section aria-label="Facts">
        <dl className="kv">
          {facts.map(([k, v]) => (
            <div className="kv-row" key={k}>
              <dt>{k}</dt>
              <dd className="truncate">{v}</dd>
            </div>
          ))}
        </dl>
        <p className="inv-descr mono" data-testid="device-sysdescr">
          {t(d.device.sysDescr, 1000)}
        </p>
        {d.device.warnings.length > 0 && (
          <ul className="inv-warnings" aria-label="Identification warnings">
            {d.device.warnings.map((w, i) => (
              <li key={i}>{displayText(w, 300)}</li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="ai-title">
        <h3 id="ai-title">
          AI capability{' '}
          {d.ai?.capable ? <span className="badge badge-ok">capable</span> : <span className="badge badge-neutral">none found</span>}
        </h3>
        {d.ai && d.ai.evidence.length > 0 ? (
          <table className="table table-wrap ai-evidence">
            <thead>
              <tr>
                <th scope="col">Feature</th>
                <th scope="col">State</th>
                <th scope="col">Matched</th>
                <th scope="col">Rule / source</th>
              </tr>
            </thead>
            <tbody>
              {d.ai.evidence.map((e, i) => (
                <tr key={`${e.ruleId}-${e.feature}-${i}`}>
                  <td>{e.feature}</td>
                  <td>{e.state}</td>
                  <td className="mono">
                    {displayText(e.field, 60)} = {displayText(e.matched, 120)}
                  </td>
                  <td className="dim">
                    {displayText(e.ruleId, 60)} · {displayText(e.source, 200)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No catalog rule matched this device{d.ai ? ` (catalog ${displayText(d.ai.catalogVersion, 40)})` : ''}.</p>
        )}
        {d.ai?.featureStates && d.ai.featureStates.length > 0 && (
          <table className="table table-wrap ai-states" aria-label="Probed AI feature state" data-testid="ai-feature-states">
            <thead>
              <tr>
                <th scope="col">Feature</th>
                <th scope="col">Live state</th>
                <th scope="col">Device said</th>
              </tr>
            </thead>
            <tbody>
              {d.ai.featureStates.map((f, i) => (
                <tr key={`${f.ruleId}-${f.feature}-${i}`}>
                  <td>{f.feature}</td>
                  <td>{f.state}</td>
                  <td className="mono">
                    {f.evidence.map((e, j) => (
                      <div key={j}>
                        {e.via} “{displayText(e.command, 80)}”: {displayText(e.excerpt, 200)}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="if-title">
        <h3 id="if-title">Interfaces ({d.interfaces.length})</h3>
        <div className="inv-if-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Name</th>
                <th scope="col">Alias</th>
                <th scope="col">Status</th>
                <th scope="col">Speed</th>
                <th scope="col">MAC</th>
                <th scope="col">Addresses</th>
              </tr>
            </thead>
            <tbody>
              {d.interfaces.slice(0, 2000).map((i) => (
                <tr key={i.ifIndex}>
                  <td className="dim">{i.ifIndex}</td>
                  <td>{displayText(i.name, 80)}</td>
                  <td className="dim">{displayText(i.alias ?? '', 80)}</td>
                  <td>{[i.adminStatus, i.operStatus].filter(Boolean).join(' / ')}</td>
                  <td>{i.speedMbps === undefined ? '' : `${i.speedMbps} Mb/s`}</td>
                  <td className="mono">{displayText(i.mac ?? '', 40)}</td>
                  <td className="mono">{(i.addresses ?? []).map((a) => displayText(a, 50)).join(' ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="history-title">
        <h3 id="history-title">History</h3>
        {d.history.length === 0 ? (
          <p className="muted">No attribute has changed since the device was first seen.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Attribute</th>
                <th scope="col">Was</th>
                <th scope="col">Now</th>
              </tr>
            </thead>
            <tbody>
              {d.history.map((h, i) => (
                <tr key={i}>
                  <td className="dim">{new Date(h.at).toLocaleString()}</td>
                  <td>{h.attribute}</td>
                  <td className="mono">{t(h.oldValue, 200)}</td>
                  <td className="mono">{t(h.newValue, 200)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
