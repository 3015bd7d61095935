import { describe, expect, it } from 'vitest';
import { buildLabModel, type LabModelOptions } from '../../../electron/engine/lab/topology-model';

const defaults: LabModelOptions = { devices: 12, seed: 7, scenario: 'none', base: '127.20.0.0', snmpPort: 16161, sshPort: 2222 };

describe('lab topology model', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = buildLabModel(defaults);
    const b = buildLabModel(defaults);
    const c = buildLabModel({ ...defaults, seed: 8 });
    expect(JSON.stringify(a.devices.map((d) => ({ ...d, spec: d.spec.key })))).toBe(JSON.stringify(b.devices.map((d) => ({ ...d, spec: d.spec.key }))));
    expect(a.devices.map((d) => d.serial)).not.toEqual(c.devices.map((d) => d.serial));
  });

  it('spans at least six platforms, AI-capable and legacy models, on distinct loopback addresses', () => {
    const m = buildLabModel(defaults);
    expect(new Set(m.devices.map((d) => d.platform)).size).toBeGreaterThanOrEqual(6);
    expect(m.devices.some((d) => d.spec.aiCapable)).toBe(true);
    expect(m.devices.some((d) => d.spec.osVersion.startsWith('6.49'))).toBe(true);
    expect(m.devices.some((d) => d.spec.key === 'isr4321' && d.spec.osVersion.startsWith('16.'))).toBe(true);
    const addresses = m.devices.map((d) => d.address);
    expect(new Set(addresses).size).toBe(12);
    for (const a of addresses) expect(a).toMatch(/^127\.20\.0\.\d+$/);
  });

  it('names interfaces the way each platform does', () => {
    const m = buildLabModel(defaults);
    const names = (id: string) => m.devices.find((d) => d.id === id)!.interfaces.map((i) => i.name);
    expect(names('dist1')).toContain('GigabitEthernet1/0/1');
    expect(names('dist2')).toContain('ge-0/0/0');
    expect(names('core1')).toContain('xe-0/1/0');
    expect(names('core2')).toContain('Ethernet1');
    expect(names('acc3')).toContain('ether2');
    expect(names('edge-fw1')).toContain('port1');
    expect(names('frr-edge')).toContain('eth1');
  });

  it('has dual-homed and single-homed access switches', () => {
    const m = buildLabModel(defaults);
    const uplinks = (id: string) => m.links.filter((l) => l.b.deviceId === id && l.state === 'up').length;
    expect(uplinks('acc1')).toBe(2);
    expect(uplinks('acc3')).toBe(1);
    const shb = buildLabModel({ ...defaults, scenario: 'single-homed-branch' });
    expect(shb.links.filter((l) => l.b.deviceId === 'acc1' && l.state === 'up')).toHaveLength(1);
  });

  it('builds LLDP tables that mirror each other across every link', () => {
    for (const devices of [12, 57]) {
      const m = buildLabModel({ ...defaults, devices });
      const byId = new Map(m.devices.map((d) => [d.id, d]));
      let entries = 0;
      for (const d of m.devices) {
        for (const n of d.lldp) {
          entries++;
          const peer = byId.get(n.remoteDeviceId)!;
          expect(n.chassisIdMac).toBe(peer.baseMac);
          const mirror = peer.lldp.filter((p) => p.remoteDeviceId === d.id && p.chassisIdMac === d.baseMac);
          expect(mirror.length).toBeGreaterThan(0);
          const remotePort = peer.interfaces.find((i) => i.name === n.portDescr)!;
          expect(mirror.some((p) => p.localIfIndex === remotePort.ifIndex)).toBe(true);
        }
      }
      expect(entries).toBe(2 * m.links.filter((l) => l.state === 'up').length);
    }
  });

  it('uses each platform LLDP port ID subtype', () => {
    const m = buildLabModel(defaults);
    const core1 = m.devices.find((d) => d.id === 'core1')!;
    const fromDist1 = core1.lldp.find((n) => n.remoteDeviceId === 'dist1')!;
    expect(fromDist1.portIdSubtype).toBe(5);
    expect(fromDist1.portId).toMatch(/^Gi1\/0\/\d+$/);
    const dist1 = m.devices.find((d) => d.id === 'dist1')!;
    const fromCore1 = dist1.lldp.find((n) => n.remoteDeviceId === 'core1')!;
    expect(fromCore1.portIdSubtype).toBe(7);
    expect(Number(fromCore1.portId)).toBeGreaterThanOrEqual(513);
  });

  it('keeps every MAC unique and FDB on switches only', () => {
    const m = buildLabModel({ ...defaults, devices: 200 });
    const macs = m.devices.flatMap((d) => d.interfaces.filter((i) => i.mac).map((i) => i.mac)).concat(m.hosts.map((h) => h.mac));
    expect(new Set(macs).size).toBe(macs.length);
    for (const d of m.devices) {
      expect(d.fdb !== undefined).toBe(d.spec.isSwitch);
    }
    expect(m.devices.find((d) => d.id === 'acc1')!.fdb!.length).toBeGreaterThan(3);
  });

  it('gives every device valid, unique IPv4 addresses up to the 1000-device maximum', () => {
    const m = buildLabModel({ ...defaults, devices: 1000 });
    const octet = (x: string) => x.split('.').every((p) => Number(p) >= 0 && Number(p) <= 255) && x.split('.').length === 4;
    const ips = [...m.devices.flatMap((d) => d.interfaces.flatMap((i) => (i.ipv4 ? [i.ipv4.address] : []))), ...m.hosts.map((h) => h.ip)];
    for (const ip of ips) expect(octet(ip), ip).toBe(true);
    expect(new Set(ips).size).toBe(ips.length);
    for (const d of m.devices) for (const a of d.arp) expect(octet(a.ip), a.ip).toBe(true);
  });

  it('puts every device on 127.0.0.1 with its own ports where only that address answers (macOS)', () => {
    const m = buildLabModel({ ...defaults, sharedAddress: true });
    expect(new Set(m.devices.map((d) => d.address))).toEqual(new Set(['127.0.0.1']));
    expect(new Set(m.devices.map((d) => d.snmpPort)).size).toBe(12);
    expect(new Set(m.devices.map((d) => d.sshPort)).size).toBe(12);
    expect(m.devices[3]!.snmpPort).toBe(16161 + 3);
  });

  it('refuses a base that would leave 127/8', () => {
    expect(() => buildLabModel({ ...defaults, base: '127.255.255.250' })).toThrow(/127\.0\.0\.0\/8/);
  });

  it('marks scenario faults', () => {
    expect(buildLabModel({ ...defaults, scenario: 'congested-uplink' }).faults.congestedLinkId).toBeDefined();
    expect(buildLabModel({ ...defaults, scenario: 'pilot-gate-failure' }).faults.pilotDeviceId).toBe('acc1');
    expect(buildLabModel({ ...defaults, scenario: 'crc-errors' }).faults.crcPorts).toHaveLength(1);
    expect(buildLabModel({ ...defaults, scenario: 'beaconing-host' }).faults.beacon?.host.ip).toMatch(/^10\.100\./);
  });
});
