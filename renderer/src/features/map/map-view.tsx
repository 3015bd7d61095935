import { type ReactElement, useEffect, useMemo, useRef, useState } from 'react';
import type { DeviceRole } from '../../../../shared/domain/topology';
import { ViewHeader } from '../../views/view-header';
import { useScanStore } from '../scan/scan-store';
import { type Camera, fitCamera, MapCanvas } from './map-canvas';
import { MapDetail } from './map-detail';
import { mapToSvg } from './map-export';
import { type GroupBy, LAYER_ORDER, layoutMap } from './map-model';
import { useMapStore } from './map-store';
import './map.css';

export function MapView(): ReactElement {
  const s = useMapStore();
  const [camera, setCamera] = useState<Camera>({ x: 0, y: 0, scale: 1 });
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const fitted = useRef(false);

  useEffect(() => {
    void s.load();
  }, []);

  const layout = useMemo(() => {
    if (!s.view) return { nodes: [], bundles: [] };
    return layoutMap(s.view.nodes, s.view.links, {
      groupBy: s.groupBy,
      collapsed: s.collapsed,
      saved: { ...s.view.positions, ...s.moved },
      utilisation: s.view.utilisation,
    });
  }, [s.view, s.groupBy, s.collapsed, s.moved]);

  const highlighted = useMemo(() => {
    const q = s.search.trim().toLowerCase();
    if (!q || !s.view) return new Set<string>();
    return new Set(layout.nodes.filter((n) => n.label.toLowerCase().includes(q) || n.id.toLowerCase().includes(q)).map((n) => n.id));
  }, [s.search, layout.nodes, s.view]);

  useEffect(() => {
    if (!fitted.current && layout.nodes.length > 0 && canvasRef.current) {
      fitted.current = true;
      setCamera(fitCamera(layout.nodes, canvasRef.current));
    }
  }, [layout.nodes]);

  useEffect(() => {
    const req = s.focusRequest;
    if (!req) return;
    const n = layout.nodes.find((x) => x.id === req.id || x.members?.includes(req.id));
    if (n) setCamera((c) => ({ ...c, x: n.x, y: n.y, scale: Math.max(c.scale, 1) }));
  }, [s.focusRequest, layout.nodes]);

  const groups = useMemo(() => {
    const set = new Set<string>();
    for (const n of s.view?.nodes ?? []) {
      const g = s.groupBy === 'segment' ? n.segment : s.groupBy === 'site' ? n.site : undefined;
      if (g) set.add(g);
    }
    return [...set].sort();
  }, [s.view, s.groupBy]);

  const jumpToFirstMatch = () => {
    const first = layout.nodes.find((n) => highlighted.has(n.id));
    if (first) {
      s.select({ type: 'node', id: first.id });
      setCamera((c) => ({ ...c, x: first.x, y: first.y, scale: Math.max(c.scale, 1.2) }));
    }
  };

  const exportSvg = () => download('routewise-map.svg', new Blob([mapToSvg(layout.nodes, layout.bundles, { dark: isDark() })], { type: 'image/svg+xml' }));
  const exportPng = () => canvasRef.current?.toBlob((b) => b && download('routewise-map.png', b), 'image/png');
  const unmanaged = s.view?.nodes.filter((n) => !n.managed).length ?? 0;
  const changes = s.view?.changes;
  const changeCount = changes ? changes.addedDevices.length + changes.removedDevices.length + changes.addedLinks.length + changes.removedLinks.length + changes.speedChanged.length : 0;

  return (
    <>
      <ViewHeader title="Map">
        <button type="button" className="button button-primary" onClick={() => void s.collect()} disabled={s.collecting}>
          {s.collecting ? `Walking neighbours${s.progress ? ` ${s.progress.done}/${s.progress.total}` : '…'}` : 'Refresh from devices'}
        </button>
      </ViewHeader>
      <div className="view-body map-layout">
        <div className="map-toolbar" role="toolbar" aria-label="Map tools">
          <input
            type="search"
            aria-label="Find a device on the map"
            placeholder="Find device… (Enter jumps to it)"
            value={s.search}
            onChange={(e) => s.setSearch(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && jumpToFirstMatch()}
          />
          <label>
            Group by{' '}
            <select value={s.groupBy} onChange={(e) => s.setGroupBy(e.target.value as GroupBy)}>
              <option value="segment">segment</option>
              <option value="site">site</option>
              <option value="none">nothing</option>
            </select>
          </label>
          <button type="button" className="button" onClick={() => setCamera(fitCamera(layout.nodes, canvasRef.current))}>
            Fit
          </button>
          <button type="button" className="button" onClick={() => void s.savePositions()} disabled={Object.keys(s.moved).length === 0}>
            Save layout
          </button>
          <button type="button" className="button" onClick={exportPng} disabled={layout.nodes.length === 0}>
            Export PNG
          </button>
          <button type="button" className="button" onClick={exportSvg} disabled={layout.nodes.length === 0}>
            Export SVG
          </button>
          <button type="button" className="button" aria-pressed={s.showChanges} onClick={() => s.setShowChanges(!s.showChanges)}>
            Changes{changes ? ` (${changeCount})` : ''}
          </button>
          <span className="dim" data-testid="map-count">
            {s.view ? `${s.view.nodes.length - unmanaged} managed, ${unmanaged} unmanaged, ${s.view.links.length} links` : ''}
          </span>
        </div>
        {s.error && (
          <p className="form-error" role="alert">
            {s.error}
          </p>
        )}
        {s.view && s.view.nodes.length === 0 ? (
          <div className="map-empty">
            <p>No devices yet. Scan the network (Inventory → New scan), then refresh the map from the devices.</p>
            <button type="button" className="button" onClick={() => useScanStore.getState().open()}>
              New scan…
            </button>
          </div>
        ) : (
          <div className="map-main">
            <aside className="map-side" aria-label="Groups and legend">
              <Legend />
              {groups.length > 0 && (
                <section>
                  <h2 className="side-title">{s.groupBy === 'site' ? 'Sites' : 'Segments'}</h2>
                  <ul className="group-list">
                    {groups.map((g) => (
                      <li key={g}>
                        <button type="button" className="link-button" aria-expanded={!s.collapsed.has(g)} onClick={() => s.toggleCollapsed(g)}>
                          {s.collapsed.has(g) ? '▸' : '▾'} {g}
                        </button>
                      </li>
                    ))}
                  </ul>
                </section>
              )}
            </aside>
            <MapCanvas
              nodes={layout.nodes}
              bundles={layout.bundles}
              selected={s.selected}
              highlighted={highlighted}
              threats={s.threats}
              camera={camera}
              onCamera={setCamera}
              onSelect={s.select}
              onMove={s.moveNode}
              onMoveEnd={() => undefined}
              onCanvas={(c) => (canvasRef.current = c)}
            />
            <MapDetail layoutNodes={layout.nodes} bundles={layout.bundles} />
          </div>
        )}
      </div>
    </>
  );
}

function Legend(): ReactElement {
  const roles: DeviceRole[] = [...LAYER_ORDER];
  return (
    <section className="map-legend" aria-label="Legend">
      <h2 className="side-title">Legend</h2>
      <ul>
        {roles.map((r) => (
          <li key={r}>
            <span className={`dot role-${r}`} aria-hidden="true" /> {r === 'unknown' ? 'unknown / unmanaged (dashed)' : r}
          </li>
        ))}
        <li>
          <span className="dot ai-ring" aria-hidden="true" /> AI-capable
        </li>
        <li>
          <span className="swatch util-low" aria-hidden="true" /> &lt;40% <span className="swatch util-mid" aria-hidden="true" /> 40–70%{' '}
          <span className="swatch util-high" aria-hidden="true" /> 70–90% <span className="swatch util-crit" aria-hidden="true" /> ≥90%
        </li>
        <li>
          <span className="dot threat-dot" aria-hidden="true" /> threat insights in the last 24 h (count)
        </li>
        <li>line width: capacity · dashed: seen from one side · ≠: speed mismatch · ×N: bundle</li>
      </ul>
    </section>
  );
}

function isDark(): boolean {
  return document.documentElement.dataset.theme === 'dark';
}

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
