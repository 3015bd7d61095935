import { decide, evidenceOf, type ProbeOutputs, type ProbeReading, usableOutput } from './probe-reading';

export const IOSXE_SHOW_VERSION_KEY = 'ssh:show version';
export const IOSXE_UTD_STATUS_KEY = 'ssh:show utd engine standard status';

/**
 * Cisco ISR 4000 Snort IPS (UTD). Running: `show utd engine standard status` has a table row
 * "Engine(#1):  Yes  Green  None" (Running, Health, Reason) when the container runs — Security
 * Configuration Guide: Unified Threat Defense, "Verifying the Integrated Snort IPS Configuration",
 * https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/sec_data_utd/configuration/xe-17/sec-data-utd-xe-17-book/snort-ips.html.
 * Licence: `show version` on ISR 4000 lists the technology packages; Snort IPS needs "securityk9"
 * active (its Current column is not "None").
 */
export function parseIosxeUtd(outputs: ProbeOutputs): ProbeReading | undefined {
  const version = usableOutput(outputs, IOSXE_SHOW_VERSION_KEY);
  const status = usableOutput(outputs, IOSXE_UTD_STATUS_KEY);
  const packages = version === undefined ? undefined : /^\s*securityk9\s+(\S+)/im.exec(version);
  if (status === undefined && !packages) return undefined;
  const evidence: ProbeReading['evidence'] = [];
  let licensed: boolean | undefined;
  if (packages && version !== undefined) {
    licensed = packages[1]?.toLowerCase() !== 'none';
    evidence.push(evidenceOf(IOSXE_SHOW_VERSION_KEY, version, /^securityk9\b/i));
  }
  let running: boolean | undefined;
  if (status !== undefined) {
    const row = /Engine\(#\d+\):\s+(Yes|No)\s+(\S+)/i.exec(status);
    if (row) running = row[1]?.toLowerCase() === 'yes' && row[2]?.toLowerCase() !== 'red';
    else if (/not (enabled|running|configured)/i.test(status)) running = false;
    evidence.push(evidenceOf(IOSXE_UTD_STATUS_KEY, status, row ? /Engine\(#\d+\)/i : /not (enabled|running|configured)/i));
  }
  // Without securityk9 the UTD container cannot be installed: the status command is then missing too.
  if (running === undefined && licensed === false) running = false;
  return { state: decide(licensed, running), evidence };
}
