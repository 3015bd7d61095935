import { decide, evidenceOf, type ProbeOutputs, type ProbeReading, usableOutput } from './probe-reading';

export const JUNOS_IDP_STATUS_KEY = 'ssh:show security idp status';
export const JUNOS_LICENSE_KEY = 'ssh:show system license';

/**
 * Juniper SRX IDP. Running: `show security idp status` ends with "Policy Name : <name>" ("none" when no
 * IDP policy is active), Junos CLI Reference, "show security idp status",
 * https://www.juniper.net/documentation/us/en/software/junos/cli-reference/topics/ref/command/show-security-idp-status.html.
 * Licence: `show system license` lists the "idp-sig" feature with used / installed / needed counts and
 * an expiry, https://www.juniper.net/documentation/us/en/software/junos/cli-reference/topics/ref/command/show-system-license.html.
 */
export function parseJunosIdp(outputs: ProbeOutputs): ProbeReading | undefined {
  const status = usableOutput(outputs, JUNOS_IDP_STATUS_KEY);
  const license = usableOutput(outputs, JUNOS_LICENSE_KEY);
  if (status === undefined && license === undefined) return undefined;
  const evidence: ProbeReading['evidence'] = [];
  let licensed: boolean | undefined;
  if (license !== undefined) {
    const row = /^\s*idp-sig\s+(\d+)\s+(\d+)\s+(\d+)\s*(.*)$/m.exec(license);
    licensed = row !== null && Number(row[2]) > 0 && !/expired|invalid/i.test(row[4] ?? '');
    evidence.push(row ? evidenceOf(JUNOS_LICENSE_KEY, license, /^idp-sig\b/) : { via: 'ssh', command: JUNOS_LICENSE_KEY.slice(4), excerpt: '(no idp-sig licence listed)' });
  }
  let running: boolean | undefined;
  if (status !== undefined) {
    const policy = /Policy Name\s*:\s*(\S+)/i.exec(status)?.[1];
    if (policy !== undefined) running = policy.toLowerCase() !== 'none';
    else if (/State of IDP/i.test(status)) running = false;
    evidence.push(evidenceOf(JUNOS_IDP_STATUS_KEY, status, policy !== undefined ? /Policy Name/i : /State of IDP/i));
  }
  return { state: decide(licensed, running), evidence };
}
