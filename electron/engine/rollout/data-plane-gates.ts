import http from 'node:http';
import type { GateConfig } from '../../../shared/api/rollout';
import { shQuote } from '../drivers/frr-driver';
import type { Driver } from '../drivers/driver';

type BackendHealthConfig = NonNullable<GateConfig['backendHealth']>;
type LatencyConfig = NonNullable<GateConfig['latency']>;

export interface DataPlaneGateResult {
  ok: boolean;
  detail: string;
}

const MARK = '@@rw ';

/**
 * Every backend answers its health URL from the load-balancer host itself (one SSH exec, curl per backend), so the
 * check sees the backends the way the proxy does: its routes, its firewall, its source address.
 */
export async function backendHealthGate(cfg: BackendHealthConfig, driver: Driver): Promise<DataPlaneGateResult> {
  if (driver.platform === 'fortios') return fortigateRealServersGate(cfg, driver);
  const maxS = (cfg.timeoutMs / 1000).toFixed(1);
  const script = cfg.backends
    .map((b, i) => `printf '${MARK}%s %s\\n' ${i} "$(curl -s -o /dev/null -w '%{http_code}' --max-time ${maxS} ${shQuote(b.url)} 2>/dev/null || true)"`)
    .join('; ');
  const out = await driver.show(`command -v curl > /dev/null || { echo 'curl is not installed on this host'; exit 0; }; ${script}`);
  const codes = new Map<number, string>();
  for (const line of out.split('\n')) {
    const m = new RegExp(`^${MARK}(\\d+) (\\d*)$`).exec(line.trim());
    if (m) codes.set(Number(m[1]), m[2] || '000');
  }
  if (codes.size === 0) return { ok: false, detail: `no answer from the health script: ${out.trim().slice(0, 200)}` };
  const bad = cfg.backends.map((b, i) => ({ id: b.id, code: codes.get(i) ?? '000' })).filter((r) => !/^2\d\d$/.test(r.code));
  if (bad.length === 0) return { ok: true, detail: `${cfg.backends.length} backend(s) answer their health path from the host` };
  return { ok: false, detail: `not healthy from the host: ${bad.slice(0, 20).map((b) => `${b.id} (${b.code === '000' ? 'no answer' : `HTTP ${b.code}`})`).join(', ')}` };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function timedGet(url: string, timeoutMs: number): Promise<{ ms: number; status: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.get(url, { timeout: timeoutMs, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, status: res.statusCode ?? 0 }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/** p95 of N sequential requests through the data plane (engine → proxy → backend); any non-2xx answer fails the gate. */
export async function latencyGate(cfg: LatencyConfig, address: string): Promise<DataPlaneGateResult> {
  const url = cfg.url.split('{address}').join(address.includes(':') ? `[${address}]` : address);
  const times: number[] = [];
  const failures: string[] = [];
  for (let i = 0; i < cfg.requests; i++) {
    try {
      const r = await timedGet(url, cfg.timeoutMs);
      if (r.status >= 200 && r.status < 300) times.push(r.ms);
      else failures.push(`HTTP ${r.status}`);
    } catch (err) {
      failures.push((err as Error).message.slice(0, 100));
    }
  }
  if (failures.length > 0) return { ok: false, detail: `${failures.length} of ${cfg.requests} request(s) to ${url} failed (${[...new Set(failures)].slice(0, 3).join('; ')})` };
  times.sort((a, b) => a - b);
  const p95 = percentile(times, 95);
  return { ok: p95 < cfg.p95MaxMs, detail: `p95 ${p95.toFixed(1)} ms over ${cfg.requests} request(s) to ${url} (limit ${cfg.p95MaxMs} ms; p50 ${percentile(times, 50).toFixed(1)} ms)` };
}

export const FORTIOS_REALSERVER_LIST = 'diagnose firewall vip realserver list';

/** Per real server `ip:port`, whether the FortiGate's monitor holds it alive (false when any VIP lists it dead). */
export function parseFortiosRealServers(text: string): Map<string, boolean> {
  const out = new Map<string, boolean>();
  let current: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const ip = /^ip=([0-9A-Fa-f.:]+)-[0-9A-Fa-f.:]+\/(\d+)\s/.exec(line);
    if (ip) {
      current = `${ip[1]}:${ip[2]}`;
      continue;
    }
    const alive = /^alive=(\d+)\s+health=(\d+)/.exec(line);
    if (alive && current !== undefined) {
      out.set(current, (out.get(current) ?? true) && alive[1] !== '0');
      current = undefined;
    }
  }
  return out;
}

/**
 * A FortiGate checks its real servers itself (`config firewall ldb-monitor`): the gate reads the verdicts, and
 * waits up to timeoutMs for every backend the policy names to be listed alive — a monitor needs interval × retry
 * seconds to decide. Backends it does not list are not configured on the FortiGate.
 */
async function fortigateRealServersGate(cfg: BackendHealthConfig, driver: Driver): Promise<DataPlaneGateResult> {
  const wanted = cfg.backends.map((b) => {
    const u = new URL(b.url);
    return { id: b.id, key: `${u.hostname.replace(/^\[|\]$/g, '')}:${u.port || (u.protocol === 'https:' ? '443' : '80')}` };
  });
  const deadline = Date.now() + cfg.timeoutMs;
  for (;;) {
    const listed = parseFortiosRealServers(await driver.show(FORTIOS_REALSERVER_LIST));
    const bad = wanted.filter((w) => listed.get(w.key) !== true);
    if (bad.length === 0) return { ok: true, detail: `${wanted.length} real server(s) alive per the FortiGate's health monitors (${FORTIOS_REALSERVER_LIST})` };
    if (Date.now() >= deadline) {
      const why = bad.slice(0, 20).map((b) => `${b.id} (${listed.has(b.key) ? 'dead' : 'not configured'})`);
      return { ok: false, detail: `not alive per the FortiGate's health monitors after ${cfg.timeoutMs} ms: ${why.join(', ')}` };
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
