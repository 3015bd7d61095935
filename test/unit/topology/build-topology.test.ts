import { describe, expect, it } from 'vitest';
import type { Neighbor } from '../../../shared/domain/neighbor';
import { buildTopology, type DeviceObservation, diffTopology } from '../../../electron/engine/topology/build-topology';
import { normaliseIfName } from '../../../electron/engine/topology/interface-names';

const lldp = (localIfName: string, chassis: string, portId: string, extra: Partial<Neighbor> = {}): Neighbor => ({
  protocol: 'lldp', localIfName, remoteChassisIdSubtype: 'macAddress', remoteChassisId: chassis,
  remotePortIdSubtype: 'interfaceName', remotePortId: portId, remoteMgmtAddresses: [], ...extra,
});

function device(id: string, chassis: string, ifaces: Array<[string, number, string?]>, neighbors: Neighbor[] = [], extra: Partial<DeviceObservation> = {}): DeviceObservation {
  return {
    id, label: id, sysName: id, addresses: [`127.0.0.${id.length}`], chassisIds: [chassis],
    interfaces: ifaces.map(([name, speedMbps, mac], i) => ({ ifIndex: i + 1, name, speedMbps, ...(mac ? { mac } : {}) })),
    neighbors, ...extra,
  };
}

describe('buildTopology', () => {
  it('joins both sides of an LLDP adjacency into one link, whatever interface spelling each side uses', () => {
    const core = device('core1', '00:00:00:00:00:01', [['GigabitEthernet1/0/1', 10000]], [lldp('GigabitEthernet1/0/1', '00:00:00:00:00:02', 'Eth1')]);
    const dist = device('dist1', '00:00:00:00:00:02', [['Ethernet1', 1000]], [lldp('Ethernet1', '00:00:00:00:00:01', 'Gi1/0/1')]);
    const t = buildTopology([core, dist]);
    expect(t.links).toHaveLength(1);
    expect(t.links[0]).toMatchObject({
      a: { device: 'core1', ifName: 'GigabitEthernet1/0/1', speedMbps: 10000 },
      b: { device: 'dist1', ifName: 'Ethernet1', speedMbps: 1000 },
      speedMbps: 1000,
      sources: ['lldp'],
    });
    expect(t.links[0]!.oneSided).toBeUndefined();
  });

  it('marks a link only one side reports, and merges LLDP and CDP evidence for the same link', () => {
    const a = device('a', '00:00:00:00:00:0a', [['Gi0/1', 1000], ['Gi0/2', 1000]], [
      lldp('Gi0/1', '00:00:00:00:00:0b', 'ge-0/0/0'),
      { protocol: 'cdp', localIfName: 'Gi0/2', remoteSysName: 'b.example.net', remoteChassisId: 'b.example.net', remotePortIdSubtype: 'interfaceName', remotePortId: 'ge-0/0/1', remoteMgmtAddresses: [] },
    ]);
    const b = device('b', '00:00:00:00:00:0b', [['ge-0/0/0', 1000], ['ge-0/0/1', 1000]], [lldp('ge-0/0/1.0', '00:00:00:00:00:0a', 'Gi0/2')]);
    const t = buildTopology([a, b]);
    const first = t.links.find((l) => l.a.ifName === 'Gi0/1')!;
    const second = t.links.find((l) => l.a.ifName === 'Gi0/2')!;
    expect(first.oneSided).toBe(true);
    expect(second.sources.sort()).toEqual(['cdp', 'lldp']);
    expect(second.oneSided).toBeUndefined();
  });

  it('shows neighbours nobody scanned as one unmanaged node with what the neighbours said', () => {
    const ap = lldp('Gi1', 'aa:aa:aa:aa:aa:aa', 'eth0', { remoteSysName: 'ap-7', remoteSysDesc: '<img src=x onerror=alert(1)>', remoteMgmtAddresses: ['192.0.2.7'] });
    const s1 = device('s1', '00:00:00:00:00:01', [['Gi1', 1000]], [ap]);
    const s2 = device('s2', '00:00:00:00:00:02', [['Gi1', 1000]], [{ ...ap }]);
    const t = buildTopology([s1, s2]);
    const unmanaged = t.nodes.filter((n) => !n.managed);
    expect(unmanaged).toHaveLength(1);
    expect(unmanaged[0]).toMatchObject({ label: 'ap-7', addresses: ['192.0.2.7'], reportedBy: ['s1', 's2'], description: '<img src=x onerror=alert(1)>' });
    expect(t.links.map((l) => l.b.device)).toEqual([unmanaged[0]!.id, unmanaged[0]!.id]);
  });

  it('merges one device seen through two addresses (same serial)', () => {
    const x = device('dev-a', '00:00:00:00:00:01', [['Gi1', 1000]], [], { serial: 'FOC1234X', addresses: ['127.0.0.1'], sysName: undefined });
    const y = device('dev-b', '00:00:00:00:00:09', [['Gi1', 1000]], [], { serial: 'foc1234x', addresses: ['127.0.0.2'], sysName: undefined });
    const t = buildTopology([x, y]);
    expect(t.nodes.filter((n) => n.managed)).toHaveLength(1);
    expect(t.merged).toEqual({ 'dev-b': 'dev-a' });
    expect(t.nodes[0]!.addresses).toEqual(['127.0.0.1', '127.0.0.2']);
  });

  it('keeps two devices that share a default hostname apart when their chassis IDs differ', () => {
    const x = device('sw-1', '00:00:00:00:00:01', [['Gi1', 1000]], [], { sysName: 'switch' });
    const y = device('sw-2', '00:00:00:00:00:02', [['Gi1', 1000]], [], { sysName: 'switch' });
    expect(buildTopology([x, y]).nodes.filter((n) => n.managed)).toHaveLength(2);
  });

  it('infers a link from a switch port that learned exactly one MAC of a managed device, not from an uplink full of MACs', () => {
    const router = device('rtr', '00:00:00:00:00:01', [['ether1', 1000, '4c:5e:0c:11:22:33']]);
    const sw = device('sw', '00:00:00:00:00:02', [['port3', 1000], ['port24', 1000]], [], {
      fdb: [
        { mac: '4C-5E-0C-11-22-33', ifName: 'port3' },
        { mac: '4c:5e:0c:11:22:33', ifName: 'port24' },
        { mac: '02:00:00:00:00:01', ifName: 'port24' },
      ],
    });
    const t = buildTopology([router, sw]);
    expect(t.links).toHaveLength(1);
    expect(t.links[0]).toMatchObject({ sources: ['arp-fdb'], a: { device: 'rtr', ifName: 'ether1' }, b: { device: 'sw', ifName: 'port3' } });
  });

  it('counts clients behind access ports (FDB MACs on ports that are not links) against the access port count', () => {
    const dist = device('dist', '00:00:00:00:00:01', [['Gi1', 10000]], [lldp('Gi1', '00:00:00:00:00:02', 'Gi0/49')]);
    const acc = device('acc', '00:00:00:00:00:02', [['Gi0/49', 10000], ['Gi0/1', 1000], ['Gi0/2', 1000], ['Vlan10', 0]], [lldp('Gi0/49', '00:00:00:00:00:01', 'Gi1')], {
      fdb: [
        { mac: '02:00:00:00:00:a1', ifName: 'Gi0/1' },
        { mac: '02:00:00:00:00:a2', ifName: 'Gi0/1' },
        { mac: '02:00:00:00:00:a3', ifName: 'Gi0/2' },
        { mac: '00:00:00:00:00:01', ifName: 'Gi0/49' }, // the uplink's MACs are not clients
      ],
    });
    const t = buildTopology([dist, acc]);
    expect(t.nodes.find((n) => n.id === 'acc')).toMatchObject({ clientCount: 3, clientCapacity: 2 });
    expect(t.nodes.find((n) => n.id === 'dist')!.clientCount).toBeUndefined();
  });

  it('adds manual links for gear that speaks no discovery protocol', () => {
    const a = device('a', '00:00:00:00:00:01', [['wan', 100]]);
    const b = device('b', '00:00:00:00:00:02', [['port1', 1000]]);
    const t = buildTopology([a, b], [{ id: 'manual-1', a: { device: 'a', ifName: 'wan' }, b: { device: 'b', ifName: 'port1' } }]);
    expect(t.links).toEqual([expect.objectContaining({ id: 'manual-1', sources: ['manual'], speedMbps: 100 })]);
  });
});

