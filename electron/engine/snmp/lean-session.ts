import net from 'node:net';
import { RoutewiseError } from '../../../shared/api/errors';
import { encodeRequest, PDU_GET, PDU_GET_BULK, PDU_GET_NEXT, type RequestPduType, type ResponseMessage, type WireVersion } from './ber-codec';
import { sharedSocket, type SharedSocket } from './lean-transport';
import { oidArcs, stripDot } from './oid';
import { compareCanonicalOids } from './oid-compare';
import type { SnmpSession, SnmpSessionOptions, SnmpTarget, SnmpWarning, WalkOptions } from './snmp-session';
import type { Varbind } from './varbind';

// RFC 3416 §3 error-status values the session acts on.
const TOO_BIG = 1;
const NO_SUCH_NAME = 2;
const AUTHORIZATION_ERROR = 16;
const ERROR_NAMES = [
  'noError', 'tooBig', 'noSuchName', 'badValue', 'readOnly', 'genErr', 'noAccess', 'wrongType', 'wrongLength', 'wrongEncoding',
  'wrongValue', 'noCreation', 'inconsistentValue', 'resourceUnavailable', 'commitFailed', 'undoFailed', 'authorizationError',
  'notWritable', 'inconsistentName',
];

const DEFAULT_MAX_REPETITIONS = 25;
const DEFAULT_MAX_ROWS = 100_000;
// Net-SNMP's agent answers at most 100 varbinds per GETBULK by default (maxGetbulkResponses); asking for
// more only makes it trim the reply, so multi-column walks size their repetitions to this budget.
const BULK_VARBIND_BUDGET = 100;

class AgentStatusError extends Error {
  constructor(
    readonly status: number,
    readonly index: number,
  ) {
    super(`${ERROR_NAMES[status] ?? `error-status ${status}`} (index ${index})`);
  }
}

/**
 * SNMP v1/v2c over our own BER codec and one shared UDP socket (lean-transport.ts). Same contract as the
 * net-snmp session it replaces for these versions: request-level failures reject with a RoutewiseError
 * (`timeout`, `auth-failed`, `parse-failed`, `unavailable`, `cancelled`), per-varbind exceptions stay in the
 * result, walks detect non-increasing OIDs and stop at the row cap with a warning.
 */
export class LeanSnmpSession implements SnmpSession {
  readonly warnings: SnmpWarning[] = [];
  private readonly socket: SharedSocket;
  private readonly community: Buffer;
  private readonly wireVersion: WireVersion;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private closed = false;

