import { decide, evidenceOf, type ProbeOutputs, type ProbeReading, usableOutput } from './probe-reading';

export const FORTIOS_VERSIONS_KEY = 'ssh:diagnose autoupdate versions';
export const FORTIOS_POLICY_KEY = 'ssh:show firewall policy | grep ips-sensor';

/**
 * FortiGate IPS / FortiGuard AI services. Licence: `diagnose autoupdate versions` prints one block per
 * FortiGuard object, "IPS Attack Engine" / "IPS Attack Definitions" among them, each with a
 * "Contract Expiry Date:" line (a date, or "n/a" / "Expired" without a valid subscription) — Fortinet,
 * "Technical Tip: How to view license details via CLI", https://community.fortinet.com/t5/FortiGate/Technical-Tip-How-to-view-license-details-via-CLI/ta-p/189764.
 * Running: IPS inspects traffic only where a firewall policy names an IPS sensor (`set ips-sensor "…"`),
 * FortiOS Administration Guide, "IPS sensors", https://docs.fortinet.com/document/fortigate/7.4.3/administration-guide/, so
 * `show firewall policy | grep ips-sensor` (FortiOS CLI output filter) is empty when none does.
 * An expired contract keeps IPS scanning with the old signatures (FortiOS "License expiration"), so a
 * sensor in use means enabled whatever the contract says.
 */
export function parseFortiosIps(outputs: ProbeOutputs): ProbeReading | undefined {
  const versions = usableOutput(outputs, FORTIOS_VERSIONS_KEY);
  const policy = usableOutput(outputs, FORTIOS_POLICY_KEY);
  if (versions === undefined && policy === undefined) return undefined;
  const evidence: ProbeReading['evidence'] = [];
  let licensed: boolean | undefined;
  if (versions !== undefined) {
    const expiry = ipsContractExpiry(versions);
    if (expiry !== undefined) {
      licensed = /\d{4}/.test(expiry) && !/expired|n\/a/i.test(expiry);
      evidence.push({ ...evidenceOf(FORTIOS_VERSIONS_KEY, versions), excerpt: `IPS Attack Definitions: Contract Expiry Date: ${expiry}`.slice(0, 200) });
    }
  }
  let running: boolean | undefined;
  if (policy !== undefined) {
    const sensor = /^\s*set ips-sensor\s+"?([^"\r\n]+)"?/m.exec(policy);
    running = sensor !== null;
    evidence.push(sensor ? evidenceOf(FORTIOS_POLICY_KEY, policy, /set ips-sensor/) : { via: 'ssh', command: FORTIOS_POLICY_KEY.slice(4), excerpt: '(no policy uses an IPS sensor)' });
  }
  return { state: decide(licensed, running), evidence };
}

/** The "Contract Expiry Date" of the IPS definitions block (the engine block as a fallback). */
function ipsContractExpiry(text: string): string | undefined {
  const blocks = text.split(/\r?\n\s*\r?\n/);
  const find = (title: RegExp) => {
    const block = blocks.find((b) => title.test(b.trimStart().split(/\r?\n/)[0] ?? ''));
    return block ? /Contract Expiry Date:\s*(.+)/i.exec(block)?.[1]?.trim() : undefined;
  };
  return find(/^IPS Attack Definitions/i) ?? find(/^IPS Attack Engine/i);
}
