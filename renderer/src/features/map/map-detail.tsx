import { type ReactElement, useEffect, useState } from 'react';
import type { DeviceRole } from '../../../../shared/domain/topology';
import { callEngine } from '../../api/engine-api';
import { useScanStore } from '../scan/scan-store';
import type { MapBundle, MapNode } from './map-model';
import { useMapStore } from './map-store';
import { useMetricsStore } from './metrics-store';
import { SeriesChart } from './series-chart';

const HOUR_MS = 3600_000;

const ROLES: DeviceRole[] = ['core', 'distribution', 'access', 'edge', 'unknown'];

/** Facts about the selection. All device-supplied strings are rendered as React text nodes (escaped). */
export function MapDetail({ layoutNodes, bundles }: { layoutNodes: readonly MapNode[]; bundles: readonly MapBundle[] }): ReactElement {
  const view = useMapStore((s) => s.view);
  const selected = useMapStore((s) => s.selected);
  const showChanges = useMapStore((s) => s.showChanges);
  const threats = useMapStore((s) => s.threats);
  const load = useMapStore((s) => s.load);
  const label = (id: string) => view?.nodes.find((n) => n.id === id)?.label ?? layoutNodes.find((n) => n.id === id)?.label ?? id;

  if (showChanges) {
    const c = view?.changes;
    return (
      <aside className="map-detail" aria-label="Changes since the last collection" data-testid="map-changes">
        <h2 className="side-title">Changes since the previous collection</h2>
        {!c ? (
          <p className="dim">Nothing to compare yet: refresh from devices twice to see changes.</p>
        ) : (
          <dl className="facts">
            <ChangeList title="Devices added" items={c.addedDevices.map(label)} />
            <ChangeList title="Devices gone" items={c.removedDevices.map(label)} />
            <ChangeList title="Links added" items={c.addedLinks} />
            <ChangeList title="Links gone" items={c.removedLinks} />
            <ChangeList title="Speed changed" items={c.speedChanged.map((s) => `${s.link}: ${s.fromMbps} → ${s.toMbps} Mbps`)} />
          </dl>
        )}
      </aside>
    );
  }

  if (!selected || !view) {
    return (
      <aside className="map-detail" aria-label="Selection">
        <p className="dim">Select a device or a link (click, or find it with the search box). Drag devices to arrange them; “Save layout” keeps positions across rescans.</p>
      </aside>
    );
  }

  if (selected.type === 'bundle') {
    const b = bundles.find((x) => x.id === selected.id);
    if (!b) return <aside className="map-detail" />;
    return (
      <aside className="map-detail" aria-label="Link details" data-testid="map-detail">
        <h2 className="side-title">
          {label(b.a)} ↔ {label(b.b)}
        </h2>
        <p>
          {b.links.length} link{b.links.length === 1 ? '' : 's'}, {b.capacityMbps} Mbps
          {b.utilisation !== undefined ? `, ${Math.round(b.utilisation * 100)}% utilised now` : ''}
        </p>
        <table className="mini-table">
          <thead>
            <tr>
              <th>{label(b.a)}</th>
              <th>{label(b.b)}</th>
              <th>Speed</th>
              <th>Seen by</th>
            </tr>
          </thead>
          <tbody>
            {b.links.map((l) => {
              const [near, far] = l.a.device === b.a ? [l.a, l.b] : [l.b, l.a];
              return (
                <tr key={l.id}>
                  <td>{near.ifName}</td>
                  <td>{far.ifName}</td>
                  <td>
                    {near.speedMbps ?? '?'} / {far.speedMbps ?? '?'} Mbps
                    {near.speedMbps !== undefined && far.speedMbps !== undefined && near.speedMbps !== far.speedMbps ? ' (mismatch)' : ''}
                  </td>
                  <td>
                    {l.sources.join(', ')}
                    {l.oneSided ? ' (one side only)' : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <InterfaceChart deviceId={b.links[0]!.a.device} ifName={b.links[0]!.a.ifName} title={`${label(b.links[0]!.a.device)} ${b.links[0]!.a.ifName}, last hour`} />
      </aside>
    );
  }

  const mapNode = layoutNodes.find((n) => n.id === selected.id);
  if (mapNode?.members) {
    return (
      <aside className="map-detail" aria-label="Group details" data-testid="map-detail">
        <h2 className="side-title">{mapNode.group}</h2>
        <p>{mapNode.members.length} devices (collapsed). Expand the group in the list on the left.</p>
        <ul>
          {mapNode.members.map((m) => (
            <li key={m}>{label(m)}</li>
          ))}
        </ul>
      </aside>
    );
  }
  const node = view.nodes.find((n) => n.id === selected.id);
  if (!node) return <aside className="map-detail" />;
  const setRole = async (role: DeviceRole) => {
    await callEngine('topology.setRole', { deviceId: node.id, role });
    await load();
  };
  return (
    <aside className="map-detail" aria-label="Device details" data-testid="map-detail">
      <h2 className="side-title">{node.label}</h2>
      <dl className="facts">
        <dt>Managed</dt>
        <dd>{node.managed ? 'yes' : 'no — a neighbour reported it, nobody scanned it'}</dd>
        {node.platform && (
          <>
            <dt>Platform</dt>
            <dd>{node.platform}</dd>
          </>
        )}
        <dt>Role</dt>
        <dd>
          {node.managed ? (
            <select aria-label="Role" value={node.role} onChange={(e) => void setRole(e.target.value as DeviceRole)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r === 'unknown' ? 'infer automatically' : r}
                </option>
              ))}
            </select>
          ) : (
            node.role
          )}
        </dd>
        {node.segment && (
          <>
            <dt>Segment</dt>
            <dd>{node.segment}</dd>
          </>
        )}
        <dt>AI-capable</dt>
        <dd>{node.aiCapable ? 'yes (see Inventory for the evidence)' : 'no'}</dd>
        <dt>Threat insights, last 24 h</dt>
        <dd data-testid="map-detail-threats">{threats[node.id] ? `${threats[node.id]!.count} (worst: ${threats[node.id]!.worst}) — see Threats` : 'none'}</dd>
        {node.addresses && node.addresses.length > 0 && (
          <>
            <dt>Addresses</dt>
            <dd>{node.addresses.join(', ')}</dd>
          </>
        )}
        {node.reportedBy && (
          <>
            <dt>Reported by</dt>
            <dd>{node.reportedBy.map(label).join(', ')}</dd>
          </>
        )}
        {node.description && (
          <>
            <dt>Says of itself</dt>
            <dd className="device-text">{node.description.slice(0, 500)}</dd>
          </>
        )}
      </dl>
      {node.managed && <DeviceChart deviceId={node.id} />}
      {node.managed && <ManualLinkForm from={node.id} />}
      {!node.managed && node.addresses && node.addresses.length > 0 && (
        <button
          type="button"
          className="button"
          onClick={() => {
            const scan = useScanStore.getState();
            const existing = scan.draft.targets.trim();
            scan.edit({ targets: [existing, ...node.addresses!].filter(Boolean).join(' ') });
            scan.open();
          }}
        >
          Add to next scan
        </button>
      )}
    </aside>
  );
}

function ChangeList({ title, items }: { title: string; items: string[] }): ReactElement {
  return (
    <>
      <dt>
        {title} ({items.length})
      </dt>
      <dd>{items.length ? <ul>{items.slice(0, 200).map((i) => <li key={i}>{i}</li>)}</ul> : <span className="dim">none</span>}</dd>
    </>
  );
}

function InterfaceChart({ deviceId, ifName, title }: { deviceId: string; ifName: string; title: string }): ReactElement {
  const key = `if:${deviceId}:${ifName}`;
  const data = useMetricsStore((s) => s.series[key]);
  const load = useMetricsStore((s) => s.load);
  useEffect(() => {
    void load(key, { deviceId, ifName, fromMs: Date.now() - HOUR_MS });
  }, [key, deviceId, ifName, load]);
  return (
    <section aria-label="Utilisation chart">
      <h3 className="side-title">{title}</h3>
      <SeriesChart
        unit="%"
        max={100}
        series={[
          { label: 'out', colour: '#2f6fdb', points: (data?.points ?? []).map((p) => ({ atMs: p.atMs, value: p.outUtil === null ? null : p.outUtil * 100 })) },
          { label: 'in', colour: '#1f8a4c', points: (data?.points ?? []).map((p) => ({ atMs: p.atMs, value: p.inUtil === null ? null : p.inUtil * 100 })) },
        ]}
      />
    </section>
  );
}

function DeviceChart({ deviceId }: { deviceId: string }): ReactElement {
  const key = `device:${deviceId}`;
  const data = useMetricsStore((s) => s.series[key]);
  const load = useMetricsStore((s) => s.load);
  useEffect(() => {
    void load(key, { deviceId, fromMs: Date.now() - HOUR_MS });
  }, [key, deviceId, load]);
  return (
    <section aria-label="CPU and memory chart">
      <h3 className="side-title">CPU and memory, last hour</h3>
      <SeriesChart
        unit="%"
        max={100}
        series={[
          { label: 'CPU', colour: '#c4323a', points: (data?.points ?? []).map((p) => ({ atMs: p.atMs, value: p.cpuPct })) },
          { label: 'memory', colour: '#8e5bd6', points: (data?.points ?? []).map((p) => ({ atMs: p.atMs, value: p.memPct })) },
        ]}
      />
    </section>
  );
}

/** A link for gear that speaks no LLDP/CDP: this device's interface to another managed device's interface. */
function ManualLinkForm({ from }: { from: string }): ReactElement {
  const view = useMapStore((s) => s.view);
  const load = useMapStore((s) => s.load);
  const [state, setState] = useState({ localIf: '', remote: '', remoteIf: '', speed: '', error: '' });
  const others = (view?.nodes ?? []).filter((n) => n.managed && n.id !== from);
  const submit = async () => {
    try {
      await callEngine('topology.addManualLink', {
        a: { device: from, ifName: state.localIf.trim() },
        b: { device: state.remote, ifName: state.remoteIf.trim() },
        ...(state.speed ? { speedMbps: Number(state.speed) } : {}),
      });
      setState({ localIf: '', remote: '', remoteIf: '', speed: '', error: '' });
      await load();
    } catch (err) {
      setState((s) => ({ ...s, error: err instanceof Error ? err.message : String(err) }));
    }
  };
  return (
    <details className="manual-link">
      <summary>Add a manual link…</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          This device's interface <input required value={state.localIf} onChange={(e) => setState({ ...state, localIf: e.target.value })} />
        </label>
        <label>
          To device{' '}
          <select required value={state.remote} onChange={(e) => setState({ ...state, remote: e.target.value })}>
            <option value="">choose…</option>
            {others.map((n) => (
              <option key={n.id} value={n.id}>
                {n.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Its interface <input required value={state.remoteIf} onChange={(e) => setState({ ...state, remoteIf: e.target.value })} />
        </label>
        <label>
          Speed (Mbps, optional) <input inputMode="numeric" value={state.speed} onChange={(e) => setState({ ...state, speed: e.target.value.replace(/[^0-9]/g, '') })} />
        </label>
        <button type="submit" className="button">
          Add link
        </button>
        {state.error && (
          <p className="form-error" role="alert">
            {state.error}
          </p>
        )}
      </form>
    </details>
  );
}
