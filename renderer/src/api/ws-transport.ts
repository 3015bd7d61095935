import type { ClientTransport, ConnectionStatus } from '../../../shared/api/client';
import { RoutewiseError } from '../../../shared/api/errors';

/** The part of the DOM WebSocket we use; `ws`'s client has the same shape, which lets unit tests run in Node. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type WebSocketFactory = (url: string) => WebSocketLike;

const OPEN = 1;

/** What the shell shows: a richer picture than the client's three-state status. */
export type LinkState =
  | { phase: 'connecting'; attempt: number }
  | { phase: 'open' }
  | { phase: 'closed'; attempt: number; retryAt: number }
  /** Never opened after `rejectAfterAttempts` tries: the host refused the token (the page itself loaded fine). */
  | { phase: 'rejected' };

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export interface WsTransportOptions {
  url: string;
  createSocket?: WebSocketFactory;
  backoff?: Partial<BackoffOptions>;
  rejectAfterAttempts?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** 0..1; the fraction of each delay that is randomised, so many tabs do not reconnect in lockstep. */
  jitter?: number;
}

export interface WsTransport extends ClientTransport {
  onLink(listener: (state: LinkState) => void): () => void;
  readonly link: LinkState;
  /** Skip the rest of the backoff and try now (the status bar's "Retry now"). */
  retryNow(): void;
  close(): void;
}

const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 15_000, factor: 2 };

export function backoffDelayMs(attempt: number, opts: BackoffOptions, random = 0): number {
  const base = Math.min(opts.maxMs, opts.initialMs * opts.factor ** Math.max(0, attempt - 1));
  return Math.round(base * (1 - random));
}

/**
 * A WebSocket that reconnects with exponential backoff. Messages sent while a socket is being opened are
 * queued and flushed on open; while the link is down between attempts, send() fails at once so callers
 * see 'unavailable' instead of hanging.
 */
export function createWsTransport(opts: WsTransportOptions): WsTransport {
  const backoff = { ...DEFAULT_BACKOFF, ...opts.backoff };
  const rejectAfter = opts.rejectAfterAttempts ?? 3;
  const now = opts.now ?? (() => Date.now());
  const setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const createSocket = opts.createSocket ?? ((url) => new WebSocket(url) as unknown as WebSocketLike);
  const jitter = opts.jitter ?? 0.2;

  const messageListeners = new Set<(raw: string) => void>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const linkListeners = new Set<(state: LinkState) => void>();
  let socket: WebSocketLike | null = null;
  let queue: string[] = [];
  let failures = 0;
  let everOpened = false;
  let timer: unknown = null;
  let closedByUs = false;
  let link: LinkState = { phase: 'connecting', attempt: 1 };

  function setLink(next: LinkState): void {
    link = next;
    for (const l of linkListeners) l(next);
    const status: ConnectionStatus = next.phase === 'open' ? 'open' : next.phase === 'connecting' ? 'connecting' : 'closed';
    for (const l of statusListeners) l(status);
  }

  function open(): void {
    timer = null;
    setLink({ phase: 'connecting', attempt: failures + 1 });
    let opened = false;
    let ws: WebSocketLike;
    try {
      ws = createSocket(opts.url);
    } catch {
      onDown(false);
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      opened = true;
      everOpened = true;
      failures = 0;
      setLink({ phase: 'open' });
      const pending = queue;
      queue = [];
      for (const raw of pending) ws.send(raw);
    };
    ws.onmessage = (ev) => {
      if (socket !== ws || typeof ev.data !== 'string') return;
      for (const l of messageListeners) l(ev.data);
    };
    ws.onerror = () => {
      // onclose always follows; the browser gives no reason we could show anyway.
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      onDown(opened);
    };
  }

  function onDown(wasOpen: boolean): void {
    queue = [];
    if (closedByUs) return;
    failures = wasOpen ? 1 : failures + 1;
    if (!everOpened && failures >= rejectAfter) {
      setLink({ phase: 'rejected' });
      return;
    }
    const delayMs = backoffDelayMs(failures, backoff, Math.random() * jitter);
    setLink({ phase: 'closed', attempt: failures, retryAt: now() + delayMs });
    timer = setTimer(open, delayMs);
  }

  open();

  return {
    get link() {
      return link;
    },
    send(raw) {
      if (socket && socket.readyState === OPEN) socket.send(raw);
      else if (socket) queue.push(raw);
      else throw new RoutewiseError('unavailable', 'not connected to the engine');
    },
    onMessage(listener) {
      messageListeners.add(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
    },
    onLink(listener) {
      linkListeners.add(listener);
      return () => linkListeners.delete(listener);
    },
    retryNow() {
      if (socket || closedByUs) return;
      if (timer !== null) clearTimer(timer);
      if (link.phase === 'rejected') failures = 0;
      open();
    },
    close() {
      closedByUs = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
      socket?.close(1000, 'closed by the app');
      socket = null;
      for (const l of statusListeners) l('closed');
    },
  };
}
