import net from 'node:net';
import snmp from 'net-snmp';
import { RoutewiseError } from '../../../shared/api/errors';
import { compareArcs, isUnder, oidArcs, stripDot } from './oid';
import { LeanSnmpSession } from './lean-session';
import { type SnmpCredential, toNetSnmpUser } from './snmp-credential';
import { fromNetSnmpVarbind, isVarbindException, type Varbind } from './varbind';

export type { SnmpCredential } from './snmp-credential';
export type { Varbind } from './varbind';

export interface SnmpTarget {
  host: string;
  /** UDP port of the agent (161 by default on devices). */
  port: number;
}

export interface SnmpSessionOptions {
  /** Time to wait for each reply before a retry, in milliseconds. */
  timeoutMs: number;
  /** Resends after the first attempt (0 = one attempt). */
  retries: number;
  /**
   * v1/v2c run on the lean BER client (lean-session.ts) unless 'net-snmp' is asked for (the benches compare
   * both); v3 always runs on net-snmp.
   */
  client?: 'lean' | 'net-snmp';
}

export interface WalkOptions {
  /** GETBULK max-repetitions (RFC 3416 §4.2.3); default 25. Ignored for SNMPv1, which walks with GETNEXT. */
  maxRepetitions?: number;
  /** Stop (with a `walk-truncated` warning) once this many rows were collected; default 100,000. */
  maxRows?: number;
  signal?: AbortSignal;
}

/** Non-fatal trouble met by a request that still produced a result (STYLE.md: the varbind level). */
export interface SnmpWarning {
  code: 'walk-loop' | 'walk-truncated';
  host: string;
  oid: string;
  message: string;
}

export interface SnmpSession {
  readonly host: string;
  readonly port: number;
  readonly version: 'v1' | 'v2c' | 'v3';
  /** Warnings from every walk of this session so far, oldest first. */
  readonly warnings: readonly SnmpWarning[];
  /** One varbind per requested OID, in order; noSuchObject & co. come back as varbinds, not errors. */
  get(oids: string[]): Promise<Varbind[]>;
  /** Every varbind strictly under `baseOid`, in the agent's order (GETBULK; GETNEXT for v1). */
  walk(baseOid: string, opts?: WalkOptions): Promise<Varbind[]>;
  /**
   * Several columns of one table walked together, each result as `walk` would return it (same order). On
   * v2c every GETBULK carries all columns still open (RFC 3416 §4.2.3), so a table costs a few requests
   * instead of a few per column; `maxRepetitions` is then the varbind budget per request across columns.
   */
  walkColumns(baseOids: string[], opts?: WalkOptions): Promise<Varbind[][]>;
  close(): void;
}

const DEFAULT_MAX_REPETITIONS = 25;
const DEFAULT_MAX_ROWS = 100_000;

/**
 * Open an SNMP session. v1/v2c go through the lean BER client (one shared UDP socket, see lean-session.ts),
 * which measured ~3x less CPU per varbind than net-snmp on bulk walks; v3 stays on net-snmp over its own
 * socket. Request-level failures reject with a RoutewiseError (`timeout`, `auth-failed`, `parse-failed`,
 * `unavailable`, `cancelled`) whose details carry the host; per-varbind failures stay in the result.
 * Malformed replies never reach the process: decode errors are caught, and a request that saw one and then
 * timed out fails as `parse-failed`.
 */
export function openSnmpSession(target: SnmpTarget, cred: SnmpCredential, opts: SnmpSessionOptions): SnmpSession {
  const transport = net.isIPv6(target.host) ? 'udp6' : 'udp4';
  const common = {
    port: target.port,
    timeout: Math.max(1, Math.round(opts.timeoutMs)),
    retries: Math.max(0, Math.floor(opts.retries)),
    transport,
    // Loops are ours to detect (we warn, not fail), so let non-increasing OIDs through.
    backwardsGetNexts: true,
  } as const;
  let raw: snmp.Session;
  let version: SnmpSession['version'];
  if (cred.kind === 'snmp-v3') {
    raw = snmp.createV3Session(target.host, toNetSnmpUser(cred), { ...common, version: snmp.Version3 });
    version = 'v3';
  } else if (opts.client !== 'net-snmp') {
    return new LeanSnmpSession(target, cred.community, cred.kind === 'snmp-v1' ? 'v1' : 'v2c', opts);
  } else {
    const v = cred.kind === 'snmp-v1' ? snmp.Version1 : snmp.Version2c;
    raw = snmp.createSession(target.host, cred.community, { ...common, version: v });
    version = cred.kind === 'snmp-v1' ? 'v1' : 'v2c';
  }
  return new NetSnmpSession(raw, target, version);
}

