import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { RoutewiseError } from '../../../../shared/api/errors';
import { type Rule, RulePack } from './rule-schema';

export interface LoadedPack {
  readonly pack: RulePack;
  /** sha256 over the canonical JSON of the whole pack: key order and YAML formatting do not change it. */
  readonly hash: string;
  /** Per rule, so an edit names the rules it touched. */
  readonly ruleHashes: Readonly<Record<string, string>>;
  readonly source: string;
}

/** JSON with object keys sorted at every level: the same content always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function hashRule(rule: Rule): string {
  return sha256(canonicalJson(rule));
}

export function loadPackText(text: string, source: string): LoadedPack {
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 100 });
  } catch (err) {
    throw new RoutewiseError('parse-failed', `rule pack ${source} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = RulePack.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new RoutewiseError('bad-request', `rule pack ${source} is invalid`, issues);
  }
  const pack = parsed.data;
  return {
    pack,
    hash: sha256(canonicalJson(pack)),
    ruleHashes: Object.fromEntries(pack.rules.map((r) => [r.id, hashRule(r)])),
    source,
  };
}

export function loadPackFile(file: string): LoadedPack {
  return loadPackText(readFileSync(file, 'utf8'), path.basename(file));
}

/** The pack shipped with Routewise (rules/core.yaml at the repository / app root). */
export function corePackPath(): string {
  const fromEnv = process.env.ROUTEWISE_RULES_DIR;
  if (fromEnv) return path.join(fromEnv, 'core.yaml');
  // The engine runs as ESM under tsx (CLI, tests) and as a CommonJS bundle in the app.
  const here = typeof __dirname === 'string' ? __dirname : import.meta.dirname;
  return path.resolve(here, '../../../../rules/core.yaml');
}

export interface PackChange {
  readonly changed: boolean;
  readonly sameVersion: boolean;
  readonly oldHash: string | undefined;
  readonly newHash: string;
  readonly oldVersion: string | undefined;
  readonly newVersion: string;
  readonly addedRules: string[];
  readonly removedRules: string[];
  readonly modifiedRules: string[];
}

/** What changed between the last recorded pack and this one: a changed pack under the same version is flagged. */
export function comparePacks(
  previous: { hash: string; version: string; ruleHashes: Readonly<Record<string, string>> } | undefined,
  next: LoadedPack,
): PackChange {
  const prevRules = previous?.ruleHashes ?? {};
  const ids = new Set([...Object.keys(prevRules), ...Object.keys(next.ruleHashes)]);
  const addedRules: string[] = [];
  const removedRules: string[] = [];
  const modifiedRules: string[] = [];
  for (const id of [...ids].sort()) {
    const a = prevRules[id];
    const b = next.ruleHashes[id];
    if (a === undefined) addedRules.push(id);
    else if (b === undefined) removedRules.push(id);
    else if (a !== b) modifiedRules.push(id);
  }
  const changed = previous !== undefined && previous.hash !== next.hash;
  return {
    changed,
    sameVersion: changed && previous?.version === next.pack.version,
    oldHash: previous?.hash,
    newHash: next.hash,
    oldVersion: previous?.version,
    newVersion: next.pack.version,
    addedRules: previous ? addedRules : [],
    removedRules,
    modifiedRules,
  };
}
