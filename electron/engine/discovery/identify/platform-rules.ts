import type { Platform } from '../../../../shared/domain/device';

/**
 * Platform recognition from the system group. Each rule reads sysDescr (SNMPv2-MIB, free text the
 * vendor formats) and the enterprise number of sysObjectID; the first rule that matches wins, so the
 * specific ones (IOS-XR, NX-OS, ASA, IOS-XE) come before the generic ones (IOS, Linux).
 * Pure functions: tested on the strings the fixtures recorded.
 */
export interface SystemInput {
  sysDescr: string;
  sysObjectID: string;
  /** IANA enterprise number from sysObjectID, when it is under 1.3.6.1.4.1. */
  pen?: number;
}

export interface PlatformGuess {
  platform: Platform;
  vendor?: string;
  osName?: string;
  osVersion?: string;
  /** A model named in sysDescr; weaker than ENTITY-MIB unless `modelIsAuthoritative`. */
  model?: string;
  modelIsAuthoritative?: boolean;
}

interface Rule {
  platform: Platform;
  vendor: string;
  osName: string;
  match(s: SystemInput): boolean;
  parse?(s: SystemInput): Omit<PlatformGuess, 'platform' | 'vendor' | 'osName'>;
}

const first = (re: RegExp, s: string): string | undefined => re.exec(s)?.[1]?.trim();
const ciscoVersion = (d: string): string | undefined => first(/\bVersion\s+([^\s,]+)/i, d);

function ciscoIosMajor(d: string): number {
  const v = ciscoVersion(d);
  return v ? Number.parseInt(v, 10) : Number.NaN;
}

const isCiscoIos = (d: string): boolean => /Cisco IOS Software|Cisco Internetwork Operating System|\bIOS \(tm\)/i.test(d);