class NetSnmpSession implements SnmpSession {
  readonly warnings: SnmpWarning[] = [];
  private lastMalformed: { at: number; message: string } | undefined;
  private closed = false;

  constructor(
    private readonly raw: snmp.Session,
    private readonly target: SnmpTarget,
    readonly version: 'v1' | 'v2c' | 'v3',
  ) {
    // net-snmp emits 'error' for a datagram it cannot decode; without a listener that would crash the process.
    raw.on('error', (err: unknown) => this.noteMalformed(err));
    // Its message handler can also throw past its own try (e.g. a v3 reply with garbage security
    // parameters); wrap it so a hostile datagram only costs a timeout.
    const dgram = (raw as unknown as { dgram: import('node:dgram').Socket }).dgram;
    const onMsg = (raw as unknown as { onMsg: (b: Buffer) => void }).onMsg;
    dgram.removeAllListeners('message');
    dgram.on('message', (buf: Buffer) => {
      try {
        onMsg.call(raw, buf);
      } catch (err) {
        this.noteMalformed(err);
      }
    });
  }

  get host(): string {
    return this.target.host;
  }

  get port(): number {
    return this.target.port;
  }

  async get(oids: string[]): Promise<Varbind[]> {
    if (oids.length === 0) return [];
    const clean = oids.map(stripDot);
    try {
      const vbs = await this.request<snmp.Varbind[]>((cb) => this.raw.get(clean, cb));
      return this.checked(vbs.map(fromNetSnmpVarbind), 'get');
    } catch (err) {
      const status = (err as { status?: number }).status;
      // SNMPv1 has no per-varbind exceptions: one unknown OID fails the whole GET with noSuchName
      // (RFC 1157 §4.1.2), so ask for each OID alone and turn that status into a NoSuchObject varbind.
      if (status === snmp.ErrorStatus.NoSuchName) {
        if (clean.length === 1) return [{ oid: clean[0] as string, type: 'NoSuchObject', value: null }];
        const out: Varbind[] = [];
        for (const oid of clean) out.push(...(await this.get([oid])));
        return out;
      }
      // tooBig: the reply would not fit one datagram (RFC 3416 §4.2.1); split the request.
      if (status === snmp.ErrorStatus.TooBig && clean.length > 1) {
        const half = Math.ceil(clean.length / 2);
        return [...(await this.get(clean.slice(0, half))), ...(await this.get(clean.slice(half)))];
      }
      throw this.toError(err, `get ${clean.slice(0, 3).join(',')}`);
    }
  }

  async walk(baseOid: string, opts: WalkOptions = {}): Promise<Varbind[]> {
    const base = stripDot(baseOid);
    const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
    let maxRep = Math.max(1, Math.min(opts.maxRepetitions ?? DEFAULT_MAX_REPETITIONS, 1000));
    const out: Varbind[] = [];
    let cursor = base;
    let cursorArcs = oidArcs(base);
    for (;;) {
      if (opts.signal?.aborted) throw new RoutewiseError('cancelled', `walk of ${base} cancelled`, { host: this.host, oid: base });
      let batch: snmp.Varbind[];
      try {
        batch = await this.nextBatch(cursor, maxRep, opts.signal);
      } catch (err) {
        const status = (err as { status?: number }).status;
        if (status === snmp.ErrorStatus.TooBig && maxRep > 1) {
          maxRep = Math.max(1, Math.floor(maxRep / 2));
          continue;
        }
        // v1 signals the end of the MIB view with noSuchName on GETNEXT (RFC 1157 §4.1.3).
        if (status === snmp.ErrorStatus.NoSuchName && this.version === 'v1') return out;
        throw this.toError(err, `walk ${base}`);
      }
      if (batch.length === 0) return out;
      for (const vb of this.checked(batch.map(fromNetSnmpVarbind), `walk ${base}`)) {
        if (vb.type === 'EndOfMibView' || vb.type === 'NoSuchObject' || vb.type === 'NoSuchInstance') return out;
        if (!isUnder(vb.oid, base)) return out;
        // Profiling showed OID parsing in this check as our largest own cost on 200k-row walks: parse each
        // OID once and keep the cursor's arcs.
        const arcs = oidArcs(vb.oid);
        if (compareArcs(arcs, cursorArcs) <= 0) {
          this.warn('walk-loop', vb.oid, `agent returned ${vb.oid} after ${cursor} under ${base}: OID did not increase, walk stopped with ${out.length} rows`);
          return out;
        }
        if (out.length >= maxRows) {
          this.warn('walk-truncated', base, `walk of ${base} stopped at the ${maxRows}-row cap`);
          return out;
        }
        out.push(vb);
        cursor = vb.oid;
        cursorArcs = arcs;
      }
    }
  }

