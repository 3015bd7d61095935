import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../electron/engine/engine';
import { connectInProcess } from '../../../electron/engine/rpc/in-process';
import type { ApiClient } from '../../../shared/api/client';
import { makeTempDir } from '../../support/temp-dir';
import { type FakeBackend, startFakeBackend } from './fake-backends';

const run = promisify(execFile);
const FAST = { tokensPerSec: 1000, prefillTokensPerSec: 1_000_000 };

describe('ai-services and policy over the engine API and the CLI', () => {
  const tmp = makeTempDir('routewise-ai-api-');
  const dataDir = path.join(tmp.dir, 'data');
  let engine: Engine;
  let api: ApiClient;
  let close: () => void;
  let inScope: FakeBackend, outOfScope: FakeBackend, registered: FakeBackend;

  beforeAll(async () => {
    [inScope, outOfScope, registered] = await Promise.all([
      startFakeBackend({ id: 'disc', model: 'llama3:70b', host: '127.0.0.3', ...FAST }),
      startFakeBackend({ id: 'outside', model: 'mistral', host: '127.0.0.4', ...FAST }),
      startFakeBackend({ id: 'reg', model: 'llama3', ...FAST }),
    ]);
    engine = await createEngine({ dataDir, host: 'test', log: () => undefined });
    const conn = connectInProcess(engine, 'test:ai-traffic');
    api = conn.client;
    close = conn.close;
  });
  afterAll(async () => {
    close?.();
    await engine?.close();
    await Promise.all([inScope, outOfScope, registered].filter(Boolean).map((b) => b.stop()));
    tmp.cleanup();
  });

  it('keeps the registry, and probes only inside the scan scope', async () => {
    const saved = await api.call('ai-services.upsert', { id: 'reg', address: '127.0.0.1', port: registered.port, model: 'llama3', site: 'hq', capacity: { maxConcurrent: 4, tokensPerSec: 40 } });
    expect(saved).toMatchObject({ id: 'reg', source: 'manual', capacity: { maxConcurrent: 4, tokensPerSec: 40, prefillTokensPerSec: 4000 }, healthPath: '/v1/models', weight: 1 });
    const [outside] = await api.call('ai-services.probe', { ids: ['reg'] });
    expect(outside!.health).toMatchObject({ healthy: false, error: expect.stringContaining('outside the scan scope') });
    expect(registered.modelListHits).toBe(0);

    await api.call('scope.add', { range: '127.0.0.1-127.0.0.3' });
    const [up] = await api.call('ai-services.probe', { ids: ['reg'] });
    expect(up!.health).toMatchObject({ healthy: true });
    expect(up!.health!.latencyMs).toBeGreaterThan(0);
    expect(up!.health!.ewmaLatencyMs).toBe(up!.health!.latencyMs);
    expect(registered.modelListHits).toBe(1);

    await api.call('ai-services.upsert', { id: 'dead', address: '127.0.0.2', port: registered.port, model: 'llama3', site: 'dc2', capacity: { maxConcurrent: 4, tokensPerSec: 40 } });
    const probed = await api.call('ai-services.probe', { ids: [], timeoutMs: 1000 });
    expect(probed.find((s) => s.id === 'dead')!.health).toMatchObject({ healthy: false, error: expect.any(String) });
    expect(await api.call('ai-services.remove', { id: 'dead' })).toEqual({ removed: true });
    expect(await api.call('ai-services.remove', { id: 'dead' })).toEqual({ removed: false });
  });

  it('discovers OpenAI-style APIs on inventory devices in scope, and leaves the others alone', async () => {
    const at = new Date().toISOString();
    for (const [id, address] of [['d3', '127.0.0.3'], ['d4', '127.0.0.4']] as const) {
      await engine.ctx.store.db
        .insertInto('devices')
        .values({
          id, address, port: 161, address_key: address, hostname: id, sys_name: id, sys_descr: null, sys_object_id: null, vendor: null, platform: 'linux', os_version: null, model: null,
          serial: null, facts_json: '{}', ai_json: null, ai_capable: 0, credential_id: null, ssh_credential_id: null, warnings_json: '[]', first_seen: at, last_seen: at, last_scan_id: 'test',
        })
        .execute();
    }
    const res = await api.call('ai-services.discover', { ports: [inScope.port, outOfScope.port], site: 'lab' });
    expect(res.probed).toBe(2);
    expect(res.found.map((s) => [s.address, s.port, s.model, s.version, s.source, s.site])).toEqual([['127.0.0.3', inScope.port, 'llama3', '70b', 'discovered', 'lab']]);
    expect(outOfScope.modelListHits).toBe(0);
  });

  it('validates, previews, renders and simulates a policy over the registry', async () => {
    const bad = await api.call('policy.validate', { text: 'algorithm: fastest\npools: [{name: p, backends: [nobody]}]\n' });
    expect(bad.ok).toBe(false);
    expect(bad.issues.map((i) => i.path)).toContain('algorithm');
    const text = 'name: reg-rr\npools: [{name: p, backends: [reg]}]\n';
    expect(await api.call('policy.validate', { text })).toEqual({ ok: true, issues: [] });
    const preview = await api.call('policy.preview', { text, request: { client: '10.0.0.1', model: 'llama3' } });
    expect(preview).toMatchObject({ pool: 'p', backends: ['reg'] });
    const rendered = await api.call('policy.render', { text, target: 'haproxy' });
    expect(rendered.config).toContain(`server reg 127.0.0.1:${registered.port} check`);
    const reports = await api.call('policy.simulate', { policies: [text], trace: { synthetic: { requests: 500, ratePerSec: 5, models: { llama3: 1 }, clients: ['10.0.0.1'] } } });
    expect(reports[0]).toMatchObject({ policy: 'reg-rr', requests: 500 });
    expect(reports[0]!.served + reports[0]!.rejects).toBe(500);
    const variants = await api.call('policy.simulate', { policies: [text], algorithms: ['round-robin', 'ip-hash'], trace: { synthetic: { requests: 50, ratePerSec: 5, models: { llama3: 1 }, clients: ['10.0.0.1'] } } });
    expect(variants.map((r) => [r.policy, r.algorithm])).toEqual([
      ['reg-rr/round-robin', 'round-robin'],
      ['reg-rr/ip-hash', 'ip-hash'],
    ]);
    await expect(api.call('policy.render', { text: 'pools: []', target: 'nginx' })).rejects.toMatchObject({ code: 'bad-request' });
  });

  it('simulates link load on the measured topology and flags a link pushed over the threshold', async () => {
    // d3 and d4 are inventory devices (previous test); a 1 Mb/s manual link joins them.
    await api.call('topology.addManualLink', { a: { device: 'd3', ifName: 'eth0' }, b: { device: 'd4', ifName: 'eth0' }, speedMbps: 1 });
    const text = [
      'name: over-the-wan',
      'pools: [{name: p, backends: [reg]}]',
      'segments: [{name: office, cidrs: [10.9.0.0/16], site: hq, node: d3}]',
      'sites: [{name: hq, node: d4}]',
      'bytesPerToken: 4',
    ].join('\n');
    const [report] = await api.call('policy.simulate', {
      policies: [text],
      trace: { synthetic: { seed: 5, requests: 2000, ratePerSec: 100, models: { llama3: 1 }, clients: ['10.9.0.1', '10.9.0.2'], meanPromptTokens: 2000, meanOutputTokens: 200 } },
    });
    // The topology's own link id (not the manual-link row id) names the link.
    const { links } = await api.call('topology.get', {});
    const linkId = links.find((l) => [l.a.device, l.b.device].sort().join() === 'd3,d4')!.id;
    expect(report!.links.map((l) => [l.linkId, l.label])).toEqual([[linkId, 'd3 – d4']]);
    expect(report!.links[0]!.peakMbps).toBeGreaterThan(1);
    expect(report!.flags).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'link-over-threshold', subject: linkId })]));
  });

  it('answers the CLI: ai-services list --json and policy simulate --json', async () => {
    close();
    await engine.close();
    const bin = path.resolve('bin/routewise.mjs');
    const list = await run(process.execPath, [bin, '--data-dir', dataDir, 'ai-services', 'list', '--json'], { timeout: 60_000 });
    const services = JSON.parse(list.stdout) as Array<{ id: string }>;
    expect(services.map((s) => s.id).sort()).toEqual([`127-0-0-3-${inScope.port}-llama3-70b`, 'reg'].sort());
    const policy = path.join(tmp.dir, 'p.yaml');
    const traceFile = path.join(tmp.dir, 't.csv');
    fs.writeFileSync(policy, 'name: cli\nalgorithm: round-robin\npools: [{name: p, backends: [reg]}]\n');
    fs.writeFileSync(traceFile, 'time,client,model,prompt_tokens,output_tokens\n0,10.0.0.1,llama3,10,40\n0.5,10.0.0.2,llama3,10,40\n');
    const sim = await run(process.execPath, [bin, '--data-dir', dataDir, '--json', 'policy', 'simulate', '--policy', policy, '--trace', traceFile], { timeout: 60_000 });
    const [report] = JSON.parse(sim.stdout) as Array<{ served: number; latencyMs: { p99: number } }>;
    // reg: 40 output tokens at 40 tok/s + 10 prompt tokens at 4000 tok/s = 1002.5 ms each, no overlap in the queue.
    expect(report!.served).toBe(2);
    expect(report!.latencyMs.p99).toBeCloseTo(1002.5, 6);
  });
});
