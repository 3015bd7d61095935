import type { ConfigKind, Evidence, Finding } from '../../../../shared/api/compliance';
import { ancestors, type ConfigNode } from '../parse/config-tree';
import { parseConfig } from '../parse/parse-config';
import { displayText, redactLine } from '../redact';
import type { DeviceInput } from './device-input';

export const DRIFT_STARTUP_RULE = 'DRIFT-STARTUP';
export const DRIFT_APPROVED_RULE = 'DRIFT-APPROVED';

/** A statement with its enclosing blocks, so "shutdown" under two interfaces are different statements. */
function pathOf(n: ConfigNode): string {
  return [...ancestors(n).reverse(), n].map((x) => x.text.replace(/\s+/g, ' ')).join(' > ');
}

export interface ConfigDelta {
  readonly added: Array<{ line: number; text: string }>;
  readonly removed: Array<{ line: number; text: string }>;
}

/**
 * Semantic difference between two configs of one platform: statements (with their block path) present in one
 * and not the other, counted as multisets. Comments, blank lines, "!" separators and indentation do not count,
 * so a reformatted but equal config shows no drift.
 */
export function configDelta(platform: DeviceInput['platform'], baseline: string, current: string): ConfigDelta | undefined {
  const a = parseConfig(platform, baseline);
  const b = parseConfig(platform, current);
  if (!a || !b) return undefined;
  const count = new Map<string, number>();
  for (const n of a.all) count.set(pathOf(n), (count.get(pathOf(n)) ?? 0) + 1);
  const added: ConfigDelta['added'] = [];
  for (const n of b.all) {
    const p = pathOf(n);
    const c = count.get(p) ?? 0;
    if (c > 0) count.set(p, c - 1);
    else added.push({ line: n.line, text: p });
  }
  const removed: ConfigDelta['removed'] = [];
  const left = new Map(count);
  for (const n of a.all) {
    const p = pathOf(n);
    const c = left.get(p) ?? 0;
    if (c > 0) {
      removed.push({ line: n.line, text: p });
      left.set(p, c - 1);
    }
  }
  return { added, removed };
}

function deltaEvidence(delta: ConfigDelta, currentKind: ConfigKind, baselineKind: ConfigKind): Evidence[] {
  const ev = (change: 'added' | 'removed', source: ConfigKind, x: { line: number; text: string }): Evidence => ({
    kind: 'config',
    source,
    line: x.line,
    text: displayText(redactLine(x.text), 300),
    change,
  });
  return [...delta.added.slice(0, 20).map((x) => ev('added', currentKind, x)), ...delta.removed.slice(0, 20).map((x) => ev('removed', baselineKind, x))];
}

const DRIFT_FRAMEWORKS: Finding['frameworks'] = {
  cis: [],
  'nist-800-53': ['CM-2', 'CM-3', 'CM-6'],
  // PCI DSS v4.0 1.2.8: configuration files for NSCs are secured and kept consistent with active configurations.
  'pci-dss': ['1.2.2', '1.2.8'],
};

/** Drift as findings: startup vs running (unsaved changes) and running vs the last approved baseline. */
export function driftFindings(device: DeviceInput): Finding[] {
  const out: Finding[] = [];
  const running = device.configs.running;
  const pairs: Array<[typeof DRIFT_STARTUP_RULE | typeof DRIFT_APPROVED_RULE, ConfigKind]> = [
    [DRIFT_STARTUP_RULE, 'startup'],
    [DRIFT_APPROVED_RULE, 'approved'],
  ];
  for (const [ruleId, kind] of pairs) {
    const other = device.configs[kind];
    const title = ruleId === DRIFT_STARTUP_RULE ? 'Startup configuration matches the running configuration' : 'Running configuration matches the last approved configuration';
    const base = {
      deviceId: device.deviceId,
      deviceName: device.name,
      ruleId,
      ruleTitle: title,
      severity: 'medium' as const,
      remediation:
        ruleId === DRIFT_STARTUP_RULE
          ? { text: 'Review the unsaved changes; save them (copy running-config startup-config / write memory) or roll them back.' }
          : { text: 'Review the unapproved changes; approve the running configuration as the new baseline or roll it back to the approved one.' },
      frameworks: DRIFT_FRAMEWORKS,
    };
    if (!running || !other) {
      out.push({ ...base, status: 'not-applicable', message: `no ${!running ? 'running' : kind} configuration to compare`, evidence: [] });
      continue;
    }
    const delta = configDelta(device.platform, other.text, running.text);
    if (!delta) {
      out.push({ ...base, status: 'error', message: `no configuration parser for ${device.platform}`, evidence: [] });
      continue;
    }
    const n = delta.added.length + delta.removed.length;
    out.push(
      n === 0
        ? { ...base, status: 'pass', message: `running and ${kind} configurations match`, evidence: [] }
        : { ...base, status: 'fail', message: `${delta.added.length} statement(s) only in running, ${delta.removed.length} only in ${kind}`, evidence: deltaEvidence(delta, 'running', kind) },
    );
  }
  return out;
}
