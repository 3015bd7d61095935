import { type ReactElement, useEffect, useState } from 'react';
import { displayText } from '../../lib/display-text';
import { ViewHeader } from '../../views/view-header';
import { useInventoryStore } from '../inventory/inventory-store';
import { ArchivePanel } from './archive-panel';
import { PlanDetail, stateBadge } from './plan-detail';
import { RolloutWizard } from './rollout-wizard';
import { useRolloutsStore } from './rollouts-store';
import './rollouts.css';

type Mode = 'plans' | 'wizard' | 'archive';

export function RolloutsView(): ReactElement {
  const s = useRolloutsStore();
  const [mode, setMode] = useState<Mode>('plans');
  const [wizardKey, setWizardKey] = useState(0);
  useEffect(() => {
    void useRolloutsStore.getState().load();
    void useInventoryStore.getState().load();
  }, []);

  const newRollout = () => {
    setWizardKey((k) => k + 1);
    setMode('wizard');
  };

  return (
    <>
      <ViewHeader title="Rollouts">
        <button type="button" className="button button-primary" onClick={newRollout}>
          New rollout
        </button>
      </ViewHeader>
      <div className="view-body ro-view">
        <div className="ro-tabs" role="tablist" aria-label="Rollout sections">
          {(
            [
              ['plans', 'Plans'],
              ['wizard', 'Wizard'],
              ['archive', 'Config archive'],
            ] as const
          ).map(([id, label]) => (
            <button key={id} type="button" role="tab" aria-selected={mode === id} onClick={() => setMode(id)}>
              {label}
            </button>
          ))}
        </div>
        {s.listError && (
          <p className="form-error" role="alert">
            {s.listError}
          </p>
        )}
        {s.templateProblems.length > 0 && (
          <p className="ro-warning">Templates that failed to load: {s.templateProblems.map((p) => displayText(p, 200)).join('; ')}</p>
        )}
        {mode === 'wizard' && <RolloutWizard key={wizardKey} onDone={() => setMode('plans')} />}
        {mode === 'archive' && <ArchivePanel />}
        {mode === 'plans' && (
          <div className="ro-columns">
            <section className="ro-panel" aria-labelledby="ro-history-title">
              <h2 className="side-title" id="ro-history-title">
                History
              </h2>
              {s.plans.length === 0 ? (
                <p className="dim">No plans yet: start a new rollout.</p>
              ) : (
                <ul className="ro-history" data-testid="rollout-history">
                  {s.plans.map((p) => (
                    <li key={p.id}>
                      <button type="button" className="ro-history-item" aria-current={p.id === s.selectedId ? 'true' : undefined} onClick={() => void s.select(p.id)}>
                        <strong>{displayText(p.template, 80)}</strong> <span className={stateBadge(p.status)}>{p.status}</span>
                        <span className="dim">
                          {p.devices} devices · {p.phases} phases · {new Date(p.createdAt).toLocaleString()}
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <div>
              {s.plan ? <PlanDetail plan={s.plan} /> : s.planError ? <p className="form-error">{s.planError}</p> : <p className="dim">Choose a plan to see its phases, devices and diffs.</p>}
            </div>
          </div>
        )}
      </div>
    </>
  );
}
