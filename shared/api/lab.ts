import { z } from 'zod';
import { Platform } from '../domain/device';
import type { EventTable, MethodTable } from './method-table';

/**
 * The built-in lab: a multi-vendor network on loopback with real SNMP agents and SSH servers. It runs
 * in a background daemon so the app, `routewise serve` and the CLI all see the same lab.
 */
export const LabScenarioName = z.enum([
  'none',
  'congested-uplink',
  'single-homed-branch',
  'flapping-link',
  'crc-errors',
  'pilot-gate-failure',
  'beaconing-host',
]);
export type LabScenarioName = z.infer<typeof LabScenarioName>;

const ipv4 = z.string().regex(/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/, 'an IPv4 address');

/** The lab lives on loopback only: every address it binds is in 127.0.0.0/8. */
export const LabBaseAddress = ipv4.refine((a) => a.startsWith('127.'), 'the lab base address must be in 127.0.0.0/8');

/** Where threat syslog (UDP) and SNMP traps go; loopback only, like the rest of the lab. */
export const LabCollector = z
  .string()
  .regex(/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}:\d{1,5}$/, 'HOST:PORT with a 127.x.y.z host')
  .refine((c) => Number(c.split(':')[1]) > 0 && Number(c.split(':')[1]) < 65536, 'port 1-65535');

export const LabStartInput = z
  .object({
    devices: z.number().int().min(1).max(1000).default(12),
    scenario: LabScenarioName.default('none'),
    base: LabBaseAddress.default('127.20.0.0'),
    seed: z.number().int().min(0).max(2_147_483_647).default(1),
    /** Syslog (RFC 5424 over UDP) destination; also gets the traps unless trapCollector is set. */
    collector: LabCollector.optional(),
    trapCollector: LabCollector.optional(),
    /** Threat detections per minute per AI-capable device (syslog + trap each), when a collector is set. */
    threatsPerMin: z.number().min(0).max(6000).default(6),
    /** Bind 161/22 instead of 16161/2222 (needs root). */
    privilegedPorts: z.boolean().default(false),
    /**
     * Lab clock speed: 60 makes a one-minute commit-confirm timer expire after one second. Only timers
     * that revert config and scenario periods are scaled; counters follow wall time.
     */
    timeScale: z.number().min(0.01).max(3600).default(1),
  })
  .strict();
export type LabStartInput = z.input<typeof LabStartInput>;
export type LabStartOptions = z.output<typeof LabStartInput>;

export const LabRole = z.enum(['core', 'distribution', 'access', 'edge', 'branch']);
export type LabRole = z.infer<typeof LabRole>;

export const LabDeviceInfo = z.object({
  id: z.string(),
  hostname: z.string(),
  role: LabRole,
  platform: Platform,
  vendor: z.string(),
  model: z.string(),
  osVersion: z.string(),
  aiCapable: z.boolean(),
  /** Sends threat detections (syslog and traps) to the collector: the lab's on-box IPS devices. */
  emitsDetections: z.boolean(),
  address: z.string(),
  snmpPort: z.number().int(),
  sshPort: z.number().int(),
});
export type LabDeviceInfo = z.infer<typeof LabDeviceInfo>;

/** Lab-only credentials: they open nothing but the lab, and are printed on purpose. */
export const LabCredentials = z.object({
  snmpV2cCommunity: z.string(),
  snmpV3: z.object({
    user: z.string(),
    level: z.literal('authPriv'),
    authProto: z.literal('sha'),
    authKey: z.string(),
    privProto: z.literal('aes'),
    privKey: z.string(),
  }),
  ssh: z.object({ user: z.string(), password: z.string() }),
});
export type LabCredentials = z.infer<typeof LabCredentials>;

export const LabStatus = z.object({
  running: z.boolean(),
  pid: z.number().int().optional(),
  startedAt: z.string().optional(),
  options: z
    .object({
      devices: z.number().int(),
      scenario: LabScenarioName,
      base: z.string(),
      seed: z.number().int(),
      collector: z.string().optional(),
      trapCollector: z.string().optional(),
      threatsPerMin: z.number(),
      privilegedPorts: z.boolean(),
      timeScale: z.number(),
    })
    .optional(),
  devices: z.array(LabDeviceInfo),
  credentials: LabCredentials.optional(),
});
export type LabStatus = z.infer<typeof LabStatus>;

export const LabScenarioInfo = z.object({ name: LabScenarioName, summary: z.string() });
export type LabScenarioInfo = z.infer<typeof LabScenarioInfo>;

export const labMethods = {
  'lab.start': {
    summary: 'Start the lab daemon (or return the running lab if its options match).',
    input: LabStartInput,
    output: LabStatus,
  },
  'lab.stop': {
    summary: 'Stop the lab daemon.',
    input: z.object({}).strict(),
    output: z.object({ stopped: z.boolean(), pid: z.number().int().optional() }),
  },
  'lab.status': {
    summary: 'Whether the lab runs, and its devices and credentials.',
    input: z.object({}).strict(),
    output: LabStatus,
  },
  'lab.scenarios': {
    summary: 'The fault and traffic scenarios the lab can start with.',
    input: z.object({}).strict(),
    output: z.array(LabScenarioInfo),
  },
} as const satisfies MethodTable;

export const labEvents = {
  'lab.changed': LabStatus,
} as const satisfies EventTable;
