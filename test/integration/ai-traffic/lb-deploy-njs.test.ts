import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEBIAN_NJS_MODULE } from '../../../electron/engine/ai-traffic/render-nginx';
import { bundleConfig } from '../../../electron/engine/drivers/linux-lb-driver';
import type { PolicyInput } from '../../../shared/api/ai-traffic';
import type { ApiClient } from '../../../shared/api/client';
import type { RolloutStep } from '../../../shared/api/rollout';
import { NetnsHosts } from '../../support/netns';
import { isRoot, requireTool, skipOrFail } from '../../support/require-tool';
import { makeTempDir } from '../../support/temp-dir';
import { makeKey, SSHD } from '../ssh/support/sshd';
import { type FakeBackend, startFakeBackend } from './fake-backends';
import { type DeployEngine, openDeployEngine } from './support/deploy-engine';
import { canConnect, killLeftovers, nginxCommands, openLbDriver, spawnHostSshd, startHandWrittenNginx, whoAnswers } from './support/proxy-hosts';
import { pollUntil } from '../../support/poll-until';

// Namespace rw-ait2-ng1 on the root bridge rw-ait2-br0, 198.19.163.0/24; sshd on 2752 and the proxy on 2781 inside it.
const SSH_PORT = 2752;
const FRONTEND_PORT = 2781;
const BRIDGE_ADDR = '198.19.163.1';
const NGINX_ADDR = '198.19.163.21';
const NS = 'rw-ait2-ng1';
const NJS_FILE = 'routewise-ai-route.js';
const FAST = { tokensPerSec: 1000, prefillTokensPerSec: 1_000_000 };

const ready =
  requireTool('nginx') &&
  (fs.existsSync(DEBIAN_NJS_MODULE) || skipOrFail(`nginx body routing needs njs (${DEBIAN_NJS_MODULE}; apt-get install libnginx-mod-http-js)`)) &&
  requireTool(SSHD, 'OpenSSH sshd is not installed') &&
  requireTool('curl') &&
  requireTool('ip') &&
  (isRoot || skipOrFail('the deploy test creates network namespaces and must run as root'));

/** POSTs an OpenAI-style request (the model only in the JSON body, no X-Model header); resolves to the backend that answered. */
const postModel = (model: string): Promise<string> => whoAnswers(NGINX_ADDR, FRONTEND_PORT, JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], max_tokens: 1 }));

/**
 * nginx with njs body routing deployed as a config plus its companion .js file: a Linux host in a network namespace
 * with OpenSSH sshd and nginx (+ libnginx-mod-http-js), node backends on the root bridge. The host already has an
 * older companion file from an earlier deploy. A good policy deploys (both files written, `nginx -t` on the staged
 * pair) and requests carrying only `"model"` in the body land on the rule's pool; a policy whose gate fails is
 * reverted by the on-host job and BOTH files are restored byte for byte.
 */
