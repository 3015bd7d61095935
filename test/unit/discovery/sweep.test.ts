import { describe, expect, it } from 'vitest';
import type { AiVerdict, DeviceFacts } from '../../../shared/domain/device';
import type { DeviceProber, SnmpAttempt, SnmpCredential, SshCredential } from '../../../electron/engine/discovery/sweep/prober';
import { runSweep, type SweepOptions, type SweepProgress } from '../../../electron/engine/discovery/sweep/sweep';
import type { ProbeTarget } from '../../../electron/engine/discovery/targets/targets';

const NO_AI: AiVerdict = { capable: false, features: [], evidence: [], catalogVersion: 'test' };
const facts = (address: string): DeviceFacts => ({ platform: 'linux', vendor: 'net-snmp', sysName: `host-${address}`, sources: ['snmp'] });
const answered = (address: string, warnings: string[] = []): SnmpAttempt => ({ status: 'answered', facts: facts(address), interfaces: [], warnings });

function targets(n: number): ProbeTarget[] {
  return Array.from({ length: n }, (_, i) => ({ address: `127.0.0.${i + 1}`, family: 4 as const, port: 161 }));
}
function v2c(id: string): SnmpCredential {
  return { id, kind: 'snmp-v2c', label: id, community: id };
}

/** A promise the test resolves by hand, so timing never depends on sleeps. */
function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function prober(snmp: DeviceProber['snmp'], extra: Partial<DeviceProber> = {}): DeviceProber {
  return {
    snmp,
    ssh: async () => ({ status: 'failed', reason: 'no ssh in this test' }),
    evaluateAi: () => NO_AI,
    ...extra,
  };
}

function sweep(opts: Partial<SweepOptions> & Pick<SweepOptions, 'prober' | 'targets' | 'total'>) {
  return runSweep({
    snmpCredentials: [v2c('public')],
    sshCredentials: [],
    sshPort: 22,
    concurrency: 4,
    timeoutMs: 100,
    retries: 0,
    ...opts,
  });
}

