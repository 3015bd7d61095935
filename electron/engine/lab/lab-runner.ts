import type { LabDeviceInfo, LabStartOptions } from '../../../shared/api/lab';
import { LabDeviceRuntime } from './device-runtime';
import type { LabModel } from './lab-model-types';
import { startSnmpAgent, type LabSnmpAgent } from './snmp-agent';
import { buildLabModel, summarizeDevice } from './topology-model';
import { TrafficModel } from './traffic-model';

export const UNPRIVILEGED_PORTS = { snmp: 16161, ssh: 2222 } as const;
export const PRIVILEGED_PORTS = { snmp: 161, ssh: 22 } as const;

/** A server the runner starts per device (SSH, threat emitter …) and stops with the lab. */
export interface LabService {
  close(): Promise<void>;
}

export interface LabServiceFactory {
  readonly name: string;
  start(lab: LabContext): Promise<LabService>;
}

/** What services see of a starting lab. */
export interface LabContext {
  readonly model: LabModel;
  readonly options: LabStartOptions;
  readonly runtimes: ReadonlyMap<string, LabDeviceRuntime>;
  readonly traffic: TrafficModel;
  readonly startedAtMs: number;
  readonly log: (message: string) => void;
}

export interface RunningLab extends LabContext {
  readonly devices: LabDeviceInfo[];
  stop(): Promise<void>;
}

export interface StartLabParams {
  options: LabStartOptions;
  services?: LabServiceFactory[];
  log?: (message: string) => void;
  now?: () => number;
}

/**
 * Parallel but bounded (500 MIB builds at once starve the event loop). Every item is attempted; the
 * successes are returned with the first failure so the caller can close what did start.
 */
async function inBatches<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<{ ok: R[]; error?: unknown }> {
  const ok: R[] = [];
  let error: unknown;
  for (let i = 0; i < items.length && error === undefined; i += size) {
    for (const r of await Promise.allSettled(items.slice(i, i + size).map(fn))) {
      if (r.status === 'fulfilled') ok.push(r.value);
      else error ??= r.reason;
    }
  }
  return error === undefined ? { ok } : { ok, error };
}

/** LLDP is re-advertised on a rename: neighbours' lldpRemSysName follows the device's hostname. */
function wireNeighbourNames(rts: LabDeviceRuntime[], agents: LabSnmpAgent[]): void {
  const agentOf = new Map(rts.map((rt, i) => [rt.device.id, agents[i]!]));
  for (const rt of rts) {
    let last = rt.identity.hostname;
    const peers = [...new Set(rt.device.lldp.map((n) => n.remoteDeviceId))];
    rt.onChange(() => {
      if (rt.identity.hostname === last) return;
      last = rt.identity.hostname;
      for (const peer of peers) agentOf.get(peer)?.lldp.peerRenamed(rt.device.id, last);
    });
  }
}

/** flapping-link: LLDP on both ends forgets the neighbour while the link is down. */
function watchFlappingLink(ctx: LabContext, rts: LabDeviceRuntime[], agents: LabSnmpAgent[]): () => void {
  const link = ctx.model.links.find((l) => l.id === ctx.model.faults.flappingLinkId);
  if (!link) return () => {};
  const agentOf = new Map(rts.map((rt, i) => [rt.device.id, agents[i]!]));
  const a = ctx.runtimes.get(link.a.deviceId)!.device;
  const iface = a.interfaces.find((i) => i.ifIndex === link.a.ifIndex)!;
  let up = true;
  const timer = setInterval(() => {
    const now = ctx.traffic.counters(a, iface).operUp;
    if (now === up) return;
    up = now;
    agentOf.get(link.a.deviceId)?.lldp.setPortNeighbours(link.a.ifIndex, up);
    agentOf.get(link.b.deviceId)?.lldp.setPortNeighbours(link.b.ifIndex, up);
  }, 100);
  return () => clearInterval(timer);
}

/** Start the whole lab in this process: SNMP agents, then the optional services (SSH, threats). */
export async function startLab(params: StartLabParams): Promise<RunningLab> {
  const { options } = params;
  const log = params.log ?? (() => {});
  const ports = options.privilegedPorts ? PRIVILEGED_PORTS : UNPRIVILEGED_PORTS;
  const model = buildLabModel({
    devices: options.devices,
    seed: options.seed,
    scenario: options.scenario,
    base: options.base,
    snmpPort: ports.snmp,
    sshPort: ports.ssh,
    // macOS routes only 127.0.0.1: one address, a port per device.
    sharedAddress: process.platform === 'darwin',
  });
  const startedAtMs = (params.now ?? Date.now)();
  const traffic = new TrafficModel(model, startedAtMs, options.timeScale, params.now);
  const runtimes = new Map(model.devices.map((d) => [d.id, new LabDeviceRuntime(d)]));
  const closers: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const close of closers.splice(0).reverse()) {
      try {
        await close();
      } catch (err) {
        log(`lab: stop failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };
  const ctx: LabContext = { model, options, runtimes, traffic, startedAtMs, log };
  try {
    const agents = await inBatches<LabDeviceRuntime, LabSnmpAgent>([...runtimes.values()], 50, (rt) =>
      startSnmpAgent(rt, traffic, model.credentials, (err) => log(`snmp ${rt.device.id}: ${err.message}`)),
    );
    closers.push(async () => {
      await Promise.all(agents.ok.map((a) => a.close()));
    });
    if (agents.error !== undefined) throw agents.error;
    wireNeighbourNames([...runtimes.values()], agents.ok);
    const stopFlapWatch = watchFlappingLink(ctx, [...runtimes.values()], agents.ok);
    closers.push(async () => stopFlapWatch());
    for (const factory of params.services ?? []) {
      const service = await factory.start(ctx);
      closers.push(() => service.close());
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { ...ctx, devices: model.devices.map(summarizeDevice), stop };
}
