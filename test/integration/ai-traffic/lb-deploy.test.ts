import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../shared/api/client';
import type { RolloutStep } from '../../../shared/api/rollout';
import { NetnsHosts } from '../../support/netns';
import { isRoot, requireTool, skipOrFail } from '../../support/require-tool';
import { makeTempDir } from '../../support/temp-dir';
import { makeKey, SSHD } from '../ssh/support/sshd';
import { type FakeBackend, startFakeBackend } from './fake-backends';
import { type DeployEngine, openDeployEngine, routewiseCli, weightedPolicyText } from './support/deploy-engine';
import { canConnect, killLeftovers, nginxCommands, openLbDriver, spawnHostSshd, startHandWrittenNginx, whoAnswers as askProxy } from './support/proxy-hosts';
import { pollUntil } from '../../support/poll-until';

// Namespaces rw-ait-*, 198.19.160.0/24 on a root bridge; ports 2722 (sshd) and 2780 (proxy frontends) inside them.
const SSH_PORT = 2722;
const FRONTEND_PORT = 2780;
const BRIDGE_ADDR = '198.19.160.1';
const LBS = ['lb1', 'lb2', 'lb3'] as const;
const lbAddr = (i: number) => `198.19.160.${11 + i}`;
const FAST = { tokensPerSec: 1000, prefillTokensPerSec: 1_000_000 };

const NGINX_ADDR = '198.19.160.21';
const haveNginx = requireTool('nginx');
const ready =
  requireTool('haproxy') &&
  requireTool(SSHD, 'OpenSSH sshd is not installed') &&
  requireTool('curl') &&
  requireTool('ip') &&
  (isRoot || skipOrFail('the deploy test creates network namespaces and must run as root'));

/** Which backend answered a GET through the proxy. */
const whoAnswers = (host: string): Promise<string> => askProxy(host, FRONTEND_PORT);

/**
 * The deploy path end to end: three Linux hosts in network namespaces, each with OpenSSH sshd and HAProxy (the
 * Debian packages), node backends on the root bridge. A policy deploy plans a rollout (pilot lb1, then a wave),
 * the engine's rollout run pushes the rendered config over SSH with the revert job scheduled on the host, and the
 * backend-health and latency gates decide. A policy naming a dead backend halts at the pilot and the pilot's file
 * is byte-for-byte what it was; a good one completes and each proxy splits requests by the policy's weights.
 */
