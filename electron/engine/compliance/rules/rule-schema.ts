import { z } from 'zod';
import { Platform } from '../../../../shared/domain/device';

/**
 * A rule pack is data (rules/*.yaml). Checks are small, composable matchers over the parsed configuration
 * and the device facts; a rule names one check per platform (keys may list several platforms: "ios,iosxe").
 */
export const Framework = z.enum(['cis', 'nist-800-53', 'pci-dss']);
export type Framework = z.infer<typeof Framework>;

const regex = z.string().min(1).max(500).refine((s) => {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

const Outcome = z.enum(['pass', 'fail', 'not-applicable']);

const LineBase = {
  /** Only statements under a block whose line matches this (any ancestor). */
  within: regex.optional(),
  /** What an auditor reads when the check fails. */
  message: z.string().max(300).optional(),
};

export type Check =
  | { type: 'present'; match: string; within?: string; each?: boolean; ifNoBlock?: z.infer<typeof Outcome>; message?: string }
  | { type: 'absent'; match: string; within?: string; message?: string }
  | {
      type: 'value';
      match: string;
      within?: string;
      op: 'lte' | 'gte' | 'eq' | 'ne' | 'in' | 'not-in';
      value: number | string | Array<string | number>;
      missing?: z.infer<typeof Outcome>;
      message?: string;
    }
  | { type: 'fact'; field: FactField; op: 'eq' | 'ne' | 'in' | 'not-in' | 'present'; value?: string | boolean | string[]; missing?: z.infer<typeof Outcome>; message?: string }
  | { type: 'firmware-supported'; message?: string }
  | { type: 'all'; checks: Check[] }
  | { type: 'any'; checks: Check[] };

export const FactField = z.enum(['snmpCredentialKinds', 'osVersion', 'model', 'vendor', 'aiCapable', 'aiCloudServiceEnabled']);
export type FactField = z.infer<typeof FactField>;

export const Check: z.ZodType<Check> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('present'), match: regex, each: z.boolean().optional(), ifNoBlock: Outcome.optional(), ...LineBase }).strict(),
    z.object({ type: z.literal('absent'), match: regex, ...LineBase }).strict(),
    z
      .object({
        type: z.literal('value'),
        match: regex.refine((s) => s.includes('(?<v>'), 'needs a named group (?<v>…) for the value'),
        op: z.enum(['lte', 'gte', 'eq', 'ne', 'in', 'not-in']),
        value: z.union([z.number(), z.string(), z.array(z.union([z.string(), z.number()]))]),
        missing: Outcome.optional(),
        ...LineBase,
      })
      .strict(),
    z
      .object({
        type: z.literal('fact'),
        field: FactField,
        op: z.enum(['eq', 'ne', 'in', 'not-in', 'present']),
        value: z.union([z.string(), z.boolean(), z.array(z.string())]).optional(),
        missing: Outcome.optional(),
        message: z.string().max(300).optional(),
      })
      .strict(),
    z.object({ type: z.literal('firmware-supported'), message: z.string().max(300).optional() }).strict(),
    z.object({ type: z.literal('all'), checks: z.array(Check).min(1) }).strict(),
    z.object({ type: z.literal('any'), checks: z.array(Check).min(1) }).strict(),
  ]),
);

const platformKey = z.string().refine((k) => k.split(',').every((p) => Platform.safeParse(p.trim()).success), 'unknown platform');

export const Rule = z
  .object({
    id: z.string().regex(/^[A-Z][A-Z0-9-]{1,40}$/),
    title: z.string().min(1).max(200),
    rationale: z.string().min(1).max(2000),
    severity: z.enum(['low', 'medium', 'high', 'critical']),
    /** Applies only when the device is AI-capable, and/or when the pack's policy has this value. */
    when: z
      .object({ aiCapable: z.boolean().optional(), policy: z.record(z.string(), z.string()).optional() })
      .strict()
      .optional(),
    checks: z.record(platformKey, Check),
    remediation: z
      .object({
        text: z.string().min(1).max(2000),
        /** A rollout template id (templates/) that applies the fix. */
        template: z.string().max(100).optional(),
      })
      .strict(),
    frameworks: z
      .object({
        cis: z.array(z.string().max(200)).optional(),
        'nist-800-53': z.array(z.string().regex(/^[A-Z]{2}-\d+(\(\d+\))?$/)).optional(),
        'pci-dss': z.array(z.string().regex(/^\d+(\.\d+){1,3}$/)).optional(),
      })
      .strict(),
  })
  .strict();
export type Rule = z.infer<typeof Rule>;

export const RulePack = z
  .object({
    id: z.string().min(1).max(100),
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    title: z.string().min(1).max(200),
    policy: z.record(z.string(), z.string()).default({}),
    /** Supported firmware per platform, as version ranges ("vers:generic/>=17.9.4|<17.10"; see version-range.ts). */
    firmware: z.object({ supported: z.record(z.string(), z.array(z.string())) }).strict().default({ supported: {} }),
    rules: z.array(Rule).min(1),
  })
  .strict()
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    for (const r of p.rules) {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', message: `duplicate rule id ${r.id}`, path: ['rules'] });
      seen.add(r.id);
    }
  });
export type RulePack = z.infer<typeof RulePack>;

/** Platforms a rule covers, from its check keys. */
export function rulePlatforms(rule: Rule): Platform[] {
  return Object.keys(rule.checks).flatMap((k) => k.split(',').map((p) => Platform.parse(p.trim())));
}

export function checkFor(rule: Rule, platform: Platform): Check | undefined {
  for (const [k, c] of Object.entries(rule.checks)) if (k.split(',').some((p) => p.trim() === platform)) return c;
  return undefined;
}
