import type { AiLiveState, AiProbeEvidence } from '../../../../shared/domain/device';
import { isCliError } from '../identify/ssh-parse-show-version';

/** What one platform probe concluded, and the output lines that decided it. */
export interface ProbeReading {
  state: AiLiveState;
  evidence: AiProbeEvidence[];
}

/** Probe outputs by key: "ssh:<command>" (the key names the command run) or "snmp:<object>". */
export type ProbeOutputs = Readonly<Record<string, string>>;

const EXCERPT_MAX_CHARS = 200;

/** The output of `key` when the device ran it (a CLI error means the command does not exist there). */
export function usableOutput(outputs: ProbeOutputs, key: string): string | undefined {
  const text = outputs[key];
  if (text === undefined || isCliError(text)) return undefined;
  return text;
}

/** Evidence entry: the first line matching `re` (or the first non-empty line), capped. */
export function evidenceOf(key: string, text: string, re?: RegExp): AiProbeEvidence {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const line = (re ? lines.find((l) => re.test(l)) : undefined) ?? lines.find((l) => l.length > 0) ?? '';
  const colon = key.indexOf(':');
  const via = key.slice(0, colon) === 'snmp' ? 'snmp' : 'ssh';
  return { via, command: key.slice(colon + 1), excerpt: line.slice(0, EXCERPT_MAX_CHARS) };
}

/**
 * The usual decision once "entitled?" and "running?" are known (undefined: that output was unreadable).
 * Switched off with no sign of a licence reads as disabled; a licence alone, with nothing about running,
 * as licensed.
 */
export function decide(licensed: boolean | undefined, running: boolean | undefined): AiLiveState {
  if (running === true) return 'enabled';
  if (licensed === true) return 'licensed';
  if (running === false) return 'disabled';
  return 'unknown';
}
