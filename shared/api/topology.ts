import { z } from 'zod';
import { DeviceRole, Finding, TopologyLink, TopologyNode } from '../domain/topology';
import type { EventTable, MethodTable } from './method-table';

export const TopologyChanges = z.object({
  addedDevices: z.array(z.string()),
  removedDevices: z.array(z.string()),
  addedLinks: z.array(z.string()),
  removedLinks: z.array(z.string()),
  speedChanged: z.array(z.object({ link: z.string(), fromMbps: z.number(), toMbps: z.number() })),
});
export type TopologyChanges = z.infer<typeof TopologyChanges>;

export const TopologyView = z.object({
  nodes: z.array(TopologyNode),
  links: z.array(TopologyLink),
  /** Changes against the previous collection; null on the first one. */
  changes: TopologyChanges.nullable(),
  collectedAt: z.string().nullable(),
  positions: z.record(z.string(), z.object({ x: z.number(), y: z.number() })),
  /** Latest utilisation (0..1, the busier direction) per link id, from the poller's last 10 minutes. */
  utilisation: z.record(z.string(), z.number()),
});
export type TopologyView = z.infer<typeof TopologyView>;

const ifEnd = z.object({ device: z.string().min(1).max(200), ifName: z.string().min(1).max(200) });

export const topologyMethods = {
  'topology.collect': {
    summary: 'Walk LLDP, CDP, ARP and FDB tables of inventory devices and rebuild the map.',
    input: z
      .object({
        deviceIds: z.array(z.string().max(200)).max(100_000).optional(),
        concurrency: z.number().int().min(1).max(512).default(32),
        timeoutMs: z.number().int().min(100).max(60_000).default(2000),
        retries: z.number().int().min(0).max(5).default(1),
      })
      .strict(),
    output: z.object({
      collected: z.number().int(),
      failed: z.array(z.object({ deviceId: z.string(), address: z.string(), error: z.string() })),
      durationMs: z.number(),
    }),
  },
  'topology.get': {
    summary: 'The map: nodes (managed and unmanaged), links with evidence, changes since the last collection.',
    input: z.object({}).strict(),
    output: TopologyView,
  },
  'topology.analyze': {
    summary: 'Bottleneck findings for the current map and the polled metrics.',
    input: z
      .object({
        windowMs: z.number().int().min(60_000).max(90 * 24 * 3600_000).default(5 * 60_000),
        hotLinkUtil: z.number().min(0.01).max(1).optional(),
      })
      .strict(),
    output: z.object({
      findings: z.array(Finding),
      /** Readiness for AI routers: which segments an AI-capable device in-line sees, and the blind spots. */
      coverage: z.array(
        z.object({
          segment: z.string(),
          devices: z.number().int(),
          fullySeenBy: z.array(z.string()),
          partlySeenBy: z.array(z.string()),
          blindSpot: z.boolean(),
        }),
      ),
    }),
  },
  'topology.addManualLink': {
    summary: 'A link for gear that speaks no LLDP/CDP.',
    input: z.object({ a: ifEnd, b: ifEnd, speedMbps: z.number().positive().max(10_000_000).optional() }).strict(),
    output: z.object({ id: z.string() }),
  },
  'topology.removeManualLink': {
    summary: 'Remove a manual link.',
    input: z.object({ id: z.string().max(200) }).strict(),
    output: z.object({ removed: z.boolean() }),
  },
  'topology.setRole': {
    summary: 'Set a device role (core/distribution/access/edge), or unknown to infer it again.',
    input: z.object({ deviceId: z.string().max(200), role: DeviceRole }).strict(),
    output: z.object({ ok: z.literal(true) }),
  },
  'topology.savePositions': {
    summary: 'Keep node positions the admin placed, across rescans.',
    input: z
      .object({ positions: z.array(z.object({ nodeId: z.string().max(300), x: z.number().finite(), y: z.number().finite() })).max(100_000) })
      .strict(),
    output: z.object({ saved: z.number().int() }),
  },
  'metrics.poll': {
    summary: 'Poll interface counters of every device on an interval for a duration; report each cycle (and overruns).',
    input: z
      .object({
        intervalSec: z.number().min(1).max(3600).default(60),
        durationSec: z.number().min(1).max(7 * 24 * 3600).default(60),
        timeoutMs: z.number().int().min(100).max(60_000).default(2000),
        retries: z.number().int().min(0).max(5).default(1),
        concurrency: z.number().int().min(1).max(1024).default(64),
      })
      .strict(),
    output: z.object({ cycles: z.array(z.lazy(() => CycleSummary)) }),
  },
  'metrics.series': {
    summary: 'Time series of one interface (utilisation, bps, errors) or of a device (CPU, memory), from the finest tier that covers the range.',
    input: z
      .object({
        deviceId: z.string().max(200),
        ifIndex: z.number().int().min(0).optional(),
        ifName: z.string().max(200).optional(),
        fromMs: z.number().int().nonnegative(),
        toMs: z.number().int().nonnegative().optional(),
      })
      .strict(),
    output: z.object({
      tier: z.enum(['raw', '5m', '1h']),
      points: z.array(
        z.object({
          atMs: z.number(),
          inUtil: z.number().nullable(),
          outUtil: z.number().nullable(),
          inBps: z.number().nullable(),
          outBps: z.number().nullable(),
          errorsPerSec: z.number().nullable(),
          cpuPct: z.number().nullable(),
          memPct: z.number().nullable(),
        }),
      ),
    }),
  },
} as const satisfies MethodTable;

export const CycleSummary = z.object({
  cycle: z.number().int(),
  startedAt: z.string(),
  durationMs: z.number(),
  overrunMs: z.number(),
  skippedSlots: z.number().int(),
  devices: z.number().int(),
  polled: z.number().int(),
  samples: z.number().int(),
  failed: z.array(z.object({ deviceId: z.string(), error: z.string() })),
});
export type CycleSummary = z.infer<typeof CycleSummary>;

export const topologyEvents = {
  'metrics.cycle': CycleSummary,
  'topology.progress': z.object({ done: z.number().int(), total: z.number().int() }),
  'topology.updated': z.object({ collectedAt: z.string() }),
} as const satisfies EventTable;