  constructor(
    private readonly target: SnmpTarget,
    community: string,
    readonly version: 'v1' | 'v2c',
    opts: SnmpSessionOptions,
  ) {
    this.socket = sharedSocket(net.isIPv6(target.host) ? 'udp6' : 'udp4');
    this.socket.acquire();
    this.community = Buffer.from(community, 'utf8');
    this.wireVersion = version === 'v1' ? 0 : 1;
    this.timeoutMs = Math.max(1, Math.round(opts.timeoutMs));
    this.retries = Math.max(0, Math.floor(opts.retries));
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
      return (await this.request(PDU_GET, clean, 0, 0)).varbinds;
    } catch (err) {
      if (err instanceof AgentStatusError) {
        // SNMPv1 has no per-varbind exceptions: one unknown OID fails the whole GET with noSuchName
        // (RFC 1157 §4.1.2), so ask for each OID alone and turn that status into a NoSuchObject varbind.
        if (err.status === NO_SUCH_NAME) {
          if (clean.length === 1) return [{ oid: clean[0] as string, type: 'NoSuchObject', value: null }];
          const out: Varbind[] = [];
          for (const oid of clean) out.push(...(await this.get([oid])));
          return out;
        }
        // tooBig: the reply would not fit one datagram (RFC 3416 §4.2.1); split the request.
        if (err.status === TOO_BIG && clean.length > 1) {
          const half = Math.ceil(clean.length / 2);
          return [...(await this.get(clean.slice(0, half))), ...(await this.get(clean.slice(half)))];
        }
      }
      throw this.toError(err, `get ${clean.slice(0, 3).join(',')}`);
    }
  }

  async walk(baseOid: string, opts: WalkOptions = {}): Promise<Varbind[]> {
    const [rows] = await this.walkColumns([baseOid], opts);
    return rows ?? [];
  }

  async walkColumns(baseOids: string[], opts: WalkOptions = {}): Promise<Varbind[][]> {
    const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
    const cols = baseOids.map((b) => {
      // Canonical form (no leading zeros) so the string comparison below is exact.
      const base = oidArcs(b).join('.');
      return { base, prefix: `${base}.`, cursor: base, out: [] as Varbind[], open: true };
    });
    const label = cols.length === 1 ? `walk ${cols[0]?.base}` : `walk ${cols.length} columns from ${cols[0]?.base}`;
    let budget = Math.max(1, Math.min(opts.maxRepetitions ?? (cols.length === 1 ? DEFAULT_MAX_REPETITIONS : BULK_VARBIND_BUDGET), 1000));
    for (;;) {
      const open = cols.filter((c) => c.open);
      if (open.length === 0) return cols.map((c) => c.out);
      if (opts.signal?.aborted) throw new RoutewiseError('cancelled', `${label} cancelled`, { host: this.host, oid: open[0]?.base });
      const maxRep = cols.length === 1 ? budget : Math.max(1, Math.floor(budget / open.length));
      let vbs: Varbind[];
      try {
        vbs =
          this.version === 'v1'
            ? (await this.request(PDU_GET_NEXT, open.map((c) => c.cursor), 0, 0, opts.signal)).varbinds
            : (await this.request(PDU_GET_BULK, open.map((c) => c.cursor), 0, maxRep, opts.signal)).varbinds;
      } catch (err) {
        if (err instanceof AgentStatusError) {
          if (err.status === TOO_BIG && budget > 1) {
            budget = Math.max(1, Math.floor(budget / 2));
            continue;
          }
          // v1 signals the end of the MIB view with noSuchName on GETNEXT (RFC 1157 §4.1.3): the column at
          // error-index is done; the others are asked again.
          if (err.status === NO_SUCH_NAME && this.version === 'v1') {
            const done = open[err.index - 1] ?? (open.length === 1 ? open[0] : undefined);
            if (done) {
              done.open = false;
              continue;
            }
          }
        }
        throw this.toError(err, label);
      }
      if (vbs.length === 0) return cols.map((c) => c.out);
      // GETBULK answers row by row: varbind k continues column k mod n (RFC 3416 §4.2.3).
      const n = open.length;
      for (let k = 0; k < vbs.length; k++) {
        const c = open[k % n] as (typeof open)[number];
        if (!c.open) continue;
        const vb = vbs[k] as Varbind;
        if (vb.type === 'EndOfMibView' || vb.type === 'NoSuchObject' || vb.type === 'NoSuchInstance' || !vb.oid.startsWith(c.prefix)) {
          c.open = false;
          continue;
        }
        if (compareCanonicalOids(vb.oid, c.cursor) <= 0) {
          this.warn('walk-loop', vb.oid, `agent returned ${vb.oid} after ${c.cursor} under ${c.base}: OID did not increase, walk stopped with ${c.out.length} rows`);
          c.open = false;
          continue;
        }
        if (c.out.length >= maxRows) {
          this.warn('walk-truncated', c.base, `walk of ${c.base} stopped at the ${maxRows}-row cap`);
          c.open = false;
          continue;
        }
        c.out.push(vb);
        c.cursor = vb.oid;
      }
      // An agent may trim a reply below one varbind per column; a column it left out is asked again.
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.release();
  }

  private async request(pduType: RequestPduType, oids: string[], nonRepeaters: number, maxRepetitions: number, signal?: AbortSignal): Promise<ResponseMessage> {
    if (this.closed) throw new RoutewiseError('unavailable', 'SNMP session is closed', { host: this.host });
    if (signal?.aborted) throw new RoutewiseError('cancelled', 'SNMP request cancelled', { host: this.host });
    const requestId = this.socket.allocateId();
    let packet: Buffer;
    try {
      packet = encodeRequest({ version: this.wireVersion, community: this.community, pduType, requestId, nonRepeaters, maxRepetitions, oids });
    } catch (err) {
      throw new RoutewiseError('bad-request', err instanceof Error ? err.message : String(err), { host: this.host });
    }
    const outcome = await this.socket.exchange(this.host, this.port, requestId, packet, this.timeoutMs, this.retries, signal);
    const details = { host: this.host, port: this.port };
    switch (outcome.kind) {
      case 'cancelled':
        throw new RoutewiseError('cancelled', 'SNMP request cancelled', details);
      case 'malformed':
        throw new RoutewiseError('parse-failed', `malformed SNMP reply from ${this.host}: ${outcome.reason}`, details);
      case 'timeout':
        if (outcome.malformed) throw new RoutewiseError('parse-failed', `malformed SNMP reply from ${this.host}: ${outcome.malformed}`, details);
        throw new TimeoutError();
      case 'reply': {
        const m = outcome.message;
        if (m.version !== this.wireVersion) throw new RoutewiseError('parse-failed', `invalid SNMP reply from ${this.host}: version ${m.version} answers a version ${this.wireVersion} request`, details);
        if (m.errorStatus !== 0) throw new AgentStatusError(m.errorStatus, m.errorIndex);
        return m;
      }
    }
  }

  private warn(code: SnmpWarning['code'], oid: string, message: string): void {
    this.warnings.push({ code, host: this.host, oid, message });
  }

  private toError(err: unknown, what: string): RoutewiseError {
    if (err instanceof RoutewiseError) return err;
    const details = { host: this.host, port: this.port, request: what };
    if (err instanceof TimeoutError) {
      return new RoutewiseError('timeout', `no SNMP reply from ${this.host}:${this.port} (${what}); wrong community or credentials, ACL, or host down`, details);
    }
    if (err instanceof AgentStatusError) {
      // authorizationError (RFC 3416 §4.2.5): the community has no VACM access to the view.
      if (err.status === AUTHORIZATION_ERROR) {
        return new RoutewiseError('auth-failed', `agent at ${this.host} denied access (${what}): the credential has no read view`, { ...details, status: err.status });
      }
      return new RoutewiseError('unavailable', `agent at ${this.host} refused ${what}: ${err.message}`, { ...details, status: err.status });
    }
    const msg = err instanceof Error ? err.message : String(err);
    return new RoutewiseError('unavailable', `SNMP to ${this.host}:${this.port} failed: ${msg}`, details);
  }
}

class TimeoutError extends Error {}
