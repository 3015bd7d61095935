import type { ReactElement } from 'react';
import type { PlanDevice, RolloutPlan } from '../../../../shared/api/rollout';
import { displayText } from '../../lib/display-text';
import { planActions } from './rollout-params';
import { type PlanControl, useRolloutsStore } from './rollouts-store';

const ACTION_LABEL: Record<PlanControl, string> = {
  approve: 'Approve',
  run: 'Run',
  pause: 'Pause',
  resume: 'Resume',
  abort: 'Abort',
  rollback: 'Roll back',
};

const GOOD = new Set(['confirmed', 'completed', 'unchanged', 'approved']);
const BAD = new Set(['failed', 'halted', 'aborted', 'inconsistent', 'interrupted']);
const WARN = new Set(['reverted', 'rolled-back', 'paused', 'skipped']);

export function stateBadge(state: string): string {
  if (GOOD.has(state)) return 'badge badge-ok';
  if (BAD.has(state)) return 'badge badge-bad';
  if (WARN.has(state)) return 'badge badge-warn';
  return 'badge badge-neutral';
}

/** Config text is device data: capped, and shown only inside <pre> as text. */
const MAX_DIFF_CHARS = 200_000;
function configText(text: string): string {
  return text.length > MAX_DIFF_CHARS ? `${text.slice(0, MAX_DIFF_CHARS)}\n… (${text.length - MAX_DIFF_CHARS} more characters)` : text;
}

function DeviceRow({ d }: { d: PlanDevice }): ReactElement {
  return (
    <li className="ro-device" data-testid="rollout-device" data-address={d.address} data-state={d.state}>
      <div className="ro-device-head">
        <strong>{displayText(d.label, 120)}</strong>
        <span className="dim">{displayText(d.address, 60)}</span>
        <span className="dim">{d.platform}</span>
        <span className={stateBadge(d.state)} data-testid="rollout-device-state">
          {d.state}
        </span>
        {d.safeChange && <span className="dim">commit-confirm: {d.safeChange}</span>}
      </div>
      {d.error && <p className="form-error">{displayText(d.error, 500)}</p>}
      <details>
        <summary>Diff against the running configuration</summary>
        {d.diff === null ? (
          <p className="dim">Not read when planned; the change to apply:</p>
        ) : d.diff === '' ? (
          <p className="dim">No difference: the device already has this configuration.</p>
        ) : null}
        <pre className="ro-pre" data-testid="rollout-diff">
          {configText(d.diff ?? d.change)}
        </pre>
      </details>
    </li>
  );
}

/** One plan: status and controls, pilot reasoning, phases with each device's state and diff, and the live step log. */
export function PlanDetail({ plan }: { plan: RolloutPlan }): ReactElement {
  const busy = useRolloutsStore((s) => s.busy);
  const error = useRolloutsStore((s) => s.planError);
  const steps = useRolloutsStore((s) => s.steps[plan.id]);
  const control = useRolloutsStore((s) => s.control);
  const byAddress = new Map(plan.devices.map((d) => [d.address, d]));
  return (
    <section className="ro-panel" aria-labelledby="ro-plan-title" data-testid="rollout-plan" data-plan-id={plan.id}>
      <div className="ro-plan-head">
        <h2 className="side-title" id="ro-plan-title">
          {displayText(plan.template.name, 100)} · {plan.devices.length} devices
        </h2>
        <span className={stateBadge(plan.status)} data-testid="rollout-status">
          {plan.status}
        </span>
        <div className="ro-actions" role="group" aria-label="Plan controls">
          {planActions(plan.status).map((a) => (
            <button
              key={a}
              type="button"
              className={a === 'approve' || a === 'run' ? 'button button-primary' : 'button'}
              disabled={busy !== null}
              onClick={() => void control(a)}
            >
              {busy === a ? `${ACTION_LABEL[a]}…` : ACTION_LABEL[a]}
            </button>
          ))}
        </div>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <p className="dim">
        Plan {plan.id} · created {new Date(plan.createdAt).toLocaleString()} by {displayText(plan.createdBy, 80)}
        {plan.approvedBy && (
          <>
            {' '}
            · approved by {displayText(plan.approvedBy, 80)}
            {plan.approvedAt && ` ${new Date(plan.approvedAt).toLocaleString()}`}
          </>
        )}
      </p>
      {plan.summary && (
        <p className="ro-summary" data-testid="rollout-summary">
          {displayText(plan.summary, 2000)}
        </p>
      )}
      <h3 className="ro-sub">Pilot</h3>
      <p data-testid="rollout-pilot-reasoning">{displayText(plan.pilotReasoning, 2000)}</p>
      {plan.notes.length > 0 && (
        <ul className="ro-notes">
          {plan.notes.map((n, i) => (
            <li key={i}>{displayText(n, 500)}</li>
          ))}
        </ul>
      )}
      <p className="dim">
        Confirm within {plan.options.confirmWithinSec} s · soak {plan.options.soakSec} s · on failure: {plan.options.failurePolicy} · gates:{' '}
        {[
          plan.options.gates.snmpReachable && 'SNMP reachable',
          plan.options.gates.interfacesStayUp && 'interfaces stay up',
          plan.options.gates.cpuMaxPercent !== undefined && `CPU < ${plan.options.gates.cpuMaxPercent}%`,
          plan.options.gates.noNewCriticalThreats && 'no new critical threats',
          plan.options.gates.show && `show "${displayText(plan.options.gates.show.command, 100)}"`,
          plan.options.gates.backendHealth && `backend health from the host (${plan.options.gates.backendHealth.backends.length} backends)`,
          plan.options.gates.latency && `latency p95 < ${plan.options.gates.latency.p95MaxMs} ms over ${plan.options.gates.latency.requests} requests`,
        ]
          .filter(Boolean)
          .join(', ') || 'none'}
        {plan.options.maintenanceWindow &&
          ` · window ${plan.options.maintenanceWindow.start}–${plan.options.maintenanceWindow.end} ${plan.options.maintenanceWindow.timezone === 'utc' ? 'UTC' : 'engine local time'}`}
      </p>
      {plan.phases.map((ph) => (
        <section key={ph.index} className="ro-phase" aria-label={`Phase ${ph.index + 1}: ${ph.name}`} data-testid="rollout-phase">
          <h3 className="ro-sub">
            Phase {ph.index + 1}: {displayText(ph.name, 80)}{' '}
            <span className="dim">
              (fails above {'count' in ph.threshold ? `${ph.threshold.count} failed` : `${ph.threshold.percent}% failed`})
            </span>
          </h3>
          <ul className="ro-devices">
            {ph.devices.map((a) => {
              const d = byAddress.get(a);
              return d ? <DeviceRow key={a} d={d} /> : null;
            })}
          </ul>
        </section>
      ))}
      <h3 className="ro-sub">Live steps</h3>
      {steps && steps.length > 0 ? (
        <ol className="ro-steps" aria-live="polite" data-testid="rollout-steps">
          {steps.slice(-200).map((st, i) => (
            <li key={i} className={`ro-step ro-step-${st.outcome}`}>
              <span className="dim">{new Date(st.at).toLocaleTimeString()}</span> phase {st.phaseIndex + 1} {st.address ? displayText(st.address, 60) : ''}{' '}
              <strong>{displayText(st.step, 60)}</strong> {st.outcome} {displayText(st.message, 300)}
            </li>
          ))}
        </ol>
      ) : (
        <p className="dim">No steps in this session yet; they appear here while the plan runs.</p>
      )}
    </section>
  );
}
