import type { Platform } from '../../../shared/domain/device';

/**
 * The hardware/software a lab device pretends to be. Strings follow what the real devices report, checked
 * against the LibreNMS recordings in ../shared/fixtures/snmprec (iosxe_*, junos_*, arista_eos, routeros*,
 * fortigate_*): Cisco puts "\n" after the first line and "\r\n" after the others; Junos names the
 * kernel; EOS names the model; RouterOS sysDescr is "RouterOS <board>"; FortiGate puts the model in
 * ENTITY-MIB as "FGT_100F".
 */
export interface ModelSpec {
  readonly key: string;
  readonly platform: Platform;
  readonly vendor: string;
  readonly osName: string;
  readonly model: string;
  readonly osVersion: string;
  readonly sysObjectID: string;
  readonly aiCapable: boolean;
  /** Switches keep an FDB (BRIDGE-MIB / Q-BRIDGE-MIB). */
  readonly isSwitch: boolean;
  readonly hardwareRev: string;
  /** Access/host port speed and uplink speed. */
  readonly portSpeedMbps: number;
  readonly uplinkSpeedMbps: number;
  readonly serialPrefix: string;
  sysDescr(hostname: string): string;
  entDescr(serial: string): string;
  firmwareRev: string;
  softwareRev: string;
}

export interface PlatformProfile {
  readonly platform: Platform;
  /** The IEEE OUI the base MAC comes from. */
  readonly oui: string;
  /** Front-panel port n (1-based) in the platform's own naming. */
  portName(n: number, model: ModelSpec): string;
  readonly loopbackName: string;
  readonly mgmtName: string;
  /**
   * LLDP port ID as the platform sends it (LLDP-MIB LldpPortIdSubtype): 5 interfaceName for Cisco, Arista,
   * MikroTik and FortiGate; 7 local (the SNMP ifIndex as text) for Junos; 3 macAddress for lldpd on Linux.
   */
  readonly lldpPortIdSubtype: 3 | 5 | 7;
  /** LLDP system capabilities (bits: 2 bridge, 4 router) as sent. */
  readonly lldpCaps: 'bridge-router' | 'router';
}

const cisco = '\nTechnical Support: http://www.cisco.com/techsupport\r\nCopyright (c) 1986-2023 by Cisco Systems, Inc.\r\n';
const junosBuild = 'Build date: 2024-02-09 08:44:17 UTC Copyright (c) 1996-2024 Juniper Networks, Inc.';

