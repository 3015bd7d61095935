import { z } from 'zod';

export const DeviceRole = z.enum(['core', 'distribution', 'access', 'edge', 'unknown']);
export type DeviceRole = z.infer<typeof DeviceRole>;

export const TopologyNode = z.object({
  id: z.string(),
  label: z.string(),
  role: DeviceRole,
  segment: z.string().optional(),
  site: z.string().optional(),
  managed: z.boolean(),
  aiCapable: z.boolean().optional(),
  /** Clients learned from ARP/FDB behind this device (access switches). */
  clientCount: z.number().int().nonnegative().optional(),
  /** How many clients the device is sized for (ports, or a vendor figure). */
  clientCapacity: z.number().int().positive().optional(),
  /** Management addresses; for unmanaged nodes, what neighbours advertised. */
  addresses: z.array(z.string()).optional(),
  platform: z.string().optional(),
  /** Unmanaged nodes: the neighbour's own description (sysDescr / CDP version), device-supplied text. */
  description: z.string().optional(),
  /** Unmanaged nodes: which managed devices reported it. */
  reportedBy: z.array(z.string()).optional(),
});
export type TopologyNode = z.infer<typeof TopologyNode>;

export const LinkEnd = z.object({
  device: z.string(),
  ifName: z.string(),
  speedMbps: z.number().nonnegative().optional(),
  duplex: z.enum(['full', 'half', 'unknown']).optional(),
});
export type LinkEnd = z.infer<typeof LinkEnd>;

export const LinkSource = z.enum(['lldp', 'cdp', 'arp-fdb', 'manual']);

export const TopologyLink = z.object({
  id: z.string(),
  a: LinkEnd,
  b: LinkEnd,
  speedMbps: z.number().nonnegative(),
  sources: z.array(LinkSource),
  /** Seen from one side only (the other end did not report it). */
  oneSided: z.boolean().optional(),
});
export type TopologyLink = z.infer<typeof TopologyLink>;

/** Measurements over the analysis window, per link direction (a→b is traffic leaving a). */
export const LinkStats = z.object({
  linkId: z.string(),
  utilAtoB: z.array(z.number()).describe('utilisation samples 0..1, a→b'),
  utilBtoA: z.array(z.number()),
  errorsPerSec: z.number().nonnegative().optional(),
  discardsPerSec: z.number().nonnegative().optional(),
  packetsPerSec: z.number().nonnegative().optional(),
});
export type LinkStats = z.infer<typeof LinkStats>;

export const FindingKind = z.enum(['hot-link', 'oversubscription', 'speed-mismatch', 'errors', 'spof', 'min-cut', 'density']);
export type FindingKind = z.infer<typeof FindingKind>;

export const Severity = z.enum(['info', 'low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof Severity>;

export const Finding = z.object({
  kind: FindingKind,
  severity: Severity,
  subject: z.object({ type: z.enum(['link', 'device', 'segment']), id: z.string(), label: z.string() }),
  evidence: z.record(z.string(), z.unknown()),
  recommendation: z.string(),
});
export type Finding = z.infer<typeof Finding>;
