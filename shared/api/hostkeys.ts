import { z } from 'zod';
import type { EventTable, MethodTable } from './method-table';

/**
 * SSH host keys pinned on first use, keyed by `host:port`. A changed key blocks the device until an admin
 * accepts it here (or with `routewise hostkeys accept HOST:PORT`).
 */

/** `host:port` with IPv6 literals bracketed and the host lower-cased: the one spelling of a pin key. */
export function formatHostPort(host: string, port: number): string {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h.includes(':') ? `[${h}]:${port}` : `${h}:${port}`;
}

/** Reads `host`, `host:port`, `[v6]:port` or a bare IPv6 literal; the port defaults to 22. */
export function parseHostPort(text: string, defaultPort = 22): { host: string; port: number } | undefined {
  const t = text.trim();
  const bracketed = /^\[([0-9a-fA-F:.%a-zA-Z]+)\](?::(\d{1,5}))?$/.exec(t);
  if (bracketed) return withPort(bracketed[1] ?? '', bracketed[2], defaultPort);
  if ((t.match(/:/g) ?? []).length > 1) return /^[0-9a-fA-F:.]+$/.test(t) ? withPort(t, undefined, defaultPort) : undefined;
  const plain = /^([A-Za-z0-9._-]{1,253})(?::(\d{1,5}))?$/.exec(t);
  return plain ? withPort(plain[1] ?? '', plain[2], defaultPort) : undefined;
}

function withPort(host: string, port: string | undefined, defaultPort: number): { host: string; port: number } | undefined {
  const p = port === undefined ? defaultPort : Number(port);
  if (!Number.isInteger(p) || p < 1 || p > 65535 || host.length === 0) return undefined;
  return { host: host.toLowerCase(), port: p };
}

/** Input form: any spelling parseHostPort accepts, normalised to the pin key. */
export const HostPort = z
  .string()
  .max(300)
  .transform((text, ctx) => {
    const hp = parseHostPort(text);
    if (!hp) {
      ctx.addIssue({ code: 'custom', message: `not a host or host:port: ${text.slice(0, 80)}` });
      return z.NEVER;
    }
    return formatHostPort(hp.host, hp.port);
  });

const Fingerprint = z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'a fingerprint looks like SHA256:<43 base64 characters>');

export const HostKeyEntry = z.object({
  hostPort: z.string(),
  algorithm: z.string(),
  fingerprint: z.string(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  /** 'changed' while a different key was offered and nobody accepted it yet: connections are blocked. */
  status: z.enum(['trusted', 'changed']),
  pending: z.object({ algorithm: z.string(), fingerprint: z.string(), seenAt: z.string() }).optional(),
});
export type HostKeyEntry = z.infer<typeof HostKeyEntry>;

export const hostkeysMethods = {
  'hostkeys.list': {
    summary: 'Pinned SSH host keys, with any changed key waiting for acceptance.',
    input: z.object({}).strict(),
    output: z.array(HostKeyEntry),
  },
  'hostkeys.accept': {
    summary: "Trust the changed key a host now offers (optionally only if it has this fingerprint).",
    input: z.object({ hostPort: HostPort, fingerprint: Fingerprint.optional() }).strict(),
    output: HostKeyEntry,
  },
  'hostkeys.forget': {
    summary: 'Remove a pin; the next connection trusts whatever key the host offers.',
    input: z.object({ hostPort: HostPort }).strict(),
    output: z.object({ forgotten: z.boolean() }),
  },
} as const satisfies MethodTable;

export const hostkeysEvents = {
  /** A host offered a key different from its pin; the connection was refused. */
  'hostkeys.changed': HostKeyEntry,
} as const satisfies EventTable;