export const PLATFORM_RULES: readonly Rule[] = [
  {
    // "Cisco IOS XR Software (NCS-5500), Version 7.4.1"
    platform: 'iosxr', vendor: 'Cisco', osName: 'IOS-XR',
    match: (s) => /Cisco IOS XR Software|\bIOS XR\b/i.test(s.sysDescr),
    parse: (s) => ({ osVersion: first(/\bVersion\s+([\d.]+[\w.-]*)/i, s.sysDescr) }),
  },
  {
    // "Cisco NX-OS(tm) nxos.7.0.3.I7.8.bin, Software (nxos), Version 7.0(3)I7(8), RELEASE SOFTWARE"
    platform: 'nxos', vendor: 'Cisco', osName: 'NX-OS',
    match: (s) => /\bNX-OS\b/i.test(s.sysDescr),
    parse: (s) => ({ osVersion: ciscoVersion(s.sysDescr) }),
  },
  {
    // "Cisco Adaptive Security Appliance Version 9.12(2)"
    platform: 'asa', vendor: 'Cisco', osName: 'ASA',
    match: (s) => /Adaptive Security Appliance|Cisco PIX/i.test(s.sysDescr),
    parse: (s) => ({ osVersion: ciscoVersion(s.sysDescr) }),
  },
  {
    // IOS-XE names itself in the image (CAT9K_IOSXE, X86_64_LINUX_IOSD-…) or, since 16.x, only by its
    // version train: classic IOS stopped at 15.x (Cisco IOS XE 16 release notes).
    platform: 'iosxe', vendor: 'Cisco', osName: 'IOS-XE',
    match: (s) =>
      /IOS[-_ ]?XE|LINUX_IOSD/i.test(s.sysDescr) || (isCiscoIos(s.sysDescr) && ciscoIosMajor(s.sysDescr) >= 16),
    parse: (s) => ({ osVersion: ciscoVersion(s.sysDescr) }),
  },
  {
    // "Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.0(2a)EX5, RELEASE SOFTWARE (fc3)"
    platform: 'ios', vendor: 'Cisco', osName: 'IOS',
    match: (s) => isCiscoIos(s.sysDescr),
    parse: (s) => ({ osVersion: ciscoVersion(s.sysDescr) }),
  },
  {
    // "Juniper Networks, Inc. mx5-t internet router, kernel JUNOS 19.4R3.11, Build date: …"
    platform: 'junos', vendor: 'Juniper', osName: 'Junos',
    match: (s) => /\bJUNOS\b/i.test(s.sysDescr) || (s.pen === 2636 && !/ScreenOS/i.test(s.sysDescr)),
    parse: (s) => {
      const model = first(/Juniper Networks, Inc\.\s+(\S+)/i, s.sysDescr);
      return { osVersion: first(/\bJUNOS\s+([\w.-]+)/i, s.sysDescr), model: model?.toUpperCase() };
    },
  },
  {
    // "Arista Networks EOS version 4.15.3F running on an Arista Networks DCS-7050TX-128"
    platform: 'eos', vendor: 'Arista', osName: 'EOS',
    match: (s) => /Arista Networks EOS/i.test(s.sysDescr) || s.pen === 30065,
    parse: (s) => ({
      osVersion: first(/\bEOS version\s+(\S+)/i, s.sysDescr),
      // sysDescr reports the running system; the ENTITY chassis can lag after a supervisor swap.
      model: first(/running on an? Arista Networks\s+(\S+)/i, s.sysDescr),
      modelIsAuthoritative: true,
    }),
  },
  {
    // "RouterOS CRS317-1G-16S+" (the board); older ones say just "router". Version from MIKROTIK-MIB.
    platform: 'routeros', vendor: 'MikroTik', osName: 'RouterOS',
    match: (s) => /\bRouterOS\b/i.test(s.sysDescr) || s.pen === 14988,
    parse: (s) => {
      const tok = first(/\bRouterOS\s+(\S+)/i, s.sysDescr);
      return tok && /^\d+\.\d+/.test(tok) ? { osVersion: tok } : { model: tok };
    },
  },
  {
    // FortiGate sysDescr is an admin-set label; everything comes from FORTINET-FORTIGATE-MIB.
    platform: 'fortios', vendor: 'Fortinet', osName: 'FortiOS',
    match: (s) => s.pen === 12356 || /\bFortiGate|FortiOS\b/i.test(s.sysDescr),
  },
  {
    // "Palo Alto Networks PA-5200 series firewall": the series, not the model.
    platform: 'panos', vendor: 'Palo Alto Networks', osName: 'PAN-OS',
    match: (s) => s.pen === 25461 || /Palo Alto Networks/i.test(s.sysDescr),
  },
  {
    // "EdgeOS v1.8.0.4853089.160219.1607": release, then build number, date and time.
    platform: 'edgeos', vendor: 'Ubiquiti', osName: 'EdgeOS',
    match: (s) => /\bEdgeOS\b/i.test(s.sysDescr),
    parse: (s) => ({ osVersion: first(/EdgeOS\s+v?(\d+\.\d+\.\d+)/i, s.sysDescr) }),
  },
  {
    // UniFi switches: "USW-Flex-XG, 6.2.14.13855" (model, firmware), sysObjectID often the bare enterprises arc.
    platform: 'unifi', vendor: 'Ubiquiti', osName: 'UniFi',
    match: (s) => /^(USW|US|UAP|U6|UDM|USG|UXG|UCK)[-\w]*,\s*\d/.test(s.sysDescr) || s.pen === 41112,
    parse: (s) => ({
      model: first(/^([-\w]+),\s*\d/, s.sysDescr),
      osVersion: first(/^[-\w]+,\s*(\d[\w.-]*)/, s.sysDescr),
      modelIsAuthoritative: true,
    }),
  },
  {
    // "Aruba JL727A 6200F 48G CL4 4SFP+370W Swch ML.10.07.0005" (ArubaOS-CX: <platform>.<release>)
    platform: 'arubaos-cx', vendor: 'HPE Aruba', osName: 'AOS-CX',
    match: (s) => s.pen === 47196 || /ArubaOS-CX|AOS-CX/i.test(s.sysDescr),
    parse: (s) => ({
      osVersion: first(/\b([A-Z]{2}\.\d{2}\.\d{2}\.\d{4,})\b/, s.sysDescr),
      model: first(/^Aruba\s+([A-Z]{2}\d{3}[A-Z])\b/, s.sysDescr),
    }),
  },
  {
    // "HP J9146A E2910al-24G-PoE Switch, revision W.15.08.0012, ROM W.14.06 (…) (Formerly ProCurve)"
    platform: 'procurve', vendor: 'HPE', osName: 'ArubaOS-Switch',
    match: (s) => /ProCurve|\brevision\s+[A-Z]{1,2}\.\d{2}\.\d{2}/i.test(s.sysDescr),
    parse: (s) => ({
      osVersion: first(/\brevision\s+([A-Z]{1,2}\.[\d.]+)/i, s.sysDescr),
      model: first(/^(?:HP|HPE|Aruba|ProCurve)\s+(?:ProCurve\s+)?(.+?)\s+Switch\b/i, s.sysDescr),
      modelIsAuthoritative: true,
    }),
  },
  {
    // "HP Comware Platform Software, Software Version 5.20.99 Release 2222P08\nHP A5500-24G EI Switch …"
    platform: 'comware', vendor: 'HPE', osName: 'Comware',
    match: (s) => /\bComware\b/i.test(s.sysDescr) || s.pen === 25506,
    parse: (s) => ({
      osVersion: first(/Software Version\s+([\d.]+(?:,?\s+(?:Release|ESS|Feature)\s+\w+)?)/i, s.sysDescr),
      model: first(/^(?:HP|HPE|H3C)\s+(\S.*?)\s*$/im, s.sysDescr.split('\n').slice(1).join('\n')),
      modelIsAuthoritative: true,
    }),
  },
  {
    // "S5720-56C-PWR-EI-AC\nHuawei Versatile Routing Platform Software\n VRP (R) software,Version 5.170 (S5720 V200R010C00SPC600)"
    platform: 'vrp', vendor: 'Huawei', osName: 'VRP',
    match: (s) => /Versatile Routing Platform|\bVRP\b/i.test(s.sysDescr) || s.pen === 2011,
    parse: (s) => {
      const m = /Version\s+([\d.]+)\s*\((?:[^)\s]+\s+)?(V\d{3}R\d{3}[\w]*)\)/i.exec(s.sysDescr);
      const line1 = s.sysDescr.split('\n')[0]?.trim() ?? '';
      const model = /^[A-Z]{1,6}\d[\w-]*$/.test(line1) ? line1 : first(/^Huawei\s+([A-Z]{1,6}\d[\w-]*)/i, line1);
      return { osVersion: m ? `${m[1]} (${m[2]})` : first(/Version\s+([\d.]+)/i, s.sysDescr), model, modelIsAuthoritative: model !== undefined };
    },
  },
  {
    platform: 'dell-os10', vendor: 'Dell', osName: 'OS10',
    match: (s) => /\bOS10\b/.test(s.sysDescr) && (s.pen === 674 || /Dell/i.test(s.sysDescr)),
  },
  {
    platform: 'gaia', vendor: 'Check Point', osName: 'Gaia',
    match: (s) => s.pen === 2620 || /\bGaia\b/i.test(s.sysDescr),
  },
  {
    // "SonicWALL TZ 570 (SonicOS 7.0.1-R1456)"
    platform: 'sonicwall', vendor: 'SonicWall', osName: 'SonicOS',
    match: (s) => s.pen === 8741 || /SonicWALL|SonicOS/i.test(s.sysDescr),
    parse: (s) => ({
      model: first(/SonicWALL\s+(.+?)\s*\(SonicOS/i, s.sysDescr),
      osVersion: first(/SonicOS\s+(?:Enhanced\s+)?(\d[\w.-]*)/i, s.sysDescr),
      modelIsAuthoritative: true,
    }),
  },
  {
    // GS1900 smart switches: sysDescr is the model ("GS1900-48").
    platform: 'zynos', vendor: 'Zyxel', osName: 'ZyNOS',
    match: (s) => s.pen === 890 || /\bZyNOS\b|Zyxel/i.test(s.sysDescr),
    parse: (s) => ({ model: first(/^((?:GS|XGS|ES|MES|XS|GS)\d[\w-]*)\b/, s.sysDescr) }),
  },
  {
    platform: 'jetstream', vendor: 'TP-Link', osName: 'JetStream',
    match: (s) => s.pen === 11863 || /\bJetStream\b/i.test(s.sysDescr),
    parse: (s) => ({ model: first(/\b(T\d{4}\w*-\w+)\b/, s.sysDescr) }),
  },
  {
    // "Alcatel-Lucent OS6350-P24 6.7.1.108.R04 Service Release, January 04, 2017."
    platform: 'aos', vendor: 'Alcatel-Lucent Enterprise', osName: 'AOS',
    match: (s) => s.pen === 6486 || /Alcatel-Lucent|OmniSwitch/i.test(s.sysDescr),
    parse: (s) => ({
      model: first(/\b(OS\d{4}[\w-]*)/, s.sysDescr),
      osVersion: first(/\s(\d+\.\d+\.\d+\.\d+\.R\d+)\b/, s.sysDescr),
      modelIsAuthoritative: true,
    }),
  },
  {
    platform: 'vyos', vendor: 'VyOS', osName: 'VyOS',
    match: (s) => s.pen === 44641 || /\bVyOS\b/i.test(s.sysDescr),
    parse: (s) => ({ osVersion: first(/\bVyOS\s+v?(\d[\w.-]*)/i, s.sysDescr) }),
  },
  {
    // "Linux OpenWrt 5.4.137 #0 SMP …" — the second word is uname's node name, OpenWrt's default hostname.
    platform: 'openwrt', vendor: 'OpenWrt', osName: 'OpenWrt',
    match: (s) => /\bOpenWrt\b/i.test(s.sysDescr),
  },
  {
    // uname -a: "Linux <node> <kernel release> <build> <machine>"
    platform: 'linux', vendor: 'Linux', osName: 'Linux',
    match: (s) => /^Linux\s/.test(s.sysDescr),
    parse: (s) => ({ osVersion: first(/^Linux\s+\S+\s+(\S+)/, s.sysDescr) }),
  },
];

/** Recognise the platform from the system group; 'unknown' with the enterprise's vendor otherwise. */
export function classifyPlatform(s: SystemInput, enterpriseVendor?: string): PlatformGuess {
  for (const rule of PLATFORM_RULES) {
    if (!rule.match(s)) continue;
    const parsed = rule.parse?.(s) ?? {};
    const out: PlatformGuess = { platform: rule.platform, vendor: rule.vendor, osName: rule.osName };
    if (parsed.osVersion) out.osVersion = parsed.osVersion;
    if (parsed.model) out.model = parsed.model;
    if (parsed.model && parsed.modelIsAuthoritative) out.modelIsAuthoritative = true;
    // Linux-based appliances keep their own vendor (Check Point, Net-SNMP on a known box).
    if (rule.platform === 'linux' && enterpriseVendor && enterpriseVendor !== 'Net-SNMP') out.vendor = enterpriseVendor;
    return out;
  }
  return enterpriseVendor ? { platform: 'unknown', vendor: enterpriseVendor } : { platform: 'unknown' };
}
