import { type ReactElement, useCallback, useEffect, useRef } from 'react';
import { ROLE_COLOURS } from './map-export';
import { bundleWidth, type MapBundle, type MapNode, utilisationColour } from './map-model';
import type { MapSelection } from './map-store';

export interface Camera {
  x: number;
  y: number;
  scale: number;
}

interface Props {
  nodes: readonly MapNode[];
  bundles: readonly MapBundle[];
  selected: MapSelection;
  highlighted: ReadonlySet<string>;
  /** Threat insight counts per node id (last 24 h). */
  threats?: Readonly<Record<string, { count: number; worst: string }>>;
  camera: Camera;
  onCamera(c: Camera): void;
  onSelect(s: MapSelection): void;
  onMove(id: string, x: number, y: number): void;
  onMoveEnd(): void;
  onCanvas?(canvas: HTMLCanvasElement | null): void;
}

const NODE_R = 11;

/**
 * The map on a 2D canvas: thousands of nodes and links stay smooth because nothing is a DOM element, off-screen
 * items are culled and labels appear only when zoomed in enough to read them. Keyboard: arrows pan, + and - zoom,
 * 0 fits, Escape clears the selection.
 */
export function MapCanvas(props: Props): ReactElement {
  const ref = useRef<HTMLCanvasElement | null>(null);
  const frame = useRef(0);
  const drag = useRef<{ kind: 'pan' | 'node'; id?: string; sx: number; sy: number; cx: number; cy: number; moved: boolean } | null>(null);
  const p = useRef(props);
  p.current = props;

  const draw = useCallback(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const { nodes, bundles, camera, selected, highlighted, threats } = p.current;
    const dpr = window.devicePixelRatio || 1;
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const css = getComputedStyle(canvas);
    const fg = css.getPropertyValue('--text').trim() || '#1d2330';
    const bg = css.getPropertyValue('--bg-raised').trim() || '#fff';
    const accent = css.getPropertyValue('--accent').trim() || '#2f6fdb';
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = bg;
    ctx.fillRect(0, 0, w, h);
    ctx.setTransform(dpr * camera.scale, 0, 0, dpr * camera.scale, dpr * (w / 2 - camera.x * camera.scale), dpr * (h / 2 - camera.y * camera.scale));
    const margin = 40 / camera.scale;
    const left = camera.x - w / 2 / camera.scale - margin;
    const right = camera.x + w / 2 / camera.scale + margin;
    const top = camera.y - h / 2 / camera.scale - margin;
    const bottom = camera.y + h / 2 / camera.scale + margin;
    const byId = new Map(nodes.map((n) => [n.id, n]));

    for (const b of bundles) {
      const a = byId.get(b.a);
      const c = byId.get(b.b);
      if (!a || !c) continue;
      if ((a.x < left && c.x < left) || (a.x > right && c.x > right) || (a.y < top && c.y < top) || (a.y > bottom && c.y > bottom)) continue;
      const isSel = selected?.type === 'bundle' && selected.id === b.id;
      ctx.strokeStyle = isSel ? accent : utilisationColour(b.utilisation);
      ctx.lineWidth = (bundleWidth(b.capacityMbps) + (isSel ? 2 : 0)) / Math.max(0.5, camera.scale) * Math.min(1, camera.scale) + 0.5 / camera.scale;
      ctx.setLineDash(b.oneSided ? [6 / camera.scale, 4 / camera.scale] : []);
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(c.x, c.y);
      ctx.stroke();
      if (b.links.length > 1 && camera.scale > 0.7) {
        ctx.setLineDash([]);
        ctx.fillStyle = fg;
        ctx.font = `${10 / camera.scale}px sans-serif`;
        ctx.fillText(`×${b.links.length}`, (a.x + c.x) / 2 + 4 / camera.scale, (a.y + c.y) / 2 - 4 / camera.scale);
      }
      if (b.mismatch && camera.scale > 0.5) {
        ctx.fillStyle = '#d9363e';
        ctx.font = `bold ${11 / camera.scale}px sans-serif`;
        ctx.fillText('≠', (a.x + c.x) / 2 - 10 / camera.scale, (a.y + c.y) / 2 + 12 / camera.scale);
      }
    }
    ctx.setLineDash([]);
    const showLabels = camera.scale > (nodes.length > 800 ? 0.9 : 0.45);
    ctx.textAlign = 'center';
    for (const n of nodes) {
      if (n.x < left || n.x > right || n.y < top || n.y > bottom) continue;
      const r = n.members ? NODE_R * 1.5 : NODE_R;
      const isSel = selected?.type === 'node' && selected.id === n.id;
      const isHi = highlighted.has(n.id);
      ctx.beginPath();
      ctx.arc(n.x, n.y, r, 0, Math.PI * 2);
      ctx.fillStyle = ROLE_COLOURS[n.role] ?? ROLE_COLOURS.unknown!;
      ctx.fill();
      if (!n.managed) {
        ctx.setLineDash([3, 2]);
        ctx.strokeStyle = fg;
        ctx.lineWidth = 1.2;
        ctx.stroke();
        ctx.setLineDash([]);
      }
      if (n.aiCapable) {
        ctx.beginPath();
        ctx.arc(n.x, n.y, r + 4, 0, Math.PI * 2);
        ctx.strokeStyle = '#e0a43c';
        ctx.lineWidth = 2.5;
        ctx.stroke();
      }
      if (isSel || isHi) {
        ctx.beginPath();
        ctx.arc(n.x, n.y, r + 8, 0, Math.PI * 2);
        ctx.strokeStyle = accent;
        ctx.lineWidth = 3 / Math.min(1, camera.scale);
        ctx.stroke();
      }
      const mark = threats?.[n.id] ?? (n.members ? sumMarks(n.members, threats) : undefined);
      if (mark && mark.count > 0) {
        const bx = n.x - r - 2;
        const by = n.y - r - 2;
        ctx.beginPath();
        ctx.arc(bx, by, 7, 0, Math.PI * 2);
        ctx.fillStyle = mark.worst === 'critical' || mark.worst === 'high' ? '#d9363e' : '#e07b1f';
        ctx.fill();
        ctx.fillStyle = '#ffffff';
        ctx.font = 'bold 8px sans-serif';
        ctx.fillText(mark.count > 99 ? '99+' : String(mark.count), bx, by + 3);
      }
      if (showLabels || isSel || isHi) {
        ctx.fillStyle = fg;
        ctx.font = `${Math.max(10, 11 / Math.min(1, camera.scale))}px sans-serif`;
        // fillText draws device-supplied text as pixels: no markup is ever interpreted. A halo keeps it legible over links.
        ctx.lineWidth = 3 / Math.min(1, camera.scale);
        ctx.strokeStyle = bg;
        ctx.strokeText(n.label.slice(0, 40), n.x, n.y + r + 14);
        ctx.fillText(n.label.slice(0, 40), n.x, n.y + r + 14);
        if (n.aiCapable) {
          ctx.fillStyle = '#e0a43c';
          ctx.font = 'bold 9px sans-serif';
          ctx.fillText('AI', n.x + r + 6, n.y - r);
        }
      }
    }
  }, []);

  const schedule = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(draw);
  }, [draw]);

  useEffect(() => {
    schedule();
  });
  useEffect(() => {
    const canvas = ref.current;
    props.onCanvas?.(canvas);
    if (!canvas) return;
    const ro = new ResizeObserver(schedule);
    ro.observe(canvas);
    return () => ro.disconnect();
  }, [schedule]);

  const toWorld = (clientX: number, clientY: number) => {
    const canvas = ref.current!;
    const rect = canvas.getBoundingClientRect();
    const { camera } = p.current;
    return { x: camera.x + (clientX - rect.left - rect.width / 2) / camera.scale, y: camera.y + (clientY - rect.top - rect.height / 2) / camera.scale };
  };
  const hitNode = (wx: number, wy: number): MapNode | undefined => {
    const r = (NODE_R + 6) / Math.min(1, p.current.camera.scale);
    let best: MapNode | undefined;
    let bestD = r * r;
    for (const n of p.current.nodes) {
      const d = (n.x - wx) ** 2 + (n.y - wy) ** 2;
      if (d <= bestD) {
        best = n;
        bestD = d;
      }
    }
    return best;
  };
  const hitBundle = (wx: number, wy: number): MapBundle | undefined => {
    const byId = new Map(p.current.nodes.map((n) => [n.id, n]));
    const tol = 6 / p.current.camera.scale;
    for (const b of p.current.bundles) {
      const a = byId.get(b.a);
      const c = byId.get(b.b);
      if (!a || !c) continue;
      const dx = c.x - a.x;
      const dy = c.y - a.y;
      const len2 = dx * dx + dy * dy || 1;
      const t = Math.max(0, Math.min(1, ((wx - a.x) * dx + (wy - a.y) * dy) / len2));
      if ((a.x + t * dx - wx) ** 2 + (a.y + t * dy - wy) ** 2 <= tol * tol) return b;
    }
    return undefined;
  };

  return (
    <canvas
      ref={ref}
      className="map-canvas"
      tabIndex={0}
      role="img"
      aria-label={`Network map: ${props.nodes.length} nodes, ${props.bundles.length} connections. Arrow keys pan, plus and minus zoom, 0 fits.`}
      data-testid="map-canvas"
      onPointerDown={(e) => {
        const w = toWorld(e.clientX, e.clientY);
        const n = hitNode(w.x, w.y);
        (e.target as HTMLCanvasElement).setPointerCapture(e.pointerId);
        drag.current = n
          ? { kind: 'node', id: n.id, sx: e.clientX, sy: e.clientY, cx: n.x, cy: n.y, moved: false }
          : { kind: 'pan', sx: e.clientX, sy: e.clientY, cx: p.current.camera.x, cy: p.current.camera.y, moved: false };
      }}
      onPointerMove={(e) => {
        const d = drag.current;
        if (!d) return;
        const dx = (e.clientX - d.sx) / p.current.camera.scale;
        const dy = (e.clientY - d.sy) / p.current.camera.scale;
        if (Math.abs(e.clientX - d.sx) + Math.abs(e.clientY - d.sy) > 3) d.moved = true;
        if (!d.moved) return;
        if (d.kind === 'node' && d.id) p.current.onMove(d.id, d.cx + dx, d.cy + dy);
        else p.current.onCamera({ ...p.current.camera, x: d.cx - dx, y: d.cy - dy });
      }}
      onPointerUp={(e) => {
        const d = drag.current;
        drag.current = null;
        if (!d) return;
        if (d.moved) {
          if (d.kind === 'node') p.current.onMoveEnd();
          return;
        }
        const w = toWorld(e.clientX, e.clientY);
        const n = hitNode(w.x, w.y);
        if (n) p.current.onSelect({ type: 'node', id: n.id });
        else {
          const b = hitBundle(w.x, w.y);
          p.current.onSelect(b ? { type: 'bundle', id: b.id } : null);
        }
      }}
      onWheel={(e) => {
        const before = toWorld(e.clientX, e.clientY);
        const scale = Math.min(4, Math.max(0.05, p.current.camera.scale * Math.exp(-e.deltaY * 0.0015)));
        const rect = ref.current!.getBoundingClientRect();
        const x = before.x - (e.clientX - rect.left - rect.width / 2) / scale;
        const y = before.y - (e.clientY - rect.top - rect.height / 2) / scale;
        p.current.onCamera({ x, y, scale });
      }}
      onKeyDown={(e) => {
        const c = p.current.camera;
        const step = 80 / c.scale;
        const keys: Record<string, () => Camera | null> = {
          ArrowLeft: () => ({ ...c, x: c.x - step }),
          ArrowRight: () => ({ ...c, x: c.x + step }),
          ArrowUp: () => ({ ...c, y: c.y - step }),
          ArrowDown: () => ({ ...c, y: c.y + step }),
          '+': () => ({ ...c, scale: Math.min(4, c.scale * 1.25) }),
          '=': () => ({ ...c, scale: Math.min(4, c.scale * 1.25) }),
          '-': () => ({ ...c, scale: Math.max(0.05, c.scale / 1.25) }),
          '0': () => fitCamera(p.current.nodes, ref.current),
          Escape: () => {
            p.current.onSelect(null);
            return null;
          },
        };
        const action = keys[e.key];
        if (!action) return;
        e.preventDefault();
        const next = action();
        if (next) p.current.onCamera(next);
      }}
    />
  );
}

export function fitCamera(nodes: readonly MapNode[], canvas: HTMLCanvasElement | null): Camera {
  if (nodes.length === 0 || !canvas) return { x: 0, y: 0, scale: 1 };
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const w = Math.max(1, canvas.clientWidth);
  const h = Math.max(1, canvas.clientHeight);
  const scale = Math.min(2, Math.max(0.05, Math.min(w / (maxX - minX + 160), h / (maxY - minY + 160))));
  return { x: (minX + maxX) / 2, y: (minY + maxY) / 2, scale };
}

function sumMarks(ids: readonly string[], threats: Props['threats']): { count: number; worst: string } | undefined {
  if (!threats) return undefined;
  const order = ['informational', 'low', 'medium', 'high', 'critical'];
  let count = 0;
  let worst = 'informational';
  for (const id of ids) {
    const m = threats[id];
    if (!m) continue;
    count += m.count;
    if (order.indexOf(m.worst) > order.indexOf(worst)) worst = m.worst;
  }
  return count ? { count, worst } : undefined;
}
