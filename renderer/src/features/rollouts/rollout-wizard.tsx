import { type FormEvent, type ReactElement, useMemo, useState } from 'react';
import { FailurePolicy, type TemplateInfo } from '../../../../shared/api/rollout';
import { displayText } from '../../lib/display-text';
import { useInventoryStore } from '../inventory/inventory-store';
import { PlanDetail } from './plan-detail';
import { initialDraft, type ParamDraft } from './rollout-params';
import { INITIAL_TARGETS, type TargetDraft, type TargetKind, targetsToRequest } from './rollout-targets';
import { createPlan, previewTemplate, useRolloutsStore } from './rollouts-store';

type Step = 'template' | 'params' | 'targets' | 'review';
const STEPS: Array<{ id: Step; label: string }> = [
  { id: 'template', label: '1. Template' },
  { id: 'params', label: '2. Parameters' },
  { id: 'targets', label: '3. Targets, phases & gates' },
  { id: 'review', label: '4. Review, approve & run' },
];

function ParamField({ name, spec, value, error, onChange }: { name: string; spec: TemplateInfo['parameters'][string]; value: string | boolean; error?: string; onChange(v: string | boolean): void }): ReactElement {
  const id = `ro-param-${name}`;
  const errId = `${id}-error`;
  const common = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? errId : `${id}-help` } as const;
  const values = Array.isArray(spec.validation.values) ? (spec.validation.values as unknown[]).map(String) : null;
  let input: ReactElement;
  if (spec.type === 'boolean') input = <input type="checkbox" {...common} checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
  else if (spec.type === 'enum' && values)
    input = (
      <select {...common} value={String(value)} onChange={(e) => onChange(e.target.value)}>
        {!spec.required && <option value="">(default)</option>}
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    );
  else
    input = (
      <input
        {...common}
        type={spec.secret ? 'password' : spec.type === 'integer' ? 'number' : 'text'}
        value={String(value)}
        autoComplete="off"
        placeholder={spec.type.endsWith('-list') ? 'comma-separated' : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  return (
    <div className="ro-field">
      <label htmlFor={id}>
        {name}
        {spec.required && spec.default === undefined ? ' *' : ''} <span className="dim">({spec.type})</span>
      </label>
      {input}
      <span className="dim" id={`${id}-help`}>
        {displayText(spec.description, 300)}
      </span>
      {error && (
        <span className="form-error" id={errId} role="alert">
          {displayText(error, 300)}
        </span>
      )}
    </div>
  );
}

/** The rollout wizard: template → parameters → targets, phases and gates → the engine's plan to review, approve and run. */
export function RolloutWizard({ onDone }: { onDone(): void }): ReactElement {
  const templates = useRolloutsStore((s) => s.templates);
  const plan = useRolloutsStore((s) => s.plan);
  const devices = useInventoryStore((s) => s.items);
  const [step, setStep] = useState<Step>('template');
  const [template, setTemplate] = useState<TemplateInfo | null>(null);
  const [draft, setDraft] = useState<ParamDraft>({});
  const [paramErrors, setParamErrors] = useState<Record<string, string>>({});
  const [rendered, setRendered] = useState<Array<{ platform: string; config: string }>>([]);
  const [targets, setTargets] = useState<TargetDraft>(INITIAL_TARGETS);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [planId, setPlanId] = useState<string | null>(null);

  const eligible = useMemo(() => devices.filter((d) => !template || template.platforms.includes(d.platform)), [devices, template]);

  const chooseTemplate = (t: TemplateInfo) => {
    setTemplate(t);
    setDraft(initialDraft(t));
    setParamErrors({});
    setRendered([]);
    setTargets({ ...INITIAL_TARGETS, platform: t.platforms[0] ?? '' });
    setStep('params');
  };

  const validateParams = async (e: FormEvent) => {
    e.preventDefault();
    if (!template) return;
    setBusy(true);
    const r = await previewTemplate(template, draft);
    setBusy(false);
    setParamErrors(r.errors);
    setError(r.error);
    setRendered(r.rendered);
    if (Object.keys(r.errors).length === 0 && !r.error) setStep('targets');
  };

  const makePlan = async (e: FormEvent) => {
    e.preventDefault();
    if (!template) return;
    const { request, error: problem } = targetsToRequest(targets);
    if (!request) return setError(problem);
    setBusy(true);
    setError(null);
    const r = await createPlan({ template, draft, request });
    setBusy(false);
    if (r.plan) {
      setPlanId(r.plan.id);
      setStep('review');
    } else setError(r.error);
  };

  const toggleDevice = (address: string, on: boolean) =>
    setTargets((t) => ({ ...t, devices: on ? [...t.devices, address] : t.devices.filter((a) => a !== address), pilot: !on && t.pilot === address ? '' : t.pilot }));

  return (
    <section className="ro-panel" aria-labelledby="ro-wizard-title" data-testid="rollout-wizard">
      <h2 className="side-title" id="ro-wizard-title">
        New rollout
      </h2>
      <ol className="ro-wizard-steps" aria-label="Wizard steps">
        {STEPS.map((s) => (
          <li key={s.id} aria-current={s.id === step ? 'step' : undefined}>
            {s.label}
          </li>
        ))}
      </ol>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}

      {step === 'template' && (
        <ul className="ro-templates" aria-label="Templates">
          {templates.map((t) => (
            <li key={t.name}>
              <button type="button" className="ro-template" onClick={() => chooseTemplate(t)} aria-label={`Use template ${t.name}`}>
                <strong>{displayText(t.name, 100)}</strong> <span className="dim">{t.platforms.join(', ')}</span>
                <span className="ro-template-desc">{displayText(t.description, 600)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}

      {step === 'params' && template && (
        <form onSubmit={(e) => void validateParams(e)} aria-label={`Parameters of ${template.name}`} noValidate>
          <p>
            Template <strong>{displayText(template.name, 100)}</strong> ({template.mode})
          </p>
          {Object.keys(template.parameters).length === 0 && <p className="dim">This template takes no parameters.</p>}
          {Object.entries(template.parameters).map(([name, spec]) => (
            <ParamField key={name} name={name} spec={spec} value={draft[name] ?? ''} error={paramErrors[name]} onChange={(v) => setDraft({ ...draft, [name]: v })} />
          ))}
          <div className="ro-nav">
            <button type="button" className="button" onClick={() => setStep('template')}>
              Back
            </button>
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? 'Checking…' : 'Next: targets'}
            </button>
          </div>
        </form>
      )}

      {step === 'targets' && template && (
        <form onSubmit={(e) => void makePlan(e)} aria-label="Targets, phases and gates" noValidate>
          {rendered.length > 0 && (
            <details>
              <summary>The change as each platform receives it</summary>
              {rendered.map((r) => (
                <div key={r.platform}>
                  <h4 className="ro-sub">{r.platform}</h4>
                  <pre className="ro-pre">{r.config}</pre>
                </div>
              ))}
            </details>
          )}
          <fieldset className="ro-fieldset">
            <legend>Targets</legend>
            <label>
              Select by{' '}
              <select value={targets.kind} onChange={(e) => setTargets({ ...targets, kind: e.target.value as TargetKind })}>
                <option value="devices">Devices</option>
                <option value="platform">Platform</option>
                <option value="segment">Segment</option>
                <option value="all">All devices</option>
              </select>
            </label>
            {targets.kind === 'platform' && (
              <label>
                Platform{' '}
                <select value={targets.platform} onChange={(e) => setTargets({ ...targets, platform: e.target.value })}>
                  {template.platforms.map((p) => (
                    <option key={p} value={p}>
                      {p}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {targets.kind === 'segment' && (
              <label>
                Segment <input value={targets.segment} onChange={(e) => setTargets({ ...targets, segment: e.target.value })} maxLength={200} />
              </label>
            )}
            {targets.kind === 'devices' &&
              (eligible.length === 0 ? (
                <p className="dim">No scanned device runs a platform this template supports ({template.platforms.join(', ')}).</p>
              ) : (
                <ul className="ro-device-picker" aria-label="Target devices">
                  {eligible.map((d) => (
                    <li key={d.id}>
                      <label>
                        <input type="checkbox" checked={targets.devices.includes(d.address)} onChange={(e) => toggleDevice(d.address, e.target.checked)} />{' '}
                        {displayText(d.hostname ?? d.sysName ?? d.address, 100)} <span className="dim">{d.address} · {d.platform}</span>
                      </label>
                    </li>
                  ))}
                </ul>
              ))}
            <label>
              Pilot device{' '}
              <select value={targets.pilot} onChange={(e) => setTargets({ ...targets, pilot: e.target.value })}>
                <option value="">Let the engine suggest one</option>
                {(targets.kind === 'devices' ? eligible.filter((d) => targets.devices.includes(d.address)) : eligible).map((d) => (
                  <option key={d.id} value={d.address}>
                    {displayText(d.hostname ?? d.address, 100)} ({d.address})
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
          <fieldset className="ro-fieldset">
            <legend>Phases</legend>
            <label>
              Waves after the pilot <input value={targets.waves} onChange={(e) => setTargets({ ...targets, waves: e.target.value })} aria-describedby="ro-waves-help" />
            </label>
            <span className="dim" id="ro-waves-help">
              Cumulative: 10%, 50%, 100% — or counts (5) or all.
            </span>
            <label>
              Confirm within (s) <input type="number" value={targets.confirmWithinSec} onChange={(e) => setTargets({ ...targets, confirmWithinSec: e.target.value })} />
            </label>
            <label>
              Soak (s) <input type="number" value={targets.soakSec} onChange={(e) => setTargets({ ...targets, soakSec: e.target.value })} />
            </label>
            <label>
              Devices at a time <input type="number" value={targets.concurrency} onChange={(e) => setTargets({ ...targets, concurrency: e.target.value })} />
            </label>
            <label>
              Failed devices tolerated per wave <input type="number" value={targets.failureCount} onChange={(e) => setTargets({ ...targets, failureCount: e.target.value })} />
            </label>
            <label>
              On failure{' '}
              <select value={targets.failurePolicy} onChange={(e) => setTargets({ ...targets, failurePolicy: FailurePolicy.parse(e.target.value) })}>
                <option value="halt">Halt</option>
                <option value="rollback-phase">Roll back the phase</option>
                <option value="rollback-all">Roll back everything</option>
              </select>
            </label>
          </fieldset>
          <fieldset className="ro-fieldset">
            <legend>Maintenance window (optional: devices are changed only inside it)</legend>
            <label>
              Window start <input type="time" value={targets.windowStart} onChange={(e) => setTargets({ ...targets, windowStart: e.target.value })} />
            </label>
            <label>
              Window end <input type="time" value={targets.windowEnd} onChange={(e) => setTargets({ ...targets, windowEnd: e.target.value })} />
            </label>
            <label>
              Times in{' '}
              <select value={targets.windowTimezone} onChange={(e) => setTargets({ ...targets, windowTimezone: e.target.value === 'local' ? 'local' : 'utc' })}>
                <option value="utc">UTC</option>
                <option value="local">the engine host's local time</option>
              </select>
            </label>
          </fieldset>
          <fieldset className="ro-fieldset">
            <legend>Gates (checked after each commit, before confirm)</legend>
            <label>
              <input type="checkbox" checked={targets.snmpReachable} onChange={(e) => setTargets({ ...targets, snmpReachable: e.target.checked })} /> SNMP reachable
            </label>
            <label>
              <input type="checkbox" checked={targets.interfacesStayUp} onChange={(e) => setTargets({ ...targets, interfacesStayUp: e.target.checked })} /> Interfaces stay up
            </label>
            <label>
              <input type="checkbox" checked={targets.noNewCriticalThreats} onChange={(e) => setTargets({ ...targets, noNewCriticalThreats: e.target.checked })} /> No new critical
              threats
            </label>
            <label>
              CPU under (%) <input type="number" value={targets.cpuMaxPercent} onChange={(e) => setTargets({ ...targets, cpuMaxPercent: e.target.value })} />
            </label>
          </fieldset>
          <div className="ro-nav">
            <button type="button" className="button" onClick={() => setStep('params')}>
              Back
            </button>
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? 'Planning (reading running configs)…' : 'Plan and review diffs'}
            </button>
          </div>
        </form>
      )}

      {step === 'review' && plan && plan.id === planId && (
        <>
          <PlanDetail plan={plan} />
          <div className="ro-nav">
            <button type="button" className="button" onClick={onDone}>
              Close the wizard
            </button>
          </div>
        </>
      )}
    </section>
  );
}
