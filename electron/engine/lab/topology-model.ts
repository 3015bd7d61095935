import type { LabCredentials, LabRole, LabScenarioName } from '../../../shared/api/lab';
import type {
  LabArpEntry,
  LabDevice,
  LabFaults,
  LabFdbEntry,
  LabHost,
  LabInterface,
  LabLink,
  LabLldpNeighbour,
  LabModel,
  LabPortRef,
} from './lab-model-types';
import { type ModelSpec, modelSpec, profileFor } from './platform-profiles';
import { type SeededRandom, seededRandom } from './seeded-random';
import { evaluateAiCapability } from '../discovery/catalog/ai-catalog';
import { vendorFromSysObjectId } from '../discovery/identify/enterprise-vendor';

export interface LabModelOptions {
  devices: number;
  seed: number;
  scenario: LabScenarioName;
  /** First address; devices get base+1, base+2, … */
  base: string;
  snmpPort: number;
  sshPort: number;
  /** Where the OS does not route all of 127/8 (macOS): every device on 127.0.0.1 with its own ports. */
  sharedAddress?: boolean;
}

export const LAB_CREDENTIALS: LabCredentials = {
  snmpV2cCommunity: 'routewise-lab',
  snmpV3: { user: 'labadmin', level: 'authPriv', authProto: 'sha', authKey: 'lab-auth-secret', privProto: 'aes', privKey: 'lab-priv-secret' },
  ssh: { user: 'admin', password: 'routewise-lab' },
};

interface PlannedDevice {
  role: LabRole;
  hostname: string;
  model: string;
}

/** The first twelve: a core pair, a distribution pair, dual- and single-homed access, firewalls, branches. */
const TEMPLATE: readonly PlannedDevice[] = [
  { role: 'core', hostname: 'core1', model: 'mx204' },
  { role: 'core', hostname: 'core2', model: 'dcs7050' },
  { role: 'distribution', hostname: 'dist1', model: 'c9300' },
  { role: 'distribution', hostname: 'dist2', model: 'ex4300' },
  { role: 'edge', hostname: 'edge-fw1', model: 'fgt100f' },
  { role: 'access', hostname: 'acc1', model: 'c9200l' },
  { role: 'access', hostname: 'acc2', model: 'dcs720' },
  { role: 'access', hostname: 'acc3', model: 'crs326' },
  { role: 'edge', hostname: 'edge-srx', model: 'srx345' },
  { role: 'edge', hostname: 'frr-edge', model: 'frr' },
  { role: 'branch', hostname: 'branch-isr', model: 'isr4321' },
  { role: 'branch', hostname: 'branch-ccr', model: 'ccr2004' },
];

/** Cabling of the template, by hostname. acc3, frr-edge and both branches are single-homed on purpose. */
const TEMPLATE_LINKS: ReadonlyArray<readonly [string, string]> = [
  ['core1', 'core2'],
  ['core1', 'dist1'], ['core1', 'dist2'], ['core2', 'dist1'], ['core2', 'dist2'], ['dist1', 'dist2'],
  ['core1', 'edge-fw1'], ['core2', 'edge-fw1'],
  ['dist1', 'acc1'], ['dist2', 'acc1'], ['dist1', 'acc2'], ['dist2', 'acc2'], ['dist2', 'acc3'],
  ['core1', 'edge-srx'], ['core2', 'edge-srx'], ['core2', 'frr-edge'],
  ['edge-fw1', 'branch-isr'], ['frr-edge', 'branch-ccr'],
];

const EXTRA_ACCESS_MODELS = ['c9200l', 'dcs720', 'crs326', 'ex4300', 'c9200l', 'dcs720', 'crs326', 'c9200l'] as const;
const EXTRA_DIST_MODELS = ['c9300', 'ex4300'] as const;
const HOST_OUIS = ['3c:fd:fe', 'f8:bc:12', 'a4:83:e7', '94:57:a5', 'b8:27:eb'] as const;

