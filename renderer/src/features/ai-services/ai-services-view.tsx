import { type ReactElement, useEffect, useState } from 'react';
import type { AiService, RenderTarget } from '../../../../shared/api/ai-traffic';
import { displayText } from '../../lib/display-text';
import { ViewHeader } from '../../views/view-header';
import { useAiServicesStore } from './ai-services-store';
import { ComparisonCharts } from './comparison-charts';
import { DeployPanel } from './deploy-panel';

const TARGETS: RenderTarget[] = ['haproxy', 'nginx', 'ipvs', 'fortios'];

function health(s: AiService): string {
  if (!s.health) return 'not probed';
  if (!s.health.healthy) return `down: ${displayText(s.health.error ?? 'unhealthy', 120)}`;
  return `up, ${s.health.latencyMs?.toFixed(1) ?? '?'} ms (avg ${s.health.ewmaLatencyMs?.toFixed(1) ?? '?'} ms)`;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function AiServicesView(): ReactElement {
  const s = useAiServicesStore();
  const [client, setClient] = useState('10.0.0.1');
  const [model, setModel] = useState('');
  const [requests, setRequests] = useState(10_000);
  const [rate, setRate] = useState(20);
  const [target, setTarget] = useState<RenderTarget>('haproxy');
  const [njs, setNjs] = useState(false);
  useEffect(() => {
    void s.load();
    // Load once on open; Probe and Refresh reload.
  }, []);

  return (
    <>
      <ViewHeader title="AI services">
        <button type="button" className="button" onClick={() => void s.load()} disabled={s.loading}>
          Refresh
        </button>
        <button type="button" className="button button-primary" onClick={() => void s.probe()} disabled={s.loading}>
          {s.loading ? 'Probing…' : 'Probe all'}
        </button>
      </ViewHeader>
      <div className="view-body" data-testid="ai-services">
        {s.error && (
          <p className="form-error" role="alert">
            {s.error}
          </p>
        )}
        <table className="table" aria-label="AI backends">
          <thead>
            <tr>
              <th>Id</th>
              <th>Endpoint</th>
              <th>Model</th>
              <th>Site</th>
              <th>Capacity</th>
              <th>Weight</th>
              <th>Health</th>
            </tr>
          </thead>
          <tbody>
            {s.services.length === 0 && (
              <tr>
                <td colSpan={7}>No AI backends yet: add them with `routewise ai-services add` or discover them from the inventory.</td>
              </tr>
            )}
            {s.services.map((b) => (
              <tr key={b.id}>
                <td>{displayText(b.id, 64)}</td>
                <td>
                  {displayText(b.address, 64)}:{b.port}
                </td>
                <td>{displayText(b.version ? `${b.model}:${b.version}` : b.model, 128)}</td>
                <td>{displayText(b.site, 64)}</td>
                <td>
                  {b.capacity.maxConcurrent} × {b.capacity.tokensPerSec} tok/s
                </td>
                <td>{b.weight}</td>
                <td>{health(b)}</td>
              </tr>
            ))}
          </tbody>
        </table>

        <h2 className="side-title">Policy</h2>
        <textarea aria-label="Policy (YAML or JSON)" rows={12} cols={90} spellCheck={false} value={s.policyText} onChange={(e) => s.setPolicyText(e.target.value)} />
        <div className="view-actions">
          <button type="button" className="button" onClick={() => void s.validate()}>
            Validate
          </button>
        </div>
        {s.issues && (s.issues.length === 0 ? <p>Policy is valid.</p> : <ul aria-label="Policy issues">{s.issues.map((i, k) => <li key={k}>{`${i.path}: ${i.message}`}</li>)}</ul>)}

        <h2 className="side-title">Preview a request</h2>
        <label>
          Client <input value={client} onChange={(e) => setClient(e.target.value)} />
        </label>{' '}
        <label>
          Model <input value={model} onChange={(e) => setModel(e.target.value)} placeholder="llama3:70b" />
        </label>{' '}
        <button type="button" className="button" onClick={() => void s.previewRequest(client, model)}>
          Preview
        </button>
        {s.preview && (
          <p data-testid="ai-preview">
            Pool <strong>{s.preview.pool}</strong>: {s.preview.backends.join(', ') || 'no healthy backend'} — {s.preview.reason}
          </p>
        )}

        <h2 className="side-title">Simulate and compare</h2>
        <textarea aria-label="Policy to compare (optional)" rows={6} cols={90} spellCheck={false} value={s.compareText} onChange={(e) => s.setCompareText(e.target.value)} placeholder="Optional second policy to compare side by side" />
        <div>
          <label>
            Requests <input type="number" min={1} max={1000000} value={requests} onChange={(e) => setRequests(Number(e.target.value))} />
          </label>{' '}
          <label>
            Rate /s <input type="number" min={0.1} step={0.1} value={rate} onChange={(e) => setRate(Number(e.target.value))} />
          </label>{' '}
          <button type="button" className="button button-primary" onClick={() => void s.simulate(requests, rate)} disabled={s.simulating}>
            {s.simulating ? 'Simulating…' : 'Simulate'}
          </button>
        </div>
        {s.reports.length > 0 && (
          <table className="table" aria-label="Simulation comparison">
            <thead>
              <tr>
                <th>Policy</th>
                <th>Algorithm</th>
                <th>Served</th>
                <th>Rejects</th>
                <th>p50 ms</th>
                <th>p95 ms</th>
                <th>p99 ms</th>
                <th>Affinity</th>
                <th>Per backend</th>
                <th>Flags</th>
              </tr>
            </thead>
            <tbody>
              {s.reports.map((r, i) => (
                <tr key={i}>
                  <td>{displayText(r.policy, 64)}</td>
                  <td>{r.algorithm}</td>
                  <td>{r.served}</td>
                  <td>{r.rejects}</td>
                  <td>{r.latencyMs.p50.toFixed(0)}</td>
                  <td>{r.latencyMs.p95.toFixed(0)}</td>
                  <td>{r.latencyMs.p99.toFixed(0)}</td>
                  <td>{pct(r.affinity)}</td>
                  <td>
                    {r.backends.map((b) => (
                      <div key={b.id}>
                        <span>{displayText(b.id, 64)}</span> <meter min={0} max={1} value={b.share} aria-label={`${b.id} share`} /> {pct(b.share)}
                      </div>
                    ))}
                  </td>
                  <td>{r.flags.map((f, k) => <div key={k}>{displayText(f.message, 300)}</div>)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <ComparisonCharts reports={s.reports} />

        <h2 className="side-title">Deploy configuration</h2>
        <label>
          Target{' '}
          <select value={target} onChange={(e) => setTarget(e.target.value as RenderTarget)}>
            {TARGETS.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          <input type="checkbox" checked={njs} onChange={(e) => setNjs(e.target.checked)} disabled={target !== 'nginx'} /> nginx: route on the body with njs
        </label>{' '}
        <button type="button" className="button" onClick={() => void s.render(target, njs)}>
          Render
        </button>
        {s.rendered && (
          <>
            <ul aria-label="What the target cannot express">
              {s.rendered.notes.map((n, k) => (
                <li key={k}>{n}</li>
              ))}
            </ul>
            <pre data-testid="ai-rendered">{s.rendered.config}</pre>
            {s.rendered.files.map((f) => (
              <section key={f.name} aria-label={f.name}>
                <h3>{f.name}</h3>
                <pre>{f.content}</pre>
              </section>
            ))}
          </>
        )}

        <h2 className="side-title">Deploy through a phased rollout</h2>
        <DeployPanel />
      </div>
    </>
  );
}