describe.skipIf(!ready)('policy deploy of nginx + njs (config and companion file) over SSH', () => {
  const tmp = makeTempDir('routewise-njs-deploy-');
  let hosts: NetnsHosts;
  let rw: DeployEngine;
  let api: ApiClient;
  let credentialId: string;
  const backends: FakeBackend[] = [];
  let deadPort = 0;
  const steps: RolloutStep[] = [];
  const ngDir = path.join(tmp.dir, 'ng1');
  const ngConf = path.join(ngDir, 'nginx.conf');
  const ngJs = path.join(ngDir, NJS_FILE);
  const stateDir = path.join(ngDir, 'state');

  beforeAll(async () => {
    fs.chmodSync(tmp.dir, 0o755);
    hosts = new NetnsHosts('rw-ait2-');
    hosts.managementBridge('rw-ait2-br0', `${BRIDGE_ADDR}/24`);
    for (const [id, model] of [
      ['llama-1', 'llama3'],
      ['mistral-1', 'mistral'],
    ] as const)
      backends.push(await startFakeBackend({ id, model, host: BRIDGE_ADDR, ...FAST }));
    const dead = await startFakeBackend({ id: 'dead', model: 'mistral', host: BRIDGE_ADDR, ...FAST });
    deadPort = dead.port;
    await dead.stop();

    const hostKey = makeKey(tmp.dir, 'host');
    const client = makeKey(tmp.dir, 'client');
    const ns = hosts.addHost('ng1');
    hosts.attachToBridge(ns, 'rw-ait2-br0', 'eth0', 'rw-ait2-vng', `${NGINX_ADDR}/24`);
    fs.mkdirSync(ngDir);
    // Before this deploy: a hand-written config, and a leftover companion file of an earlier njs deploy.
    fs.writeFileSync(ngJs, '// an earlier router, kept byte for byte\r\nfunction route(r) { r.return(503); }\nexport default { route };');
    startHandWrittenNginx(hosts, ns, { dir: ngDir, conf: ngConf, listenPort: FRONTEND_PORT, upstream: `${BRIDGE_ADDR}:${backends[0]!.port}` });
    spawnHostSshd(hosts, ns, { dir: ngDir, address: NGINX_ADDR, port: SSH_PORT, hostKey, clientKey: client });
    await pollUntil('sshd on the nginx host', () => canConnect(NGINX_ADDR, SSH_PORT), Boolean);
    await pollUntil('nginx', () => postModel('mistral').catch((e: Error) => e.message), (w) => w === 'llama-1');

    rw = await openDeployEngine(path.join(tmp.dir, 'data'), 'test:njs-deploy', steps);
    api = rw.api;
    credentialId = (await api.call('credentials.create', { kind: 'ssh', label: 'nginx host', user: 'root', privateKey: fs.readFileSync(client, 'utf8') })).id;
  }, 90_000);

  afterAll(async () => {
    await rw?.close();
    killLeftovers([path.join(ngDir, 'nginx.pid'), path.join(stateDir, 'revert.pid')], [NS]);
    await hosts?.teardown();
    await Promise.all(backends.map((b) => b.stop()));
    tmp.cleanup();
  });

  const host = () => ({
    address: NGINX_ADDR,
    sshPort: SSH_PORT,
    credentialId,
    label: 'ng1',
    configPath: ngConf,
    ...nginxCommands(ngDir, ngConf),
    stateDir,
  });

  const policy = (name: string, mistralPort: number): string =>
    JSON.stringify({
      name,
      algorithm: 'round-robin',
      frontend: { address: '0.0.0.0', port: FRONTEND_PORT },
      backends: [
        { id: 'llama-1', address: BRIDGE_ADDR, port: backends[0]!.port, model: 'llama3', capacity: { maxConcurrent: 8, tokensPerSec: 1000 } },
        { id: 'mistral-1', address: BRIDGE_ADDR, port: mistralPort, model: 'mistral', capacity: { maxConcurrent: 8, tokensPerSec: 1000 } },
      ],
      pools: [
        { name: 'big', backends: ['llama-1'] },
        { name: 'small', backends: ['mistral-1'] },
      ],
      rules: [{ name: 'mistral', match: { model: 'mistral' }, pool: 'small' }],
      defaultPool: 'big',
    } satisfies PolicyInput);

  it('a policy whose gate fails is reverted by the on-host revert script: the config AND the companion file are restored byte for byte', async () => {
    const before = { conf: fs.readFileSync(ngConf), js: fs.readFileSync(ngJs) };
    const plan = await api.call('policy.deploy', { text: policy('njs-broken', deadPort), target: 'nginx', nginxNjs: true, hosts: [host()], soakSec: 0, confirmWithinSec: 60, approve: true });
    const diff = plan.devices[0]!.diff ?? '';
    expect(diff).toMatch(/^\+\s+js_import ai from routewise-ai-route\.js;$/m);
    expect(diff).toMatch(/^-#@routewise-file routewise-ai-route\.js \d+$/m);
    expect(diff).toMatch(/^\+#@routewise-file routewise-ai-route\.js \d+$/m);
    expect(diff).toMatch(/^\+\s+r\.internalRedirect\('@ai_proxy'\);$/m);

    const done = await api.call('rollout.run', { planId: plan.id, wait: true });
    expect(done.status, done.summary ?? '').toBe('halted');
    expect(done.devices[0]!.state).toBe('reverted');
    const gates = steps.find((s) => s.planId === plan.id && s.step === 'gates' && s.outcome === 'failed');
    expect(gates?.message).toMatch(/backend-health: FAILED \(not healthy from the host: mistral-1 \(no answer\)\)/);
    expect(fs.readFileSync(ngConf).equals(before.conf)).toBe(true);
    expect(fs.readFileSync(ngJs).equals(before.js)).toBe(true);
    expect(fs.existsSync(path.join(stateDir, 'revert.pid'))).toBe(false);
    // The reverted nginx serves the hand-written config again: everything to llama-1.
    expect(await postModel('mistral')).toBe('llama-1');
  }, 120_000);

  it('deploys an njs body-routing policy: both files land, and the body model picks the pool', async () => {
    const text = policy('njs-good', backends[1]!.port);
    const plan = await api.call('policy.deploy', { text, target: 'nginx', nginxNjs: true, hosts: [host()], soakSec: 0, confirmWithinSec: 60, latency: { requests: 10, p95MaxMs: 2000 }, approve: true });
    const done = await api.call('rollout.run', { planId: plan.id, wait: true });
    expect(done.status, done.summary ?? '').toBe('completed');
    const rendered = await api.call('policy.render', { text, target: 'nginx', nginxNjs: true });
    expect(fs.readFileSync(ngConf, 'utf8')).toBe(rendered.config);
    expect(rendered.files.map((f) => f.name)).toEqual([NJS_FILE]);
    expect(fs.readFileSync(ngJs, 'utf8')).toBe(rendered.files[0]!.content);

    const counts = new Map<string, number>();
    for (let n = 0; n < 20; n++) {
      const model = n % 2 === 0 ? 'mistral' : 'llama3';
      const who = await postModel(model);
      counts.set(`${model}->${who}`, (counts.get(`${model}->${who}`) ?? 0) + 1);
    }
    process.stdout.write(`[njs-deploy] 20 requests (model in the body only): ${[...counts].map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
    expect(Object.fromEntries(counts)).toEqual({ 'mistral->mistral-1': 10, 'llama3->llama-1': 10 });

    // Rolling the completed plan back restores both files again (a replace of the bundle, the companion included).
    const js = fs.readFileSync(ngJs);
    const back = await api.call('rollout.rollback', { planId: plan.id });
    expect(back.status).toBe('rolled-back');
    expect(fs.readFileSync(ngConf, 'utf8')).toMatch(/^# hand-written before Routewise/);
    expect(fs.readFileSync(ngJs).equals(js)).toBe(false);
    expect(fs.readFileSync(ngJs, 'utf8')).toMatch(/^\/\/ an earlier router, kept byte for byte\r\n/);
    await pollUntil('nginx serves the hand-written config', () => postModel('mistral'), (w) => w === 'llama-1');
  }, 120_000);

  it('an unconfirmed commit is undone by the detached on-host job alone: both files back, byte for byte', async () => {
    const h = host();
    const drv = await openLbDriver(NGINX_ADDR, SSH_PORT, path.join(tmp.dir, 'client'), { kind: 'nginx', configPath: ngConf, reloadCommand: h.reloadCommand, checkCommand: h.checkCommand, stateDir, companions: [NJS_FILE] });
    const before = { conf: fs.readFileSync(ngConf), js: fs.readFileSync(ngJs) };
    try {
      const rendered = await api.call('policy.render', { text: policy('njs-timer', backends[1]!.port), target: 'nginx', nginxNjs: true });
      // A config alone is refused: this host's candidates carry the companion file.
      await expect(drv.loadCandidate(rendered.config, 'replace')).rejects.toMatchObject({ code: 'commit-failed' });
      await drv.loadCandidate(bundleConfig({ main: rendered.config, files: rendered.files.map((f) => ({ name: f.name, content: `${f.content}// timer test\n` })) }), 'replace');
      await drv.commit({ revertAfterSec: 5 });
      expect(fs.readFileSync(ngJs, 'utf8')).toMatch(/\/\/ timer test\n$/);
      // nginx -s reload only signals the master: the new workers take over shortly after.
      await pollUntil('nginx routes on the body with the new files', () => postModel('mistral'), (w) => w === 'mistral-1', 4000);
    } finally {
      await drv.close();
    }
    // Nobody confirms or rolls back: the job started on the host restores both files and reloads.
    await pollUntil('the revert job restored both files', async () => fs.readFileSync(ngConf).equals(before.conf) && fs.readFileSync(ngJs).equals(before.js), Boolean, 15_000);
    await pollUntil('nginx serves the old config', () => postModel('mistral'), (w) => w === 'llama-1');
    expect(fs.existsSync(path.join(stateDir, 'revert.pid'))).toBe(false);
  }, 60_000);
});
