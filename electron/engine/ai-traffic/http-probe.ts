import { z } from 'zod';

const MAX_BODY_BYTES = 256 * 1024;

export interface HttpProbeResult {
  ok: boolean;
  status?: number;
  latencyMs?: number;
  body?: string;
  error?: string;
}

/**
 * One bounded HTTP GET: a deadline for the whole exchange and a cap on the body read, so a hostile or
 * stuck endpoint cannot hold a probe or fill memory. Latency is time to the complete (capped) body.
 */
export async function httpGet(url: string, timeoutMs: number, signal?: AbortSignal): Promise<HttpProbeResult> {
  const started = performance.now();
  const deadline = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
  try {
    const res = await fetch(url, { signal: combined, redirect: 'manual', headers: { accept: 'application/json' } });
    const reader = res.body?.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (reader) {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > MAX_BODY_BYTES) {
          await reader.cancel();
          break;
        }
        chunks.push(value);
      }
    }
    const latencyMs = performance.now() - started;
    const body = Buffer.concat(chunks).toString('utf8');
    return { ok: res.status >= 200 && res.status < 300, status: res.status, latencyMs, body };
  } catch (err) {
    const timedOut = deadline.aborted;
    return { ok: false, error: timedOut ? `no answer within ${timeoutMs} ms` : err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err) };
  }
}

/** OpenAI `GET /v1/models`: `{ object: 'list', data: [{ id, object: 'model', … }] }`. */
const ModelList = z.object({ data: z.array(z.object({ id: z.string().min(1).max(128) }).loose()).max(1000) }).loose();

/** Model ids from a /v1/models body, or undefined when it is not an OpenAI-style model list. */
export function parseModelList(body: string): string[] | undefined {
  try {
    const parsed = ModelList.safeParse(JSON.parse(body));
    if (!parsed.success) return undefined;
    // Device-supplied text: strip control characters before it is stored or shown.
    return parsed.data.data.map((m) => m.id.replace(/[\p{Cc}\p{Cf}]/gu, '')).filter((id) => id.length > 0);
  } catch {
    return undefined;
  }
}

export function urlFor(address: string, port: number, path: string): string {
  const host = address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${port}${path}`;
}
