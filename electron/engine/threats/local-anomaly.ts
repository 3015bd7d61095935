import type { Insight } from '../../../shared/domain/insight';
import type { BaselineStats } from './interface-baseline';

/** One interface's baseline and its newest sample, in bits per second. */
export interface InterfaceHistory {
  deviceId: string;
  deviceAddress: string;
  deviceLabel: string;
  ifName: string;
  speedMbps?: number;
  /** Whether the port faces hosts (not a link to another network device): heavy talkers live there. */
  accessPort: boolean;
  /** The interface's baseline before the newest sample. */
  baseline: BaselineStats;
  currentBps: number;
  atMs: number;
}

export interface AnomalyOptions {
  /** Standard deviations above the baseline mean that make a spike. */
  zThreshold: number;
  /** Samples needed before a baseline is trusted. */
  minBaseline: number;
  /** Ignore spikes below this share of the port speed (a quiet port doubling is not news). */
  minUtil: number;
  /** A "new heavy talker": an access port whose baseline mean was under this, now above heavyTalkerUtil. */
  quietBps: number;
  heavyTalkerUtil: number;
}

export const DEFAULT_ANOMALY_OPTIONS: AnomalyOptions = { zThreshold: 4, minBaseline: 10, minUtil: 0.1, quietBps: 1e6, heavyTalkerUtil: 0.2 };

/**
 * Local anomaly detection on polled metrics, computed on this machine only: a spike is traffic more than
 * z standard deviations above the interface's own baseline; a new heavy talker is a host-facing port that was
 * quiet and now carries a large share of its speed. Each becomes an insight of format 'local-anomaly'.
 */
export function detectAnomalies(histories: readonly InterfaceHistory[], newId: () => string, opts: AnomalyOptions = DEFAULT_ANOMALY_OPTIONS): Insight[] {
  const out: Insight[] = [];
  for (const h of histories) {
    if (h.baseline.count < opts.minBaseline) continue;
    const { meanBps: mean, sdBps: sd } = h.baseline;
    const speedBps = (h.speedMbps ?? 0) * 1e6;
    const util = speedBps > 0 ? h.currentBps / speedBps : 0;
    const z = sd > 0 ? (h.currentBps - mean) / sd : h.currentBps > mean * 2 && h.currentBps - mean > 1e6 ? Number.POSITIVE_INFINITY : 0;
    const heavyTalker = h.accessPort && mean < opts.quietBps && util >= opts.heavyTalkerUtil;
    const spike = z >= opts.zThreshold && util >= opts.minUtil;
    if (!heavyTalker && !spike) continue;
    const time = new Date(h.atMs).toISOString();
    const mbps = (x: number) => `${(x / 1e6).toFixed(1)} Mbps`;
    const signature = heavyTalker
      ? `New heavy talker on ${h.deviceLabel} ${h.ifName}: ${mbps(h.currentBps)} from a port that averaged ${mbps(mean)}`
      : `Traffic spike on ${h.deviceLabel} ${h.ifName}: ${mbps(h.currentBps)} against a baseline of ${mbps(mean)} ± ${mbps(sd)}`;
    out.push({
      id: newId(),
      time,
      deviceAddress: h.deviceAddress,
      deviceId: h.deviceId,
      deviceName: h.deviceLabel,
      severity: util >= 0.8 ? 'high' : 'medium',
      severityId: util >= 0.8 ? 4 : 3,
      confidence: Number.isFinite(z) ? Math.min(95, Math.round(40 + z * 5)) : 60,
      category: 'anomaly',
      vendorCategory: heavyTalker ? 'new-heavy-talker' : 'traffic-spike',
      signature,
      model: `routewise local baseline (mean ± sd of ${h.baseline.count} samples, z ≥ ${opts.zThreshold})`,
      srcIp: null,
      srcPort: null,
      dstIp: null,
      dstPort: null,
      protocol: null,
      technique: null,
      action: 'alerted',
      format: 'local-anomaly',
      raw: JSON.stringify({ ifName: h.ifName, currentBps: h.currentBps, baselineMeanBps: mean, baselineSdBps: sd, z: Number.isFinite(z) ? z : null, util }),
      count: 1,
      firstSeen: time,
      lastSeen: time,
      correlationId: null,
    });
  }
  return out;
}
