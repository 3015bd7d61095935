import { describe, expect, it } from 'vitest';
import type { LabScenarioName } from '../../../shared/api/lab';
import { buildLabModel } from '../../../electron/engine/lab/topology-model';
import { counter64Buffer, FLAP_HALF_PERIOD_SEC, TrafficModel } from '../../../electron/engine/lab/traffic-model';

function setup(scenario: LabScenarioName, timeScale = 1) {
  const model = buildLabModel({ devices: 12, seed: 4, scenario, base: '127.20.0.0', snmpPort: 16161, sshPort: 2222 });
  let nowMs = 1_700_000_000_000;
  const traffic = new TrafficModel(model, nowMs, timeScale, () => nowMs);
  return { model, traffic, advance: (sec: number) => (nowMs += sec * 1000) };
}

describe('lab traffic model', () => {
  it('grows every counter monotonically on a fake clock', () => {
    const { model, traffic, advance } = setup('none');
    const d = model.devices[2]!;
    let prev = d.interfaces.map((i) => traffic.counters(d, i));
    for (let step = 0; step < 50; step++) {
      advance(7.3);
      const next = d.interfaces.map((i) => traffic.counters(d, i));
      next.forEach((c, k) => {
        expect(c.inOctets).toBeGreaterThanOrEqual(prev[k]!.inOctets);
        expect(c.outOctets).toBeGreaterThanOrEqual(prev[k]!.outOctets);
      });
      prev = next;
    }
    const link = d.interfaces.find((i) => i.kind === 'link')!;
    const a = traffic.counters(d, link).outOctets;
    advance(10);
    expect(traffic.counters(d, link).outOctets).toBeGreaterThan(a);
  });

  it('congested-uplink runs near but never above line rate, and discards', () => {
    const { model, traffic, advance } = setup('congested-uplink');
    const link = model.links.find((l) => l.id === model.faults.congestedLinkId)!;
    const dev = model.devices.find((d) => d.id === link.a.deviceId)!;
    const iface = dev.interfaces.find((i) => i.ifIndex === link.a.ifIndex)!;
    for (let step = 0; step < 30; step++) {
      const before = traffic.counters(dev, iface);
      advance(10);
      const after = traffic.counters(dev, iface);
      const utilization = (Number(after.outOctets - before.outOctets) * 8) / 10 / (link.speedMbps * 1e6);
      expect(utilization).toBeGreaterThan(0.9);
      expect(utilization).toBeLessThanOrEqual(1.0001);
      expect(after.outDiscards).toBeGreaterThan(before.outDiscards);
    }
  });

  it('flapping-link toggles oper status every half period (lab time) and stamps ifLastChange', () => {
    const { model, traffic, advance } = setup('flapping-link', 10);
    const link = model.links.find((l) => l.id === model.faults.flappingLinkId)!;
    const dev = model.devices.find((d) => d.id === link.b.deviceId)!;
    const iface = dev.interfaces.find((i) => i.ifIndex === link.b.ifIndex)!;
    const half = FLAP_HALF_PERIOD_SEC / 10;
    advance(half / 2);
    const s1 = traffic.counters(dev, iface);
    advance(half);
    const s2 = traffic.counters(dev, iface);
    advance(half);
    const s3 = traffic.counters(dev, iface);
    expect([s1.operUp, s2.operUp, s3.operUp]).toEqual([true, false, true]);
    expect(s3.lastChangeTicks).toBeGreaterThan(s2.lastChangeTicks);
    // No traffic while down.
    const down1 = (advance(half), traffic.counters(dev, iface));
    advance(half / 4);
    expect(traffic.counters(dev, iface).inOctets).toBe(down1.inOctets);
  });

  it('crc-errors grows ifInErrors on one port only', () => {
    const { model, traffic, advance } = setup('crc-errors');
    const port = model.faults.crcPorts[0]!;
    const dev = model.devices.find((d) => d.id === port.deviceId)!;
    advance(60);
    for (const i of dev.interfaces) {
      const errs = traffic.counters(dev, i).inErrors;
      if (i.ifIndex === port.ifIndex) expect(errs).toBeGreaterThan(0n);
      else expect(errs).toBe(0n);
    }
  });

  it('encodes Counter64 as a minimal unsigned BER integer', () => {
    expect(counter64Buffer(0n)).toEqual(Buffer.from([0]));
    expect(counter64Buffer(0x7fn)).toEqual(Buffer.from([0x7f]));
    expect(counter64Buffer(0x80n)).toEqual(Buffer.from([0, 0x80]));
    expect(counter64Buffer(2n ** 64n - 1n)).toEqual(Buffer.from([0, 255, 255, 255, 255, 255, 255, 255, 255]));
  });
});
