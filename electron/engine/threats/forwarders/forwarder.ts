import type { ForwardFormat, ForwarderStatus } from '../../../../shared/api/threats';
import type { ThreatsRepo } from '../threats-repo';
import type { Target } from './targets';

export interface ForwarderOptions {
  key: string;
  format: ForwardFormat;
  repo: ThreatsRepo;
  target: Target;
  batchSize: number;
  retryMaxMs: number;
  idlePollMs?: number;
  log?: (level: 'info' | 'warn', message: string) => void;
}

/**
 * Reads the store after this target's cursor, sends a batch, and commits the cursor only once the target
 * accepted it: at-least-once transport, and with idempotent ids (the insight id travels with every event)
 * a redelivery after a crash is recognisable. While the target is down nothing advances, so nothing is lost
 * and order is kept; retries back off from 200 ms up to retryMaxMs.
 */
export class Forwarder {
  private running = false;
  private stopped: Promise<void> = Promise.resolve();
  private wake: (() => void) | null = null;
  private lastError: string | null = null;
  private retries = 0;

  constructor(private readonly o: ForwarderOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopped = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.stopped;
    this.o.target.close();
  }

  status(): ForwarderStatus {
    const cursor = this.o.repo.cursor(this.o.key);
    return {
      target: this.o.key,
      format: this.o.format,
      running: this.running,
      lastSeq: cursor.lastSeq,
      delivered: cursor.delivered,
      backlog: Math.max(0, this.o.repo.maxSeq() - cursor.lastSeq),
      lastError: this.lastError,
      retries: this.retries,
    };
  }

  private async loop(): Promise<void> {
    let backoffMs = 200;
    while (this.running) {
      const { lastSeq } = this.o.repo.cursor(this.o.key);
      const batch = this.o.repo.readAfter(lastSeq, this.o.batchSize);
      if (batch.length === 0) {
        await this.sleep(this.o.idlePollMs ?? 200);
        continue;
      }
      try {
        await this.o.target.send(batch);
      } catch (err) {
        this.retries++;
        const message = err instanceof Error ? err.message : String(err);
        if (this.lastError !== message) this.o.log?.('warn', `forward ${this.o.key}: ${message}; retrying`);
        this.lastError = message;
        await this.sleep(backoffMs);
        backoffMs = Math.min(this.o.retryMaxMs, backoffMs * 2);
        continue;
      }
      const last = batch[batch.length - 1];
      if (last) this.o.repo.commitCursor(this.o.key, last.seq, batch.length);
      if (this.lastError) this.o.log?.('info', `forward ${this.o.key}: delivering again`);
      this.lastError = null;
      backoffMs = 200;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    });
  }
}
