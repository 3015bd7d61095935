import dgram from 'node:dgram';
import snmp from 'net-snmp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SnmpCredential } from '../../../electron/engine/discovery/sweep/prober';
import { snmpLiveness } from '../../../electron/engine/discovery/sweep/snmp-liveness';
import type { ProbeTarget } from '../../../electron/engine/discovery/targets/targets';

/**
 * The liveness pre-pass against net-snmp's own agent (a real SNMP implementation we did not write) on
 * 127.0.0.21, a garbage responder on .22 and silence on .23, all on UDP 16181 (this feature's range).
 */
const PORT = 16181;
const target = (address: string): ProbeTarget => ({ address, family: 4, port: PORT });
const v2c = (id: string, community: string): SnmpCredential => ({ id, kind: 'snmp-v2c', label: id, community });

describe('snmpLiveness', () => {
  let agent: ReturnType<typeof snmp.createAgent>;
  const garbage = dgram.createSocket('udp4');

  beforeAll(async () => {
    agent = snmp.createAgent({ port: PORT, address: '127.0.0.21', accessControlModelType: snmp.AccessControlModelType.None }, () => undefined);
    agent.getAuthorizer().addCommunity('right');
    garbage.on('message', (_m, from) => garbage.send(Buffer.from('not snmp at all'), from.port, from.address));
    await new Promise<void>((resolve) => garbage.bind(PORT, '127.0.0.22', resolve));
  });
  afterAll(() => {
    agent.close();
    garbage.close();
  });

  it('tells which community each address answered, which sent garbage, and leaves the silent ones out', async () => {
    const answers = await snmpLiveness(
      [target('127.0.0.21'), target('127.0.0.22'), target('127.0.0.23')],
      [v2c('wrong', 'wrong'), v2c('right', 'right')],
      { timeoutMs: 300, retries: 1, signal: new AbortController().signal },
    );
    expect(answers.get(`127.0.0.21|${PORT}`)).toEqual({ credentialIds: new Set(['right']), v3: false, undecodable: false });
    expect(answers.get(`127.0.0.22|${PORT}`)?.undecodable).toBe(true);
    expect(answers.has(`127.0.0.23|${PORT}`)).toBe(false);
  });

  it('stops waiting when aborted', async () => {
    const controller = new AbortController();
    const pending = snmpLiveness([target('127.0.0.23')], [v2c('right', 'right')], { timeoutMs: 60_000, retries: 5, signal: controller.signal });
    controller.abort();
    expect((await pending).size).toBe(0);
  });
});
