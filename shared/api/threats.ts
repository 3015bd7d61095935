import { z } from 'zod';
import {
  Insight,
  InsightCategory,
  InsightFormat,
  Playbook,
  Severity,
  TechniqueInfo,
} from '../domain/insight';
import type { EventTable, MethodTable } from './method-table';

export const StoredInsight = Insight.extend({
  /** Store order; the forwarders' queue position. */
  seq: z.number().int(),
  /** The original bytes when they were not valid UTF-8. */
  rawBase64: z.string().optional(),
});
export type StoredInsight = z.infer<typeof StoredInsight>;

const Port = z.number().int().min(0).max(65535);
const Host = z.string().min(1).max(255).default('127.0.0.1');

export const ReceiverKind = z.enum(['syslog-udp', 'syslog-tcp', 'syslog-tls', 'snmp-trap']);
export const ReceiverInfo = z.object({ kind: ReceiverKind, host: z.string(), port: z.number().int() });
export type ReceiverInfo = z.infer<typeof ReceiverInfo>;

export const TrapUserInput = z
  .object({
    name: z.string().min(1).max(32),
    level: z.enum(['noAuthNoPriv', 'authNoPriv', 'authPriv']),
    authProtocol: z.enum(['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512']).optional(),
    authKey: z.string().min(8).max(256).optional(),
    privProtocol: z.enum(['des', 'aes', 'aes256b', 'aes256r']).optional(),
    privKey: z.string().min(8).max(256).optional(),
  })
  .strict();

export const ListenRequest = z
  .object({
    syslogUdp: z.object({ host: Host, port: Port }).strict().optional(),
    syslogTcp: z.object({ host: Host, port: Port }).strict().optional(),
    syslogTls: z
      .object({ host: Host, port: Port, certFile: z.string().min(1), keyFile: z.string().min(1), caFile: z.string().optional() })
      .strict()
      .optional(),
    trap: z
      .object({
        host: Host,
        port: z.number().int().min(1).max(65535),
        communities: z.array(z.string().min(1).max(64)).max(16).default(['public']),
        users: z.array(TrapUserInput).max(32).default([]),
      })
      .strict()
      .optional(),
    /** Per-sender token bucket; null disables it. */
    rateLimit: z
      .object({ ratePerSec: z.number().positive().max(1_000_000), burst: z.number().int().min(1).max(10_000_000) })
      .strict()
      .nullable()
      .optional(),
    /** Refuse to bind a non-loopback address unless the admin says so. */
    allowRemote: z.boolean().default(false),
    /** Publish threats.insight events for a live view; a headless collector can turn them off. */
    liveEvents: z.boolean().default(true),
  })
  .strict();
export type ListenRequest = z.input<typeof ListenRequest>;

export const ForwardFormat = z.enum(['cef', 'hec', 'elastic']);
export type ForwardFormat = z.infer<typeof ForwardFormat>;

export const ForwardRequest = z
  .object({
    /** http(s)://… for hec/elastic; host:port, tcp://host:port or tls://host:port for cef. */
    to: z.string().min(3).max(2048),
    format: ForwardFormat,
    /** Splunk HEC token or Elastic API key / basic credentials (header value). */
    token: z.string().max(4096).optional(),
    index: z.string().max(255).optional(),
    /** Where to start a new target: only new insights ('end') or everything stored ('start'). */
    from: z.enum(['start', 'end']).default('start'),
    caFile: z.string().optional(),
    insecureSkipVerify: z.boolean().default(false),
    batchSize: z.number().int().min(1).max(10_000).default(500),
    /** Longest wait between retries while the target is down (backoff doubles from 200 ms up to this). */
    retryMaxMs: z.number().int().min(100).max(300_000).default(30_000),
  })
  .strict();
export type ForwardRequest = z.input<typeof ForwardRequest>;

export const ForwarderStatus = z.object({
  target: z.string(),
  format: ForwardFormat,
  running: z.boolean(),
  lastSeq: z.number().int(),
  delivered: z.number().int(),
  /** Stored insights not yet delivered. */
  backlog: z.number().int(),
  lastError: z.string().nullable(),
  retries: z.number().int(),
});
export type ForwarderStatus = z.infer<typeof ForwarderStatus>;

export const ThreatStats = z.object({
  total: z.number().int(),
  byFormat: z.record(z.string(), z.number()),
  byCategory: z.record(z.string(), z.number()),
  bySeverity: z.record(z.string(), z.number()),
  /** Persistent counters: received, deduplicated, unknown, throttled, truncated, invalidUtf8. */
  counters: z.record(z.string(), z.number()),
  /** This engine's live receivers and its per-sender throttle counts. */
  receivers: z.array(ReceiverInfo),
  throttledBySender: z.record(z.string(), z.number()),
});
export type ThreatStats = z.infer<typeof ThreatStats>;

export const threatsMethods = {
  'threats.list': {
    summary: 'Stored insights, newest first (or after a seq, oldest first).',
    input: z
      .object({
        /** ISO time, or a duration back from now: "90s", "15m", "2h", "7d". */
        since: z.string().max(64).optional(),
        afterSeq: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(100_000).default(1_000),
        format: InsightFormat.optional(),
        severity: Severity.optional(),
        category: InsightCategory.optional(),
        deviceAddress: z.string().max(64).optional(),
        correlationId: z.string().max(64).optional(),
      })
      .strict(),
    output: z.object({ insights: z.array(StoredInsight) }),
  },
  'threats.stats': {
    summary: 'Counts by format, category and severity; ingest counters; live receivers.',
    input: z.object({}).strict(),
    output: ThreatStats,
  },
  'threats.explain': {
    summary: 'Plain-language explanation, ATT&CK technique and response playbook for an insight or a category.',
    input: z
      .object({ id: z.string().max(64).optional(), category: InsightCategory.optional() })
      .strict()
      .refine((v) => v.id !== undefined || v.category !== undefined, 'give an insight id or a category'),
    output: z.object({
      category: InsightCategory,
      playbook: Playbook,
      technique: TechniqueInfo.nullable(),
      insight: StoredInsight.optional(),
    }),
  },
  'threats.listen': {
    summary: 'Start syslog (UDP/TCP/TLS) and SNMP trap receivers in this engine.',
    input: ListenRequest,
    output: z.object({ receivers: z.array(ReceiverInfo) }),
  },
  'threats.unlisten': {
    summary: 'Stop every receiver this engine runs.',
    input: z.object({}).strict(),
    output: z.object({ stopped: z.number().int() }),
  },
  'threats.forward.start': {
    summary: 'Forward stored and new insights to a SIEM (CEF syslog, Splunk HEC, Elastic bulk) from a persistent queue.',
    input: ForwardRequest,
    output: ForwarderStatus,
  },
  'threats.forward.stop': {
    summary: 'Stop a forwarder (its cursor stays; starting it again resumes).',
    input: z.object({ target: z.string().max(2048) }).strict(),
    output: z.object({ stopped: z.boolean() }),
  },
  'threats.forward.status': {
    summary: 'Every forwarder: cursor, delivered count, backlog, last error.',
    input: z.object({}).strict(),
    output: z.object({ forwarders: z.array(ForwarderStatus) }),
  },
} as const satisfies MethodTable;

/** Live feed: new insights and deduplicated ones whose count grew (raw capped at 4 KB here). */
export const threatsEvents = {
  'threats.insight': StoredInsight.omit({ seq: true }).extend({ seq: z.number().int().optional() }),
} as const satisfies EventTable;
