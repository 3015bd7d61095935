import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../electron/engine/engine';
import { connectInProcess } from '../../../electron/engine/rpc/in-process';
import { makeTempDir } from '../../support/temp-dir';

let engine: Engine | undefined;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  await engine?.close();
  cleanup?.();
});

describe('compliance re-evaluates by itself', () => {
  it('after a recorded config and after a settled rollout, coalescing bursts into one evaluation', async () => {
    const tmp = makeTempDir();
    cleanup = tmp.cleanup;
    engine = await createEngine({ dataDir: tmp.dir, host: 'test', masterKey: Buffer.alloc(32, 7) });
    const { client } = connectInProcess(engine, 'test');
    const updates: Array<{ reason: string }> = [];
    client.on('compliance.updated', (u) => updates.push(u));
    await client.call('compliance.rules', {}); // the compliance area is live

    for (let i = 0; i < 5; i++) engine.bus.emit('archive.recorded', { deviceId: `d${i}`, source: 'scheduled', at: new Date().toISOString() });
    await until(() => updates.length >= 1);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.reason).toContain('config recorded (scheduled)');

    engine.bus.emit('rollout.status', { planId: 'ro-1', status: 'running', message: '', at: new Date().toISOString() });
    engine.bus.emit('rollout.status', { planId: 'ro-1', status: 'completed', message: '', at: new Date().toISOString() });
    await until(() => updates.length >= 2);
    expect(updates[1]!.reason).toBe('rollout ro-1 completed');
  });
});

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