export const MODELS: Readonly<Record<string, ModelSpec>> = {
  mx204: {
    key: 'mx204', platform: 'junos', vendor: 'Juniper Networks', osName: 'Junos', model: 'MX204', osVersion: '22.4R3-S2',
    sysObjectID: '1.3.6.1.4.1.2636.1.1.1.2.151', aiCapable: true, isSwitch: false, hardwareRev: 'REV 18',
    portSpeedMbps: 10_000, uplinkSpeedMbps: 100_000, serialPrefix: 'BA',
    sysDescr: () => `Juniper Networks, Inc. mx204 internet router, kernel JUNOS 22.4R3-S2, ${junosBuild}`,
    entDescr: () => 'Juniper MX204 Internet Backbone Router', firmwareRev: '', softwareRev: '22.4R3-S2',
  },
  srx345: {
    key: 'srx345', platform: 'junos', vendor: 'Juniper Networks', osName: 'Junos', model: 'SRX345', osVersion: '22.4R3-S2',
    sysObjectID: '1.3.6.1.4.1.2636.1.1.1.2.135', aiCapable: true, isSwitch: false, hardwareRev: 'REV 0C',
    portSpeedMbps: 1000, uplinkSpeedMbps: 10_000, serialPrefix: 'CX',
    sysDescr: () => `Juniper Networks, Inc. srx345 internet router, kernel JUNOS 22.4R3-S2, ${junosBuild}`,
    entDescr: () => 'Juniper SRX345 Services Gateway', firmwareRev: '', softwareRev: '22.4R3-S2',
  },
  ex4300: {
    key: 'ex4300', platform: 'junos', vendor: 'Juniper Networks', osName: 'Junos', model: 'EX4300-48T', osVersion: '21.4R3-S5',
    sysObjectID: '1.3.6.1.4.1.2636.1.1.1.2.63', aiCapable: false, isSwitch: true, hardwareRev: 'REV 11',
    portSpeedMbps: 1000, uplinkSpeedMbps: 10_000, serialPrefix: 'PE',
    sysDescr: () => 'Juniper Networks, Inc. ex4300-48t Ethernet Switch, kernel JUNOS 21.4R3-S5, Build date: 2023-09-12 11:02:51 UTC Copyright (c) 1996-2023 Juniper Networks, Inc.',
    entDescr: () => 'Juniper EX4300-48T Ethernet Switch', firmwareRev: '', softwareRev: '21.4R3-S5',
  },
  c9300: {
    key: 'c9300', platform: 'iosxe', vendor: 'Cisco', osName: 'IOS-XE', model: 'C9300-48P', osVersion: '17.9.4a',
    sysObjectID: '1.3.6.1.4.1.9.1.2494', aiCapable: true, isSwitch: true, hardwareRev: 'V02',
    portSpeedMbps: 1000, uplinkSpeedMbps: 10_000, serialPrefix: 'FOC',
    sysDescr: () =>
      `Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.9.4a, RELEASE SOFTWARE (fc3)${cisco}Compiled Fri 20-Oct-23 10:44 by mcpre`,
    entDescr: () => 'Cisco Catalyst 9300 Series Chassis', firmwareRev: '17.9.1r', softwareRev: '17.09.04a',
  },
  c9200l: {
    key: 'c9200l', platform: 'iosxe', vendor: 'Cisco', osName: 'IOS-XE', model: 'C9200L-48P-4G', osVersion: '17.9.4a',
    sysObjectID: '1.3.6.1.4.1.9.1.2694', aiCapable: false, isSwitch: true, hardwareRev: 'V01',
    portSpeedMbps: 1000, uplinkSpeedMbps: 1000, serialPrefix: 'JAE',
    sysDescr: () =>
      `Cisco IOS Software [Cupertino], Catalyst L3 Switch Software (CAT9K_LITE_IOSXE), Version 17.9.4a, RELEASE SOFTWARE (fc3)${cisco}Compiled Fri 20-Oct-23 09:12 by mcpre`,
    entDescr: () => 'Cisco Catalyst 9200L Series Chassis', firmwareRev: '17.9.1r', softwareRev: '17.09.04a',
  },
  isr4321: {
    key: 'isr4321', platform: 'iosxe', vendor: 'Cisco', osName: 'IOS-XE', model: 'ISR4321/K9', osVersion: '16.9.8',
    sysObjectID: '1.3.6.1.4.1.9.1.2093', aiCapable: false, isSwitch: false, hardwareRev: 'V05',
    portSpeedMbps: 1000, uplinkSpeedMbps: 1000, serialPrefix: 'FDO',
    sysDescr: () =>
      `Cisco IOS Software [Fuji], ISR Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 16.9.8, RELEASE SOFTWARE (fc2)\nTechnical Support: http://www.cisco.com/techsupport\r\nCopyright (c) 1986-2021 by Cisco Systems, Inc.\r\nCompiled Thu 02-Dec-21 05:31 by mcpre`,
    entDescr: () => 'Cisco ISR4321 Chassis', firmwareRev: '16.7(3r)', softwareRev: '16.09.08',
  },
  dcs7050: {
    key: 'dcs7050', platform: 'eos', vendor: 'Arista Networks', osName: 'EOS', model: 'DCS-7050SX3-48YC8', osVersion: '4.30.1F',
    sysObjectID: '1.3.6.1.4.1.30065.1.3011.7050.3741.48', aiCapable: false, isSwitch: true, hardwareRev: '11.02',
    portSpeedMbps: 25_000, uplinkSpeedMbps: 100_000, serialPrefix: 'JPE',
    sysDescr: () => 'Arista Networks EOS version 4.30.1F running on an Arista Networks DCS-7050SX3-48YC8',
    entDescr: () => '48x25GbE (SFP) & 8x100GbE (QSFP) Ethernet Switch', firmwareRev: 'Aboot-norcal10-10.1.4', softwareRev: '4.30.1F',
  },
  dcs720: {
    key: 'dcs720', platform: 'eos', vendor: 'Arista Networks', osName: 'EOS', model: 'CCS-720XP-48ZC2', osVersion: '4.28.3M',
    sysObjectID: '1.3.6.1.4.1.30065.1.3011.720.1744.48', aiCapable: false, isSwitch: true, hardwareRev: '12.00',
    portSpeedMbps: 1000, uplinkSpeedMbps: 25_000, serialPrefix: 'WTW',
    sysDescr: () => 'Arista Networks EOS version 4.28.3M running on an Arista Networks CCS-720XP-48ZC2',
    entDescr: () => '48x2.5GbE PoE & 2x100GbE Campus Switch', firmwareRev: 'Aboot-norcal13-13.0.3', softwareRev: '4.28.3M',
  },
  crs326: {
    key: 'crs326', platform: 'routeros', vendor: 'MikroTik', osName: 'RouterOS', model: 'CRS326-24G-2S+', osVersion: '6.49.10',
    sysObjectID: '1.3.6.1.4.1.14988.1', aiCapable: false, isSwitch: true, hardwareRev: '',
    portSpeedMbps: 1000, uplinkSpeedMbps: 1000, serialPrefix: 'D',
    sysDescr: () => 'RouterOS CRS326-24G-2S+',
    entDescr: () => 'RouterOS 6.49.10 (long-term) on CRS326-24G-2S+', firmwareRev: '6.49.10', softwareRev: '6.49.10',
  },
  ccr2004: {
    key: 'ccr2004', platform: 'routeros', vendor: 'MikroTik', osName: 'RouterOS', model: 'CCR2004-1G-12S+2XS', osVersion: '7.13.5',
    sysObjectID: '1.3.6.1.4.1.14988.1', aiCapable: false, isSwitch: false, hardwareRev: '',
    portSpeedMbps: 10_000, uplinkSpeedMbps: 10_000, serialPrefix: 'HE',
    sysDescr: () => 'RouterOS CCR2004-1G-12S+2XS',
    entDescr: () => 'RouterOS 7.13.5 (stable) on CCR2004-1G-12S+2XS', firmwareRev: '7.13.5', softwareRev: '7.13.5',
  },
  fgt100f: {
    key: 'fgt100f', platform: 'fortios', vendor: 'Fortinet', osName: 'FortiOS', model: 'FGT_100F', osVersion: '7.4.3',
    sysObjectID: '1.3.6.1.4.1.12356.101.1.1004', aiCapable: true, isSwitch: false, hardwareRev: '',
    portSpeedMbps: 1000, uplinkSpeedMbps: 10_000, serialPrefix: 'FG100FTK',
    sysDescr: () => 'FGT_100F',
    entDescr: (serial) => `Fortinet FGT_100F, HW Serial#: ${serial}`, firmwareRev: '', softwareRev: 'FortiGate-100F v7.4.3,build2573,240201 (GA.F)',
  },
  frr: {
    key: 'frr', platform: 'frr', vendor: 'FRRouting', osName: 'Linux/FRR', model: 'x86_64 VM', osVersion: '8.4.4',
    sysObjectID: '1.3.6.1.4.1.8072.3.2.10', aiCapable: false, isSwitch: false, hardwareRev: '',
    portSpeedMbps: 10_000, uplinkSpeedMbps: 10_000, serialPrefix: 'VM',
    sysDescr: (hostname) => `Linux ${hostname} 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64`,
    entDescr: () => 'QEMU Standard PC (Q35 + ICH9, 2009)', firmwareRev: '', softwareRev: 'FRRouting 8.4.4',
  },
};

