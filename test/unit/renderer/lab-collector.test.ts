import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Engine, createEngine } from '../../../electron/engine/engine';
import { connectInProcess } from '../../../electron/engine/rpc/in-process';
import type { ApiClient } from '../../../shared/api/client';
import { setEngineApi } from '../../../renderer/src/api/engine-api';
import { LAB_TRAP_COMMUNITY, ensureLabCollectors } from '../../../renderer/src/features/lab/lab-collector';
import { requireTool } from '../../support/require-tool';
import { makeTempDir } from '../../support/temp-dir';

const run = promisify(execFile);
const hasSnmptrap = requireTool('snmptrap', 'snmptrap (Debian snmp) is not installed');

/** The Lab view's default collector: this engine's own syslog and trap receivers on 127.0.0.1, started once. */
describe('ensureLabCollectors with a real engine', () => {
  const tmp = makeTempDir('routewise-lab-collector-');
  let engine: Engine;
  let client: ApiClient;
  let close: () => void;

  beforeAll(async () => {
    engine = await createEngine({ dataDir: tmp.dir, host: 'test', masterKey: randomBytes(32) });
    const conn = connectInProcess(engine, 'ui');
    client = conn.client;
    close = conn.close;
    setEngineApi(client);
  });

  afterAll(async () => {
    setEngineApi(null);
    close();
    await engine.close();
    tmp.cleanup();
  });

  it('starts a syslog receiver on a free port and a trap receiver beside it, and reuses both afterwards', async () => {
    const first = await ensureLabCollectors();
    const { receivers } = await client.call('threats.stats', {});
    const syslog = receivers.find((r) => r.kind === 'syslog-udp');
    const trap = receivers.find((r) => r.kind === 'snmp-trap');
    expect(first).toEqual({ collector: `127.0.0.1:${syslog!.port}`, trapCollector: `127.0.0.1:${trap!.port}` });
    expect(trap!.port - syslog!.port).toBeGreaterThanOrEqual(1);
    expect(trap!.port - syslog!.port).toBeLessThanOrEqual(4);

    expect(await ensureLabCollectors()).toEqual(first);
    expect((await client.call('threats.stats', {})).receivers).toHaveLength(2);
  });

  it.skipIf(!hasSnmptrap)("accepts a v2c trap in the lab's community (Debian snmptrap)", async () => {
    const { trapCollector } = await ensureLabCollectors();
    // Fortinet fgTrapIpsSignature (FORTINET-FORTIGATE-MIB) with fgIpsTrapSigMsg, as the lab's FortiGates send it.
    await run('snmptrap', ['-v', '2c', '-c', LAB_TRAP_COMMUNITY, trapCollector!, '', '1.3.6.1.4.1.12356.101.2.0.503',
      '1.3.6.1.4.1.12356.101.9.3.1.0', 's', 'Apache.Log4j.Error.Log.Remote.Code.Execution']);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { insights } = await client.call('threats.list', { format: 'snmp-trap' });
      if (insights.length > 0) {
        expect(insights[0]!.deviceAddress).toBe('127.0.0.1');
        break;
      }
      if (Date.now() > deadline) throw new Error('no snmp-trap insight within 10 s');
      await new Promise((r) => setTimeout(r, 50));
    }
  });
});
