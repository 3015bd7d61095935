import dgram from 'node:dgram';
import net from 'node:net';
import { BerError, decodeResponse, peekRequestId, type ResponseMessage } from './ber-codec';

/**
 * One UDP socket per address family, shared by every lean v1/v2c session and multiplexed by request-id.
 * Opening a socket per device costs a bind and a file descriptor per poll; one socket serves thousands of
 * devices per cycle. A reply is matched by request-id AND the agent's address and port, so a stray or
 * spoofed datagram cannot answer someone else's request. Malformed datagrams are caught here and never
 * reach the event loop: one that still names its request fails it at once as malformed; one that does not
 * marks the requests pending for that agent, which then fail as malformed instead of as a timeout.
 */
export interface LeanReply {
  kind: 'reply';
  message: ResponseMessage;
}
export interface LeanMalformed {
  kind: 'malformed';
  reason: string;
}
export interface LeanTimeout {
  kind: 'timeout';
  /** Set when a datagram from the agent arrived during the wait but could not be decoded. */
  malformed?: string;
}
export type LeanOutcome = LeanReply | LeanMalformed | LeanTimeout;

/** Counters over the process lifetime, for benches and diagnostics: requests sent, resends, timeouts. */
export interface LeanTransportStats {
  requests: number;
  resends: number;
  timeouts: number;
  malformed: number;
}
const stats: LeanTransportStats = { requests: 0, resends: 0, timeouts: 0, malformed: 0 };

export function leanTransportStats(): LeanTransportStats {
  return { ...stats };
}

interface Pending {
  host: string;
  port: number;
  malformed?: string;
  timer: ReturnType<typeof setTimeout> | undefined;
  done: (outcome: LeanOutcome) => void;
}

// The kernel caps this at net.core.rmem_max; asking for more is harmless. Hundreds of concurrent agents
// each answering with ~1.4 KB would overrun the default buffer.
const RECV_BUFFER_BYTES = 4 * 1024 * 1024;

class SharedSocket {
  private socket: dgram.Socket | undefined;
  private ready: Promise<void> | undefined;
  private binding = false;
  private refs = 0;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1 + Math.floor(Math.random() * 0x3fffffff);

  constructor(private readonly family: 'udp4' | 'udp6') {}

  acquire(): void {
    this.refs++;
  }

  release(): void {
    this.refs = Math.max(0, this.refs - 1);
    if (this.refs === 0 && this.pending.size === 0 && this.socket) {
      const s = this.socket;
      this.socket = undefined;
      this.ready = undefined;
      s.close();
    }
  }

  /** A request-id no pending request uses (31-bit positive, as RFC 3416's Integer32 request-id allows). */
  allocateId(): number {
    for (;;) {
      const id = this.nextId;
      this.nextId = this.nextId >= 0x7fffffff ? 1 : this.nextId + 1;
      if (!this.pending.has(id)) return id;
    }
  }

  /**
   * Send `packet` and wait for the matching reply; resend after each timeout, `retries` times.
   * Resolves exactly once; never rejects.
   */
  exchange(host: string, port: number, requestId: number, packet: Buffer, timeoutMs: number, retries: number, signal?: AbortSignal): Promise<LeanOutcome | { kind: 'cancelled' }> {
    return new Promise((resolve) => {
      let attemptsLeft = retries;
      const onAbort = (): void => finish({ kind: 'cancelled' });
      const finish = (outcome: LeanOutcome | { kind: 'cancelled' }): void => {
        const p = this.pending.get(requestId);
        if (p?.done !== done) return;
        if (p.timer) clearTimeout(p.timer);
        this.pending.delete(requestId);
        signal?.removeEventListener('abort', onAbort);
        resolve(outcome);
        if (this.refs === 0) this.release();
      };
      const done = (outcome: LeanOutcome): void => finish(outcome);
      const entry: Pending = { host, port, timer: undefined, done };
      this.pending.set(requestId, entry);
      signal?.addEventListener('abort', onAbort, { once: true });
      stats.requests++;
      const send = (): void => {
        entry.timer = setTimeout(() => {
          if (attemptsLeft-- > 0) {
            stats.resends++;
            send();
          } else {
            stats.timeouts++;
            finish({ kind: 'timeout', ...(entry.malformed ? { malformed: entry.malformed } : {}) });
          }
        }, timeoutMs);
        // Fire and forget: a send error surfaces as the socket's 'error' event, and the request times out.
        if (this.socket && !this.binding) this.socket.send(packet, port, host);
        else {
          this.ensureSocket().then(
            () => this.socket?.send(packet, port, host),
            (err: unknown) => finish({ kind: 'malformed', reason: `socket failed: ${err instanceof Error ? err.message : String(err)}` }),
          );
        }
      };
      send();
    });
  }

  private ensureSocket(): Promise<void> {
    if (this.ready) return this.ready;
    const s = dgram.createSocket({ type: this.family });
    this.socket = s;
    s.on('message', (buf, rinfo) => this.onMessage(buf, rinfo));
    this.binding = true;
    this.ready = new Promise<void>((resolve, reject) => {
      s.once('error', (err) => {
        // Let the next request try a fresh socket instead of waiting on this failed bind forever.
        if (this.socket === s) {
          this.socket = undefined;
          this.ready = undefined;
          this.binding = false;
        }
        s.close();
        reject(err);
      });
      s.bind(0, () => {
        this.binding = false;
        s.removeAllListeners('error');
        // A later socket error (e.g. a failed send) must not crash the process; the request times out.
        s.on('error', () => undefined);
        try {
          s.setRecvBufferSize(RECV_BUFFER_BYTES);
        } catch {
          // not permitted here: the default buffer still works, with more drops under load
        }
        resolve();
      });
    });
    return this.ready;
  }

  private onMessage(buf: Buffer, rinfo: dgram.RemoteInfo): void {
    try {
      this.dispatch(buf, rinfo);
    } catch {
      // Nothing a datagram contains may throw out of the socket handler.
    }
  }

  private dispatch(buf: Buffer, rinfo: dgram.RemoteInfo): void {
    let message: ResponseMessage;
    try {
      message = decodeResponse(buf);
    } catch (err) {
      stats.malformed++;
      const reason = err instanceof BerError ? err.message : String(err);
      const id = peekRequestId(buf);
      const p = id === undefined ? undefined : this.pending.get(id);
      if (p && this.fromAgent(p, rinfo)) {
        p.done({ kind: 'malformed', reason });
        return;
      }
      for (const q of this.pending.values()) if (this.fromAgent(q, rinfo)) q.malformed = reason.slice(0, 200);
      return;
    }
    const p = this.pending.get(message.requestId);
    if (p && this.fromAgent(p, rinfo)) p.done({ kind: 'reply', message });
  }

  private fromAgent(p: Pending, rinfo: dgram.RemoteInfo): boolean {
    // A target given by name is resolved by each send; its replies can only be matched by port.
    return rinfo.port === p.port && (net.isIP(p.host) === 0 || sameAddress(rinfo.address, p.host));
  }
}

function sameAddress(a: string, b: string): boolean {
  if (a === b) return true;
  // udp6 sockets report IPv4-mapped peers; hosts may be written with different case or zero compression.
  return a.toLowerCase() === b.toLowerCase() || a === `::ffff:${b}`;
}

const sockets = { udp4: new SharedSocket('udp4'), udp6: new SharedSocket('udp6') };

export function sharedSocket(family: 'udp4' | 'udp6'): SharedSocket {
  return sockets[family];
}

export type { SharedSocket };
