import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../shared/api/client';
import { RoutewiseError } from '../../../shared/api/errors';
import type { ScanProgress, ScanSummary } from '../../../shared/api/scan';
import type { DeviceFacts } from '../../../shared/domain/device';
import type { DeviceProber, SnmpAttempt } from '../../../electron/engine/discovery/sweep/prober';
import { createEngine, type Engine } from '../../../electron/engine/engine';
import { scanHandlers } from '../../../electron/engine/rpc/areas/scan-area';
import { connectInProcess } from '../../../electron/engine/rpc/in-process';
import { makeTempDir } from '../../support/temp-dir';

/**
 * The scan service through the real RPC path (validation, events, store), with an injected prober:
 * what the engine does with answers, not how SNMP gets them (that is the snmpd integration test).
 */
describe('scan service over the API (injected prober)', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let engine: Engine;
  let api: ApiClient;
  let close: () => void;
  /** What each address answers; a missing address stays silent. Mutable between scans. */
  let answers: Map<string, Partial<DeviceFacts> & { warnings?: string[] }>;
  let hold: Promise<void> | undefined;

  const prober: DeviceProber = {
    async snmp(target, _credential, opts): Promise<SnmpAttempt> {
      if (hold && target.address !== '127.0.0.1') {
        await Promise.race([hold, new Promise((_, reject) => opts.signal.addEventListener('abort', () => reject(new Error('aborted'))))]);
      }
      const a = answers.get(target.address);
      if (!a) return { status: 'no-response' };
      const { warnings = [], ...facts } = a;
      return {
        status: 'answered',
        facts: { platform: 'linux', sources: ['snmp'], ...facts },
        interfaces: [{ ifIndex: 1, name: 'lo' }, { ifIndex: 2, name: 'eth0', speedMbps: 1000 }],
        warnings,
      };
    },
    ssh: async () => ({ status: 'failed', reason: 'none' }),
    evaluateAi: (facts) => ({
      capable: facts.model === 'AI-9000',
      features: facts.model === 'AI-9000' ? ['npu'] : [],
      evidence: facts.model === 'AI-9000' ? [{ ruleId: 't1', feature: 'npu', field: 'model', matched: 'AI-9000', source: 'test', state: 'capable' }] : [],
      catalogVersion: 'test',
    }),
  };

  beforeEach(async () => {
    tmp = makeTempDir('routewise-scan-svc-');
    engine = await createEngine({ dataDir: tmp.dir, host: 'test', masterKey: randomBytes(32), log: () => undefined });
    Object.assign(engine.handlers, scanHandlers(engine.ctx, prober));
    ({ client: api, close } = connectInProcess(engine, 'test'));
    answers = new Map([
      ['127.0.0.1', { sysName: 'one', vendor: 'Acme', model: 'AI-9000', osVersion: '1.0', serial: 'S1' }],
      ['127.0.0.3', { sysName: 'three', vendor: 'Zeta', model: 'Z1', osVersion: '2.0', serial: 'S3' }],
    ]);
    hold = undefined;
  });
  afterEach(async () => {
    close();
    await engine.close();
    tmp.cleanup();
  });

  async function scan(targets: string[]): Promise<{ summary: ScanSummary; progress: ScanProgress[] }> {
    const progress: ScanProgress[] = [];
    let scanId = '';
    const finished = new Promise<ScanSummary>((resolve) => {
      const off = api.on('scan.finished', (s) => {
        if (s.id === scanId) {
          off();
          resolve(s);
        }
      });
    });
    const offProgress = api.on('scan.progress', (p) => progress.push(p));
    ({ scanId } = await api.call('scan.start', { targets, adHocCredentials: [{ kind: 'snmp-v2c', label: 'x', community: 's3cret-community' }], timeoutMs: 100, retries: 0 }));
    const summary = await finished;
    offProgress();
    return { summary, progress };
  }

  it('refuses an empty scope, then scans once the range is allowed, with events and stored results', async () => {
    await expect(api.call('scan.start', { targets: ['127.0.0.1-4'], adHocCredentials: [{ kind: 'snmp-v2c', label: 'x', community: 'public' }] })).rejects.toMatchObject({
      code: 'out-of-scope',
    });
    expect(await api.call('scan.plan', { targets: ['127.0.0.1-4'] })).toMatchObject({ total: 4, outOfScope: ['127.0.0.1-127.0.0.4'], scopeEmpty: true });
    await api.call('scope.add', { range: '127.0.0.0/29' });

    const { summary, progress } = await scan(['127.0.0.1-4']);
    expect(summary).toMatchObject({ status: 'completed', total: 4, probed: 4, answered: 2, identified: 2, unreachable: 2 });
    expect(progress.at(-1)).toMatchObject({ scanId: summary.id, probed: 4, total: 4 });
    const detail = await api.call('scan.get', { scanId: summary.id });
    expect(detail.devices.map((d) => [d.address, d.sysName, d.ai.capable])).toEqual([
      ['127.0.0.1', 'one', true],
      ['127.0.0.3', 'three', false],
    ]);
    expect(detail.devices[0]?.interfaces).toHaveLength(2);
    expect(detail.unreachable.map((u) => u.address)).toEqual(['127.0.0.2', '127.0.0.4']);
    const audit = await api.call('audit.list', { limit: 10 });
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['scope.add', 'scan.start', 'credentials.create']));
  });

  it('keeps values a later scan did not learn, records real changes as history, keeps the device id', async () => {
    await api.call('scope.add', { range: '127.0.0.1-3' });
    await scan(['127.0.0.1']);
    const [before] = (await api.call('inventory.list', {})).items;
    // Second scan: ENTITY-MIB failed (no serial, no model) and the OS was upgraded.
    answers.set('127.0.0.1', { sysName: 'one', vendor: 'Acme', osVersion: '1.1', warnings: ['timeout: entPhysicalTable not read'] });
    const second = await scan(['127.0.0.1']);
    const detail = await api.call('inventory.get', { id: before?.id ?? '' });
    expect(detail.device).toMatchObject({ id: before?.id, serial: 'S1', model: 'AI-9000', osVersion: '1.1', warnings: ['timeout: entPhysicalTable not read'] });
    expect(detail.history).toEqual([{ attribute: 'osVersion', oldValue: '1.0', newValue: '1.1', scanId: second.summary.id, at: expect.any(String) }]);
    expect(detail.ai?.evidence[0]).toMatchObject({ ruleId: 't1', matched: 'AI-9000' });
  });

  it('filters, sorts and pages the inventory', async () => {
    await api.call('scope.add', { range: '127.0.0.0/24' });
    for (let i = 1; i <= 12; i++) answers.set(`127.0.0.${i}`, { sysName: `h${String(13 - i).padStart(2, '0')}`, vendor: i % 2 ? 'Acme' : 'Zeta', model: i === 10 ? 'AI-9000' : 'M' });
    await scan(['127.0.0.1-12']);
    const page = await api.call('inventory.list', { sort: 'address', limit: 5, offset: 5 });
    expect(page.total).toBe(12);
    expect(page.items.map((d) => d.address)).toEqual(['127.0.0.6', '127.0.0.7', '127.0.0.8', '127.0.0.9', '127.0.0.10']);
    const byName = await api.call('inventory.list', { sort: 'sysName', direction: 'desc', limit: 2 });
    expect(byName.items.map((d) => d.sysName)).toEqual(['h12', 'h11']);
    expect((await api.call('inventory.list', { vendor: 'Zeta' })).total).toBe(6);
    expect((await api.call('inventory.list', { aiCapable: true })).items.map((d) => d.address)).toEqual(['127.0.0.10']);
    expect((await api.call('inventory.list', { text: '0.0.1' })).items.map((d) => d.address)).toEqual(['127.0.0.1', '127.0.0.10', '127.0.0.11', '127.0.0.12']);
    expect((await api.call('inventory.list', { text: '%' })).total).toBe(0);
  });

  it('scan.cancel stops a running scan and keeps what it had found', async () => {
    await api.call('scope.add', { range: '127.0.0.0/24' });
    hold = new Promise(() => {}); // every address but .1 hangs until aborted
    let scanId = '';
    const finished = new Promise<ScanSummary>((resolve) => api.on('scan.finished', (s) => s.id === scanId && resolve(s)));
    const firstDevice = new Promise<void>((resolve) => api.on('scan.progress', (p) => p.scanId === scanId && p.answered >= 1 && resolve()));
    ({ scanId } = await api.call('scan.start', { targets: ['127.0.0.1-50'], adHocCredentials: [{ kind: 'snmp-v2c', label: 'x', community: 'c' }], concurrency: 4 }));
    await firstDevice;
    expect(await api.call('scan.cancel', { scanId })).toEqual({ cancelled: true });
    const summary = await finished;
    expect(summary.status).toBe('cancelled');
    expect(summary.answered).toBe(1);
    expect((await api.call('scan.get', { scanId })).devices.map((d) => d.address)).toEqual(['127.0.0.1']);
    expect(await api.call('scan.cancel', { scanId })).toEqual({ cancelled: false });
  });

  it('asks for confirmation above a /16 and rejects bad targets as bad-request', async () => {
    await api.call('scope.add', { range: '10.0.0.0/8' });
    const err = await api.call('scan.start', { targets: ['10.0.0.0/15'], adHocCredentials: [{ kind: 'snmp-v2c', label: 'x', community: 'c' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RoutewiseError);
    expect(err).toMatchObject({ code: 'conflict' });
    expect(await api.call('scan.plan', { targets: ['10.0.0.0/15'] })).toMatchObject({ needsConfirmation: true, outOfScope: [] });
    await expect(api.call('scan.start', { targets: ['10.0.0.300'], adHocCredentials: [{ kind: 'snmp-v2c', label: 'x', community: 'c' }] })).rejects.toMatchObject({ code: 'bad-request' });
  });

  it('resolves hostnames through the OS resolver (localhost) and checks the address against the scope', async () => {
    // Only localhost: any other name could send a DNS query off this machine (tests stay on loopback).
    const plan = await api.call('scan.plan', { targets: ['localhost:16199'] });
    expect(plan.total).toBe(1);
    expect(plan.unresolved).toEqual([]);
    expect(plan.outOfScope).toHaveLength(1);
    expect(['127.0.0.1', '::1']).toContain(plan.outOfScope[0]);
  });

  it('reuses an identical ad-hoc credential and never shows its secret', async () => {
    await api.call('scope.add', { range: '127.0.0.1' });
    await scan(['127.0.0.1']);
    await scan(['127.0.0.1']);
    const creds = await api.call('credentials.list', {});
    expect(creds).toHaveLength(1);
    expect(creds[0]?.label).toBe('cli:snmp-v2c');
    expect(JSON.stringify(creds)).not.toContain('s3cret');
  });
});
