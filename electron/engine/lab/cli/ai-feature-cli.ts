import { labAiFeatureState, type LabAiState } from '../lab-ai-state';
import type { LabDevice } from '../lab-model-types';
import { matches, type ShellContext } from './shell-types';

/**
 * The AI feature-state commands each platform answers (the ones discovery probes), printed as the real CLI
 * prints them and consistent with the device's lab state. Undefined: not one of these commands here.
 */
export function aiFeatureOutput(ctx: ShellContext, w: string[], line: string): string | undefined {
  const d = ctx.rt.device;
  const state = labAiFeatureState(ctx.model, d);
  switch (d.platform) {
    case 'fortios':
      if (matches(w, 'diagnose autoupdate versions')) return fortiVersions(state);
      if (matches(w, 'show firewall policy') && /\|\s*grep\s+ips-sensor/.test(line)) return state === 'enabled' ? '        set ips-sensor "default"' : '';
      return undefined;
    case 'junos':
      if (!d.spec.key.startsWith('srx')) return undefined;
      if (matches(w, 'show security idp status')) return junosIdpStatus(state, d);
      if (matches(w, 'show system license')) return junosLicense(state);
      return undefined;
    case 'iosxe':
      if (matches(w, 'show utd engine standard status')) return utdStatus(state);
      if (matches(w, 'show license summary')) return licenseSummary(state, d);
      if (matches(w, 'show app-hosting list')) return appHosting(state);
      return undefined;
    case 'eos':
      if (matches(w, 'show daemon terminattr')) return terminAttr(state);
      return undefined;
    default:
      return undefined;
  }
}

/** ISR 4000 `show version` technology-package table: securityk9 active unless the feature is unlicensed. */
export function isrTechnologyPackages(ctx: ShellContext): string[] {
  const d = ctx.rt.device;
  if (!d.spec.key.startsWith('isr')) return [];
  const sec = labAiFeatureState(ctx.model, d) === 'disabled' ? ['None', 'None', 'None'] : ['securityk9', 'Permanent', 'securityk9'];
  const row = (cols: string[]) => cols.map((c) => c.padEnd(17)).join('').trimEnd();
  return [
    '',
    'Technology Package License Information: ',
    '',
    '-----------------------------------------------------------------',
    'Technology    Technology-package           Technology-package',
    '              Current       Type           Next reboot  ',
    '------------------------------------------------------------------',
    row(['appxk9', 'None', 'None', 'None']),
    row(['uck9', 'None', 'None', 'None']),
    row(['securityk9', ...sec]),
    row(['ipbase', 'ipbasek9', 'Permanent', 'ipbasek9']),
  ];
}

const LAB_CONTRACT_EXPIRY = 'Thu Jan 14 2027';

function fortiBlock(title: string, version: string, expiry: string): string {
  return [title, '---------', `Version: ${version} signed`, `Contract Expiry Date: ${expiry}`, 'Last Updated using scheduled update on Mon Feb 02 01:12:40 2026', 'Last Update Attempt: Mon Feb 02 01:12:40 2026', 'Result: No Updates'].join('\n');
}

function fortiVersions(state: LabAiState): string {
  const expiry = state === 'disabled' ? 'n/a' : LAB_CONTRACT_EXPIRY;
  return [
    fortiBlock('AV Engine', '7.00030', expiry),
    fortiBlock('Virus Definitions', '92.01234', expiry),
    fortiBlock('IPS Attack Engine', '7.00541', expiry),
    fortiBlock('IPS Attack Definitions', '27.00712', expiry),
  ].join('\n\n');
}

function junosIdpStatus(state: LabAiState, d: LabDevice): string {
  const since = '2026-02-02 01:12:40 UTC';
  return [
    `State of IDP: ${state === 'enabled' ? '2-default' : 'Default'},  Up since: ${since} (${d.priorUptimeSec} seconds ago)`,
    '',
    `Packets/second: 0               Peak: 0 @ ${since}`,
    `KBits/second  : 0               Peak: 0 @ ${since}`,
    'Latency (microseconds): [min: 0] [max: 0] [avg: 0]',
    '',
    'Packet Statistics:',
    ' [ICMP: 0] [TCP: 0] [UDP: 0] [Other: 0]',
    '',
    'Session Statistics:',
    ' [ICMP: 0] [TCP: 0] [UDP: 0] [Other: 0]',
    '',
    `  Policy Name : ${state === 'enabled' ? 'idp-policy-recommended' : 'none'}`,
    '  Running Detector Version : 12.6.130230612',
  ].join('\n');
}

function junosLicense(state: LabAiState): string {
  const rows = ['  appid-sig                             0            1           0    2027-01-14 00:00:00 UTC'];
  if (state !== 'disabled') rows.unshift(`  idp-sig                               ${state === 'enabled' ? 1 : 0}            1           0    2027-01-14 00:00:00 UTC`);
  return ['License usage: ', '                                 Licenses     Licenses    Licenses    Expiry', '  Feature name                       used    installed      needed ', ...rows].join('\n');
}

function utdStatus(state: LabAiState): string {
  if (state !== 'enabled') return 'UTD engine standard is not running';
  return [
    'Engine version       : 1.0.6_SV2.9.16.1_XE17.3',
    'Profile              : Cloud-Low',
    'System memory        :',
    '                  Usage : 8.20 %',
    '                 Status : Green',
    'Number of engines    : 1',
    '',
    'Engine            Running    Health     Reason',
    '=======================================================',
    'Engine(#1):       Yes        Green      None',
    '=======================================================',
    '',
    'Overall system status: Green',
  ].join('\n');
}

function licenseSummary(state: LabAiState, d: LabDevice): string {
  const family = d.spec.model.split('-').slice(0, 2).join('-');
  const rows = [`  network-advantage       (${family} Network Advan...)       1 IN USE`];
  if (state !== 'disabled') rows.push(`  dna-advantage           (${family} DNA Advantage)          1 IN USE`);
  return [
    'License Usage:',
    '  License                 Entitlement Tag               Count Status',
    '  -----------------------------------------------------------------------------',
    ...rows,
  ].join('\n');
}

function appHosting(state: LabAiState): string {
  if (state === 'disabled') return 'No App found';
  return ['App id                                   State', '---------------------------------------------------------', `thousandeyes_enterprise_agent            ${state === 'enabled' ? 'RUNNING' : 'DEPLOYED'}`].join('\n');
}

function terminAttr(state: LabAiState): string {
  if (state !== 'enabled') return ['Agent: TerminAttr (shutdown)', 'Configuration:', 'Option       Value', '------------ ----------------------------------', '-cvaddr      apiserver.arista.io:443'].join('\n');
  return [
    'Agent: TerminAttr (running with PID 4021)',
    'Uptime: 2:03:11 (Start time: Mon Feb 02 01:12:40 2026)',
    'Configuration:',
    'Option       Value',
    '------------ ----------------------------------',
    '-cvaddr      apiserver.arista.io:443',
    '-cvauth      token-secure,/tmp/cv-onboarding-token',
    '-cvvrf       MGMT',
    '-taillogs',
  ].join('\n');
}
