import type { Finding, Waiver } from '../../../../shared/api/compliance';
import { parseConfig } from '../parse/parse-config';
import type { ParsedConfig } from '../parse/config-tree';
import type { LoadedPack } from '../rules/rule-pack';
import { checkFor, type Rule } from '../rules/rule-schema';
import { runCheck } from './checks';
import type { DeviceInput } from './device-input';
import { driftFindings } from './drift';
import { applyWaivers } from './waivers';

export interface EvaluateOptions {
  readonly waivers?: readonly Waiver[];
  readonly now?: Date;
  /** Also compare startup vs running and running vs approved (default true). */
  readonly drift?: boolean;
}

function frameworksOf(rule: Rule): Finding['frameworks'] {
  return { cis: rule.frameworks.cis ?? [], 'nist-800-53': rule.frameworks['nist-800-53'] ?? [], 'pci-dss': rule.frameworks['pci-dss'] ?? [] };
}

function base(device: DeviceInput, rule: Rule): Omit<Finding, 'status' | 'message' | 'evidence'> {
  return {
    deviceId: device.deviceId,
    deviceName: device.name,
    ruleId: rule.id,
    ruleTitle: rule.title,
    severity: rule.severity,
    remediation: rule.remediation.template ? { text: rule.remediation.text, template: rule.remediation.template } : { text: rule.remediation.text },
    frameworks: frameworksOf(rule),
  };
}

/** One rule on one device. Never throws: a broken check is an 'error' finding that names the cause. */
export function evaluateRule(device: DeviceInput, rule: Rule, loaded: LoadedPack, parsed: ParsedConfig | undefined): Finding {
  const b = base(device, rule);
  const check = checkFor(rule, device.platform);
  if (!check) return { ...b, status: 'not-applicable', message: `the rule has no check for ${device.platform}`, evidence: [] };
  if (rule.when?.aiCapable !== undefined && (device.ai?.capable ?? false) !== rule.when.aiCapable) {
    return { ...b, status: 'not-applicable', message: rule.when.aiCapable ? 'the device is not AI-capable' : 'the device is AI-capable', evidence: [] };
  }
  for (const [k, v] of Object.entries(rule.when?.policy ?? {})) {
    if (loaded.pack.policy[k] !== v) return { ...b, status: 'not-applicable', message: `policy ${k} is ${loaded.pack.policy[k] ?? 'unset'}, the rule applies when it is ${v}`, evidence: [] };
  }
  try {
    const r = runCheck(check, {
      device,
      config: parsed,
      configKind: 'running',
      supportedFirmware: loaded.pack.firmware.supported[device.platform],
    });
    return { ...b, ...r };
  } catch (err) {
    return { ...b, status: 'error', message: `check failed: ${(err as Error).message}`, evidence: [] };
  }
}

/** Every rule of the pack (plus drift) on one device, waivers applied. */
export function evaluateDevice(device: DeviceInput, loaded: LoadedPack, opts: EvaluateOptions = {}): Finding[] {
  const running = device.configs.running;
  let parsed: ParsedConfig | undefined;
  let parseError: string | undefined;
  if (running) {
    try {
      parsed = parseConfig(device.platform, running.text);
      if (!parsed) parseError = `no configuration parser for ${device.platform}`;
    } catch (err) {
      parseError = `the running configuration could not be parsed: ${(err as Error).message}`;
    }
  }
  const findings = loaded.pack.rules.map((rule) => {
    const f = evaluateRule(device, rule, loaded, parsed);
    return parseError && f.status === 'error' && f.message.startsWith('no running configuration') ? { ...f, message: parseError } : f;
  });
  if (opts.drift !== false) findings.push(...driftFindings(device));
  return applyWaivers(findings, opts.waivers ?? [], opts.now ?? new Date());
}

export function evaluateAll(devices: readonly DeviceInput[], loaded: LoadedPack, opts: EvaluateOptions = {}): Finding[] {
  return devices.flatMap((d) => evaluateDevice(d, loaded, opts));
}
