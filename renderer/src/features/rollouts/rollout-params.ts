import { isRoutewiseError } from '../../../../shared/api/errors';
import type { PlanStatus, TemplateInfo } from '../../../../shared/api/rollout';

export type ParamSpec = TemplateInfo['parameters'][string];

/** What the form holds per parameter: text for inputs, a boolean for checkboxes. */
export type ParamDraft = Record<string, string | boolean>;

/** The form's starting values: each parameter's default as the input shows it. */
export function initialDraft(t: TemplateInfo): ParamDraft {
  const out: ParamDraft = {};
  for (const [name, spec] of Object.entries(t.parameters)) {
    const d = spec.default;
    if (spec.type === 'boolean') out[name] = d === true;
    else if (Array.isArray(d)) out[name] = d.map(String).join(', ');
    else out[name] = d === undefined || d === null ? '' : String(d);
  }
  return out;
}

export interface ParamsResult {
  params: Record<string, unknown>;
  /** Messages per parameter name found before asking the engine (the engine validates again, authoritatively). */
  errors: Record<string, string>;
}

/** Turns the form into the values rollout.preview / rollout.plan take; empty optional fields are left out so defaults apply. */
export function draftToParams(t: TemplateInfo, draft: ParamDraft): ParamsResult {
  const params: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const [name, spec] of Object.entries(t.parameters)) {
    const raw = draft[name];
    if (spec.type === 'boolean') {
      params[name] = raw === true;
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') {
      if (spec.required && spec.default === undefined) errors[name] = 'required';
      continue;
    }
    if (spec.type === 'integer') {
      if (!/^-?\d+$/.test(text)) errors[name] = 'expected an integer';
      else params[name] = Number(text);
    } else if (spec.type.endsWith('-list')) {
      params[name] = text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    } else params[name] = text;
  }
  return { params, errors };
}

/**
 * The engine's parameter errors (bad-request with details.errors = [{parameter, message}], see
 * electron/engine/rollout/templates/param-schema.ts) by parameter name; null when the error is something else.
 */
export function engineParamErrors(err: unknown): Record<string, string> | null {
  if (!isRoutewiseError(err) || err.code !== 'bad-request') return null;
  const d = err.details as { errors?: unknown } | undefined;
  if (!d || !Array.isArray(d.errors)) return null;
  const out: Record<string, string> = {};
  for (const e of d.errors as unknown[]) {
    if (typeof e === 'object' && e !== null && 'parameter' in e && 'message' in e) {
      const { parameter, message } = e as { parameter: unknown; message: unknown };
      out[String(parameter)] = String(message);
    }
  }
  return Object.keys(out).length ? out : null;
}

/** Which control buttons make sense for a plan in this state (the engine refuses the others anyway). */
export function planActions(status: PlanStatus): Array<'approve' | 'run' | 'pause' | 'resume' | 'abort' | 'rollback'> {
  switch (status) {
    case 'draft':
      return ['approve'];
    case 'approved':
      return ['run'];
    case 'running':
      return ['pause', 'abort'];
    case 'paused':
    case 'interrupted':
      return ['resume', 'abort', 'rollback'];
    case 'completed':
    case 'halted':
    case 'aborted':
    case 'failed':
      return ['rollback'];
    case 'rolled-back':
      return [];
  }
}

/** Comma-separated wave points as the plan takes them ("10%, 50%, all"). */
export function parseWaves(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
