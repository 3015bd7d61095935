import type { ServerMessage } from '../../../../shared/api/wire';
import type { Connection } from '../../../../electron/engine/rpc/rpc-server';

/**
 * An in-memory Connection for serveConnection: the test pushes raw text in and reads every server message
 * back, with nothing between them (no client library smoothing over malformed replies).
 */
export class MemoryConnection implements Connection {
  readonly received: ServerMessage[] = [];
  private messageListener: ((raw: string) => void) | undefined;
  private closeListener: (() => void) | undefined;
  private waiters: Array<() => void> = [];

  send(message: ServerMessage): void {
    // Round-trip through JSON exactly like a real transport, so a non-serialisable reply fails here.
    this.received.push(JSON.parse(JSON.stringify(message)) as ServerMessage);
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  onMessage(listener: (raw: string) => void): void {
    this.messageListener = listener;
  }

  onClose(listener: () => void): void {
    this.closeListener = listener;
  }

  deliver(raw: string): void {
    if (!this.messageListener) throw new Error('serveConnection has not subscribed');
    this.messageListener(raw);
  }

  close(): void {
    this.closeListener?.();
  }

  /** Resolves once `count` messages (excluding events) have arrived, or rejects after timeoutMs. */
  async waitForReplies(count: number, timeoutMs = 5_000): Promise<ServerMessage[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const replies = this.received.filter((m) => m.type !== 'event');
      if (replies.length >= count) return replies;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} replies, got ${replies.length} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