export function modelSpec(key: string): ModelSpec {
  const spec = MODELS[key];
  if (!spec) throw new Error(`unknown lab model ${key}`);
  return spec;
}

export const PROFILES: Readonly<Partial<Record<Platform, PlatformProfile>>> = {
  iosxe: {
    platform: 'iosxe', oui: '70:0f:6a', loopbackName: 'Loopback0', mgmtName: 'GigabitEthernet0/0',
    portName: (n, m) => (m.key === 'isr4321' ? `GigabitEthernet0/1/${n - 1}` : `GigabitEthernet1/0/${n}`),
    lldpPortIdSubtype: 5, lldpCaps: 'bridge-router',
  },
  junos: {
    platform: 'junos', oui: '28:8a:1c', loopbackName: 'lo0', mgmtName: 'fxp0',
    portName: (n, m) => (m.key === 'mx204' ? `xe-0/1/${n - 1}` : `ge-0/0/${n - 1}`),
    lldpPortIdSubtype: 7, lldpCaps: 'bridge-router',
  },
  eos: {
    platform: 'eos', oui: '00:1c:73', loopbackName: 'Loopback0', mgmtName: 'Management1',
    portName: (n) => `Ethernet${n}`, lldpPortIdSubtype: 5, lldpCaps: 'bridge-router',
  },
  routeros: {
    platform: 'routeros', oui: '48:8f:5a', loopbackName: 'lo', mgmtName: 'ether1',
    // ether1 is management on MikroTik boards; front-panel ports start at ether2.
    portName: (n) => `ether${n + 1}`, lldpPortIdSubtype: 5, lldpCaps: 'bridge-router',
  },
  fortios: {
    platform: 'fortios', oui: '70:4c:a5', loopbackName: 'loopback0', mgmtName: 'mgmt',
    portName: (n) => `port${n}`, lldpPortIdSubtype: 5, lldpCaps: 'router',
  },
  frr: {
    platform: 'frr', oui: '52:54:00', loopbackName: 'lo', mgmtName: 'eth0',
    portName: (n) => `eth${n}`, lldpPortIdSubtype: 3, lldpCaps: 'router',
  },
};

export function profileFor(platform: Platform): PlatformProfile {
  const p = PROFILES[platform];
  if (!p) throw new Error(`no lab profile for ${platform}`);
  return p;
}
