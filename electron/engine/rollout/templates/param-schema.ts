import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { RoutewiseError } from '../../../../shared/api/errors';
import type { ParamSpec, TemplateSpec } from './template-spec';

export type ParamValue = string | number | boolean | string[];
export type ParamValues = Record<string, ParamValue>;

// A value that carries a line break could add configuration lines of its own: refuse any control character.
const NO_CONTROL = /^[^\u0000-\u001f\u007f-\u009f]*$/;
const HOSTNAME_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

function isIpv4(v: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(v);
}

function textSchema(spec: ParamSpec, what: string): z.ZodType<string> {
  const { pattern, min, max } = spec.validation;
  const re = pattern === undefined ? undefined : compilePattern(pattern);
  return z
    .string({ error: `expected ${what}` })
    .max(max ?? 1024, { error: `at most ${max ?? 1024} characters` })
    .min(min ?? 0, { error: `at least ${min ?? 0} characters` })
    .regex(NO_CONTROL, { error: 'must not contain line breaks or control characters' })
    .refine((v) => re === undefined || re.test(v), { error: `must match ${pattern ?? ''}` });
}

function compilePattern(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch (err) {
    throw new RoutewiseError('bad-request', `invalid validation pattern ${JSON.stringify(pattern)}: ${(err as Error).message}`);
  }
}

/** The zod schema of one parameter, from its spec. */
export function paramSchema(spec: ParamSpec): z.ZodType<ParamValue> {
  const v = spec.validation;
  switch (spec.type) {
    case 'string':
      return textSchema(spec, 'a string');
    case 'hostname':
      return textSchema(spec, 'a host name').refine((s) => s.length <= 253 && s.split('.').every((l) => HOSTNAME_LABEL.test(l)), {
        error: 'not a host name (RFC 1123: labels of letters, digits and inner dashes, at most 63 characters each)',
      });
    case 'integer': {
      let n = z.number({ error: 'expected an integer' }).int({ error: 'expected an integer' });
      if (v.min !== undefined) n = n.min(v.min, { error: `at least ${v.min}` });
      if (v.max !== undefined) n = n.max(v.max, { error: `at most ${v.max}` });
      // Params files written by hand often quote numbers.
      return z.preprocess((x) => (typeof x === 'string' && /^-?\d+$/.test(x.trim()) ? Number(x) : x), n);
    }
    case 'boolean':
      return z.preprocess((x) => (x === 'true' ? true : x === 'false' ? false : x), z.boolean({ error: 'expected true or false' }));
    case 'ipv4':
      return z.string({ error: 'expected an IPv4 address' }).refine(isIpv4, { error: 'not an IPv4 address (dotted quad, e.g. 192.0.2.10)' });
    case 'ipv4-list': {
      let list = z.array(z.string().refine(isIpv4, { error: 'not an IPv4 address (dotted quad, e.g. 192.0.2.10)' }), { error: 'expected a list of IPv4 addresses' });
      list = list.min(v.min ?? 0, { error: `at least ${v.min ?? 0} addresses` }).max(v.max ?? 64, { error: `at most ${v.max ?? 64} addresses` });
      return z.preprocess((x) => (typeof x === 'string' ? x.split(',').map((s) => s.trim()).filter(Boolean) : x), list);
    }
    case 'enum': {
      const values = v.values ?? [];
      return z.string({ error: `expected one of ${values.join(', ')}` }).refine((s) => values.includes(s), { error: `must be one of ${values.join(', ')}` });
    }
  }
}

export interface ParamError {
  parameter: string;
  message: string;
}

/**
 * Validates the given values against a template's parameter specs, filling defaults. Unknown names are errors
 * (a typo must not silently fall back to a default). Throws bad-request with every problem listed.
 */
export function validateParams(t: TemplateSpec, given: Record<string, unknown>): ParamValues {
  const errors: ParamError[] = [];
  const out: ParamValues = {};
  for (const name of Object.keys(given)) {
    if (!Object.prototype.hasOwnProperty.call(t.parameters, name)) {
      errors.push({ parameter: name, message: `unknown parameter (template ${t.name} takes: ${Object.keys(t.parameters).join(', ') || 'none'})` });
    }
  }
  for (const [name, spec] of Object.entries(t.parameters)) {
    const raw = Object.prototype.hasOwnProperty.call(given, name) ? given[name] : spec.default;
    if (raw === undefined) {
      if (spec.required !== false) errors.push({ parameter: name, message: `required (${spec.type}${spec.description ? `: ${spec.description}` : ''})` });
      continue;
    }
    const r = paramSchema(spec).safeParse(raw);
    if (r.success) out[name] = r.data;
    else errors.push({ parameter: name, message: r.error.issues.map((i) => (i.path.length ? `[${i.path.join('.')}] ` : '') + i.message).join('; ') });
  }
  if (errors.length > 0) {
    throw new RoutewiseError('bad-request', `template ${t.name}: ${errors.map((e) => `parameter ${e.parameter}: ${e.message}`).join('; ')}`, { errors });
  }
  return out;
}

/** Values of secret parameters, longest first, for redaction. */
export function secretValues(t: TemplateSpec, values: ParamValues): string[] {
  const out: string[] = [];
  for (const [name, spec] of Object.entries(t.parameters)) {
    const v = values[name];
    if (!spec.secret || v === undefined) continue;
    for (const s of Array.isArray(v) ? v : [String(v)]) if (s.length >= 3) out.push(s);
  }
  return out.sort((a, b) => b.length - a.length);
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('********');
  return out;
}
