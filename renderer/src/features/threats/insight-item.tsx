import { type ReactElement, useId } from 'react';
import { displayText } from '../../lib/display-text';
import { type FeedInsight, rawText } from './threats-model';
import { useThreatsStore } from './threats-store';

/** Raw messages can be 64 KB; the view shows this much and says so. */
const RAW_SHOWN_CHARS = 8_000;

function endpoint(ip: string | null, port: number | null): string {
  if (!ip) return '?';
  const host = ip.includes(':') ? `[${displayText(ip, 64)}]` : displayText(ip, 64);
  return port === null ? host : `${host}:${port}`;
}

/** One insight: what it is in plain language, what to do, and the device's own words as text. */
export function InsightItem({ insight: i }: { insight: FeedInsight }): ReactElement {
  const explained = useThreatsStore((s) => s.playbooks[i.category]);
  const expanded = useThreatsStore((s) => s.selectedId === i.id);
  const detail = useThreatsStore((s) => (s.selectedId === i.id ? s.detail : null));
  const select = useThreatsStore((s) => s.select);
  const bodyId = useId();
  const playbook = detail?.playbook ?? explained?.playbook;
  const technique = detail?.technique ?? null;
  const device = i.deviceName ? `${displayText(i.deviceName, 80)} (${i.deviceAddress})` : i.deviceAddress;

  return (
    <article className={`th-insight sev-${i.severity}`} data-testid="threat-insight" data-insight-id={i.id} data-category={i.category}>
      <div className="th-head">
        <span className={`badge sev-${i.severity}`}>{i.severity}</span>
        <strong className="th-title">{playbook?.title ?? i.category}</strong>
        <span className="th-signature">{displayText(i.signature, 140)}</span>
        {i.count > 1 && <span className="badge badge-neutral">×{i.count}</span>}
        <button
          type="button"
          className="button button-small th-toggle"
          aria-expanded={expanded}
          aria-controls={bodyId}
          onClick={() => void select(expanded ? null : i.id)}
        >
          {expanded ? 'Hide details' : 'Details'}
        </button>
      </div>
      <p className="th-meta dim">
        {device} · {endpoint(i.srcIp, i.srcPort)} → {endpoint(i.dstIp, i.dstPort)}
        {i.protocol ? ` ${displayText(i.protocol, 16)}` : ''} · {i.action} · {new Date(i.lastSeen).toLocaleString()}
      </p>
      <p className="th-explanation" data-testid="threat-explanation">
        {playbook ? playbook.explanation : 'Loading the explanation…'}
      </p>
      {expanded && (
        <div id={bodyId} className="th-detail">
          {playbook && (
            <>
              <p>
                <strong>How urgent:</strong> {playbook.urgency}
              </p>
              <p>
                <strong>What to do</strong>
              </p>
              <ol className="th-steps">
                {playbook.steps.map((step) => (
                  <li key={step}>{step}</li>
                ))}
              </ol>
            </>
          )}
          <dl className="th-facts">
            <dt>ATT&amp;CK</dt>
            <dd>{technique ? `${technique.id} ${technique.name} (${technique.tactic}) — ${technique.url}` : (i.technique ?? 'none given')}</dd>
            <dt>Reported as</dt>
            <dd>
              {i.format}
              {i.vendorCategory ? ` / ${displayText(i.vendorCategory, 120)}` : ''}
              {i.signatureId ? ` / signature ${displayText(i.signatureId, 64)}` : ''}
            </dd>
            {i.model && (
              <>
                <dt>Detection model</dt>
                <dd>{displayText(i.model, 120)}</dd>
              </>
            )}
            <dt>Confidence</dt>
            <dd>{i.confidence} %</dd>
            <dt>First / last seen</dt>
            <dd>
              {new Date(i.firstSeen).toLocaleString()} / {new Date(i.lastSeen).toLocaleString()}
            </dd>
            {i.correlationId && (
              <>
                <dt>Correlation</dt>
                <dd className="mono">{displayText(i.correlationId, 64)}</dd>
              </>
            )}
          </dl>
          <p>
            <strong>Raw message</strong>
            {i.raw.length > RAW_SHOWN_CHARS ? ` (first ${RAW_SHOWN_CHARS} of ${i.raw.length} characters)` : ''}
          </p>
          <pre className="th-raw" data-testid="threat-raw">
            {rawText(i.raw, RAW_SHOWN_CHARS)}
          </pre>
        </div>
      )}
    </article>
  );
}
