import { z } from 'zod';
import { Platform } from '../../../../shared/domain/device';

/** A parameter's value type; every string-valued type refuses line breaks and control characters (config injection). */
export const ParamType = z.enum(['string', 'integer', 'boolean', 'ipv4', 'ipv4-list', 'hostname', 'enum']);
export type ParamType = z.infer<typeof ParamType>;

export const ParamValidation = z
  .object({
    /** string/hostname: a regular expression the whole value must match. */
    pattern: z.string().max(512).optional(),
    /** integer: smallest value; string: shortest length; ipv4-list: fewest entries. */
    min: z.number().int().optional(),
    /** integer: largest value; string: longest length; ipv4-list: most entries. */
    max: z.number().int().optional(),
    /** enum: the allowed values. */
    values: z.array(z.string().min(1).max(128)).min(1).max(256).optional(),
  })
  .strict();

export const ParamSpec = z
  .object({
    type: ParamType,
    description: z.string().max(1000).default(''),
    default: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).optional(),
    /** Without a default a parameter is required unless this says otherwise. */
    required: z.boolean().optional(),
    /** Passwords and keys: redacted in previews, diffs shown, plans listed and the audit chain. */
    secret: z.boolean().default(false),
    validation: ParamValidation.default({}),
  })
  .strict();
export type ParamSpec = z.infer<typeof ParamSpec>;

const ParamName = z.string().regex(/^[a-z][a-z0-9_]{0,47}$/, 'parameter names are lower-case identifiers (a-z, 0-9, _), at most 48 characters');

export const TemplateSpec = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'template names are lower-case letters, digits and dashes, at most 64 characters'),
    description: z.string().max(2000),
    platforms: z.array(Platform).min(1),
    /** merge: the body is a set of changes applied on top; replace: the body is the whole configuration. */
    mode: z.enum(['merge', 'replace']).default('merge'),
    parameters: z.record(ParamName, ParamSpec).default({}),
    /** One body for every platform, or one per platform. */
    body: z.union([z.string().max(256_000), z.partialRecord(Platform, z.string().max(256_000))], {
      error: `body must be one string or a map from platform (${Platform.options.join(", ")}) to string`,
    }),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (typeof t.body === 'string') return;
    for (const p of t.platforms) {
      if (t.body[p] === undefined) ctx.addIssue({ code: 'custom', path: ['body', p], message: `platform ${p} is listed but has no body` });
    }
    for (const p of Object.keys(t.body)) {
      if (!t.platforms.includes(p as Platform)) ctx.addIssue({ code: 'custom', path: ['body', p], message: `body for ${p}, which is not in platforms` });
    }
  });
export type TemplateSpec = z.infer<typeof TemplateSpec>;

export function bodyFor(t: TemplateSpec, platform: Platform): string | undefined {
  if (!t.platforms.includes(platform)) return undefined;
  return typeof t.body === 'string' ? t.body : t.body[platform];
}
