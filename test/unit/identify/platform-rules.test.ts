import { describe, expect, it } from 'vitest';
import { classifyPlatform } from '../../../electron/engine/discovery/identify/platform-rules';
import { vendorFromSysObjectId } from '../../../electron/engine/discovery/identify/enterprise-vendor';
import { recordedValue } from './snmprec-reader';

/**
 * The sysDescr / sysObjectID each recording holds, parsed; expectations read off the strings by hand.
 * `model` is only what sysDescr itself states (ENTITY-MIB and vendor MIBs refine it elsewhere).
 */
const CASES: { file: string; platform: string; vendor: string; osVersion?: string; model?: string }[] = [
  { file: 'ios_2960x', platform: 'ios', vendor: 'Cisco', osVersion: '15.0(2a)EX5' },
  { file: 'iosxe_c9500h-svl', platform: 'iosxe', vendor: 'Cisco', osVersion: '17.12.4' },
  { file: 'iosxe_isr4321', platform: 'iosxe', vendor: 'Cisco', osVersion: '17.6.4' },
  { file: 'iosxr_ncs55a2', platform: 'iosxr', vendor: 'Cisco', osVersion: '7.4.1' },
  { file: 'nxos_n3k-3064pq', platform: 'nxos', vendor: 'Cisco', osVersion: '7.0(3)I7(8)' },
  { file: 'asa', platform: 'asa', vendor: 'Cisco', osVersion: '9.12(2)' },
  { file: 'junos_mx5t-isis', platform: 'junos', vendor: 'Juniper', osVersion: '19.4R3.11', model: 'MX5-T' },
  { file: 'junos_qfx5100', platform: 'junos', vendor: 'Juniper', osVersion: '14.1X53-D40.8', model: 'QFX5100-48S-6Q' },
  // user-set sysDescr "Juniper SRX240B gsm-fw": only the enterprise number says Junos
  { file: 'junos_rpm', platform: 'junos', vendor: 'Juniper' },
  { file: 'arista_eos', platform: 'eos', vendor: 'Arista', osVersion: '4.15.3F', model: 'DCS-7050TX-128' },
  { file: 'routeros', platform: 'routeros', vendor: 'MikroTik' },
  { file: 'routeros_crs317', platform: 'routeros', vendor: 'MikroTik', model: 'CRS317-1G-16S+' },
  { file: 'fortigate_60fospfv3', platform: 'fortios', vendor: 'Fortinet' },
  { file: 'fortigate_100e', platform: 'fortios', vendor: 'Fortinet' },
  { file: 'panos_5220', platform: 'panos', vendor: 'Palo Alto Networks' },
  { file: 'edgeos', platform: 'edgeos', vendor: 'Ubiquiti', osVersion: '1.8.0' },
  { file: 'edgeswitch_usw-flex-xg', platform: 'unifi', vendor: 'Ubiquiti', osVersion: '6.2.14.13855', model: 'USW-Flex-XG' },
  { file: 'arubaos-cx_10.07', platform: 'arubaos-cx', vendor: 'HPE Aruba', osVersion: 'ML.10.07.0005', model: 'JL727A' },
  { file: 'procurve_e2910', platform: 'procurve', vendor: 'HPE', osVersion: 'W.15.08.0012', model: 'J9146A E2910al-24G-PoE' },
  { file: 'comware_a5500', platform: 'comware', vendor: 'HPE', osVersion: '5.20.99 Release 2222P08', model: 'A5500-24G EI Switch with 2 Interface Slots' },
  { file: 'vrp_5720', platform: 'vrp', vendor: 'Huawei', osVersion: '5.170 (V200R010C00SPC600)', model: 'S5720-56C-PWR-EI-AC' },
  { file: 'vrp_ar169sfp', platform: 'vrp', vendor: 'Huawei', osVersion: '5.170 (V200R009C00SPC500)', model: 'AR169F' },
  { file: 'openwrt', platform: 'openwrt', vendor: 'OpenWrt' },
  { file: 'gaia_1490', platform: 'gaia', vendor: 'Check Point' },
  { file: 'sonicwall_sonicos7', platform: 'sonicwall', vendor: 'SonicWall', osVersion: '7.0.1-R1456', model: 'TZ 570' },
  { file: 'zynos_gs1900-fdb', platform: 'zynos', vendor: 'Zyxel', model: 'GS1900-48' },
  { file: 'jetstream_vlans', platform: 'jetstream', vendor: 'TP-Link' },
  { file: 'dell-os10', platform: 'dell-os10', vendor: 'Dell' },
  { file: 'aos6', platform: 'aos', vendor: 'Alcatel-Lucent Enterprise', osVersion: '6.7.1.108.R04', model: 'OS6350-P24' },
];

