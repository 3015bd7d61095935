import type { Platform } from '../../../../shared/domain/device';

/** One affected product of an advisory, reduced to what can be matched against the inventory. */
export interface AffectedProduct {
  readonly platform: Platform;
  /** Version ranges (vers syntax or ">=a <b"); a single version is "=x". */
  readonly ranges: readonly string[];
  /** How the advisory named it: a CPE, a CSAF product id, … */
  readonly matchedBy: string;
  readonly fixedIn?: string;
}

export interface Advisory {
  readonly id: string;
  readonly source: 'nvd' | 'csaf';
  readonly cve?: string;
  readonly title: string;
  readonly severity?: string;
  readonly cvssScore?: number;
  readonly products: readonly AffectedProduct[];
}

/**
 * CPE 2.3 vendor:product of network operating systems (NVD CPE dictionary names) → our platform.
 * Part "o" (operating system) or "a" (application, e.g. FRRouting).
 */
const CPE_PLATFORMS: Readonly<Record<string, Platform>> = {
  'cisco:ios': 'ios',
  'cisco:ios_xe': 'iosxe',
  'cisco:ios_xr': 'iosxr',
  'cisco:nx-os': 'nxos',
  'cisco:adaptive_security_appliance_software': 'asa',
  'juniper:junos': 'junos',
  'arista:eos': 'eos',
  'mikrotik:routeros': 'routeros',
  'fortinet:fortios': 'fortios',
  'paloaltonetworks:pan-os': 'panos',
  'frrouting:frrouting': 'frr',
  'vyos:vyos': 'vyos',
  'openwrt:openwrt': 'openwrt',
};

export interface Cpe {
  readonly part: string;
  readonly vendor: string;
  readonly product: string;
  readonly version: string;
  readonly update: string;
}

/** cpe:2.3:part:vendor:product:version:update:… (NISTIR 7695 formatted string binding; "\:" escapes a colon). */
export function parseCpe(s: string): Cpe | undefined {
  if (!s.startsWith('cpe:2.3:')) return undefined;
  const f = s.slice(8).split(/(?<!\\):/).map((x) => x.replace(/\\(.)/g, '$1'));
  if (f.length < 5) return undefined;
  return { part: f[0]!, vendor: f[1]!, product: f[2]!, version: f[3]!, update: f[4]! };
}

export function platformOfCpe(cpe: Cpe): Platform | undefined {
  return CPE_PLATFORMS[`${cpe.vendor}:${cpe.product}`];
}

/** A CPE's own version (and update, e.g. Junos "22.4" + "r3-s2") as one version string. */
export function cpeVersion(cpe: Cpe): string | undefined {
  if (cpe.version === '*' || cpe.version === '-' || cpe.version === '') return undefined;
  return cpe.update && cpe.update !== '*' && cpe.update !== '-' ? `${cpe.version}${cpe.update}` : cpe.version;
}
