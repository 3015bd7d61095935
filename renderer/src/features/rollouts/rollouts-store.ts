import { create } from 'zustand';
import type { PlanRequest, PlanSummary, RolloutPlan, RolloutStatusEvent, RolloutStep, TemplateInfo } from '../../../../shared/api/rollout';
import { callEngine } from '../../api/engine-api';
import { errorText } from '../../lib/error-text';
import { draftToParams, engineParamErrors, type ParamDraft } from './rollout-params';

/** Steps kept per plan for the live view; older ones are in the journal (`routewise rollout get`). */
const MAX_STEPS = 2000;

export type PlanControl = 'approve' | 'run' | 'pause' | 'resume' | 'abort' | 'rollback';

interface RolloutsState {
  templates: TemplateInfo[];
  templateProblems: string[];
  plans: PlanSummary[];
  listError: string | null;
  selectedId: string | null;
  plan: RolloutPlan | null;
  planError: string | null;
  /** Live steps per plan id, oldest first. */
  steps: Record<string, RolloutStep[]>;
  busy: PlanControl | null;
  load(): Promise<void>;
  loadPlans(): Promise<void>;
  select(planId: string | null): Promise<void>;
  control(action: PlanControl): Promise<void>;
  stepReceived(step: RolloutStep): void;
  statusReceived(status: RolloutStatusEvent): void;
}

export const useRolloutsStore = create<RolloutsState>((set, get) => ({
  templates: [],
  templateProblems: [],
  plans: [],
  listError: null,
  selectedId: null,
  plan: null,
  planError: null,
  steps: {},
  busy: null,
  load: async () => {
    try {
      const t = await callEngine('rollout.templates', {});
      set({ templates: t.templates, templateProblems: t.problems });
    } catch (err) {
      set({ listError: errorText(err) });
    }
    await get().loadPlans();
  },
  loadPlans: async () => {
    try {
      const { plans } = await callEngine('rollout.list', { limit: 200 });
      set({ plans, listError: null });
    } catch (err) {
      set({ listError: errorText(err) });
    }
  },
  select: async (planId) => {
    set({ selectedId: planId, planError: null, ...(planId === get().plan?.id ? {} : { plan: null }) });
    if (!planId) return;
    try {
      const plan = await callEngine('rollout.get', { planId });
      if (get().selectedId === planId) set({ plan });
    } catch (err) {
      set({ planError: errorText(err) });
    }
  },
  control: async (action) => {
    const planId = get().selectedId;
    if (!planId) return;
    set({ busy: action, planError: null });
    try {
      // run/resume return at once; rollout.step and rollout.status events carry the progress.
      const plan =
        action === 'run' || action === 'resume'
          ? await callEngine(`rollout.${action}`, { planId, wait: false })
          : await callEngine(`rollout.${action}`, { planId });
      if (get().selectedId === planId) set({ plan });
      await get().loadPlans();
    } catch (err) {
      set({ planError: errorText(err) });
    } finally {
      set({ busy: null });
    }
  },
  stepReceived: (step) =>
    set((s) => {
      const list = [...(s.steps[step.planId] ?? []), step];
      return { steps: { ...s.steps, [step.planId]: list.length > MAX_STEPS ? list.slice(-MAX_STEPS) : list } };
    }),
  statusReceived: (status) => {
    void get().loadPlans();
    if (status.planId === get().selectedId) void get().select(status.planId);
  },
}));

/** Device state changes arrive as steps; the plan is re-read after each device-level outcome (cheap: one row set). */
export function refreshOnStep(step: RolloutStep): void {
  const s = useRolloutsStore.getState();
  s.stepReceived(step);
  if (step.planId === s.selectedId && step.outcome !== 'started') void s.select(step.planId);
}

export interface WizardSubmit {
  template: TemplateInfo;
  draft: ParamDraft;
  request: Omit<PlanRequest, 'template' | 'params'>;
}

/** Validates parameters with the engine: per-field messages, or the rendered change per platform. */
export async function previewTemplate(
  template: TemplateInfo,
  draft: ParamDraft,
): Promise<{ errors: Record<string, string>; error: string | null; rendered: Array<{ platform: string; config: string }> }> {
  const { params, errors } = draftToParams(template, draft);
  if (Object.keys(errors).length) return { errors, error: null, rendered: [] };
  try {
    const r = await callEngine('rollout.preview', { template: template.name, params });
    return { errors: {}, error: null, rendered: r.rendered };
  } catch (err) {
    const fields = engineParamErrors(err);
    return { errors: fields ?? {}, error: fields ? null : errorText(err), rendered: [] };
  }
}

/** Creates the plan (the engine reads running configs for the per-device diffs) and selects it. */
export async function createPlan(w: WizardSubmit): Promise<{ plan: RolloutPlan | null; error: string | null }> {
  const { params } = draftToParams(w.template, w.draft);
  try {
    const plan = await callEngine('rollout.plan', { ...w.request, template: w.template.name, params });
    useRolloutsStore.setState({ selectedId: plan.id, plan, planError: null });
    await useRolloutsStore.getState().loadPlans();
    return { plan, error: null };
  } catch (err) {
    return { plan: null, error: errorText(err) };
  }
}
