import { decide, evidenceOf, type ProbeOutputs, type ProbeReading, usableOutput } from './probe-reading';

export const IOSXE_LICENSE_SUMMARY_KEY = 'ssh:show license summary';
export const IOSXE_APP_HOSTING_KEY = 'ssh:show app-hosting list';

/**
 * Catalyst 9000 AIOps (ThousandEyes agent, Catalyst Center AI analytics). Licence: `show license summary`
 * lists "dna-advantage … IN USE" (Smart Licensing Using Policy, Catalyst 9300 System Management
 * Configuration Guide, https://www.cisco.com/c/en/us/td/docs/switches/lan/catalyst9300/software/release/17-9/configuration_guide/sys_mgmt/b_179_sys_mgmt_9300_cg.html).
 * Running: `show app-hosting list` lists the ThousandEyes Enterprise Agent with State "RUNNING"
 * (Programmability Configuration Guide, "Application Hosting").
 */
export function parseIosxeThousandEyes(outputs: ProbeOutputs): ProbeReading | undefined {
  const license = usableOutput(outputs, IOSXE_LICENSE_SUMMARY_KEY);
  const apps = usableOutput(outputs, IOSXE_APP_HOSTING_KEY);
  if (license === undefined && apps === undefined) return undefined;
  const evidence: ProbeReading['evidence'] = [];
  let licensed: boolean | undefined;
  if (license !== undefined) {
    const row = /^\s*dna-advantage\b.*$/im.exec(license);
    licensed = row !== null && /\bIN USE\b/i.test(row[0]);
    evidence.push(row ? evidenceOf(IOSXE_LICENSE_SUMMARY_KEY, license, /^dna-advantage\b/i) : { via: 'ssh', command: IOSXE_LICENSE_SUMMARY_KEY.slice(4), excerpt: '(no dna-advantage licence listed)' });
  }
  let running: boolean | undefined;
  if (apps !== undefined) {
    const row = /^\s*(\S*thousandeyes\S*)\s+(\S+)/im.exec(apps);
    running = row !== null && row[2]?.toUpperCase() === 'RUNNING';
    evidence.push(row ? evidenceOf(IOSXE_APP_HOSTING_KEY, apps, /thousandeyes/i) : { via: 'ssh', command: IOSXE_APP_HOSTING_KEY.slice(4), excerpt: '(no ThousandEyes app installed)' });
  }
  return { state: decide(licensed, running), evidence };
}
