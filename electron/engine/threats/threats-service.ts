import net from 'node:net';
import { RoutewiseError } from '../../../shared/api/errors';
import type { Insight } from '../../../shared/domain/insight';
import type { EngineContext } from '../engine-context';
import { ThreatIngest } from './ingest';
import type { ReceiverHandle } from './receivers/common';
import { startTcpReceiver } from './receivers/tcp-receiver';
import { startTrapReceiver } from './receivers/trap-receiver';
import { startUdpReceiver } from './receivers/udp-receiver';
import { ThreatsRepo } from './threats-repo';
import type { z } from 'zod';
import type { ListenRequest as ListenSchema, ReceiverInfo } from '../../../shared/api/threats';

/** Events carry at most this much raw text; the full message stays in the store. */
const EVENT_RAW_MAX = 4096;

/**
 * The threats area's state inside one engine: the repo, the ingest pipeline and the receivers. Created on
 * first use and stopped with the engine.
 */
export class ThreatsService {
  readonly repo: ThreatsRepo;
  private ingest: ThreatIngest | null = null;
  private receivers: ReceiverHandle[] = [];
  private liveEvents = true;

  constructor(private readonly ctx: EngineContext) {
    this.repo = new ThreatsRepo(ctx.store);
    ctx.onClose(() => this.close());
  }

  pipeline(rateLimit?: z.output<typeof ListenSchema>['rateLimit']): ThreatIngest {
    if (!this.ingest) {
      this.ingest = new ThreatIngest({
        repo: this.repo,
        rateLimit,
        onInsights: (insights) => this.publish(insights),
        resolveDevice: (address) => this.deviceIdFor(address),
        log: (level, message) => this.ctx.log(level, message),
      });
    }
    return this.ingest;
  }

  async listen(req: z.output<typeof ListenSchema>): Promise<ReceiverInfo[]> {
    const hosts = [req.syslogUdp?.host, req.syslogTcp?.host, req.syslogTls?.host, req.trap?.host].filter(
      (h): h is string => h !== undefined,
    );
    for (const h of hosts) {
      if (!net.isIP(h)) throw new RoutewiseError('bad-request', `listen address must be an IP address: ${h.slice(0, 64)}`);
      if (!isLoopback(h) && !req.allowRemote) {
        throw new RoutewiseError('bad-request', `refusing to listen on ${h}: pass allowRemote to accept messages from the network`);
      }
    }
    this.liveEvents = req.liveEvents;
    const ingest = this.pipeline(req.rateLimit);
    const submit = (m: Parameters<ThreatIngest['submit']>[0], mode?: 'drop' | 'wait') => ingest.submit(m, mode);
    const started: ReceiverHandle[] = [];
    try {
      if (req.syslogUdp) started.push(await startUdpReceiver({ ...req.syslogUdp, submit }));
      if (req.syslogTcp) started.push(await startTcpReceiver({ ...req.syslogTcp, submit }));
      if (req.syslogTls) {
        const { host, port, certFile, keyFile, caFile } = req.syslogTls;
        started.push(await startTcpReceiver({ host, port, submit, tls: { certFile, keyFile, caFile } }));
      }
      if (req.trap) started.push(await startTrapReceiver({ ...req.trap, submit }));
    } catch (err) {
      await Promise.all(started.map((r) => r.close()));
      const code = (err as NodeJS.ErrnoException).code;
      throw new RoutewiseError(
        code === 'EADDRINUSE' || code === 'EACCES' ? 'unavailable' : code === 'ENOENT' ? 'not-found' : 'internal',
        `could not start receivers: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    this.receivers.push(...started);
    this.ctx.log('info', `threats: listening on ${started.map((r) => `${r.kind} ${r.host}:${r.port}`).join(', ')}`);
    return started.map(info);
  }

  async unlisten(): Promise<number> {
    const all = this.receivers;
    this.receivers = [];
    await Promise.all(all.map((r) => r.close()));
    this.ingest?.flush();
    return all.length;
  }

  private deviceIndex: { loadedMs: number; byAddress: Map<string, string> } = { loadedMs: 0, byAddress: new Map() };

  /** Sender address → inventory device id, from discovery's devices table (refreshed every 30 s). */
  private deviceIdFor(address: string): string | undefined {
    const nowMs = Date.now();
    if (nowMs - this.deviceIndex.loadedMs > 30_000) {
      const byAddress = new Map<string, string>();
      try {
        const rows = this.ctx.store.sqlite.prepare('select id, address from devices').all() as Array<{ id: string; address: string }>;
        for (const r of rows) byAddress.set(r.address, r.id);
      } catch {
        // No inventory yet (or its schema moved on): insights simply carry no device id.
      }
      this.deviceIndex = { loadedMs: nowMs, byAddress };
    }
    return this.deviceIndex.byAddress.get(address);
  }

  receiverInfo(): ReceiverInfo[] {
    return this.receivers.map(info);
  }

  throttledBySender(): Record<string, number> {
    return this.ingest?.stats().throttledBySender ?? {};
  }

  private publish(insights: Insight[]): void {
    if (!this.liveEvents) return;
    for (const i of insights) {
      const payload = i.raw.length > EVENT_RAW_MAX ? { ...i, raw: i.raw.slice(0, EVENT_RAW_MAX) } : i;
      this.ctx.bus.emit('threats.insight', payload);
    }
  }

  async close(): Promise<void> {
    await this.unlisten();
    this.ingest?.close();
    this.ingest = null;
  }
}

function info(r: ReceiverHandle): ReceiverInfo {
  return { kind: r.kind, host: r.host, port: r.port };
}

function isLoopback(host: string): boolean {
  return host === '::1' || /^127\./.test(host);
}

const services = new WeakMap<EngineContext, ThreatsService>();

/** One service per engine, created on first use (no change to EngineContext needed). */
export function threatsService(ctx: EngineContext): ThreatsService {
  let s = services.get(ctx);
  if (!s) {
    s = new ThreatsService(ctx);
    services.set(ctx, s);
  }
  return s;
}
