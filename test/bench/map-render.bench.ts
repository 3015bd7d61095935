// Map first render and pan frame rate for 2,000 devices / ~8,000 links in Debian's Chromium (issue 5).
// Seeds a store with a synthetic network (as LLDP observations, so the real topology builder runs), serves it with
// `routewise serve` on 127.0.0.1, and drives the Map view with Playwright.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { openStore } from '../../electron/engine/store/database';
import { makeTempDir } from '../support/temp-dir';
import { syntheticNetwork } from './topology-synthetic';

const DEVICES = Number(process.env.MAP_BENCH_DEVICES ?? 2000);
const tmp = makeTempDir('routewise-map-bench-');
const key = 'c'.repeat(64);

async function seed(): Promise<{ devices: number; links: number }> {
  const net = syntheticNetwork(DEVICES);
  const store = await openStore(tmp.dir);
  const now = new Date().toISOString();
  const mac = (i: number) => `02:00:${((i >> 24) & 255).toString(16).padStart(2, '0')}:${((i >> 16) & 255).toString(16).padStart(2, '0')}:${((i >> 8) & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`;
  const index = new Map(net.nodes.map((n, i) => [n.id, i]));
  await store.db.transaction().execute(async (trx) => {
    await trx.insertInto('scans').values({ id: 'bench', started_at: now, finished_at: now, status: 'completed', actor: 'bench', targets_json: '[]', options_json: '{}', total: 0, probed: 0, answered: 0, identified: 0, unreachable_count: 0, unreachable_json: '[]', error: null }).execute();
    for (const [i, n] of net.nodes.entries()) {
      const addr = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      await trx.insertInto('devices').values({
        id: n.id, address: addr, port: 161, address_key: String(i).padStart(12, '0'), hostname: null, sys_name: n.label, sys_descr: null, sys_object_id: null,
        vendor: null, platform: 'unknown', os_version: null, model: null, serial: null, facts_json: JSON.stringify({ sysLocation: n.segment }),
        ai_json: null, ai_capable: i % 7 === 0 ? 1 : 0, credential_id: null, ssh_credential_id: null, warnings_json: '[]', first_seen: now, last_seen: now, last_scan_id: 'bench',
      }).execute();
    }
    const ifaces = new Map<string, Array<{ name: string; speed: number }>>();
    const neighbours = new Map<string, unknown[]>();
    for (const l of net.links) {
      (ifaces.get(l.a.device) ?? ifaces.set(l.a.device, []).get(l.a.device)!).push({ name: l.a.ifName, speed: l.speedMbps });
      (ifaces.get(l.b.device) ?? ifaces.set(l.b.device, []).get(l.b.device)!).push({ name: l.b.ifName, speed: l.speedMbps });
      (neighbours.get(l.a.device) ?? neighbours.set(l.a.device, []).get(l.a.device)!).push({
        protocol: 'lldp', localIfName: l.a.ifName, remoteChassisIdSubtype: 'macAddress', remoteChassisId: mac(index.get(l.b.device)!),
        remotePortIdSubtype: 'interfaceName', remotePortId: l.b.ifName, remoteMgmtAddresses: [],
      });
    }
    for (const [device, list] of ifaces) {
      for (const [k, f] of list.entries()) {
        await trx.insertInto('device_interfaces').values({ device_id: device, if_index: k + 1, name: f.name, info_json: JSON.stringify({ ifIndex: k + 1, name: f.name, speedMbps: f.speed }) }).execute();
      }
    }
    for (const n of net.nodes) {
      await trx.insertInto('topology_observations').values({
        device_id: n.id, collected_at: now,
        observation_json: JSON.stringify({ chassisIds: [mac(index.get(n.id)!)], neighbors: neighbours.get(n.id) ?? [], fdb: [], arp: [], warnings: [] }),
      }).execute();
    }
  });
  await store.close();
  return { devices: net.nodes.length, links: net.links.length };
}

async function main(): Promise<void> {
  if (!fs.existsSync('/usr/bin/chromium')) {
    console.log('map bench skipped: /usr/bin/chromium is missing');
    return;
  }
  if (!fs.existsSync('dist/renderer/index.html')) {
    console.log('building the renderer…');
    await new Promise((r) => spawn('npx', ['vite', 'build'], { stdio: 'ignore' }).on('exit', r));
  }
  const seeded = await seed();
  const serve = spawn(process.execPath, ['bin/routewise.mjs', '--data-dir', tmp.dir, 'serve', '--port', '0', '--json'], { env: { ...process.env, ROUTEWISE_MASTER_KEY: key } });
  const url = await new Promise<string>((resolve, reject) => {
    serve.stdout.once('data', (d: Buffer) => resolve((JSON.parse(d.toString().split('\n')[0]!) as { url: string }).url));
    serve.once('exit', () => reject(new Error('serve exited')));
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(url);
    await page.getByTestId('connection-status').filter({ hasText: 'Connected' }).waitFor();
    const t0 = Date.now();
    await page.keyboard.press('Alt+2');
    await page.getByTestId('map-count').filter({ hasText: /managed/ }).waitFor({ timeout: 120_000 });
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    const firstRenderMs = Date.now() - t0;
    const counts = await page.getByTestId('map-count').textContent();
    // Pan by dragging for 3 s while counting animation frames actually painted.
    const box = (await page.getByTestId('map-canvas').boundingBox())!;
    // A string, not a function: tsx would wrap named closures in a helper the page does not have.
    await page.evaluate('window.__frames = 0; (function tick() { window.__frames++; requestAnimationFrame(tick); })();');
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    const start = Date.now();
    let i = 0;
    while (Date.now() - start < 3000) {
      await page.mouse.move(cx + Math.sin(i / 10) * 300, cy + Math.cos(i / 13) * 200);
      i++;
    }
    await page.mouse.up();
    const seconds = (Date.now() - start) / 1000;
    const frames = Number(await page.evaluate('window.__frames'));
    console.log(`map render: ${seeded.devices} devices, ${seeded.links} links seeded (${counts})`);
    console.log(`  first render (view switch → drawn)   ${firstRenderMs} ms`);
    console.log(`  pan by drag: ${i} pointer moves in ${seconds.toFixed(1)} s → ${(frames / seconds).toFixed(0)} frames/s painted (reference: 60 fps display refresh; software-rendered headless Chromium, --disable-gpu)`);
  } finally {
    await browser.close();
    serve.kill('SIGTERM');
    tmp.cleanup();
  }
}

await main();
