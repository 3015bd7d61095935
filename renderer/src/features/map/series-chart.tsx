import type { ReactElement } from 'react';

export interface Series {
  label: string;
  colour: string;
  points: Array<{ atMs: number; value: number | null }>;
}

/** A small, dependency-free SVG line chart (time on x, 0..max on y) for the detail panels. */
export function SeriesChart({ series, max, unit, height = 120 }: { series: Series[]; max?: number; unit: string; height?: number }): ReactElement {
  const width = 280;
  const pad = { l: 34, r: 6, t: 6, b: 18 };
  const all = series.flatMap((s) => s.points.filter((p) => p.value !== null));
  if (all.length < 2) return <p className="dim">Not enough samples yet: poll counters (`routewise poll`) to draw a chart.</p>;
  const t0 = Math.min(...all.map((p) => p.atMs));
  const t1 = Math.max(...all.map((p) => p.atMs));
  const top = max ?? (Math.max(...all.map((p) => p.value!)) * 1.1 || 1);
  const x = (t: number) => pad.l + ((t - t0) / Math.max(1, t1 - t0)) * (width - pad.l - pad.r);
  const y = (v: number) => pad.t + (1 - v / top) * (height - pad.t - pad.b);
  const fmt = (t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <figure className="series-chart">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={`${series.map((s) => s.label).join(' and ')} over time`}>
        <line x1={pad.l} x2={width - pad.r} y1={y(0)} y2={y(0)} className="axis" />
        <line x1={pad.l} x2={pad.l} y1={pad.t} y2={y(0)} className="axis" />
        <text x={pad.l - 4} y={pad.t + 8} textAnchor="end" className="tick">
          {formatValue(top, unit)}
        </text>
        <text x={pad.l - 4} y={y(0)} textAnchor="end" className="tick">
          0
        </text>
        <text x={pad.l} y={height - 4} className="tick">
          {fmt(t0)}
        </text>
        <text x={width - pad.r} y={height - 4} textAnchor="end" className="tick">
          {fmt(t1)}
        </text>
        {series.map((s) => (
          <polyline
            key={s.label}
            fill="none"
            stroke={s.colour}
            strokeWidth={1.5}
            points={s.points.filter((p) => p.value !== null).map((p) => `${x(p.atMs).toFixed(1)},${y(p.value!).toFixed(1)}`).join(' ')}
          />
        ))}
      </svg>
      <figcaption>
        {series.map((s) => (
          <span key={s.label} className="legend-item">
            <span className="swatch" style={{ background: s.colour }} aria-hidden="true" /> {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

function formatValue(v: number, unit: string): string {
  if (unit === '%') return `${Math.round(v)}%`;
  if (unit === 'bps') return v >= 1e9 ? `${(v / 1e9).toFixed(1)}G` : v >= 1e6 ? `${(v / 1e6).toFixed(1)}M` : `${Math.round(v / 1e3)}k`;
  return String(Math.round(v));
}
