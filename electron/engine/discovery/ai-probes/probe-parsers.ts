import { EOS_TERMINATTR_KEY, parseEosTerminAttr } from './parse-eos-terminattr';
import { FORTIOS_POLICY_KEY, FORTIOS_VERSIONS_KEY, parseFortiosIps } from './parse-fortios-ips';
import { IOSXE_APP_HOSTING_KEY, IOSXE_LICENSE_SUMMARY_KEY, parseIosxeThousandEyes } from './parse-iosxe-thousandeyes';
import { IOSXE_SHOW_VERSION_KEY, IOSXE_UTD_STATUS_KEY, parseIosxeUtd } from './parse-iosxe-utd';
import { JUNOS_IDP_STATUS_KEY, JUNOS_LICENSE_KEY, parseJunosIdp } from './parse-junos-idp';
import type { ProbeOutputs, ProbeReading } from './probe-reading';

export interface ProbeParser {
  /** Every output the parser reads ("ssh:<command>"): the scan runs these commands. */
  readonly keys: readonly string[];
  parse(outputs: ProbeOutputs): ProbeReading | undefined;
}

/** Live-state parsers, by the name a catalog rule's probe gives. */
export const PROBE_PARSERS = {
  'fortios-ips': { keys: [FORTIOS_VERSIONS_KEY, FORTIOS_POLICY_KEY], parse: parseFortiosIps },
  'junos-idp': { keys: [JUNOS_IDP_STATUS_KEY, JUNOS_LICENSE_KEY], parse: parseJunosIdp },
  'iosxe-utd': { keys: [IOSXE_SHOW_VERSION_KEY, IOSXE_UTD_STATUS_KEY], parse: parseIosxeUtd },
  'iosxe-thousandeyes': { keys: [IOSXE_LICENSE_SUMMARY_KEY, IOSXE_APP_HOSTING_KEY], parse: parseIosxeThousandEyes },
  'eos-terminattr': { keys: [EOS_TERMINATTR_KEY], parse: parseEosTerminAttr },
} as const satisfies Record<string, ProbeParser>;

export type ProbeParserName = keyof typeof PROBE_PARSERS;
export const PROBE_PARSER_NAMES = Object.keys(PROBE_PARSERS) as [ProbeParserName, ...ProbeParserName[]];
