import net from 'node:net';
import type { ReceivedMessage } from '../normaliser';

export interface ReceiverHandle {
  readonly kind: 'syslog-udp' | 'syslog-tcp' | 'syslog-tls' | 'snmp-trap';
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Where receivers hand their messages (the ingest pipeline). */
export interface SinkOptions {
  /** 'wait': the sender is over its rate; a stream keeps the message and retries it later. */
  submit(msg: ReceivedMessage, mode?: 'drop' | 'wait'): 'accepted' | 'throttled' | 'wait';
  maxMessageBytes?: number;
}

/** "::ffff:127.0.0.1" → "127.0.0.1", so one sender has one identity across UDP and TCP. */
export function normaliseAddress(addr: string): string {
  return addr.startsWith('::ffff:') && net.isIPv4(addr.slice(7)) ? addr.slice(7) : addr;
}
