import type { LabCredentials, LabRole, LabScenarioName } from '../../../shared/api/lab';
import type { Platform } from '../../../shared/domain/device';
import type { ModelSpec } from './platform-profiles';

export interface LabPortRef {
  readonly deviceId: string;
  readonly ifIndex: number;
}

export interface LabInterface {
  readonly ifIndex: number;
  readonly name: string;
  /** IF-MIB ifType: 6 ethernetCsmacd, 24 softwareLoopback. */
  readonly ifType: 6 | 24;
  readonly speedMbps: number;
  readonly mtu: number;
  /** Colon-separated lower-case hex. */
  readonly mac: string;
  readonly kind: 'mgmt' | 'loopback' | 'link' | 'host' | 'unused';
  readonly description: string;
  readonly ipv4?: { readonly address: string; readonly prefixLen: number };
  /** The link this port belongs to, if any. */
  readonly linkId?: string;
}

export interface LabLink {
  readonly id: string;
  readonly a: LabPortRef;
  readonly b: LabPortRef;
  readonly speedMbps: number;
  /** Average bits per second a→b and b→a. */
  readonly rateAtoBbps: number;
  readonly rateBtoAbps: number;
  /** admin-down: cabled but shut on both ends (no LLDP, oper down). */
  readonly state: 'up' | 'admin-down';
}

export interface LabLldpNeighbour {
  readonly localIfIndex: number;
  readonly remIndex: number;
  readonly remoteDeviceId: string;
  /** 6 bytes, lldpRemChassisIdSubtype 4 (macAddress). */
  readonly chassisIdMac: string;
  readonly portIdSubtype: 3 | 5 | 7;
  /** Text for subtypes 5 and 7, colon MAC for 3. */
  readonly portId: string;
  readonly portDescr: string;
  readonly sysName: string;
  readonly sysDescr: string;
  readonly capsRouter: boolean;
  readonly capsBridge: boolean;
  readonly mgmtAddress: string;
}

export interface LabArpEntry {
  readonly ifIndex: number;
  readonly ip: string;
  readonly mac: string;
}

export interface LabFdbEntry {
  readonly mac: string;
  readonly ifIndex: number;
  readonly vlan: number;
}

export interface LabHost {
  readonly ip: string;
  readonly mac: string;
  readonly switchId: string;
  readonly ifIndex: number;
}

export interface LabDevice {
  readonly id: string;
  readonly index: number;
  readonly hostname: string;
  readonly role: LabRole;
  readonly platform: Platform;
  readonly spec: ModelSpec;
  readonly serial: string;
  readonly baseMac: string;
  readonly address: string;
  readonly snmpPort: number;
  readonly sshPort: number;
  readonly interfaces: readonly LabInterface[];
  readonly lldp: readonly LabLldpNeighbour[];
  readonly arp: readonly LabArpEntry[];
  /** Switches only. */
  readonly fdb?: readonly LabFdbEntry[];
  /** Seconds the device had been up when the lab started. */
  readonly priorUptimeSec: number;
  readonly cpuLoadPct: number;
  readonly memTotalKb: number;
  readonly memUsedKb: number;
  readonly location: string;
  readonly contact: string;
}

export interface LabFaults {
  readonly congestedLinkId?: string;
  readonly flappingLinkId?: string;
  /** Interfaces whose ifInErrors grow (CRC/FCS). */
  readonly crcPorts: readonly LabPortRef[];
  /** A device that goes dark while it runs a committed change, until the change is rolled back. */
  readonly pilotDeviceId?: string;
  readonly beacon?: { readonly host: LabHost; readonly c2Address: string; readonly c2Port: number; readonly periodSec: number };
  readonly singleHomedDeviceId?: string;
}

export interface LabModel {
  readonly seed: number;
  readonly scenario: LabScenarioName;
  readonly devices: readonly LabDevice[];
  readonly links: readonly LabLink[];
  readonly hosts: readonly LabHost[];
  readonly faults: LabFaults;
  readonly credentials: LabCredentials;
}