function planDevices(count: number): { devices: PlannedDevice[]; links: Array<[string, string]> } {
  const devices = TEMPLATE.slice(0, count).map((d) => ({ ...d }));
  const present = new Set(devices.map((d) => d.hostname));
  const links = TEMPLATE_LINKS.filter(([a, b]) => present.has(a) && present.has(b)).map(([a, b]) => [a, b] as [string, string]);
  // Beyond the template: blocks of ten, a distribution pair on the core pair and eight access switches
  // under it, two of every three dual-homed.
  let dist = 2;
  let acc = 3;
  let pair: [string, string] = ['dist1', 'dist2'];
  for (let i = TEMPLATE.length; i < count; i++) {
    const slot = (i - TEMPLATE.length) % 10;
    if (slot < 2) {
      dist += 1;
      const hostname = `dist${dist}`;
      devices.push({ role: 'distribution', hostname, model: EXTRA_DIST_MODELS[slot] ?? 'c9300' });
      links.push(['core1', hostname], ['core2', hostname]);
      if (slot === 0) pair = [hostname, hostname];
      else {
        pair = [pair[0], hostname];
        links.push([pair[0], hostname]);
      }
    } else {
      acc += 1;
      const hostname = `acc${acc}`;
      devices.push({ role: 'access', hostname, model: EXTRA_ACCESS_MODELS[slot - 2] ?? 'c9200l' });
      links.push([pair[0], hostname]);
      if (slot % 3 !== 1 && pair[1] !== pair[0]) links.push([pair[1], hostname]);
    }
  }
  return { devices, links };
}

