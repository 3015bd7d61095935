import http from 'node:http';
import net from 'node:net';
import type { ConfigStore } from './config-store';

/** A server-load-balance VIP as the lab FortiGate's configuration holds it. */
export interface LabVip {
  name: string;
  extip: string;
  extport: string;
  servers: Array<{ ip: string; port: number; weight: string; disabled: boolean }>;
  monitor?: { name: string; type: string; httpGet: string; intervalSec: number; timeoutSec: number };
}

interface MonitorState {
  /** Verdict per `ip:port|type|path`; absent until the first check of that server ends. */
  results: Map<string, boolean>;
  /** What is monitored, so a config change (re)starts the checks. */
  signature: string;
  vips: LabVip[];
}

const states = new WeakMap<ConfigStore, MonitorState>();
const JOB = 'ldb-monitor';

const keyOf = (s: LabVip['servers'][number], m: NonNullable<LabVip['monitor']>) => `${s.ip}:${s.port}|${m.type}|${m.httpGet}`;

/** The lab sends its checks only to loopback (the network rule); any other real server is never reached: dead. */
function probe(ip: string, port: number, m: NonNullable<LabVip['monitor']>): Promise<boolean> {
  if (!/^127\.\d+\.\d+\.\d+$/.test(ip)) return Promise.resolve(false);
  const timeoutMs = Math.min(5000, Math.max(200, m.timeoutSec * 1000));
  return new Promise((resolve) => {
    if (m.type === 'http') {
      const req = http.get({ host: ip, port, path: m.httpGet || '/', agent: false, timeout: timeoutMs }, (res) => {
        res.resume();
        resolve((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 400);
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(false));
      return;
    }
    const s = net.connect({ host: ip, port, timeout: timeoutMs }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('timeout', () => s.destroy());
    s.on('error', () => resolve(false));
    s.on('close', () => resolve(false));
  });
}

async function round(config: ConfigStore, st: MonitorState): Promise<void> {
  const signature = st.signature;
  const checks = st.vips.flatMap((v) => (v.monitor ? v.servers.filter((s) => !s.disabled).map((s) => ({ s, m: v.monitor! })) : []));
  const seen = new Set<string>();
  await Promise.all(
    checks.map(async ({ s, m }) => {
      const key = keyOf(s, m);
      if (seen.has(key)) return;
      seen.add(key);
      const alive = await probe(s.ip, s.port, m);
      if (st.signature === signature) st.results.set(key, alive);
    }),
  );
  if (st.signature !== signature || checks.length === 0) return;
  const intervalSec = Math.min(...checks.map((c) => c.m.intervalSec));
  config.schedule(JOB, Math.max(1, intervalSec), () => void round(config, st));
}

/**
 * The FortiGate's native health checks (`config firewall ldb-monitor` named by a VIP's `set monitor`): after every
 * configuration change the monitored real servers are checked at once, then every `interval` device seconds.
 */
export function syncLdbMonitors(config: ConfigStore, vips: LabVip[]): void {
  const signature = JSON.stringify(vips.map((v) => [v.servers, v.monitor]));
  const st = states.get(config);
  if (st?.signature === signature) {
    st.vips = vips;
    return;
  }
  config.cancelJob(JOB);
  const next: MonitorState = { results: new Map(), signature, vips };
  states.set(config, next);
  void round(config, next);
}

/** `diagnose firewall vip realserver list`, FortiOS's layout: per VIP a header, then per real server its settings and state. */
export function realServerList(config: ConfigStore): string {
  const st = states.get(config);
  const vips = st?.vips ?? [];
  const out = [`alloc=${vips.length}`];
  vips.forEach((v, i) => {
    const state = v.servers.map((s) => {
      if (s.disabled) return false;
      if (!v.monitor) return true;
      return st?.results.get(keyOf(s, v.monitor)) === true;
    });
    const alive = state.filter(Boolean).length;
    out.push('------------------------------');
    out.push(`vf=0 name=${v.name}/${i + 1} class=4 type=1 ${v.extip}:(${v.extport}-${v.extport}), protocol=6`);
    out.push(`total=${v.servers.length} alive=${alive} power=${alive} ptr=${4_194_304 + i}`);
    v.servers.forEach((s, k) => {
      out.push(`ip=${s.ip}-${s.ip}/${s.port} adm_status=${s.disabled ? 1 : 0} holddown_interval=300 max_connections=0 weight=${s.weight} option=01`);
      out.push(`alive=${state[k] ? 1 : 0} health=${state[k] ? 1 : 0} active_sessions=0 total_sessions=0 total_bytes=0 delay=0`);
    });
  });
  return out.join('\n');
}