describe.skipIf(!ready)('policy deploy to HAProxy hosts over SSH through the rollout engine', () => {
  const tmp = makeTempDir('routewise-lb-deploy-');
  let hosts: NetnsHosts;
  let rw: DeployEngine;
  let api: ApiClient;
  let credentialId: string;
  const backends: FakeBackend[] = [];
  let deadPort = 0;
  const steps: RolloutStep[] = [];
  const dirOf = (i: number) => path.join(tmp.dir, LBS[i]!);
  const cfgOf = (i: number) => path.join(dirOf(i), 'haproxy.cfg');
  const pidOf = (i: number) => path.join(dirOf(i), 'haproxy.pid');
  const ngDir = path.join(tmp.dir, 'ng1');
  const ngConf = path.join(ngDir, 'nginx.conf');

  beforeAll(async () => {
    fs.chmodSync(tmp.dir, 0o755);
    hosts = new NetnsHosts('rw-ait-');
    hosts.managementBridge('rw-ait-br0', `${BRIDGE_ADDR}/24`);
    for (const id of ['b1', 'b2', 'b3']) backends.push(await startFakeBackend({ id, model: 'llama3', host: BRIDGE_ADDR, ...FAST }));
    const dead = await startFakeBackend({ id: 'dead', model: 'llama3', host: BRIDGE_ADDR, ...FAST });
    deadPort = dead.port;
    await dead.stop();

    const hostKey = makeKey(tmp.dir, 'host');
    const client = makeKey(tmp.dir, 'client');
    for (let i = 0; i < LBS.length; i++) {
      const ns = hosts.addHost(LBS[i]!);
      hosts.attachToBridge(ns, 'rw-ait-br0', 'eth0', `rw-ait-v${i}`, `${lbAddr(i)}/24`);
      fs.mkdirSync(dirOf(i));
      // The host's config before Routewise: everything to b1.
      fs.writeFileSync(
        cfgOf(i),
        [
          '# hand-written before Routewise',
          'defaults',
          '    mode http',
          '    timeout connect 2s',
          '    timeout client 10s',
          '    timeout server 10s',
          `frontend fe`,
          `    bind 0.0.0.0:${FRONTEND_PORT}`,
          '    default_backend only_b1',
          'backend only_b1',
          `    server b1 ${BRIDGE_ADDR}:${backends[0]!.port}`,
          '',
        ].join('\n'),
      );
      hosts.exec(ns, 'haproxy', ['-D', '-p', pidOf(i), '-f', cfgOf(i)]);
      spawnHostSshd(hosts, ns, { dir: dirOf(i), address: lbAddr(i), port: SSH_PORT, hostKey, clientKey: client });
    }
    if (haveNginx) {
      const ns = hosts.addHost('ng1');
      hosts.attachToBridge(ns, 'rw-ait-br0', 'eth0', 'rw-ait-vng', `${NGINX_ADDR}/24`);
      fs.mkdirSync(ngDir);
      startHandWrittenNginx(hosts, ns, { dir: ngDir, conf: ngConf, listenPort: FRONTEND_PORT, upstream: `${BRIDGE_ADDR}:${backends[0]!.port}` });
      spawnHostSshd(hosts, ns, { dir: ngDir, address: NGINX_ADDR, port: SSH_PORT, hostKey, clientKey: client });
      await pollUntil('sshd on the nginx host', () => canConnect(NGINX_ADDR, SSH_PORT), Boolean);
      await pollUntil('nginx', () => whoAnswers(NGINX_ADDR).catch((e: Error) => e.message), (w) => w === 'b1');
    }
    for (let i = 0; i < LBS.length; i++) {
      await pollUntil(`sshd on ${lbAddr(i)}`, () => canConnect(lbAddr(i), SSH_PORT), Boolean);
      await pollUntil(`haproxy on ${lbAddr(i)}`, () => whoAnswers(lbAddr(i)).catch((e: Error) => e.message), (w) => w === 'b1');
    }

    rw = await openDeployEngine(path.join(tmp.dir, 'data'), 'test:lb-deploy', steps);
    api = rw.api;
    credentialId = (await api.call('credentials.create', { kind: 'ssh', label: 'lb hosts', user: 'root', privateKey: fs.readFileSync(client, 'utf8') })).id;
  }, 90_000);

  afterAll(async () => {
    await rw?.close();
    const pidFiles = LBS.flatMap((_, i) => [pidOf(i), path.join(dirOf(i), 'state', 'revert.pid')]).concat([path.join(ngDir, 'nginx.pid'), path.join(ngDir, 'state', 'revert.pid')]);
    killLeftovers(pidFiles, [...LBS, 'ng1'].map((n) => `rw-ait-${n}`));
    await hosts?.teardown();
    await Promise.all(backends.map((b) => b.stop()));
    tmp.cleanup();
  });

  const hostSpecs = () =>
    LBS.map((name, i) => ({
      address: lbAddr(i),
      sshPort: SSH_PORT,
      credentialId,
      label: name,
      configPath: cfgOf(i),
      reloadCommand: `haproxy -D -p ${pidOf(i)} -f ${cfgOf(i)} -sf $(cat ${pidOf(i)})`,
      stateDir: path.join(dirOf(i), 'state'),
    }));

  const policy = (name: string, members: Array<{ id: string; port: number; weight: number }>): string => weightedPolicyText(name, { frontend: { address: '0.0.0.0', port: FRONTEND_PORT }, backendAddress: BRIDGE_ADDR }, members);

  it('halts at the pilot when a backend the policy names is down, and the pilot file is restored byte for byte', async () => {
    const before = LBS.map((_, i) => fs.readFileSync(cfgOf(i)));
    const plan = await api.call('policy.deploy', {
      text: policy('broken', [
        { id: 'b1', port: backends[0]!.port, weight: 1 },
        { id: 'gone', port: deadPort, weight: 1 },
      ]),
      target: 'haproxy',
      hosts: hostSpecs(),
      pilot: lbAddr(0),
      soakSec: 0,
      confirmWithinSec: 60,
      approve: true,
    });
    expect(plan.phases.map((p) => p.devices)).toEqual([[lbAddr(0)], [lbAddr(1), lbAddr(2)]]);
    expect(plan.devices.find((d) => d.address === lbAddr(0))!.diff).toMatch(/^\+\s+server gone 198\.19\.160\.1:\d+ /m);
    expect(plan.options.gates.backendHealth?.backends.map((b) => b.id)).toEqual(['b1', 'gone']);

    const done = await api.call('rollout.run', { planId: plan.id, wait: true });
    expect(done.status).toBe('halted');
    const state = Object.fromEntries(done.devices.map((d) => [d.address, d.state]));
    expect(state).toEqual({ [lbAddr(0)]: 'reverted', [lbAddr(1)]: 'pending', [lbAddr(2)]: 'pending' });
    const gates = steps.find((s) => s.planId === plan.id && s.step === 'gates' && s.outcome === 'failed');
    expect(gates?.message).toMatch(/backend-health: FAILED \(not healthy from the host: gone \(no answer\)\)/);
    // The pilot's file is the original bytes; the wave hosts were never touched.
    LBS.forEach((_, i) => expect(fs.readFileSync(cfgOf(i)).equals(before[i]!)).toBe(true));
    expect(fs.existsSync(path.join(dirOf(0), 'state', 'revert.pid'))).toBe(false);
    // And the reverted proxy serves the old config again (reloaded): everything to b1.
    const answers = await Promise.all(Array.from({ length: 6 }, () => whoAnswers(lbAddr(0))));
    expect(new Set(answers)).toEqual(new Set(['b1']));
  }, 120_000);

  it('deploys a good policy pilot first, then the wave, and each proxy splits requests by the weights', async () => {
    const members = [
      { id: 'b1', port: backends[0]!.port, weight: 1 },
      { id: 'b2', port: backends[1]!.port, weight: 2 },
      { id: 'b3', port: backends[2]!.port, weight: 1 },
    ];
    const text = policy('weighted', members);
    const plan = await api.call('policy.deploy', { text, target: 'haproxy', hosts: hostSpecs(), pilot: lbAddr(1), soakSec: 0, confirmWithinSec: 60, latency: { requests: 30, p95MaxMs: 2000 }, approve: true });
    const done = await api.call('rollout.run', { planId: plan.id, wait: true });
    expect(done.status, done.summary ?? '').toBe('completed');
    expect(done.devices.map((d) => d.state)).toEqual(['confirmed', 'confirmed', 'confirmed']);

    // Pilot first: lb2 was confirmed before either wave host was backed up.
    const mine = steps.filter((s) => s.planId === plan.id);
    const pilotConfirmed = mine.findIndex((s) => s.address === lbAddr(1) && s.step === 'confirm' && s.outcome === 'ok');
    const firstWaveBackup = mine.findIndex((s) => s.address !== lbAddr(1) && s.address !== null && s.step === 'backup');
    expect(pilotConfirmed).toBeGreaterThanOrEqual(0);
    expect(firstWaveBackup).toBeGreaterThan(pilotConfirmed);
    const latency = mine.find((s) => s.step === 'gates' && s.outcome === 'ok')!.message;
    expect(latency).toMatch(/latency: ok \(p95 [\d.]+ ms over 30 request/);
    process.stdout.write(`[lb-deploy] gate results on the pilot: ${latency}\n`);

    const rendered = (await api.call('policy.render', { text, target: 'haproxy' })).config;
    const total = members.reduce((s, m) => s + m.weight, 0);
    const rounds = 10;
    for (let i = 0; i < LBS.length; i++) {
      expect(fs.readFileSync(cfgOf(i), 'utf8')).toBe(rendered);
      expect(fs.existsSync(path.join(dirOf(i), 'state', 'revert.pid'))).toBe(false);
      const counts = new Map<string, number>();
      for (let n = 0; n < total * rounds; n++) {
        const who = await whoAnswers(lbAddr(i));
        counts.set(who, (counts.get(who) ?? 0) + 1);
      }
      process.stdout.write(`[lb-deploy] ${LBS[i]} ${total * rounds} requests: ${[...counts].map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
      for (const m of members) expect(counts.get(m.id), `${LBS[i]} ${m.id}`).toBe(m.weight * rounds);
    }
  }, 180_000);

  it('keeps the hosts it deployed to, so a later engine on the same data dir can roll back', async () => {
    const plans = (await api.call('rollout.list', {})).plans;
    const good = plans.find((p) => p.status === 'completed')!;
    const original = fs.readFileSync(path.join(dirOf(0), 'state', 'backup.conf'));
    await rw.close();
    rw = await openDeployEngine(path.join(tmp.dir, 'data'), 'test:lb-deploy-2');
    api = rw.api;
    const rolled = await api.call('rollout.rollback', { planId: good.id });
    expect(rolled.status).toBe('rolled-back');
    expect(fs.readFileSync(cfgOf(0)).equals(original)).toBe(true);
    await pollUntil('lb1 serves b1 only again', () => Promise.all(Array.from({ length: 4 }, () => whoAnswers(lbAddr(0)))), (a) => a.every((w) => w === 'b1'));
    expect(execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })).toContain('rw-ait-lb1');
  }, 120_000);

  it.runIf(haveNginx)('deploys the same policy to an nginx host; nginx -t refuses a broken candidate before anything changes', async () => {
    const ngHost = {
      address: NGINX_ADDR,
      sshPort: SSH_PORT,
      credentialId,
      label: 'ng1',
      configPath: ngConf,
      ...nginxCommands(ngDir, ngConf),
      stateDir: path.join(ngDir, 'state'),
    };
    const before = fs.readFileSync(ngConf);
    const members = [
      { id: 'b1', port: backends[0]!.port, weight: 3 },
      { id: 'b2', port: backends[1]!.port, weight: 1 },
    ];
    const text = policy('weighted-nginx', members);
    // The driver on its own: nginx -t on the host refuses a candidate, and the file is untouched.
    const drv = await openLbDriver(NGINX_ADDR, SSH_PORT, path.join(tmp.dir, 'client'), { kind: 'nginx', configPath: ngConf, reloadCommand: ngHost.reloadCommand, checkCommand: ngHost.checkCommand, stateDir: ngHost.stateDir });
    try {
      expect(await drv.runningConfig()).toBe(before.toString('utf8'));
      await drv.loadCandidate('http { upstream_nonsense on; }\n', 'replace');
      expect(await drv.diff()).toMatch(/^\+http \{ upstream_nonsense on; \}$/m);
      await expect(drv.validate()).rejects.toMatchObject({ code: 'commit-failed', message: expect.stringMatching(/unknown directive "upstream_nonsense"|"http" directive is not allowed|no "events" section/) as unknown });
      await drv.rollback();
      expect(fs.readFileSync(ngConf).equals(before)).toBe(true);
      expect((await drv.facts()).vendor).toBe('nginx');
    } finally {
      await drv.close();
    }

    const plan = await api.call('policy.deploy', { text, target: 'nginx', hosts: [ngHost], soakSec: 0, confirmWithinSec: 60, approve: true });
    expect(plan.phases).toHaveLength(1);
    const done = await api.call('rollout.run', { planId: plan.id, wait: true });
    expect(done.status, done.summary ?? '').toBe('completed');
    expect(fs.readFileSync(ngConf, 'utf8')).toBe((await api.call('policy.render', { text, target: 'nginx' })).config);
    const counts = new Map<string, number>();
    for (let n = 0; n < 40; n++) {
      const who = await whoAnswers(NGINX_ADDR);
      counts.set(who, (counts.get(who) ?? 0) + 1);
    }
    process.stdout.write(`[lb-deploy] ng1 40 requests: ${[...counts].map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
    expect(counts.get('b1')).toBe(30);
    expect(counts.get('b2')).toBe(10);

    const back = await api.call('rollout.rollback', { planId: plan.id });
    expect(back.status).toBe('rolled-back');
    expect(fs.readFileSync(ngConf).equals(before)).toBe(true);
  }, 120_000);

  it('routewise policy deploy and rollout run from the CLI (its own data dir, key from a file)', async () => {
    const dataDir = path.join(tmp.dir, 'cli-data');
    const policyFile = path.join(tmp.dir, 'cli-policy.json');
    fs.writeFileSync(policyFile, policy('cli-rr', [{ id: 'b1', port: backends[0]!.port, weight: 1 }, { id: 'b3', port: backends[2]!.port, weight: 1 }]).replace('weighted-round-robin', 'round-robin'));
    const cli = routewiseCli(dataDir);
    const h = hostSpecs()[2]!;
    const planned = await cli(['policy', 'deploy', '--policy', policyFile, '--target', 'haproxy', '--hosts', `${h.address}:${h.sshPort}`, '--ssh-user', 'root', '--ssh-key', path.join(tmp.dir, 'client'), '--config', h.configPath, '--reload', h.reloadCommand, '--state-dir', h.stateDir, '--soak', '0', '--confirm-within', '60']);
    expect(planned.status).toBe('draft');
    expect(planned.devices[0]!.diff).toMatch(/^\+\s+server b3 /m);
    const ran = await cli(['rollout', 'run', planned.id, '--yes']);
    expect(ran.status, ran.summary ?? '').toBe('completed');
    const answers = await Promise.all(Array.from({ length: 4 }, () => whoAnswers(h.address)));
    expect(answers.sort()).toEqual(['b1', 'b1', 'b3', 'b3']);
  }, 180_000);

  it('an unconfirmed commit reverts by itself on the host (the revert job, with no Routewise connected)', async () => {
    const h = hostSpecs()[1]!;
    const before = fs.readFileSync(cfgOf(1));
    const served = new Set(await Promise.all(Array.from({ length: 8 }, () => whoAnswers(h.address))));
    const candidate = `${fs.readFileSync(cfgOf(1), 'utf8').replace(/^(\s+default_backend\s+)\S+$/m, '$1only_b3')}backend only_b3\n    server b3 ${BRIDGE_ADDR}:${backends[2]!.port}\n`;
    const drv = await openLbDriver(h.address, SSH_PORT, path.join(tmp.dir, 'client'), { kind: 'haproxy', configPath: h.configPath, reloadCommand: h.reloadCommand, stateDir: h.stateDir });
    await drv.loadCandidate(candidate, 'replace');
    await drv.validate();
    await drv.commit({ revertAfterSec: 3 });
    await drv.close();
    expect(fs.readFileSync(cfgOf(1), 'utf8')).toBe(candidate);
    await pollUntil('the proxy serves the candidate', () => whoAnswers(h.address), (w) => w === 'b3');
    await pollUntil('the host reverts the file', async () => fs.readFileSync(cfgOf(1)).equals(before), Boolean, 20_000);
    await pollUntil('the proxy serves the old config again', async () => new Set(await Promise.all(Array.from({ length: 8 }, () => whoAnswers(h.address)))), (s) => [...s].every((w) => served.has(w)));
    expect(fs.existsSync(path.join(h.stateDir, 'revert.pid'))).toBe(false);
  }, 60_000);
});
