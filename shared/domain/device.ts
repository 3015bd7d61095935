import { z } from 'zod';

/**
 * Device model shared by discovery, inventory, topology and the renderer. Every string that came from a
 * device (sysDescr, banners) is attacker-controlled data: render it as text only, never as HTML.
 */
export const Platform = z.enum([
  'ios', 'iosxe', 'iosxr', 'nxos', 'asa',
  'junos', 'eos', 'routeros', 'fortios', 'panos',
  'edgeos', 'unifi', 'procurve', 'arubaos-cx', 'aos', 'comware', 'vrp',
  'dell-os10', 'gaia', 'sonicwall', 'zynos', 'jetstream',
  'openwrt', 'vyos', 'linux', 'frr',
  'unknown',
]);
export type Platform = z.infer<typeof Platform>;

export const InterfaceInfo = z.object({
  ifIndex: z.number().int(),
  name: z.string(),
  descr: z.string().optional(),
  alias: z.string().optional(),
  type: z.number().int().optional(),
  speedMbps: z.number().optional(),
  mtu: z.number().int().optional(),
  mac: z.string().optional(),
  adminStatus: z.enum(['up', 'down', 'testing', 'unknown']).optional(),
  operStatus: z.enum(['up', 'down', 'testing', 'unknown', 'dormant', 'notPresent', 'lowerLayerDown']).optional(),
  addresses: z.array(z.string()).optional(),
});
export type InterfaceInfo = z.infer<typeof InterfaceInfo>;

export const AiFeature = z.enum(['ml-threat-detection', 'ips-engine', 'aiops-telemetry', 'npu', 'cloud-ai-service']);
export type AiFeature = z.infer<typeof AiFeature>;

/** Why the catalog called a device AI-capable: which rule matched which observed string. */
export const AiEvidence = z.object({
  ruleId: z.string(),
  feature: AiFeature,
  field: z.string(), // e.g. 'model', 'sysDescr', 'osVersion', 'ssh:show version', 'snmp:fgIpsStatus'
  matched: z.string(),
  source: z.string(), // the vendor document the rule cites
  state: z.enum(['capable', 'licensed', 'enabled', 'disabled', 'unknown']).default('capable'),
});
export type AiEvidence = z.infer<typeof AiEvidence>;

/** Which probe answered what: the command (or OID) and the part of its output that decided. */
export const AiProbeEvidence = z.object({
  via: z.enum(['ssh', 'snmp']),
  command: z.string(),
  excerpt: z.string(),
});
export type AiProbeEvidence = z.infer<typeof AiProbeEvidence>;

export const AiLiveState = z.enum(['licensed', 'enabled', 'disabled', 'unknown']);
export type AiLiveState = z.infer<typeof AiLiveState>;

/**
 * A feature's live state as the device reported it: enabled (running), licensed (entitled but switched
 * off), disabled (neither), unknown (the probe answered something we could not read).
 */
export const AiFeatureState = z.object({
  feature: AiFeature,
  state: AiLiveState,
  ruleId: z.string(),
  evidence: z.array(AiProbeEvidence),
});
export type AiFeatureState = z.infer<typeof AiFeatureState>;

export const AiVerdict = z.object({
  capable: z.boolean(),
  features: z.array(AiFeature),
  evidence: z.array(AiEvidence),
  catalogVersion: z.string(),
  /** Only features whose live state was probed; older stored verdicts have none. */
  featureStates: z.array(AiFeatureState).optional(),
});
export type AiVerdict = z.infer<typeof AiVerdict>;

/** What identification produced for one device (from SNMP, refined by SSH). */
export const DeviceFacts = z.object({
  sysName: z.string().optional(),
  sysDescr: z.string().optional(),
  sysObjectID: z.string().optional(),
  sysUpTimeSec: z.number().optional(),
  sysLocation: z.string().optional(),
  sysContact: z.string().optional(),
  vendor: z.string().optional(),
  platform: Platform,
  osName: z.string().optional(), // e.g. 'IOS-XE', 'Junos'
  osVersion: z.string().optional(),
  model: z.string().optional(),
  serial: z.string().optional(),
  hardwareRev: z.string().optional(),
  firmwareRev: z.string().optional(),
  /** LLDP-MIB local chassis ID when it is a MAC (lower-case, colons): names the box, not the address. */
  chassisMac: z.string().optional(),
  /** SNMP-FRAMEWORK-MIB snmpEngineID as hex. */
  snmpEngineId: z.string().optional(),
  /** Which sources contributed: 'snmp', 'ssh'. */
  sources: z.array(z.enum(['snmp', 'ssh'])),
});
export type DeviceFacts = z.infer<typeof DeviceFacts>;

/** One address:port a device answered at (a box with several management addresses is still one device). */
export const DeviceAddress = z.object({
  address: z.string(),
  port: z.number().int(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  /** The last scan that got an answer at this address. */
  lastScanId: z.string(),
});
export type DeviceAddress = z.infer<typeof DeviceAddress>;