function addressPlus(base: string, offset: number): string {
  const parts = base.split('.').map(Number);
  const value = (((parts[0] ?? 0) << 24) >>> 0) + ((parts[1] ?? 0) << 16) + ((parts[2] ?? 0) << 8) + (parts[3] ?? 0) + offset;
  if (value >>> 24 !== 127 || (value & 0xffffff) === 0xffffff) {
    throw new RangeError(`lab address ${base}+${offset} leaves 127.0.0.0/8`);
  }
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

function macPlus(mac: string, offset: number): string {
  const value = BigInt(`0x${mac.replaceAll(':', '')}`) + BigInt(offset);
  const hex = value.toString(16).padStart(12, '0').slice(-12);
  return hex.match(/../g)?.join(':') ?? mac;
}

/** Cisco advertises the short interface name as its LLDP port ID ("Gi1/0/1"). */
export function ciscoShortName(name: string): string {
  return name.replace(/^GigabitEthernet/, 'Gi').replace(/^TenGigabitEthernet/, 'Te').replace(/^Loopback/, 'Lo');
}

interface PortPlan {
  next: number;
  ports: LabInterface[];
}

/** Build the whole lab network for a seed: pure and deterministic. */
export function buildLabModel(opts: LabModelOptions): LabModel {
  const rnd = seededRandom(opts.seed);
  const plan = planDevices(opts.devices);
  const byName = new Map(plan.devices.map((d, i) => [d.hostname, i]));
  const specs = plan.devices.map((d) => modelSpec(d.model));
  // Each device owns a block of 256 MACs (base + port number), so no two lab MACs collide.
  const macSalt = rnd.int(0, 0x3fff);
  const baseMacs = plan.devices.map((_d, i) => {
    const block = (macSalt + i + 1) & 0xffff;
    return `${profileFor(specs[i]!.platform).oui}:${(block >> 8).toString(16).padStart(2, '0')}:${(block & 255).toString(16).padStart(2, '0')}:00`;
  });
  // Port numbers start after the platform's reserved interfaces; Junos front-panel ifIndexes start at 513.
  const portPlans: PortPlan[] = plan.devices.map(() => ({ next: 1, ports: [] }));
  const firstPortIfIndex = (spec: ModelSpec) => (spec.platform === 'junos' ? 513 : 3);
  const ifIndexOf = (i: number, n: number) => firstPortIfIndex(specs[i]!) + n - 1;

  const takePort = (i: number, kind: LabInterface['kind'], speedMbps: number, description: string, extra: Partial<LabInterface> = {}): LabInterface => {
    const pp = portPlans[i]!;
    const n = pp.next++;
    const spec = specs[i]!;
    const iface: LabInterface = {
      ifIndex: ifIndexOf(i, n),
      name: profileFor(spec.platform).portName(n, spec),
      ifType: 6,
      speedMbps,
      mtu: spec.platform === 'junos' ? 1514 : 1500,
      mac: macPlus(baseMacs[i]!, n + 2),
      kind,
      description,
      ...extra,
    };
    pp.ports.push(iface);
    return iface;
  };

  const links: LabLink[] = [];
  plan.links.forEach(([aName, bName], k) => {
    const ai = byName.get(aName)!;
    const bi = byName.get(bName)!;
    const speedMbps = Math.min(specs[ai]!.uplinkSpeedMbps, specs[bi]!.uplinkSpeedMbps);
    const linkId = `L${k + 1}`;
    const third = Math.floor((2 * k) / 256);
    const fourth = (2 * k) % 256;
    takePort(ai, 'link', speedMbps, `to ${bName}`, { linkId, ipv4: { address: `10.254.${third}.${fourth}`, prefixLen: 31 } });
    takePort(bi, 'link', speedMbps, `to ${aName}`, { linkId, ipv4: { address: `10.254.${third}.${fourth + 1}`, prefixLen: 31 } });
    const pa = portPlans[ai]!.ports.at(-1)!;
    const pb = portPlans[bi]!.ports.at(-1)!;
    links.push({
      id: linkId,
      a: { deviceId: plan.devices[ai]!.hostname, ifIndex: pa.ifIndex },
      b: { deviceId: plan.devices[bi]!.hostname, ifIndex: pb.ifIndex },
      speedMbps,
      rateAtoBbps: Math.round(speedMbps * 1e6 * (0.05 + rnd.next() * 0.3)),
      rateBtoAbps: Math.round(speedMbps * 1e6 * (0.05 + rnd.next() * 0.3)),
      state: 'up',
    });
  });

  // Hosts behind access switches (they do not speak LLDP: they show up in FDB and ARP only).
  const hosts: LabHost[] = [];
  plan.devices.forEach((d, i) => {
    if (d.role !== 'access') return;
    const count = rnd.int(3, 6);
    for (let h = 0; h < count; h++) {
      const port = takePort(i, 'host', specs[i]!.portSpeedMbps, `user port ${h + 1}`);
      hosts.push({
        ip: `10.${100 + Math.floor(i / 256)}.${i % 256}.${10 + h}`,
        mac: `${rnd.pick(HOST_OUIS)}:${rnd.hex(1)}:${rnd.hex(1)}:${rnd.hex(1)}`,
        switchId: d.hostname,
        ifIndex: port.ifIndex,
      });
    }
  });
  plan.devices.forEach((_d, i) => {
    takePort(i, 'unused', specs[i]!.portSpeedMbps, '');
    takePort(i, 'unused', specs[i]!.portSpeedMbps, '');
  });

  const faults = applyScenario(opts.scenario, plan.devices, links, hosts, rnd);
  const finalLinks = links.map((l) =>
    l.id === faults.congestedLinkId ? { ...l, rateAtoBbps: Math.round(l.speedMbps * 1e6 * 0.97) } : l,
  ).map((l) => (faults.singleHomedDeviceId && l.id === singleHomedLinkId(faults, links) ? { ...l, state: 'admin-down' as const } : l));

  const devices: LabDevice[] = plan.devices.map((d, i) => {
    const spec = specs[i]!;
    const profile = profileFor(spec.platform);
    // macOS answers only on 127.0.0.1: there each device keeps that address and gets its own ports.
    const address = opts.sharedAddress ? '127.0.0.1' : addressPlus(opts.base, i + 1);
    const mgmt: LabInterface = {
      ifIndex: 1, name: profile.mgmtName, ifType: 6, speedMbps: 1000, mtu: 1500, mac: macPlus(baseMacs[i]!, 1),
      kind: 'mgmt', description: 'lab management', ipv4: { address, prefixLen: 16 },
    };
    const loopback: LabInterface = {
      ifIndex: 2, name: profile.loopbackName, ifType: 24, speedMbps: 0, mtu: 65535, mac: '', kind: 'loopback',
      description: '', ipv4: { address: `10.255.${Math.floor((i + 1) / 256)}.${(i + 1) % 256}`, prefixLen: 32 },
    };
    return {
      id: d.hostname,
      index: i,
      hostname: d.hostname,
      role: d.role,
      platform: spec.platform,
      spec,
      serial: `${spec.serialPrefix}${rnd.hex(4).toUpperCase()}`,
      baseMac: baseMacs[i]!,
      address,
      snmpPort: opts.sharedAddress ? opts.snmpPort + i : opts.snmpPort,
      sshPort: opts.sharedAddress ? opts.sshPort + i : opts.sshPort,
      interfaces: [mgmt, ...portPlans[i]!.ports, loopback],
      lldp: [],
      arp: [],
      priorUptimeSec: rnd.int(3600, 400 * 86400),
      cpuLoadPct: rnd.int(3, 35),
      memTotalKb: spec.platform === 'routeros' ? 524288 : 8 * 1048576,
      memUsedKb: 0,
      location: `Lab rack ${1 + Math.floor(i / 8)}, row ${d.role}`,
      contact: 'lab-admin@routewise.invalid',
    };
  });
  const withMem = devices.map((d) => ({ ...d, memUsedKb: Math.round(d.memTotalKb * (0.25 + rnd.next() * 0.4)) }));
  const byId = new Map(withMem.map((d) => [d.id, d]));
  const lldp = deriveLldp(withMem, byId, finalLinks);
  const arp = deriveArp(withMem, byId, finalLinks, hosts);
  const fdb = deriveFdb(withMem, byId, finalLinks, hosts);
  const finished = withMem.map((d) => ({
    ...d,
    lldp: lldp.get(d.id) ?? [],
    arp: arp.get(d.id) ?? [],
    ...(d.spec.isSwitch ? { fdb: fdb.get(d.id) ?? [] } : {}),
  }));
  return { seed: opts.seed, scenario: opts.scenario, devices: finished, links: finalLinks, hosts, faults, credentials: LAB_CREDENTIALS };
}

function singleHomedLinkId(faults: LabFaults, links: readonly LabLink[]): string | undefined {
  const uplinks = links.filter((l) => l.b.deviceId === faults.singleHomedDeviceId || l.a.deviceId === faults.singleHomedDeviceId);
  return uplinks.length > 1 ? uplinks.at(-1)?.id : undefined;
}

function applyScenario(scenario: LabScenarioName, devices: readonly PlannedDevice[], links: readonly LabLink[], hosts: readonly LabHost[], rnd: SeededRandom): LabFaults {
  const access = devices.filter((d) => d.role === 'access').map((d) => d.hostname);
  const uplinkOf = (id: string | undefined) => links.find((l) => l.b.deviceId === id);
  const firstAccess = access[0];
  switch (scenario) {
    case 'congested-uplink': {
      const link = uplinkOf(firstAccess) ?? links[0];
      return { crcPorts: [], ...(link ? { congestedLinkId: link.id } : {}) };
    }
    case 'flapping-link': {
      const link = uplinkOf(access[1] ?? firstAccess) ?? links[0];
      return { crcPorts: [], ...(link ? { flappingLinkId: link.id } : {}) };
    }
    case 'crc-errors': {
      const link = uplinkOf(access[2] ?? firstAccess) ?? links[0];
      return { crcPorts: link ? [link.b] : [] };
    }
    case 'pilot-gate-failure':
      return { crcPorts: [], ...(firstAccess ? { pilotDeviceId: firstAccess } : {}) };
    case 'single-homed-branch':
      return { crcPorts: [], ...(firstAccess ? { singleHomedDeviceId: firstAccess } : {}) };
    case 'beaconing-host': {
      const host = hosts.length > 0 ? rnd.pick(hosts) : undefined;
      // 203.0.113.0/24 is TEST-NET-3 (RFC 5737): it only ever appears inside log text, never as a destination.
      return { crcPorts: [], ...(host ? { beacon: { host, c2Address: '203.0.113.77', c2Port: 443, periodSec: 60 } } : {}) };
    }
    case 'none':
      return { crcPorts: [] };
  }
}

function lldpPortId(peer: LabDevice, iface: LabInterface): { subtype: 3 | 5 | 7; id: string } {
  const profile = profileFor(peer.platform);
  if (profile.lldpPortIdSubtype === 7) return { subtype: 7, id: String(iface.ifIndex) };
  if (profile.lldpPortIdSubtype === 3) return { subtype: 3, id: iface.mac };
  return { subtype: 5, id: peer.platform === 'iosxe' ? ciscoShortName(iface.name) : iface.name };
}

function ifaceOf(device: LabDevice, ifIndex: number): LabInterface {
  const iface = device.interfaces.find((i) => i.ifIndex === ifIndex);
  if (!iface) throw new Error(`${device.id} has no ifIndex ${ifIndex}`);
  return iface;
}

function deriveLldp(devices: readonly LabDevice[], byId: Map<string, LabDevice>, links: readonly LabLink[]): Map<string, LabLldpNeighbour[]> {
  const out = new Map<string, LabLldpNeighbour[]>(devices.map((d) => [d.id, []]));
  for (const link of links) {
    if (link.state !== 'up') continue;
    for (const [local, remote] of [[link.a, link.b], [link.b, link.a]] as Array<[LabPortRef, LabPortRef]>) {
      const peer = byId.get(remote.deviceId)!;
      const peerIface = ifaceOf(peer, remote.ifIndex);
      const port = lldpPortId(peer, peerIface);
      const list = out.get(local.deviceId)!;
      const caps = profileFor(peer.platform).lldpCaps;
      list.push({
        localIfIndex: local.ifIndex,
        remIndex: list.length + 1,
        remoteDeviceId: peer.id,
        chassisIdMac: peer.baseMac,
        portIdSubtype: port.subtype,
        portId: port.id,
        portDescr: peerIface.name,
        sysName: peer.hostname,
        sysDescr: peer.spec.sysDescr(peer.hostname),
        capsRouter: true,
        capsBridge: caps === 'bridge-router' && peer.spec.isSwitch,
        mgmtAddress: peer.address,
      });
    }
  }
  return out;
}

function deriveArp(devices: readonly LabDevice[], byId: Map<string, LabDevice>, links: readonly LabLink[], hosts: readonly LabHost[]): Map<string, LabArpEntry[]> {
  const out = new Map<string, LabArpEntry[]>(devices.map((d) => [d.id, []]));
  for (const link of links) {
    if (link.state !== 'up') continue;
    for (const [local, remote] of [[link.a, link.b], [link.b, link.a]] as Array<[LabPortRef, LabPortRef]>) {
      const peerIface = ifaceOf(byId.get(remote.deviceId)!, remote.ifIndex);
      if (peerIface.ipv4) out.get(local.deviceId)!.push({ ifIndex: local.ifIndex, ip: peerIface.ipv4.address, mac: peerIface.mac });
    }
  }
  // The first distribution switch above an access switch is the hosts' gateway: it holds their ARP entries.
  for (const host of hosts) {
    const uplink = links.find((l) => l.b.deviceId === host.switchId && l.state === 'up');
    if (uplink) out.get(uplink.a.deviceId)!.push({ ifIndex: uplink.a.ifIndex, ip: host.ip, mac: host.mac });
    out.get(host.switchId)!.push({ ifIndex: 1, ip: host.ip, mac: host.mac });
  }
  for (const list of out.values()) list.sort((x, y) => x.ifIndex - y.ifIndex || ipOrder(x.ip) - ipOrder(y.ip));
  return out;
}

function deriveFdb(devices: readonly LabDevice[], byId: Map<string, LabDevice>, links: readonly LabLink[], hosts: readonly LabHost[]): Map<string, LabFdbEntry[]> {
  const out = new Map<string, Map<string, LabFdbEntry>>(devices.map((d) => [d.id, new Map()]));
  const learn = (deviceId: string, entry: LabFdbEntry) => {
    const dev = byId.get(deviceId);
    if (dev?.spec.isSwitch) out.get(deviceId)!.set(entry.mac, entry);
  };
  for (const link of links) {
    if (link.state !== 'up') continue;
    for (const [local, remote] of [[link.a, link.b], [link.b, link.a]] as Array<[LabPortRef, LabPortRef]>) {
      const peerIface = ifaceOf(byId.get(remote.deviceId)!, remote.ifIndex);
      learn(local.deviceId, { mac: peerIface.mac, ifIndex: local.ifIndex, vlan: 1 });
    }
  }
  for (const host of hosts) {
    learn(host.switchId, { mac: host.mac, ifIndex: host.ifIndex, vlan: 10 });
    for (const l of links) {
      if (l.b.deviceId === host.switchId && l.state === 'up') learn(l.a.deviceId, { mac: host.mac, ifIndex: l.a.ifIndex, vlan: 10 });
    }
  }
  return new Map([...out].map(([id, m]) => [id, [...m.values()]]));
}

function ipOrder(ip: string): number {
  return ip.split('.').reduce((acc, p) => acc * 256 + Number(p), 0);
}

/** The device list as the protocol shows it. */
export function summarizeDevice(d: LabDevice) {
  return {
    id: d.id,
    hostname: d.hostname,
    role: d.role,
    platform: d.platform,
    vendor: d.spec.vendor,
    model: d.spec.model,
    osVersion: d.spec.osVersion,
    // The discovery catalog decides, exactly as a scan of this device will: the lab never disagrees with the inventory.
    aiCapable: labDeviceAiCapable(d),
    emitsDetections: emitsDetections(d),
    address: d.address,
    snmpPort: d.snmpPort,
    sshPort: d.sshPort,
  };
}

/** What the AI capability catalog says of a lab device, from the same facts a scan reads (sysObjectID → vendor). */
export function labDeviceAiCapable(d: LabDevice): boolean {
  return evaluateAiCapability({
    vendor: vendorFromSysObjectId(d.spec.sysObjectID)?.vendor ?? d.spec.vendor,
    platform: d.platform,
    model: d.spec.model,
    osVersion: d.spec.osVersion,
    sources: ['snmp'],
  }).capable;
}

/** The lab devices with an on-box IPS that report detections: AI-capable FortiGates and Junos routers/firewalls. */
export function emitsDetections(d: LabDevice): boolean {
  return d.spec.aiCapable && (d.platform === 'fortios' || d.platform === 'junos');
}
