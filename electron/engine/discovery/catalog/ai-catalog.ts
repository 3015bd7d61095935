import { AiFeature, type AiEvidence, type AiFeatureState, type AiVerdict, type DeviceFacts, Platform } from '../../../../shared/domain/device';
import { z } from 'zod';
import { PROBE_PARSER_NAMES, PROBE_PARSERS } from '../ai-probes/probe-parsers';
import type { ProbeOutputs, ProbeReading } from '../ai-probes/probe-reading';
import catalogData from './ai-catalog.json';

const ProbeStates = z
  .object({
    /** Key into the probes map: "snmp:<object>" or "ssh:<command>". */
    key: z.string().min(1),
    /** A live-state parser (ai-probes/): reads its own commands' output; the regular expressions are then unused. */
    parser: z.enum(PROBE_PARSER_NAMES).optional(),
    licensed: z.string().optional(),
    enabled: z.string().optional(),
    disabled: z.string().optional(),
  })
  .strict();

const CatalogRule = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    vendor: z.string().min(1),
    platform: Platform.optional(),
    modelPattern: z.string().optional(),
    osVersionRange: z.object({ min: z.string().optional(), max: z.string().optional() }).strict().optional(),
    features: z.array(AiFeature).min(1),
    source: z.string().min(10),
    note: z.string(),
    probe: ProbeStates.optional(),
  })
  .strict();
export type CatalogRule = z.infer<typeof CatalogRule>;

export const AiCatalog = z
  .object({
    catalogVersion: z.string().min(1),
    description: z.string(),
    rules: z.array(CatalogRule),
  })
  .strict()
  .superRefine((c, ctx) => {
    const ids = new Set<string>();
    for (const r of c.rules) {
      if (ids.has(r.id)) ctx.addIssue({ code: 'custom', message: `duplicate rule id ${r.id}` });
      ids.add(r.id);
      for (const re of [r.modelPattern, r.probe?.licensed, r.probe?.enabled, r.probe?.disabled]) {
        if (re === undefined) continue;
        try {
          new RegExp(re, 'i');
        } catch {
          ctx.addIssue({ code: 'custom', message: `rule ${r.id}: bad regular expression ${re}` });
        }
      }
    }
  });
export type AiCatalog = z.infer<typeof AiCatalog>;

/** The shipped catalog, validated when this module loads: a broken data file fails fast. */
export const aiCatalog: AiCatalog = AiCatalog.parse(catalogData);

/**
 * Version numbers as comparable integer lists, across the schemes the catalog meets:
 * "17.12.4", "7.2.10 build1706", "10.2.9-h1", "19.4R3.11", "4.15.3F", "R81.10" (Check Point),
 * "5.170 (V200R019C10SPC500)" / "V200R019" (Huawei: the VxxxRyyyCzz part decides).
 */
export function versionKey(v: string): number[] | undefined {
  const vrp = /V(\d{3})R(\d{3})(?:C(\d{2}))?/i.exec(v);
  if (vrp) return [Number(vrp[1]), Number(vrp[2]), Number(vrp[3] ?? 0)];
  const m = /(\d+(?:\.\d+)*)/.exec(v);
  return m?.[1] ? m[1].split('.').map(Number) : undefined;
}

export function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function inRange(osVersion: string, range: { min?: string; max?: string }): boolean {
  const v = versionKey(osVersion);
  if (!v) return false;
  const min = range.min ? versionKey(range.min) : undefined;
  const max = range.max ? versionKey(range.max) : undefined;
  return (!min || compareVersions(v, min) >= 0) && (!max || compareVersions(v, max) < 0);
}

function probeState(rule: CatalogRule, probes: ProbeOutputs | undefined): AiEvidence['state'] {
  const p = rule.probe;
  if (p?.parser) return probeReading(rule, probes)?.state ?? 'capable';
  const text = p && probes?.[p.key];
  if (!p || text === undefined) return 'capable';
  // Order matters: an explicit "disabled" beats a licence line in the same output.
  if (p.disabled && new RegExp(p.disabled, 'i').test(text)) return 'disabled';
  if (p.enabled && new RegExp(p.enabled, 'i').test(text)) return 'enabled';
  if (p.licensed && new RegExp(p.licensed, 'i').test(text)) return 'licensed';
  return 'unknown';
}

function probeReading(rule: CatalogRule, probes: ProbeOutputs | undefined): ProbeReading | undefined {
  const name = rule.probe?.parser;
  return name && probes ? PROBE_PARSERS[name].parse(probes) : undefined;
}

/** The probe outputs that decide rules of this platform: the commands a scan runs once it knows the platform. */
export function aiProbeKeys(platform: Platform, catalog: AiCatalog = aiCatalog): string[] {
  const keys = new Set<string>();
  for (const rule of catalog.rules) {
    if (rule.platform !== platform || !rule.probe) continue;
    const p = rule.probe;
    for (const key of p.parser ? PROBE_PARSERS[p.parser].keys : [p.key]) keys.add(key);
  }
  return [...keys];
}

/**
 * Which AI features the catalog credits this device with, and why. A rule needs every criterion it
 * names: vendor (case-insensitive), platform, model pattern (against the model), OS version range
 * (a missing version never satisfies a range). Each matched rule adds one evidence entry per feature.
 */
export function evaluateAiCapability(facts: DeviceFacts, probes?: ProbeOutputs, catalog: AiCatalog = aiCatalog): AiVerdict {
  const evidence: AiEvidence[] = [];
  const featureStates: AiFeatureState[] = [];
  for (const rule of catalog.rules) {
    if (!facts.vendor || facts.vendor.toLowerCase() !== rule.vendor.toLowerCase()) continue;
    if (rule.platform && facts.platform !== rule.platform) continue;
    const fields: string[] = [`platform`];
    const matched: string[] = [facts.platform];
    if (rule.modelPattern) {
      if (!facts.model || !new RegExp(rule.modelPattern, 'i').test(facts.model)) continue;
      fields.push('model');
      matched.push(facts.model);
    }
    if (rule.osVersionRange) {
      if (!facts.osVersion || !inRange(facts.osVersion, rule.osVersionRange)) continue;
      fields.push('osVersion');
      matched.push(facts.osVersion);
    }
    const state = probeState(rule, probes);
    const reading = probeReading(rule, probes);
    if (reading) {
      fields.push(...reading.evidence.map((e) => `${e.via}:${e.command}`));
      matched.push(...reading.evidence.map((e) => e.excerpt));
    } else if (rule.probe && !rule.probe.parser && probes?.[rule.probe.key] !== undefined) {
      fields.push(rule.probe.key);
      matched.push(probes[rule.probe.key]?.slice(0, 120) ?? '');
    }
    for (const feature of rule.features) {
      evidence.push({ ruleId: rule.id, feature, field: fields.join('+'), matched: matched.join(' | '), source: rule.source, state });
      if (reading) featureStates.push({ feature, state: reading.state, ruleId: rule.id, evidence: reading.evidence });
    }
  }
  // A feature switched off is still a capability of the box: the evidence's state says it is off.
  const features = [...new Set(evidence.map((e) => e.feature))];
  const verdict: AiVerdict = { capable: features.length > 0, features, evidence, catalogVersion: catalog.catalogVersion };
  if (featureStates.length > 0) verdict.featureStates = featureStates;
  return verdict;
}
