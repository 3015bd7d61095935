import type { ReactElement } from 'react';
import type { SimulationReport } from '../../../../shared/api/ai-traffic';
import { displayText } from '../../lib/display-text';
import './comparison-charts.css';

/** Series colours by policy index (CSS classes, so both themes and the CSP without inline styles work). */
const SERIES = 4;
const seriesClass = (i: number) => `aic-s${i % SERIES}`;

const ms = (x: number) => `${x.toFixed(0)} ms`;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function Legend({ reports }: { reports: readonly SimulationReport[] }): ReactElement {
  return (
    <ul className="aic-legend" aria-label="Policies">
      {reports.map((r, i) => (
        <li key={i}>
          <svg width="12" height="12" aria-hidden="true">
            <rect width="12" height="12" className={seriesClass(i)} />
          </svg>{' '}
          {displayText(r.policy, 64)}
        </li>
      ))}
    </ul>
  );
}

interface Bar {
  label: string;
  value: number;
  text: string;
  series: number;
  marked?: boolean;
}

/**
 * Horizontal grouped bars: one group per category, one bar per policy, the value written beside each bar. The chart
 * and each category are labelled groups (not role=img, whose children would be hidden from assistive technology),
 * so a screen reader reads "category: policy value, …".
 */
function BarChart({ title, groups, max, limit }: { title: string; groups: Array<{ name: string; bars: Bar[] }>; max: number; limit?: { value: number; text: string } }): ReactElement {
  const labelW = 90;
  const barW = 240;
  const valueW = 260;
  const barH = 14;
  const gap = 4;
  const groupGap = 10;
  const top = 4;
  let y = top;
  const scale = (v: number) => (max > 0 ? Math.max(0, Math.min(1, v / max)) * barW : 0);
  const rows = groups.map((g) => {
    const at = y;
    y += g.bars.length * (barH + gap) + groupGap;
    return { g, at };
  });
  const height = Math.max(y, 24);
  return (
    <figure className="aic-figure">
      <figcaption>{title}</figcaption>
      <svg className="aic-chart" role="group" aria-label={title} width={labelW + barW + valueW} height={height} viewBox={`0 0 ${labelW + barW + valueW} ${height}`}>
        {rows.map(({ g, at }) => (
          <g key={g.name} role="group" aria-label={`${g.name}: ${g.bars.map((b) => `${b.label} ${b.text}`).join(', ')}`}>
            <text x={0} y={at + barH - 2} className="aic-label">
              {displayText(g.name, 14)}
            </text>
            {g.bars.map((b, i) => (
              <g key={i}>
                <rect x={labelW} y={at + i * (barH + gap)} width={Math.max(1, scale(b.value))} height={barH} className={`${seriesClass(b.series)}${b.marked ? ' aic-marked' : ''}`}>
                  <title>{`${b.label}: ${b.text}`}</title>
                </rect>
                <text x={labelW + Math.max(1, scale(b.value)) + 4} y={at + i * (barH + gap) + barH - 3} className="aic-value" data-policy={b.label}>
                  {b.text}
                  {b.marked ? ' ⚠' : ''}
                </text>
              </g>
            ))}
          </g>
        ))}
        {limit && (
          <g aria-label={limit.text}>
            <line x1={labelW + scale(limit.value)} x2={labelW + scale(limit.value)} y1={0} y2={height} className="aic-limit" />
            <text x={labelW + scale(limit.value) + 2} y={height - 2} className="aic-label">
              {limit.text}
            </text>
          </g>
        )}
      </svg>
    </figure>
  );
}

/** Side-by-side charts of simulated policies: latency percentiles, load per backend, rejects, and links flagged as overloaded. */
export function ComparisonCharts({ reports }: { reports: readonly SimulationReport[] }): ReactElement | null {
  if (reports.length === 0) return null;
  const latencyMax = Math.max(1, ...reports.map((r) => r.latencyMs.p99));
  const latency = (['p50', 'p95', 'p99'] as const).map((k) => ({
    name: k,
    bars: reports.map((r, i) => ({ label: r.policy, value: r.latencyMs[k], text: ms(r.latencyMs[k]), series: i })),
  }));
  const backendIds = [...new Set(reports.flatMap((r) => r.backends.map((b) => b.id)))];
  const load = backendIds.map((id) => ({
    name: id,
    bars: reports.map((r, i) => {
      const b = r.backends.find((x) => x.id === id);
      return { label: r.policy, value: b?.share ?? 0, text: b ? `${pct(b.share)} (${b.requests} req, busy ${pct(b.busyShare)})` : 'not in this policy', series: i, marked: (b?.busyShare ?? 0) >= 0.95 };
    }),
  }));
  const rejects = reports.map((r, i) => ({
    name: r.policy,
    bars: [{ label: r.policy, value: r.rejects + r.unroutable, text: `${r.rejects} rejected, ${r.unroutable} unroutable of ${r.requests}`, series: i }],
  }));
  const rejectMax = Math.max(1, ...rejects.map((g) => g.bars[0]!.value));
  const flagged = new Set(reports.flatMap((r) => r.flags.filter((f) => f.kind === 'link-over-threshold' || f.kind === 'crosses-hot-link').map((f) => f.subject)));
  const linkIds = [...new Set(reports.flatMap((r) => r.links.map((l) => l.linkId)))].filter((id) => flagged.has(id));
  const links = linkIds.map((id) => {
    const label = reports.flatMap((r) => r.links).find((l) => l.linkId === id)?.label ?? id;
    return {
      name: label,
      bars: reports.map((r, i) => {
        const l = r.links.find((x) => x.linkId === id);
        const over = r.flags.some((f) => f.subject === id);
        return { label: r.policy, value: l?.peakUtil ?? 0, text: l ? `peak ${pct(l.peakUtil)} of ${l.speedMbps} Mb/s${l.hot ? ', hot' : ''}${over ? ', flagged' : ''}` : 'not used', series: i, marked: over };
      }),
    };
  });
  const linkMax = Math.max(1, ...links.flatMap((g) => g.bars.map((b) => b.value)));
  return (
    <section className="aic" aria-label="Policy comparison charts" data-testid="ai-comparison-charts">
      <Legend reports={reports} />
      <div className="aic-grid">
        <BarChart title="Latency percentiles (ms)" groups={latency} max={latencyMax} />
        <BarChart title="Rejected and unroutable requests" groups={rejects} max={rejectMax} />
        <BarChart title="Load per backend (share of requests; ⚠ busy ≥ 95%)" groups={load} max={Math.max(0.01, ...load.flatMap((g) => g.bars.map((b) => b.value)))} />
        {links.length > 0 ? (
          <BarChart title="Links flagged as overloaded (peak utilisation)" groups={links} max={linkMax} limit={linkMax >= 1 ? { value: 1, text: '100%' } : undefined} />
        ) : (
          <figure className="aic-figure">
            <figcaption>Links flagged as overloaded</figcaption>
            <p className="dim">No policy overloads a measured link{reports.some((r) => r.links.length > 0) ? '' : ' (no measured topology links on the paths)'}.</p>
          </figure>
        )}
      </div>
    </section>
  );
}
