import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../electron/engine/engine';
import { connectInProcess } from '../../../electron/engine/rpc/in-process';
import { makeTempDir } from '../../support/temp-dir';

describe('rollout.* over the RPC boundary', () => {
  let tmp: { dir: string; cleanup: () => void };
  let engine: Engine;
  beforeEach(async () => {
    tmp = makeTempDir('routewise-rollout-api-');
    engine = await createEngine({ dataDir: tmp.dir, host: 'test', masterKey: Buffer.alloc(32, 7) });
  });
  afterEach(async () => {
    await engine.close();
    tmp.cleanup();
  });

  it('lists templates, previews with secrets redacted, and refuses bad input with named fields', async () => {
    const { client } = connectInProcess(engine, 'test');
    const { templates } = await client.call('rollout.templates', {});
    expect(templates.find((t) => t.name === 'snmpv3-only')!.parameters.auth_password).toMatchObject({ secret: true, required: true });
    const r = await client.call('rollout.preview', { template: 'snmpv3-only', params: { auth_password: 'authpass123', priv_password: 'privpass123' }, platforms: ['junos'] });
    expect(r.rendered[0]!.config).toContain('authentication-password "********"');
    expect(r.rendered[0]!.config).not.toContain('authpass123');
    await expect(client.call('rollout.preview', { template: 'ntp', params: { servers: ['300.1.1.1'] } })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(client.call('rollout.plan', { template: 'ntp', params: { servers: ['192.0.2.1'] }, targets: 'everything' } as never)).rejects.toMatchObject({ code: 'bad-request' });
    await expect(client.call('rollout.plan', { template: 'ntp', params: { servers: ['192.0.2.1'] }, targets: 'all' })).rejects.toThrow(/no target device/);
    await expect(client.call('rollout.get', { planId: 'ro-nope' })).rejects.toMatchObject({ code: 'not-found' });
    expect((await client.call('rollout.list', {})).plans).toEqual([]);
  });
});
