import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { RoutewiseError } from '../../../../shared/api/errors';
import type { Platform } from '../../../../shared/domain/device';
import { redact, secretValues, validateParams, type ParamValues } from './param-schema';
import { checkTemplateBody, renderBody } from './sandbox';
import { bodyFor, TemplateSpec } from './template-spec';

export interface LoadedTemplate {
  spec: TemplateSpec;
  /** 'shipped' (templates/ in the app) or 'user' (<dataDir>/templates). */
  source: 'shipped' | 'user' | 'file';
  file: string;
}

const MAX_TEMPLATE_BYTES = 512 * 1024;

/** The templates shipped with Routewise: ROUTEWISE_TEMPLATES_DIR, else templates/ beside package.json (checkout or app root). */
export function shippedTemplatesDir(): string {
  if (process.env.ROUTEWISE_TEMPLATES_DIR) return process.env.ROUTEWISE_TEMPLATES_DIR;
  // The engine runs as ESM under tsx (CLI, tests) and as a CommonJS bundle in the app.
  let dir = typeof __dirname === 'string' ? __dirname : import.meta.dirname;
  for (let i = 0; i < 8; i++) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'templates'))) return path.join(dir, 'templates');
    dir = path.dirname(dir);
  }
  return path.resolve(dir, 'templates');
}

/** Parses and checks one template document; errors name the file and the field. */
export function parseTemplate(text: string, file: string): TemplateSpec {
  let doc: unknown;
  try {
    doc = YAML.parse(text, { maxAliasCount: 100 });
  } catch (err) {
    throw new RoutewiseError('bad-request', `${file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const r = TemplateSpec.safeParse(doc);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new RoutewiseError('bad-request', `${file}: ${issues.join('; ')}`, { issues });
  }
  for (const p of r.data.platforms) {
    try {
      checkTemplateBody(bodyFor(r.data, p) ?? '');
    } catch (err) {
      throw new RoutewiseError('bad-request', `${file}: body for ${p}: ${(err as Error).message}`);
    }
  }
  return r.data;
}

export function loadTemplateFile(file: string, source: LoadedTemplate['source']): LoadedTemplate {
  const stat = fs.statSync(file);
  if (stat.size > MAX_TEMPLATE_BYTES) throw new RoutewiseError('bad-request', `${file}: larger than ${MAX_TEMPLATE_BYTES} bytes`);
  return { spec: parseTemplate(fs.readFileSync(file, 'utf8'), file), source, file };
}

function listDir(dir: string, source: LoadedTemplate['source'], problems: string[]): LoadedTemplate[] {
  if (!fs.existsSync(dir)) return [];
  const out: LoadedTemplate[] = [];
  for (const f of fs.readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    try {
      out.push(loadTemplateFile(path.join(dir, f), source));
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  return out;
}

/** Shipped and user templates by name; a user template with a shipped name overrides it. Broken files are reported, not fatal. */
export function listTemplates(dataDir: string): { templates: LoadedTemplate[]; problems: string[] } {
  const problems: string[] = [];
  const byName = new Map<string, LoadedTemplate>();
  for (const t of listDir(shippedTemplatesDir(), 'shipped', problems)) byName.set(t.spec.name, t);
  for (const t of listDir(path.join(dataDir, 'templates'), 'user', problems)) byName.set(t.spec.name, t);
  return { templates: [...byName.values()].sort((a, b) => a.spec.name.localeCompare(b.spec.name)), problems };
}

/** NAME from the library, or a path to a YAML file. */
export function resolveTemplate(dataDir: string, nameOrFile: string): LoadedTemplate {
  if (/[/\\]|\.ya?ml$/.test(nameOrFile)) {
    if (!fs.existsSync(nameOrFile)) throw new RoutewiseError('not-found', `no template file ${nameOrFile}`);
    return loadTemplateFile(path.resolve(nameOrFile), 'file');
  }
  const { templates } = listTemplates(dataDir);
  const t = templates.find((x) => x.spec.name === nameOrFile);
  if (!t) throw new RoutewiseError('not-found', `no template named ${nameOrFile} (known: ${templates.map((x) => x.spec.name).join(', ')})`);
  return t;
}

export interface RenderedTemplate {
  platform: Platform;
  config: string;
  /** The same text with secret parameter values replaced, for display and the audit chain. */
  display: string;
}

/** Validates parameters once and renders the body for each requested platform the template supports. */
export function renderTemplate(spec: TemplateSpec, given: Record<string, unknown>, platforms: readonly Platform[]): { values: ParamValues; rendered: RenderedTemplate[] } {
  const values = validateParams(spec, given);
  const secrets = secretValues(spec, values);
  const rendered: RenderedTemplate[] = [];
  for (const p of platforms) {
    const body = bodyFor(spec, p);
    if (body === undefined) throw new RoutewiseError('unsupported', `template ${spec.name} has no body for platform ${p} (it supports ${spec.platforms.join(', ')})`);
    const config = renderBody(body, values);
    rendered.push({ platform: p, config, display: redact(config, secrets) });
  }
  return { values, rendered };
}