describe('diffTopology', () => {
  it('reports added and removed devices and links, and speed changes', () => {
    const a = device('a', '00:00:00:00:00:01', [['Gi1', 1000], ['Gi2', 1000]], [lldp('Gi1', '00:00:00:00:00:02', 'Gi1')]);
    const b = device('b', '00:00:00:00:00:02', [['Gi1', 1000]], [lldp('Gi1', '00:00:00:00:00:01', 'Gi1')]);
    const before = buildTopology([a, b]);
    const b10 = device('b', '00:00:00:00:00:02', [['Gi1', 10000]], [lldp('Gi1', '00:00:00:00:00:01', 'Gi1')]);
    const a10 = device('a', '00:00:00:00:00:01', [['Gi1', 10000], ['Gi2', 1000]], [lldp('Gi1', '00:00:00:00:00:02', 'Gi1'), lldp('Gi2', '00:00:00:00:00:03', 'Gi9')]);
    const c = device('c', '00:00:00:00:00:03', [['Gi9', 1000]]);
    const changes = diffTopology(before, buildTopology([a10, b10, c]));
    expect(changes.addedDevices).toEqual(['c']);
    expect(changes.removedDevices).toEqual([]);
    expect(changes.addedLinks).toEqual(['a:gigabitethernet2 <-> c:gigabitethernet9']);
    expect(changes.speedChanged).toEqual([{ link: 'a:gigabitethernet1 <-> b:gigabitethernet1', fromMbps: 1000, toMbps: 10000 }]);
  });

  it('normalises interface abbreviations', () => {
    expect(normaliseIfName('Gi1/0/3')).toBe(normaliseIfName('GigabitEthernet1/0/3'));
    expect(normaliseIfName('Te1/1/1')).toBe(normaliseIfName('TenGigabitEthernet1/1/1'));
    expect(normaliseIfName('Eth1/49')).toBe(normaliseIfName('Ethernet1/49'));
    expect(normaliseIfName('ge-0/0/0.0')).toBe('ge-0/0/0');
    expect(normaliseIfName('ether1')).toBe('ether1');
  });
});

describe('role inference', () => {
  it('reads roles from common naming conventions before falling back to graph degree', async () => {
    const { roleFromName } = await import('../../../electron/engine/topology/infer-roles');
    expect(['core1', 'dc1-core-a', 'spine2', 'dist2', 'bldg1-agg-1', 'acc3', 'idf4-access', 'edge-fw1', 'fw01', 'branch-gw'].map(roleFromName)).toEqual([
      'core', 'core', 'core', 'distribution', 'distribution', 'access', 'access', 'edge', 'edge', 'edge',
    ]);
    expect(roleFromName('router17')).toBeUndefined();
  });
});