  async walkColumns(baseOids: string[], opts: WalkOptions = {}): Promise<Varbind[][]> {
    const out: Varbind[][] = [];
    for (const base of baseOids) out.push(await this.walk(base, opts));
    return out;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.raw.close();
    } catch {
      // already closed by the socket
    }
  }

  private nextBatch(cursor: string, maxRep: number, signal?: AbortSignal): Promise<snmp.Varbind[]> {
    if (this.version === 'v1') return this.request<snmp.Varbind[]>((cb) => this.raw.getNext([cursor], cb), signal);
    return this.request<(snmp.Varbind | snmp.Varbind[])[]>((cb) => this.raw.getBulk([cursor], 0, maxRep, cb), signal).then(
      (rows) => {
        const first = rows[0];
        return first === undefined ? [] : Array.isArray(first) ? first : [first];
      },
    );
  }

  /** Run one net-snmp request; resolves once, whatever the library calls back. */
  private request<T>(send: (cb: (err: Error | null, result?: T) => void) => void, signal?: AbortSignal): Promise<T> {
    if (this.closed) return Promise.reject(new RoutewiseError('unavailable', 'SNMP session is closed', { host: this.host }));
    const startedAt = Date.now();
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const onAbort = (): void => finish(new RoutewiseError('cancelled', 'SNMP request cancelled', { host: this.host }));
      const finish = (err: unknown, result?: T): void => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        if (err) {
          const m = this.lastMalformed;
          // A malformed reply is dropped by the library, so the request only times out: say why.
          if ((err as { name?: string }).name === 'RequestTimedOutError' && m && m.at >= startedAt) {
            reject(new RoutewiseError('parse-failed', `malformed SNMP reply from ${this.host}: ${m.message}`, { host: this.host, port: this.port }));
          } else reject(err);
        } else resolve(result as T);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        send((err, result) => finish(err, result));
      } catch (err) {
        finish(err);
      }
    });
  }

  /**
   * net-snmp's BER reader is lenient: a value cut short by a truncated datagram decodes as null
   * instead of failing. A typed value that came back null means the message was broken.
   */
  private checked(vbs: Varbind[], what: string): Varbind[] {
    const bad = vbs.find((vb) => vb.value === null && vb.type !== 'Null' && !isVarbindException(vb));
    if (bad) {
      throw new RoutewiseError('parse-failed', `malformed SNMP reply from ${this.host}: ${bad.type} value of ${bad.oid} is truncated`, {
        host: this.host,
        port: this.port,
        request: what,
      });
    }
    return vbs;
  }

  private noteMalformed(err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this.lastMalformed = { at: Date.now(), message: message.slice(0, 200) };
  }

  private warn(code: SnmpWarning['code'], oid: string, message: string): void {
    this.warnings.push({ code, host: this.host, oid, message });
  }

  private toError(err: unknown, what: string): RoutewiseError {
    if (err instanceof RoutewiseError) return err;
    const e = err as { name?: string; message?: string; code?: number; status?: number };
    const details = { host: this.host, port: this.port, request: what };
    const msg = e.message ?? String(err);
    if (e.name === 'RequestTimedOutError') {
      return new RoutewiseError('timeout', `no SNMP reply from ${this.host}:${this.port} (${what}); wrong community or credentials, ACL, or host down`, details);
    }
    if (e.name === 'ResponseInvalidError') {
      if (e.code === snmp.ResponseInvalidCode.EAuthFailure || e.code === snmp.ResponseInvalidCode.ECouldNotDecrypt) {
        return new RoutewiseError('auth-failed', `SNMPv3 authentication failed at ${this.host}: ${msg}`, details);
      }
      return new RoutewiseError('parse-failed', `invalid SNMP reply from ${this.host}: ${msg}`, details);
    }
    // authorizationError (RFC 3416 §4.2.5): the user or community has no VACM access to the view.
    if (e.name === 'RequestFailedError' && e.status === 16) {
      return new RoutewiseError('auth-failed', `agent at ${this.host} denied access (${what}): the credential has no read view`, { ...details, status: e.status });
    }
    if ((err as { code?: string }).code === 'ERR_OSSL_EVP_UNSUPPORTED') {
      return new RoutewiseError('unsupported', `this runtime's OpenSSL cannot run the SNMPv3 privacy protocol: ${msg}`, details);
    }
    if (e.name === 'RequestFailedError') {
      return new RoutewiseError('unavailable', `agent at ${this.host} refused ${what}: ${msg}`, { ...details, status: e.status });
    }
    return new RoutewiseError('unavailable', `SNMP to ${this.host}:${this.port} failed: ${msg}`, details);
  }
}
