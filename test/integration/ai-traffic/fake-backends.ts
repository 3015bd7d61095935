import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny OpenAI-style backend: POST /v1/chat/completions answers after the service time the simulator
 * models (prompt_tokens / prefill + max_tokens / tokensPerSec), and reports its id; GET /v1/models lists
 * its model. Counts what it served and its peak concurrency.
 */
export interface FakeBackend {
  id: string;
  model: string;
  port: number;
  host: string;
  served: number;
  peakActive: number;
  /** GET /v1/models answered (health probes, discovery). */
  modelListHits: number;
  stop(): Promise<void>;
}

export async function startFakeBackend(opts: { id: string; model: string; tokensPerSec: number; prefillTokensPerSec: number; host?: string }): Promise<FakeBackend> {
  let active = 0;
  const host = opts.host ?? '127.0.0.1';
  const state = { served: 0, peakActive: 0, modelListHits: 0 };
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/v1/models') {
      state.modelListHits++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ object: 'list', data: [{ id: opts.model, object: 'model' }] }));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: { model?: string; max_tokens?: number; prompt_tokens?: number } = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        // a health check or a request without a body: no service time
      }
      active++;
      state.peakActive = Math.max(state.peakActive, active);
      const delayMs = ((body.prompt_tokens ?? 0) / opts.prefillTokensPerSec + (body.max_tokens ?? 0) / opts.tokensPerSec) * 1000;
      setTimeout(() => {
        active--;
        state.served++;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ backend: opts.id, model: body.model ?? null, object: 'chat.completion' }));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    id: opts.id,
    model: opts.model,
    port,
    host,
    get modelListHits() {
      return state.modelListHits;
    },
    get served() {
      return state.served;
    },
    get peakActive() {
      return state.peakActive;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface Answer {
  backend?: string;
  status: number;
  client: string;
  model: string;
  error?: string;
}

/** One request on a fresh connection (no keep-alive), from `client` as source address. */
export function sendRequest(port: number, r: { client: string; model: string; promptTokens: number; outputTokens: number; path?: string }, opts: { modelHeader?: boolean } = {}): Promise<Answer> {
  const body = JSON.stringify({ model: r.model, messages: [{ role: 'user', content: 'hi' }], max_tokens: r.outputTokens, prompt_tokens: r.promptTokens });
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: r.path ?? '/v1/chat/completions',
        localAddress: r.client,
        agent: false,
        timeout: 15_000,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(opts.modelHeader ? { 'x-model': r.model } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let backend: string | undefined;
          try {
            backend = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { backend?: string }).backend;
          } catch {
            // an error page from the proxy
          }
          resolve({ status: res.statusCode ?? 0, client: r.client, model: r.model, ...(backend ? { backend } : {}) });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ status: 0, client: r.client, model: r.model, error: err.message }));
    req.end(body);
  });
}

/** Replays a trace open-loop: each request leaves at its trace time, whatever the previous ones are doing. */
export async function replay(port: number, trace: ReadonlyArray<{ timeMs: number; client: string; model: string; promptTokens: number; outputTokens: number; path?: string }>, opts: { modelHeader?: boolean } = {}): Promise<Answer[]> {
  const started = performance.now();
  const pending: Array<Promise<Answer>> = [];
  for (const r of trace) {
    const wait = started + r.timeMs - performance.now();
    // Pacing to the trace's clock, not waiting for a condition.
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(sendRequest(port, r, opts));
  }
  return Promise.all(pending);
}
