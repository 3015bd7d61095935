import type { LabInterface } from '../lab-model-types';
import type { InterfaceCounters } from '../traffic-model';
import type { ShellContext } from './shell-types';

export interface IfaceView {
  readonly iface: LabInterface;
  readonly counters: InterfaceCounters;
  /** 5-minute-style rate estimate in bits/s from the traffic model. */
  readonly inBps: number;
  readonly outBps: number;
}

export function ifaceViews(ctx: ShellContext): IfaceView[] {
  const d = ctx.rt.device;
  return d.interfaces.map((iface) => {
    const now = ctx.traffic.counters(d, iface);
    const t = ctx.traffic.elapsedSec();
    const rate = (v: bigint) => (t > 0 ? Math.round((Number(v) * 8) / (d.priorUptimeSec > 3 * 86400 ? 3 * 86400 + t : d.priorUptimeSec + t)) : 0);
    return { iface, counters: now, inBps: rate(now.inOctets), outBps: rate(now.outOctets) };
  });
}

export interface LldpView {
  readonly localName: string;
  readonly remoteName: string;
  readonly portId: string;
  readonly portDescr: string;
  readonly chassisMac: string;
  readonly caps: string;
  readonly mgmt: string;
  readonly sysDescr: string;
}

export function lldpViews(ctx: ShellContext): LldpView[] {
  const d = ctx.rt.device;
  // A port that is down has no LLDP neighbour (802.1AB ages it out at once on link down).
  const up = (ifIndex: number) => {
    const iface = d.interfaces.find((i) => i.ifIndex === ifIndex);
    return !iface || ctx.traffic.counters(d, iface).operUp;
  };
  return d.lldp.filter((n) => up(n.localIfIndex)).map((n) => ({
    localName: d.interfaces.find((i) => i.ifIndex === n.localIfIndex)?.name ?? String(n.localIfIndex),
    remoteName: ctx.peerName?.(n.remoteDeviceId) ?? n.sysName,
    portId: n.portId,
    portDescr: n.portDescr,
    chassisMac: n.chassisIdMac,
    caps: n.capsBridge ? 'B,R' : 'R',
    mgmt: n.mgmtAddress,
    sysDescr: n.sysDescr,
  }));
}

/** Cisco writes MACs as 700f.6a28.2403. */
export function ciscoMac(mac: string): string {
  const hex = mac.replaceAll(':', '');
  return `${hex.slice(0, 4)}.${hex.slice(4, 8)}.${hex.slice(8, 12)}`;
}

export function uptimeSec(ctx: ShellContext): number {
  return Math.floor(ctx.traffic.sysUpTimeTicks(ctx.rt.device) / 100);
}

export function pad(s: string, n: number): string {
  return s.length >= n ? `${s} ` : s.padEnd(n);
}

export function maskOf(prefixLen: number): string {
  const m = prefixLen === 0 ? 0 : (0xffffffff << (32 - prefixLen)) >>> 0;
  return [m >>> 24, (m >>> 16) & 255, (m >>> 8) & 255, m & 255].join('.');
}
