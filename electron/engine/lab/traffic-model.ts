import type { LabDevice, LabInterface, LabLink, LabModel } from './lab-model-types';

/** What IF-MIB shows for one interface at one moment. */
export interface InterfaceCounters {
  readonly adminUp: boolean;
  readonly operUp: boolean;
  /** sysUpTime hundredths at the last status change (IF-MIB ifLastChange). */
  readonly lastChangeTicks: number;
  readonly inOctets: bigint;
  readonly outOctets: bigint;
  readonly inUcastPkts: bigint;
  readonly outUcastPkts: bigint;
  readonly inErrors: bigint;
  readonly outDiscards: bigint;
}

const WAVE_PERIOD_SEC = 300;
/** Flapping link: seconds up, then the same down, in lab time. */
export const FLAP_HALF_PERIOD_SEC = 20;

interface Flow {
  inBps: number;
  outBps: number;
  phase: number;
  /** Relative swing of the rate wave; smaller on links near line rate so they never exceed it. */
  amplitude: number;
  avgPacketBytes: number;
  link?: LabLink;
}

/**
 * Counters computed from elapsed time × rate (a slow sine around each interface's average), so they grow
 * between polls without a timer per interface and stay monotonic: the rate never drops below 80 % of its
 * average.
 */
export class TrafficModel {
  private readonly flows = new Map<string, Flow>();
  private readonly links = new Map<string, LabLink>();

  constructor(
    private readonly model: LabModel,
    private readonly startedAtMs: number,
    private readonly timeScale = 1,
    private readonly now: () => number = Date.now,
  ) {
    for (const l of model.links) this.links.set(l.id, l);
    for (const d of model.devices) {
      for (const i of d.interfaces) this.flows.set(`${d.id}/${i.ifIndex}`, this.flowFor(d, i));
    }
  }

  /** Seconds since the lab started (wall time). */
  elapsedSec(): number {
    return Math.max(0, (this.now() - this.startedAtMs) / 1000);
  }

  sysUpTimeTicks(device: LabDevice): number {
    return Math.floor((device.priorUptimeSec + this.elapsedSec()) * 100) % 2 ** 32;
  }

  cpuLoadPct(device: LabDevice): number {
    const t = this.elapsedSec();
    const wobble = Math.round(5 * Math.sin((2 * Math.PI * (t + device.index * 17)) / 120));
    const congested = this.model.faults.congestedLinkId && this.deviceOnLink(device.id, this.model.faults.congestedLinkId) ? 40 : 0;
    return Math.max(1, Math.min(100, device.cpuLoadPct + wobble + congested));
  }

  counters(device: LabDevice, iface: LabInterface): InterfaceCounters {
    const flow = this.flows.get(`${device.id}/${iface.ifIndex}`);
    const t = this.elapsedSec();
    const adminUp = flow?.link?.state !== 'admin-down';
    let operUp = adminUp && iface.kind !== 'unused';
    let activeSec = t;
    let lastChangeTicks = 0;
    if (flow?.link && flow.link.id === this.model.faults.flappingLinkId) {
      const half = FLAP_HALF_PERIOD_SEC / this.timeScale;
      const phases = Math.floor(t / half);
      operUp = phases % 2 === 0;
      activeSec = Math.ceil(phases / 2) * half + (operUp ? t - phases * half : 0);
      lastChangeTicks = Math.floor((device.priorUptimeSec + phases * half) * 100) % 2 ** 32;
    }
    const priorSec = Math.min(device.priorUptimeSec, 3 * 86400);
    const octets = (bps: number) => {
      if (!flow || bps === 0 || !adminUp) return 0n;
      const wave = (flow.amplitude * WAVE_PERIOD_SEC) / (2 * Math.PI);
      const integral = activeSec + wave * (Math.cos((2 * Math.PI * flow.phase) / WAVE_PERIOD_SEC) - Math.cos((2 * Math.PI * (activeSec + flow.phase)) / WAVE_PERIOD_SEC));
      return BigInt(Math.floor((bps / 8) * (priorSec + integral)));
    };
    const inOctets = octets(flow?.inBps ?? 0);
    const outOctets = octets(flow?.outBps ?? 0);
    const size = BigInt(flow?.avgPacketBytes ?? 800);
    const inUcastPkts = inOctets / size;
    const outUcastPkts = outOctets / size;
    const crc = this.model.faults.crcPorts.some((p) => p.deviceId === device.id && p.ifIndex === iface.ifIndex);
    // CRC errors count only since the lab started: a cable that went bad today.
    const inErrors = crc ? BigInt(Math.floor(((flow?.inBps ?? 0) / 8 / Number(size)) * t * 0.002)) : 0n;
    const congestedOut = flow?.link?.id === this.model.faults.congestedLinkId && flow?.link?.a.deviceId === device.id;
    const outDiscards = congestedOut ? BigInt(Math.floor(((flow?.outBps ?? 0) / 8 / Number(size)) * t * 0.01)) : 0n;
    return { adminUp, operUp, lastChangeTicks, inOctets, outOctets, inUcastPkts, outUcastPkts, inErrors, outDiscards };
  }

  private deviceOnLink(deviceId: string, linkId: string): boolean {
    const l = this.links.get(linkId);
    return !!l && (l.a.deviceId === deviceId || l.b.deviceId === deviceId);
  }

  private flowFor(d: LabDevice, i: LabInterface): Flow {
    const phase = ((d.index * 131 + i.ifIndex * 29) % WAVE_PERIOD_SEC) + 0.5;
    const link = i.linkId ? this.links.get(i.linkId) : undefined;
    if (link) {
      const isA = link.a.deviceId === d.id && link.a.ifIndex === i.ifIndex;
      const peakBps = Math.max(link.rateAtoBbps, link.rateBtoAbps, 1);
      const amplitude = Math.max(0, Math.min(0.2, (link.speedMbps * 1e6) / peakBps - 1));
      return { inBps: isA ? link.rateBtoAbps : link.rateAtoBbps, outBps: isA ? link.rateAtoBbps : link.rateBtoAbps, phase, amplitude, avgPacketBytes: 900, link };
    }
    if (i.kind === 'host') {
      const base = 1e6 * (2 + ((d.index * 7 + i.ifIndex * 13) % 40));
      return { inBps: base * 0.3, outBps: base, phase, amplitude: 0.2, avgPacketBytes: 500 };
    }
    if (i.kind === 'mgmt') return { inBps: 40_000, outBps: 60_000, phase, amplitude: 0.2, avgPacketBytes: 200 };
    return { inBps: 0, outBps: 0, phase, amplitude: 0, avgPacketBytes: 800 };
  }
}

/** BER INTEGER content for a Counter64: shortest big-endian form, a leading 0 when the top bit is set. */
export function counter64Buffer(value: bigint): Buffer {
  let hex = (value & 0xffff_ffff_ffff_ffffn).toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const buf = Buffer.from(hex, 'hex');
  return buf[0] !== undefined && buf[0] & 0x80 ? Buffer.concat([Buffer.from([0]), buf]) : buf;
}

export function counter32(value: bigint): number {
  return Number(value % 4294967296n);
}
