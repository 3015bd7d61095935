import type { ConfigKind, Evidence, FindingStatus } from '../../../../shared/api/compliance';
import { ancestors, type ConfigNode, descendants, type ParsedConfig } from '../parse/config-tree';
import { displayText, redactLine } from '../redact';
import { inAnyRange } from '../advisories/version-range';
import type { Check } from '../rules/rule-schema';
import type { DeviceInput } from './device-input';

export interface CheckResult {
  status: FindingStatus;
  message: string;
  evidence: Evidence[];
}

export interface CheckContext {
  readonly device: DeviceInput;
  readonly config: ParsedConfig | undefined;
  readonly configKind: ConfigKind;
  /** Supported firmware ranges for the device's platform, from the pack. */
  readonly supportedFirmware: readonly string[] | undefined;
}

const MAX_EVIDENCE = 8;
const regexCache = new Map<string, RegExp>();

function re(pattern: string): RegExp {
  let r = regexCache.get(pattern);
  if (!r) {
    r = new RegExp(pattern);
    regexCache.set(pattern, r);
  }
  return r;
}

function sectionOf(node: ConfigNode): string | undefined {
  const top = ancestors(node).at(-1);
  return top?.text;
}

/** The node as an auditor reads it: its line with the enclosing block, secrets redacted. */
export function configEvidence(node: ConfigNode, source: ConfigKind): Evidence {
  const section = sectionOf(node);
  const text = displayText(redactLine(node.text, section ? { section } : {}), 300);
  const parent = node.parent ? `${displayText(redactLine(node.parent.text), 120)} > ` : '';
  return { kind: 'config', source, line: node.line, text: `${parent}${text}` };
}

function evidenceOf(nodes: readonly ConfigNode[], source: ConfigKind): Evidence[] {
  return nodes.slice(0, MAX_EVIDENCE).map((n) => configEvidence(n, source));
}

function inBlock(node: ConfigNode, within: RegExp | undefined): boolean {
  if (!within) return true;
  return ancestors(node).some((a) => within.test(a.text));
}

function candidates(cfg: ParsedConfig, within: string | undefined, match: string): ConfigNode[] {
  const w = within ? re(within) : undefined;
  const m = re(match);
  return cfg.all.filter((n) => m.test(n.text) && inBlock(n, w));
}

function compare(op: string, actual: string, expected: number | string | Array<string | number>): boolean {
  const num = Number(actual);
  switch (op) {
    case 'lte':
      return Number.isFinite(num) && num <= Number(expected);
    case 'gte':
      return Number.isFinite(num) && num >= Number(expected);
    case 'eq':
      return actual === String(expected);
    case 'ne':
      return actual !== String(expected);
    case 'in':
      return (Array.isArray(expected) ? expected : [expected]).map(String).includes(actual);
    case 'not-in':
      return !(Array.isArray(expected) ? expected : [expected]).map(String).includes(actual);
    default:
      return false;
  }
}

function factValue(device: DeviceInput, field: string): string | string[] | boolean | undefined {
  switch (field) {
    case 'snmpCredentialKinds': {
      const kinds = device.credentialKinds?.filter((k) => k.startsWith('snmp-'));
      return kinds && kinds.length > 0 ? [...kinds] : undefined;
    }
    case 'osVersion':
      return device.facts.osVersion;
    case 'model':
      return device.facts.model;
    case 'vendor':
      return device.facts.vendor;
    case 'aiCapable':
      return device.ai?.capable ?? false;
    case 'aiCloudServiceEnabled': {
      const ev = device.ai?.evidence.filter((e) => e.feature === 'cloud-ai-service') ?? [];
      if (ev.some((e) => e.state === 'enabled')) return true;
      if (ev.some((e) => e.state === 'disabled')) return false;
      return undefined;
    }
    default:
      return undefined;
  }
}

function noConfig(ctx: CheckContext): CheckResult {
  return { status: 'error', message: `no ${ctx.configKind} configuration is available for this device`, evidence: [] };
}