describe('runSweep', () => {
  it('never has more than `concurrency` devices in flight, and probes each target once', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const seen: string[] = [];
    const p = prober(async (t) => {
      seen.push(t.address);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      // Finish on a later event-loop turn, so every worker has started before any finishes.
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return Number(t.address.split('.')[3]) % 2 === 0 ? answered(t.address) : { status: 'no-response' };
    });
    const result = await sweep({ prober: p, targets: targets(60), total: 60, concurrency: 7 });
    expect(maxInFlight).toBe(7);
    expect(new Set(seen).size).toBe(60);
    expect(seen).toHaveLength(60);
    expect(result.devices).toHaveLength(30);
    expect(result.unreachable).toHaveLength(30);
    expect(result.progress).toMatchObject({ probed: 60, answered: 30, identified: 30, total: 60, inFlight: 0, etaMs: 0 });
  });

  it('a device that never answers holds one worker until its budget, while the rest of the sweep finishes', async () => {
    let slowStillPending = true;
    let othersDoneWhileSlowPending = 0;
    const p = prober(async (t) => {
      if (t.address === '127.0.0.1') {
        await new Promise(() => {}); // ignores its signal on purpose: the sweep must not wait for it
      }
      return answered(t.address);
    });
    const result = await sweep({
      prober: p,
      targets: targets(20),
      total: 20,
      concurrency: 2,
      deviceBudgetMs: 300,
      onDevice: () => {
        if (slowStillPending) othersDoneWhileSlowPending++;
      },
    });
    slowStillPending = false;
    expect(othersDoneWhileSlowPending).toBe(19);
    expect(result.devices).toHaveLength(19);
    expect(result.unreachable).toEqual([
      { target: expect.objectContaining({ address: '127.0.0.1' }), reason: expect.stringContaining('longer than 300 ms') },
    ]);
  });

  it('cancel aborts in-flight probes, starts no new ones and keeps what was found', async () => {
    const controller = new AbortController();
    const abortedSignals: AbortSignal[] = [];
    const started: string[] = [];
    const p = prober(async (t, _c, o) => {
      started.push(t.address);
      if (Number(t.address.split('.')[3]) <= 5) return answered(t.address);
      abortedSignals.push(o.signal);
      if (started.length === 8) controller.abort();
      await new Promise((_, reject) => o.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
      return answered(t.address);
    });
    const result = await sweep({ prober: p, targets: targets(100), total: 100, concurrency: 3, signal: controller.signal });
    expect(result.cancelled).toBe(true);
    expect(result.devices.map((d) => d.target.address)).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5']);
    expect(started.length).toBeLessThanOrEqual(8);
    expect(abortedSignals.every((s) => s.aborted)).toBe(true);
    expect(result.progress.probed).toBe(5);
  });

  it('tries SNMP credentials in the given order and stops at the first that answers', async () => {
    const attempts = new Map<string, string[]>();
    const p = prober(async (t, c) => {
      attempts.set(t.address, [...(attempts.get(t.address) ?? []), c.id]);
      const answersTo = t.address === '127.0.0.1' ? 'second' : 'third';
      if (c.id === 'first' && t.address === '127.0.0.2') return { status: 'rejected', reason: 'unknown user name' };
      return c.id === answersTo ? answered(t.address) : { status: 'no-response' };
    });
    const creds = [v2c('first'), v2c('second'), v2c('third'), v2c('fourth')];
    const result = await sweep({ prober: p, targets: targets(3), total: 3, snmpCredentials: creds, concurrency: 1 });
    expect(attempts.get('127.0.0.1')).toEqual(['first', 'second']);
    expect(attempts.get('127.0.0.2')).toEqual(['first', 'second', 'third']);
    expect(result.devices.map((d) => [d.target.address, d.credentialId])).toEqual([
      ['127.0.0.1', 'second'],
      ['127.0.0.2', 'third'],
      ['127.0.0.3', 'third'],
    ]);
  });

  it('tries the credential that answered last time first, then the rest in order', async () => {
    const attempts: string[] = [];
    const p = prober(async (t, c) => {
      attempts.push(c.id);
      return c.id === 'b' ? answered(t.address) : { status: 'no-response' };
    });
    const creds = [v2c('a'), v2c('b'), v2c('c')];
    const result = await sweep({ prober: p, targets: targets(1), total: 1, snmpCredentials: creds, preferredCredentialId: () => 'c' });
    expect(attempts).toEqual(['c', 'a', 'b']);
    expect(result.devices[0]?.credentialId).toBe('b');
    attempts.length = 0;
    await sweep({ prober: p, targets: targets(1), total: 1, snmpCredentials: creds, preferredCredentialId: () => 'deleted-meanwhile' });
    expect(attempts).toEqual(['a', 'b']);
  });

  it('with a liveness pass, settles silent targets without a full probe and tries only the credentials that answered', async () => {
    const full: Array<[string, string]> = [];
    const batches: number[] = [];
    const p = prober(
      async (t, c) => {
        full.push([t.address, c.id]);
        return answered(t.address);
      },
      {
        liveness: async (batch) => {
          batches.push(batch.length);
          return new Map([
            ['127.0.0.2|161', { credentialIds: new Set(['b']), v3: false, undecodable: false }],
            ['127.0.0.4|161', { credentialIds: new Set<string>(), v3: true, undecodable: false }],
            ['127.0.0.5|161', { credentialIds: new Set<string>(), v3: false, undecodable: true }],
          ]);
        },
      },
    );
    const v3: SnmpCredential = { id: 'v3', kind: 'snmp-v3', label: 'v3', user: 'u', level: 'noAuthNoPriv' };
    const result = await sweep({ prober: p, targets: targets(6), total: 6, snmpCredentials: [v2c('a'), v2c('b'), v3], concurrency: 1 });
    expect(batches).toEqual([6]);
    expect(full).toEqual([
      ['127.0.0.2', 'b'],
      ['127.0.0.4', 'v3'],
      ['127.0.0.5', 'a'], // undecodable: every credential may be the one, tried in order (a answers here)
    ]);
    expect(result.unreachable.map((u) => [u.target.address, u.reason])).toEqual([
      ['127.0.0.1', 'no response to any SNMP credential'],
      ['127.0.0.3', 'no response to any SNMP credential'],
      ['127.0.0.6', 'no response to any SNMP credential'],
    ]);
    expect(result.progress).toMatchObject({ probed: 6, answered: 3 });
  });

  it('reports why a target is unreachable, per credential', async () => {
    const p = prober(async (_t, c) => (c.id === 'a' ? { status: 'no-response' } : { status: 'rejected', reason: 'authentication failure' }));
    const result = await sweep({ prober: p, targets: targets(1), total: 1, snmpCredentials: [v2c('a'), v2c('b')] });
    expect(result.unreachable[0]?.reason).toBe('a: no response; b: authentication failure');
  });

  it('keeps a partially identified device with its warnings, and survives an AI catalog failure', async () => {
    const p = prober(async (t) => answered(t.address, ['ENTITY-MIB: no such object']), {
      evaluateAi: () => {
        throw new Error('catalog missing');
      },
    });
    const result = await sweep({ prober: p, targets: targets(1), total: 1 });
    expect(result.devices[0]?.warnings).toEqual(['ENTITY-MIB: no such object', 'AI catalog: catalog missing']);
    expect(result.devices[0]?.ai).toBeUndefined();
  });

  it('refines SNMP facts with SSH, and finds SSH-only devices', async () => {
    const ssh: SshCredential = { id: 'ssh1', kind: 'ssh', label: 'ssh1', user: 'admin', password: 'pw' };
    const sshPorts: number[] = [];
    const p = prober(async (t) => (t.address === '127.0.0.1' ? answered(t.address) : { status: 'no-response' }), {
      ssh: async (t) => {
        sshPorts.push(t.port);
        return { status: 'answered', facts: { osVersion: '9.9', platform: 'unknown' }, banner: 'SSH-2.0-OpenSSH_9.9', warnings: [] };
      },
    });
    const result = await sweep({ prober: p, targets: targets(2), total: 2, sshCredentials: [ssh], sshPort: 2222, concurrency: 1 });
    expect(sshPorts).toEqual([2222, 2222]);
    const [viaSnmp, sshOnly] = result.devices;
    expect(viaSnmp?.facts).toMatchObject({ platform: 'linux', osVersion: '9.9', sources: ['snmp', 'ssh'], sysName: 'host-127.0.0.1' });
    expect(viaSnmp).toMatchObject({ credentialId: 'public', sshCredentialId: 'ssh1', sshBanner: 'SSH-2.0-OpenSSH_9.9' });
    expect(sshOnly?.facts).toMatchObject({ platform: 'unknown', sources: ['ssh'] });
    expect(sshOnly?.identified).toBe(false);
  });

  it('asks the guard before probing and never probes a refused target', async () => {
    const probed: string[] = [];
    const p = prober(async (t) => {
      probed.push(t.address);
      return answered(t.address);
    });
    const result = await sweep({
      prober: p,
      targets: targets(4),
      total: 4,
      guard: (t) => {
        if (t.address === '127.0.0.3') throw new Error('outside the scan scope');
      },
    });
    expect(probed.sort()).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.4']);
    expect(result.unreachable).toEqual([{ target: expect.objectContaining({ address: '127.0.0.3' }), reason: 'refused: outside the scan scope' }]);
  });

  it('throttles progress to one event per interval and always sends the final state', async () => {
    let clockMs = 0;
    const events: SweepProgress[] = [];
    const gate = deferred();
    const p = prober(async (t) => {
      clockMs += 50; // each finished target advances the fake clock by 50 ms
      if (t.address === '127.0.0.40') gate.resolve();
      return { status: 'no-response' };
    });
    const result = await sweep({ prober: p, targets: targets(40), total: 40, concurrency: 1, now: () => clockMs, progressIntervalMs: 200, onProgress: (e) => events.push(e) });
    await gate.promise;
    // 40 targets × 50 ms = 2 s of fake time → one event per 200 ms (~10) plus the final flush.
    expect(events.length).toBeGreaterThanOrEqual(10);
    expect(events.length).toBeLessThanOrEqual(12);
    expect(events.at(-1)).toEqual(result.progress);
    expect(events[1]?.etaMs).toBeGreaterThan(0);
  });
});
