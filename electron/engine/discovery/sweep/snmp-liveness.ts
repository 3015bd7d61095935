import dgram from 'node:dgram';
import type { ProbeTarget } from '../targets/targets';
import { encodeCommunityGet, encodeV3Discovery, packetTemplate, replyId, TEMPLATE_ID_MAX, TEMPLATE_ID_MIN } from './liveness-ber';
import { type LivenessAnswer, type LivenessOptions, livenessKey, type SnmpCredential } from './prober';

/** Sends yield to the event loop this often, so replies are read while thousands of requests go out. */
const SENDS_PER_TURN = 1024;

/**
 * The sweep's first pass: one socket per family fires one tiny GET per (target, community) and one v3
 * discovery per target, then waits `timeoutMs` and resends to the silent ones `retries` times. A silent
 * address costs (retries + 1) × timeoutMs once for the whole batch instead of once per credential per
 * address, which is what makes a /20 sweep take seconds. Replies count only from the address:port asked.
 */
export async function snmpLiveness(
  targets: readonly ProbeTarget[],
  credentials: readonly SnmpCredential[],
  opts: LivenessOptions,
): Promise<Map<string, LivenessAnswer>> {
  const answers = new Map<string, LivenessAnswer>();
  const answer = (key: string): LivenessAnswer => {
    let a = answers.get(key);
    if (!a) answers.set(key, (a = { credentialIds: new Set(), v3: false, undecodable: false }));
    return a;
  };
  const wanted = new Set(targets.map((t) => livenessKey(t.address, t.port)));
  const communities = credentials.filter((c): c is Extract<SnmpCredential, { community: string }> => c.kind !== 'snmp-v3');
  const wantV3 = credentials.some((c) => c.kind === 'snmp-v3');

  interface Request {
    target: ProbeTarget;
    key: string;
    /** A credential id, or 'v3' for discovery. */
    what: string;
    done: boolean;
  }
  const byId = new Map<number, Request>();
  let nextId = TEMPLATE_ID_MIN + Math.floor(Math.random() * 0x10000000);
  const requests: Request[] = [];
  for (const target of targets) {
    const key = livenessKey(target.address, target.port);
    for (const c of communities) requests.push({ target, key, what: c.id, done: false });
    if (wantV3) requests.push({ target, key, what: 'v3', done: false });
  }
  let open = requests.length;
  const templates = new Map<string, (id: number) => Buffer>();
  for (const c of communities) templates.set(c.id, packetTemplate((id) => encodeCommunityGet(c.kind === 'snmp-v1' ? 0 : 1, c.community, id)).stamp);
  templates.set('v3', packetTemplate(encodeV3Discovery).stamp);

  const sockets = new Map<4 | 6, dgram.Socket>();
  const socketFor = (family: 4 | 6): dgram.Socket => {
    let s = sockets.get(family);
    if (s) return s;
    // Targets are address literals already: skip dns.lookup on every one of thousands of sends.
    s = dgram.createSocket({ type: family === 4 ? 'udp4' : 'udp6', lookup: (address, _opts, cb) => cb(null, address, family) });
    s.on('error', () => undefined); // a send to an unroutable address must not end the pass
    s.on('message', (buf, from) => {
      const key = livenessKey(from.address, from.port);
      if (!wanted.has(key)) return;
      const reply = replyId(buf);
      const request = reply ? byId.get(reply.id) : undefined;
      if (!reply || !request) {
        if (!reply) answer(key).undecodable = true;
        return;
      }
      if (request.key !== key || request.done) return;
      request.done = true;
      open--;
      const a = answer(key);
      if (request.what === 'v3') a.v3 = true;
      else a.credentialIds.add(request.what);
    });
    sockets.set(family, s);
    return s;
  };

  // Requests go out in chunks; a chunk's retry is due one timeout after that chunk was sent, not after the
  // whole batch was, so the pass costs (retries + 1) × timeout plus one sending time, not plus one per round.
  const chunks: Request[][] = [];
  for (let i = 0; i < requests.length; i += SENDS_PER_TURN) chunks.push(requests.slice(i, i + SENDS_PER_TURN));
  const sentAt: number[] = chunks.map(() => 0);
  const sendChunk = (chunk: Request[]): number => {
    let sent = 0;
    for (const r of chunk) {
      if (r.done) continue;
      const id = nextId;
      nextId = nextId >= TEMPLATE_ID_MAX ? TEMPLATE_ID_MIN : nextId + 1;
      byId.set(id, r);
      const stamp = templates.get(r.what);
      if (stamp) socketFor(r.target.family).send(stamp(id), r.target.port, r.target.address);
      sent++;
    }
    return sent;
  };
  const reportEarly = (): void => {
    if (!opts.onEarly || opts.signal.aborted) return;
    for (const target of targets) {
      const a = answers.get(livenessKey(target.address, target.port));
      if (a) opts.onEarly(target, { credentialIds: new Set(a.credentialIds), v3: a.v3, undecodable: a.undecodable });
    }
  };

  try {
    for (let attempt = 0; attempt <= opts.retries; attempt++) {
      let sent = 0;
      for (let k = 0; k < chunks.length; k++) {
        if (opts.signal.aborted) return answers;
        if (attempt > 0) await waitUntil(sentAt[k]! + opts.timeoutMs, opts.signal, () => open === 0);
        if (open === 0) break;
        const n = sendChunk(chunks[k]!);
        if (n > 0) sentAt[k] = Date.now();
        sent += n;
        await new Promise((resolve) => setImmediate(resolve));
      }
      // The responders' full probes start once the retries are out: identifying them earlier would slow
      // the resends (one thread), and every silent address would then wait longer for its verdict.
      if (attempt === 1) reportEarly();
      if (sent === 0 || open === 0) break;
    }
    await waitUntil(Math.max(...sentAt) + opts.timeoutMs, opts.signal, () => open === 0);
    return answers;
  } finally {
    for (const s of sockets.values()) s.close();
  }
}

/** Waits until the clock reaches `deadlineMs`, ending early on abort or once `done()` holds (checked every 20 ms). */
function waitUntil(deadlineMs: number, signal: AbortSignal, done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const tick = (): void => {
      if (signal.aborted || done() || Date.now() >= deadlineMs) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(tick, Math.max(1, Math.min(20, deadlineMs - Date.now())));
    tick();
  });
}
