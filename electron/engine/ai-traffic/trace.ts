import { SyntheticTraceSpec, type TraceRequest } from '../../../shared/api/ai-traffic';
import { RoutewiseError } from '../../../shared/api/errors';

const REQUIRED = ['time', 'client', 'model', 'prompt_tokens', 'output_tokens'] as const;
const MAX_FIELD = 256;

/**
 * CSV trace: header `time,client,model,prompt_tokens,output_tokens[,path]`. `time` is seconds (decimal)
 * from any origin, or an ISO 8601 timestamp; rows are made relative to the earliest and sorted. Fields
 * are plain (no quoting): models and addresses contain no commas.
 */
export function parseTraceCsv(text: string): TraceRequest[] {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  for (const col of REQUIRED) {
    if (!header.includes(col)) throw new RoutewiseError('parse-failed', `trace line 1: missing column '${col}' (header must be ${REQUIRED.join(',')}[,path])`);
  }
  const at = (col: string) => header.indexOf(col);
  const [iTime, iClient, iModel, iPrompt, iOutput, iPath] = [at('time'), at('client'), at('model'), at('prompt_tokens'), at('output_tokens'), at('path')];
  const rows: TraceRequest[] = [];
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n]!;
    if (line.trim() === '' || line.startsWith('#')) continue;
    const f = line.split(',').map((x) => x.trim());
    const fail = (msg: string) => new RoutewiseError('parse-failed', `trace line ${n + 1}: ${msg}`);
    if (f.length < header.length) throw fail(`expected ${header.length} fields, found ${f.length}`);
    if (f.some((x) => x.length > MAX_FIELD)) throw fail(`a field is longer than ${MAX_FIELD} characters`);
    const t = f[iTime]!;
    const timeMs = /^-?\d+(\.\d+)?$/.test(t) ? Number(t) * 1000 : Date.parse(t);
    if (!Number.isFinite(timeMs)) throw fail(`time '${t}' is neither seconds nor an ISO 8601 timestamp`);
    const prompt = Number(f[iPrompt]);
    const output = Number(f[iOutput]);
    if (!Number.isInteger(prompt) || prompt < 0) throw fail(`prompt_tokens '${f[iPrompt]}' is not a non-negative integer`);
    if (!Number.isInteger(output) || output < 0) throw fail(`output_tokens '${f[iOutput]}' is not a non-negative integer`);
    if (!f[iClient]) throw fail('client is empty');
    if (!f[iModel]) throw fail('model is empty');
    const row: TraceRequest = { timeMs, client: f[iClient]!, model: f[iModel]!, promptTokens: prompt, outputTokens: output };
    if (iPath >= 0 && f[iPath]) {
      if (!f[iPath]!.startsWith('/')) throw fail(`path '${f[iPath]}' must start with /`);
      row.path = f[iPath]!;
    }
    rows.push(row);
  }
  if (rows.length === 0) throw new RoutewiseError('parse-failed', 'the trace has no requests');
  return normaliseTrace(rows);
}

export function normaliseTrace(rows: TraceRequest[]): TraceRequest[] {
  const t0 = rows.reduce((m, r) => Math.min(m, r.timeMs), Infinity);
  for (const r of rows) r.timeMs -= t0;
  return rows.sort((a, b) => a.timeMs - b.timeMs);
}

export function traceToCsv(rows: readonly TraceRequest[]): string {
  const out = ['time,client,model,prompt_tokens,output_tokens,path'];
  for (const r of rows) out.push(`${(r.timeMs / 1000).toFixed(6)},${r.client},${r.model},${r.promptTokens},${r.outputTokens},${r.path ?? ''}`);
  return `${out.join('\n')}\n`;
}

/** mulberry32: small, fast, seeded; good enough for workload generation (not for cryptography). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Poisson arrivals (exponential gaps at `ratePerSec`), models drawn from the mix, clients uniform, token
 * counts geometric around their means (most prompts short, a long tail) — seeded, so reproducible.
 */
export function syntheticTrace(spec: SyntheticTraceSpec): TraceRequest[] {
  const s = SyntheticTraceSpec.parse(spec);
  const rnd = seededRandom(s.seed);
  const models = Object.entries(s.models);
  const totalShare = models.reduce((a, [, w]) => a + w, 0);
  const cumulative = models.map((_entry, i) => models.slice(0, i + 1).reduce((a, [, x]) => a + x, 0) / totalShare);
  const geometric = (mean: number) => Math.max(1, Math.round(-Math.log(1 - rnd()) * mean));
  const rows: TraceRequest[] = new Array(s.requests);
  let t = 0;
  for (let i = 0; i < s.requests; i++) {
    t += (-Math.log(1 - rnd()) / s.ratePerSec) * 1000;
    const u = rnd();
    let m = 0;
    while (m < models.length - 1 && u >= cumulative[m]!) m++;
    rows[i] = {
      timeMs: t,
      client: s.clients[Math.floor(rnd() * s.clients.length)]!,
      model: models[m]![0],
      promptTokens: geometric(s.meanPromptTokens),
      outputTokens: geometric(s.meanOutputTokens),
      path: s.path,
    };
  }
  return rows;
}