export function runCheck(check: Check, ctx: CheckContext): CheckResult {
  switch (check.type) {
    case 'present': {
      const cfg = ctx.config;
      if (!cfg) return noConfig(ctx);
      if (check.each && check.within) {
        const blockRe = re(check.within);
        const m = re(check.match);
        const blocks = cfg.all.filter((n) => blockRe.test(n.text));
        if (blocks.length === 0) {
          return { status: check.ifNoBlock ?? 'fail', message: check.message ?? `no block matches /${check.within}/`, evidence: [] };
        }
        const lacking = blocks.filter((b) => !descendants(b).some((d) => m.test(d.text)));
        if (lacking.length > 0) {
          return { status: 'fail', message: check.message ?? `${lacking.length} of ${blocks.length} blocks lack /${check.match}/`, evidence: evidenceOf(lacking, ctx.configKind) };
        }
        const found = blocks.flatMap((b) => descendants(b).filter((d) => m.test(d.text)));
        return { status: 'pass', message: `every block has /${check.match}/`, evidence: evidenceOf(found, ctx.configKind) };
      }
      const found = candidates(cfg, check.within, check.match);
      if (found.length > 0) return { status: 'pass', message: `found /${check.match}/`, evidence: evidenceOf(found, ctx.configKind) };
      const blocks = check.within ? cfg.all.filter((n) => re(check.within!).test(n.text)) : [];
      return { status: 'fail', message: check.message ?? `no line matches /${check.match}/`, evidence: evidenceOf(blocks, ctx.configKind) };
    }
    case 'absent': {
      const cfg = ctx.config;
      if (!cfg) return noConfig(ctx);
      const found = candidates(cfg, check.within, check.match);
      if (found.length > 0) return { status: 'fail', message: check.message ?? `found /${check.match}/`, evidence: evidenceOf(found, ctx.configKind) };
      return { status: 'pass', message: `no line matches /${check.match}/`, evidence: [] };
    }
    case 'value': {
      const cfg = ctx.config;
      if (!cfg) return noConfig(ctx);
      const found = candidates(cfg, check.within, check.match);
      if (found.length === 0) return { status: check.missing ?? 'fail', message: check.message ?? `no line matches /${check.match}/`, evidence: [] };
      const m = re(check.match);
      const bad = found.filter((n) => !compare(check.op, m.exec(n.text)?.groups?.v ?? '', check.value));
      if (bad.length > 0) {
        return { status: 'fail', message: check.message ?? `value must be ${check.op} ${JSON.stringify(check.value)}`, evidence: evidenceOf(bad, ctx.configKind) };
      }
      return { status: 'pass', message: `value ${check.op} ${JSON.stringify(check.value)}`, evidence: evidenceOf(found, ctx.configKind) };
    }
    case 'fact': {
      const v = factValue(ctx.device, check.field);
      if (v === undefined || v === '') return { status: check.missing ?? 'not-applicable', message: `${check.field} is not known`, evidence: [] };
      const shown = Array.isArray(v) ? v.join(', ') : String(v);
      const evidence: Evidence[] = [{ kind: 'fact', field: check.field, value: displayText(shown, 200) }];
      const expected = check.value;
      const list = Array.isArray(expected) ? expected : expected === undefined ? [] : [String(expected)];
      const values = Array.isArray(v) ? v : [String(v)];
      let ok: boolean;
      switch (check.op) {
        case 'present':
          ok = true;
          break;
        case 'eq':
          ok = values.every((x) => x === String(expected));
          break;
        case 'ne':
          ok = values.every((x) => x !== String(expected));
          break;
        case 'in':
          ok = values.every((x) => list.includes(x));
          break;
        case 'not-in':
          ok = values.every((x) => !list.includes(x));
          break;
      }
      return { status: ok ? 'pass' : 'fail', message: ok ? `${check.field} = ${shown}` : (check.message ?? `${check.field} = ${shown}`), evidence };
    }
    case 'firmware-supported': {
      const version = ctx.device.facts.osVersion;
      if (!ctx.supportedFirmware || ctx.supportedFirmware.length === 0) {
        return { status: 'not-applicable', message: `the pack lists no supported firmware for ${ctx.device.platform}`, evidence: [] };
      }
      if (!version) return { status: 'error', message: 'the OS version is not known (identify the device over SNMP or SSH)', evidence: [] };
      const evidence: Evidence[] = [{ kind: 'fact', field: 'osVersion', value: displayText(version, 100) }];
      return inAnyRange(version, ctx.supportedFirmware)
        ? { status: 'pass', message: `${version} is on the supported list`, evidence }
        : { status: 'fail', message: check.message ?? `${version} is not on the supported list (${ctx.supportedFirmware.join('; ')})`, evidence };
    }
    case 'all':
    case 'any':
      return combine(check.type, check.checks.map((c) => runCheck(c, ctx)));
  }
}

function combine(kind: 'all' | 'any', results: CheckResult[]): CheckResult {
  const by = (s: FindingStatus) => results.filter((r) => r.status === s);
  const merge = (rs: CheckResult[], status: FindingStatus): CheckResult => ({
    status,
    message: rs.map((r) => r.message).join('; '),
    evidence: rs.flatMap((r) => r.evidence).slice(0, MAX_EVIDENCE * 2),
  });
  if (kind === 'all') {
    if (by('fail').length) return merge(by('fail'), 'fail');
    if (by('error').length) return merge(by('error'), 'error');
    if (by('pass').length) return merge(by('pass'), 'pass');
    return merge(results, 'not-applicable');
  }
  if (by('pass').length) return merge(by('pass'), 'pass');
  if (by('fail').length) return merge(by('fail'), 'fail');
  if (by('error').length) return merge(by('error'), 'error');
  return merge(results, 'not-applicable');
}
