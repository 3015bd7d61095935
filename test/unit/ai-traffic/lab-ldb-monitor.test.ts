import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigStore } from '../../../electron/engine/lab/cli/config-store';
import { type LabVip, realServerList, syncLdbMonitors } from '../../../electron/engine/lab/cli/fortios-ldb-monitor';
import { fortiosIdentity } from '../../../electron/engine/lab/cli/fortios-shell';
import { LabDeviceRuntime } from '../../../electron/engine/lab/device-runtime';
import { buildLabModel } from '../../../electron/engine/lab/topology-model';
import { parseFortiosRealServers } from '../../../electron/engine/rollout/data-plane-gates';

const HOST = '127.61.251.1';

/** The lab FortiGate's ldb-monitor emulation against a real HTTP server on loopback (and one closed port). */
describe('lab FortiGate health monitors', () => {
  let server: http.Server;
  let port = 0;
  let hits = 0;
  let missingHits = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits++;
      if (req.url === '/missing') missingHits++;
      res.statusCode = req.url === '/ok' ? 200 : 404;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, HOST, r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const store = () => {
    const model = buildLabModel({ devices: 5, seed: 1, scenario: 'none', base: '127.61.0.0', snmpPort: 16161, sshPort: 2222 });
    const rt = new LabDeviceRuntime(model.devices.find((d) => d.platform === 'fortios')!);
    return new ConfigStore(rt, '', { timeScale: 1, identityOf: fortiosIdentity, pilot: false });
  };
  const vip = (path: string, ip = HOST, p = port): LabVip => ({
    name: 'rw-ai-main',
    extip: '198.19.162.10',
    extport: '2790',
    servers: [
      { ip, port: p, weight: '1', disabled: false },
      { ip: '198.19.162.20', port: 80, weight: '1', disabled: false },
    ],
    monitor: { name: 'm', type: 'http', httpGet: path, intervalSec: 1, timeoutSec: 1 },
  });

  async function verdicts(config: ConfigStore, want: number): Promise<Map<string, boolean>> {
    const end = Date.now() + 5000;
    for (;;) {
      const text = realServerList(config);
      const alive = [...text.matchAll(/^alive=1 /gm)].length;
      const decided = parseFortiosRealServers(text);
      if (alive >= want || Date.now() > end) return decided;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('checks loopback real servers over HTTP at the interval, never contacts others, and stops with the device', async () => {
    const config = store();
    // A health path that answers 404 is dead: after the second check (one interval later) the first verdict is in.
    syncLdbMonitors(config, [vip('/missing')]);
    const end = Date.now() + 5000;
    while (missingHits < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(missingHits).toBeGreaterThanOrEqual(2);
    expect(parseFortiosRealServers(realServerList(config)).get(`${HOST}:${port}`)).toBe(false);

    // The change restarts the checks at once; the answering path is alive, the non-loopback server is not.
    syncLdbMonitors(config, [vip('/ok')]);
    const v = await verdicts(config, 1);
    expect(v.get(`${HOST}:${port}`)).toBe(true);
    expect(v.get('198.19.162.20:80')).toBe(false);
    expect(realServerList(config)).toMatch(/^vf=0 name=rw-ai-main\/1 class=4 type=1 198\.19\.162\.10:\(2790-2790\), protocol=6\ntotal=2 alive=1 /m);

    config.dispose();
    const after = hits;
    await new Promise((r) => setTimeout(r, 1500));
    expect(hits).toBe(after);
  });
});
