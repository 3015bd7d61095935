import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { LAB_TRAP_COMMUNITY, ensureLabCollectors } from '../../../renderer/src/features/lab/lab-collector';
import { requireTool } from '../../support/require-tool';
import { useUiEngine } from '../../support/ui-engine';

const run = promisify(execFile);
const hasSnmptrap = requireTool('snmptrap', 'snmptrap (Debian snmp) is not installed');

/** The Lab view's default collector: this engine's own syslog and trap receivers on 127.0.0.1, started once. */
describe('ensureLabCollectors with a real engine', () => {
  const ui = useUiEngine('routewise-lab-collector-');

  it('starts a syslog receiver on a free port and a trap receiver beside it, and reuses both afterwards', async () => {
    const first = await ensureLabCollectors();
    const { receivers } = await ui.client.call('threats.stats', {});
    const syslog = receivers.find((r) => r.kind === 'syslog-udp');
    const trap = receivers.find((r) => r.kind === 'snmp-trap');
    expect(first).toEqual({ collector: `127.0.0.1:${syslog!.port}`, trapCollector: `127.0.0.1:${trap!.port}` });
    expect(trap!.port - syslog!.port).toBeGreaterThanOrEqual(1);
    expect(trap!.port - syslog!.port).toBeLessThanOrEqual(4);

    expect(await ensureLabCollectors()).toEqual(first);
    expect((await ui.client.call('threats.stats', {})).receivers).toHaveLength(2);
  });

  it.skipIf(!hasSnmptrap)("accepts a v2c trap in the lab's community (Debian snmptrap)", async () => {
    const { trapCollector } = await ensureLabCollectors();
    // Fortinet fgTrapIpsSignature (FORTINET-FORTIGATE-MIB) with fgIpsTrapSigMsg, as the lab's FortiGates send it.
    await run('snmptrap', ['-v', '2c', '-c', LAB_TRAP_COMMUNITY, trapCollector!, '', '1.3.6.1.4.1.12356.101.2.0.503',
      '1.3.6.1.4.1.12356.101.9.3.1.0', 's', 'Apache.Log4j.Error.Log.Remote.Code.Execution']);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { insights } = await ui.client.call('threats.list', { format: 'snmp-trap' });
      if (insights.length > 0) {
        expect(insights[0]!.deviceAddress).toBe('127.0.0.1');
        break;
      }
      if (Date.now() > deadline) throw new Error('no snmp-trap insight within 10 s');
      await new Promise((r) => setTimeout(r, 50));
    }
  });
});
