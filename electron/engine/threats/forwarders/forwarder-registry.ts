import type { ForwardRequest, ForwarderStatus } from '../../../../shared/api/threats';
import type { z } from 'zod';
import type { EngineContext } from '../../engine-context';
import type { ThreatsRepo } from '../threats-repo';
import { Forwarder } from './forwarder';
import { type Target, cefTarget, elasticTarget, hecTarget } from './targets';

type Request = z.output<typeof ForwardRequest>;

/** The forwarders running in one engine, keyed "<format>:<to>" (also their cursor name in the store). */
export class ForwarderRegistry {
  private readonly running = new Map<string, Forwarder>();

  constructor(
    private readonly ctx: EngineContext,
    private readonly repo: ThreatsRepo,
  ) {
    ctx.onClose(() => this.stopAll());
  }

  start(req: Request): ForwarderStatus {
    const key = targetKey(req.format, req.to);
    const existing = this.running.get(key);
    if (existing) return existing.status();
    const target = makeTarget(req);
    if (req.from === 'end' && !this.repo.cursors().some((c) => c.target === key)) {
      this.repo.commitCursor(key, this.repo.maxSeq(), 0);
    }
    const f = new Forwarder({
      key,
      format: req.format,
      repo: this.repo,
      target,
      batchSize: req.batchSize,
      retryMaxMs: req.retryMaxMs,
      log: (level, message) => this.ctx.log(level, message),
    });
    this.running.set(key, f);
    f.start();
    return f.status();
  }

  async stop(key: string): Promise<boolean> {
    const f = this.running.get(key);
    if (!f) return false;
    this.running.delete(key);
    await f.stop();
    return true;
  }

  status(): ForwarderStatus[] {
    const live = [...this.running.values()].map((f) => f.status());
    const idle = this.repo
      .cursors()
      .filter((c) => !this.running.has(c.target))
      .map((c) => ({
        target: c.target,
        format: (c.target.split(':')[0] ?? 'cef') as ForwarderStatus['format'],
        running: false,
        lastSeq: c.lastSeq,
        delivered: c.delivered,
        backlog: Math.max(0, this.repo.maxSeq() - c.lastSeq),
        lastError: null,
        retries: 0,
      }));
    return [...live, ...idle];
  }

  async stopAll(): Promise<void> {
    const all = [...this.running.values()];
    this.running.clear();
    await Promise.all(all.map((f) => f.stop()));
  }
}

/**
 * The cursor name in the store and in status output: never with credentials a URL may carry
 * (https://user:secret@siem), which belong in the token option, not in a table or a log.
 */
export function targetKey(format: string, to: string): string {
  try {
    const url = new URL(to);
    if (url.username || url.password) {
      url.username = '';
      url.password = '';
      return `${format}:${url.toString()}`;
    }
  } catch {
    // host:port CEF targets are not URLs.
  }
  return `${format}:${to}`;
}

function makeTarget(req: Request): Target {
  const o = { to: req.to, token: req.token, index: req.index, caFile: req.caFile, insecureSkipVerify: req.insecureSkipVerify };
  if (req.format === 'hec') return hecTarget(o);
  if (req.format === 'elastic') return elasticTarget(o);
  return cefTarget(o);
}

const registries = new WeakMap<EngineContext, ForwarderRegistry>();

export function forwarders(ctx: EngineContext, repo: ThreatsRepo): ForwarderRegistry {
  let r = registries.get(ctx);
  if (!r) {
    r = new ForwarderRegistry(ctx, repo);
    registries.set(ctx, r);
  }
  return r;
}
