import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ComparisonCharts } from '../../../renderer/src/features/ai-services/comparison-charts';
import type { SimulationReport } from '../../../shared/api/ai-traffic';

function report(policy: string, p95: number, peakUtil: number, flagged: boolean): SimulationReport {
  return {
    policy,
    algorithm: 'round-robin',
    requests: 100,
    served: 98,
    rejects: 2,
    unroutable: 0,
    latencyMs: { p50: 10, p95, p99: p95 * 2, mean: 20 },
    affinity: 0.5,
    backends: [{ id: 'a', site: 'hq', requests: 98, share: 0.98, rejects: 2, maxQueue: 3, busyShare: 0.5 }],
    links: [{ linkId: 'L1', label: 'core1 Gi0/1 ↔ dc1 eth0', bytes: 1, avgMbps: 1, peakMbps: 12, speedMbps: 10, peakUtil, hot: false }],
    flags: flagged ? [{ kind: 'link-over-threshold', subject: 'L1', message: 'over' }] : [],
  };
}

describe('policy comparison charts', () => {
  it('labels every bar with its policy and number, marks the flagged link, and keeps hostile names as text', () => {
    const html = renderToStaticMarkup(createElement(ComparisonCharts, { reports: [report('<b>x</b>', 120, 1.2, true), report('calm', 80, 0.4, false)] }));
    expect(html).toContain('aria-label="p95: &lt;b&gt;x&lt;/b&gt; 120 ms, calm 80 ms"');
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('aria-label="core1 Gi0/1 ↔ dc1 eth0: &lt;b&gt;x&lt;/b&gt; peak 120.0% of 10 Mb/s, flagged, calm peak 40.0% of 10 Mb/s"');
    expect(html.match(/aic-marked/g)).toHaveLength(1);
    expect(html).toContain('2 rejected, 0 unroutable of 100');
  });

  it('says so when no policy overloads a link, and renders nothing without reports', () => {
    expect(renderToStaticMarkup(createElement(ComparisonCharts, { reports: [report('a', 1, 0.1, false)] }))).toContain('No policy overloads a measured link');
    expect(renderToStaticMarkup(createElement(ComparisonCharts, { reports: [] }))).toBe('');
  });
});

describe('deploy panel host lines', () => {
  it('reads address or address:port per line or comma, IPv6 in brackets, default port 22', async () => {
    const { parseHostLines } = await import('../../../renderer/src/features/ai-services/deploy-panel');
    expect(parseHostLines('10.0.0.1\n 10.0.0.2:2222 ,[2001:db8::1]:22\n\n[2001:db8::2]')).toEqual([
      { address: '10.0.0.1', sshPort: 22 },
      { address: '10.0.0.2', sshPort: 2222 },
      { address: '2001:db8::1', sshPort: 22 },
      { address: '2001:db8::2', sshPort: 22 },
    ]);
  });
});
