import { evidenceOf, type ProbeOutputs, type ProbeReading, usableOutput } from './probe-reading';

export const EOS_TERMINATTR_KEY = 'ssh:show daemon TerminAttr';

/**
 * Arista CloudVision telemetry: the TerminAttr daemon streams state to CloudVision, where AVA runs.
 * `show daemon TerminAttr` starts "Agent: TerminAttr (running with PID n)" when it runs and
 * "Agent: TerminAttr (shutdown)" when configured but shut — Arista, "TerminAttr most commonly used flags
 * and sample configurations", https://eos.arista.com/terminattr-most-commonly-used-flags-and-sample-configurations/.
 * CloudVision is licensed in CloudVision, not on the switch: the state is never "licensed" here.
 */
export function parseEosTerminAttr(outputs: ProbeOutputs): ProbeReading | undefined {
  const text = usableOutput(outputs, EOS_TERMINATTR_KEY);
  if (text === undefined) return undefined;
  const agent = /Agent:\s*TerminAttr\s*\(([^)]*)\)/i.exec(text);
  if (!agent) return { state: 'unknown', evidence: [evidenceOf(EOS_TERMINATTR_KEY, text)] };
  const state = /^running\b/i.test(agent[1] ?? '') ? 'enabled' : 'disabled';
  return { state, evidence: [evidenceOf(EOS_TERMINATTR_KEY, text, /Agent:/i)] };
}