describe('classifyPlatform on the recorded system groups', () => {
  it.each(CASES)('$file → $platform', (c) => {
    const sysDescr = (recordedValue(c.file, '1.3.6.1.2.1.1.1.0') ?? '').replace(/\r\n?/g, '\n').replace(/^["'\s]+/, '');
    const sysObjectID = recordedValue(c.file, '1.3.6.1.2.1.1.2.0') ?? '';
    const ent = vendorFromSysObjectId(sysObjectID);
    const g = classifyPlatform({ sysDescr, sysObjectID, pen: ent?.pen }, ent?.vendor);
    expect(g.platform).toBe(c.platform);
    expect(g.vendor).toBe(c.vendor);
    expect(g.osVersion).toBe(c.osVersion);
    if (c.model !== undefined) expect(g.model).toBe(c.model);
  });

  it('tells IOS-XE from IOS by version train when the image name does not say', () => {
    const d = 'Cisco IOS Software, ASR1000 Software (PPC_LINUX_IOSD-ADVENTERPRISEK9-M), Version 16.9.4, RELEASE SOFTWARE (fc2)';
    expect(classifyPlatform({ sysDescr: d, sysObjectID: '1.3.6.1.4.1.9.1.923', pen: 9 }).platform).toBe('iosxe');
    const old = 'Cisco IOS Software, 3800 Software (C3845-ADVENTERPRISEK9-M), Version 15.1(4)M10, RELEASE SOFTWARE (fc2)';
    expect(classifyPlatform({ sysDescr: old, sysObjectID: '1.3.6.1.4.1.9.1.544', pen: 9 }).platform).toBe('ios');
  });

  it('recognises VyOS and plain Linux, and keeps the vendor of a Linux appliance', () => {
    expect(classifyPlatform({ sysDescr: 'VyOS 1.4.0', sysObjectID: '1.3.6.1.4.1.44641', pen: 44641 }, 'VyOS')).toMatchObject({ platform: 'vyos', osVersion: '1.4.0' });
    expect(classifyPlatform({ sysDescr: 'Linux gw 6.1.0-18-amd64 #1 SMP x86_64', sysObjectID: '1.3.6.1.4.1.8072.3.2.10', pen: 8072 }, 'Linux')).toMatchObject({ platform: 'linux', osVersion: '6.1.0-18-amd64', vendor: 'Linux' });
  });

  it('falls back to the enterprise vendor with an unknown platform', () => {
    expect(classifyPlatform({ sysDescr: 'ExtremeXOS (X440G2-48p-10G4) version 31.7', sysObjectID: '1.3.6.1.4.1.1916.2.1', pen: 1916 }, 'Extreme Networks')).toEqual({ platform: 'unknown', vendor: 'Extreme Networks' });
    expect(classifyPlatform({ sysDescr: '', sysObjectID: '' })).toEqual({ platform: 'unknown' });
  });
});

describe('vendorFromSysObjectId', () => {
  it('maps enterprise numbers, longest object-id prefix first', () => {
    expect(vendorFromSysObjectId('1.3.6.1.4.1.9.1.1208')).toEqual({ vendor: 'Cisco', pen: 9 });
    expect(vendorFromSysObjectId('.1.3.6.1.4.1.2636.1.1.1.2.90')?.vendor).toBe('Juniper');
    expect(vendorFromSysObjectId('1.3.6.1.4.1.8072.3.2.10')?.vendor).toBe('Linux');
    expect(vendorFromSysObjectId('1.3.6.1.4.1.8072.3.2.99')?.vendor).toBe('Net-SNMP');
    expect(vendorFromSysObjectId('1.3.6.1.4.1.47196.4.1.1.1.303')?.vendor).toBe('HPE Aruba');
    expect(vendorFromSysObjectId('1.3.6.1.4.1')).toBeUndefined();
    expect(vendorFromSysObjectId('1.0.3.0.6.0.1.0')).toBeUndefined();
    expect(vendorFromSysObjectId('1.3.6.1.4.1.999999.1')).toBeUndefined();
  });
});
