import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTool } from '../../support/require-tool';
import { makeTempDir } from '../../support/temp-dir';
import { startTestEngine, type TestEngine, waitFor } from './threats-harness';

// UDP 16201 (trap range 16200-16219), loopback only.
const TRAP_PORT = 16201;
const run = promisify(execFile);
const ok = requireTool('snmptrap', 'snmptrap (Debian package snmp) is not installed') && requireTool('snmpinform', 'snmpinform (Debian package snmp) is not installed');

// FORTINET-FORTIGATE-MIB fgTrapIpsSignature and a string varbind carrying the signature text.
const FG_IPS_TRAP = '1.3.6.1.4.1.12356.101.2.0.503';
const FG_IPS_SIG_MSG = '1.3.6.1.4.1.12356.101.9.3.1.0';
const FG_IPS_SRC = '1.3.6.1.4.1.12356.101.9.3.2.0';
const target = `127.0.0.1:${TRAP_PORT}`;

describe.skipIf(!ok)('SNMP traps and informs from Debian net-snmp tools', () => {
  let t: TestEngine;
  let tmp: { dir: string; cleanup: () => void };
  const snmpEnv = { ...process.env, SNMPCONFPATH: '/nonexistent', MIBS: '' };

  beforeAll(async () => {
    tmp = makeTempDir();
    t = await startTestEngine(tmp.dir);
    await t.api.call('threats.listen', {
      trap: {
        port: TRAP_PORT,
        communities: ['s3cret-trap'],
        users: [
          { name: 'trapper', level: 'authPriv', authProtocol: 'sha', authKey: 'auth-pass-123', privProtocol: 'aes', privKey: 'priv-pass-456' },
          { name: 'olddes', level: 'authPriv', authProtocol: 'md5', authKey: 'auth-pass-des', privProtocol: 'des', privKey: 'priv-pass-des' },
        ],
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    tmp?.cleanup();
  });

  const find = async (pred: (sig: string) => boolean) => {
    const { insights } = await t.api.call('threats.list', { limit: 100, format: 'snmp-trap' });
    return insights.find((i) => pred(i.signature));
  };

  it('turns a v2c IPS trap into an insight with its signature, source and category', async () => {
    await run('snmptrap', ['-v', '2c', '-c', 's3cret-trap', target, '', FG_IPS_TRAP, FG_IPS_SIG_MSG, 's', 'SSH.Brute.Force attempt', FG_IPS_SRC, 'a', '203.0.113.44'], { env: snmpEnv });
    const i = await waitFor('v2c trap', () => find((s) => s.includes('SSH.Brute.Force attempt')));
    expect(i).toMatchObject({
      format: 'snmp-trap',
      signature: 'fgTrapIpsSignature: SSH.Brute.Force attempt',
      signatureId: FG_IPS_TRAP,
      category: 'brute-force',
      technique: 'T1110.001',
      srcIp: '203.0.113.44',
      deviceAddress: '127.0.0.1',
    });
    expect(i.raw).toContain(`${FG_IPS_SIG_MSG} = SSH.Brute.Force attempt`);
  });

  it('acknowledges a v2c inform (snmpinform exits 0 only when it got the response)', async () => {
    await run('snmpinform', ['-v', '2c', '-c', 's3cret-trap', '-t', '2', '-r', '1', target, '', '1.3.6.1.6.3.1.1.5.5'], { env: snmpEnv });
    const i = await waitFor('inform', () => find((s) => s === 'authenticationFailure'));
    expect(i.category).toBe('brute-force');
  });

  it('accepts a v3 authPriv trap (SHA/AES) from a configured user', async () => {
    await run(
      'snmptrap',
      ['-v', '3', '-e', '0x8000000001020304', '-u', 'trapper', '-l', 'authPriv', '-a', 'SHA', '-A', 'auth-pass-123', '-x', 'AES', '-X', 'priv-pass-456',
        target, '', FG_IPS_TRAP, FG_IPS_SIG_MSG, 's', 'Backdoor.Cobalt.Strike.Beacon v3'],
      { env: snmpEnv },
    );
    const i = await waitFor('v3 trap', () => find((s) => s.includes('Cobalt.Strike.Beacon v3')));
    expect(i.category).toBe('botnet-c2');
  });

  it('accepts a v3 authPriv trap with MD5/DES from older gear (OpenSSL 3 has no des-cbc by default)', async () => {
    await run(
      'snmptrap',
      ['-v', '3', '-e', '0x8000000001020305', '-u', 'olddes', '-l', 'authPriv', '-a', 'MD5', '-A', 'auth-pass-des', '-x', 'DES', '-X', 'priv-pass-des',
        target, '', FG_IPS_TRAP, FG_IPS_SIG_MSG, 's', 'SMB.Exploit over DES'],
      { env: snmpEnv },
    );
    const i = await waitFor('DES trap', () => find((s) => s.includes('SMB.Exploit over DES')));
    expect(i.signature).toBe('fgTrapIpsSignature: SMB.Exploit over DES');
  });

  it('ignores traps with a wrong community or wrong v3 keys', async () => {
    await run('snmptrap', ['-v', '2c', '-c', 'wrong', target, '', FG_IPS_TRAP, FG_IPS_SIG_MSG, 's', 'should not appear c'], { env: snmpEnv });
    await run(
      'snmptrap',
      ['-v', '3', '-e', '0x8000000001020305', '-u', 'trapper', '-l', 'authPriv', '-a', 'SHA', '-A', 'wrong-pass-000', '-x', 'AES', '-X', 'priv-pass-456',
        target, '', FG_IPS_TRAP, FG_IPS_SIG_MSG, 's', 'should not appear v3'],
      { env: snmpEnv },
    );
    // A marker sent afterwards proves the receiver processed the bad ones first (same socket, in order).
    await run('snmptrap', ['-v', '2c', '-c', 's3cret-trap', target, '', FG_IPS_TRAP, FG_IPS_SIG_MSG, 's', 'marker after bad traps'], { env: snmpEnv });
    await waitFor('marker', () => find((s) => s.includes('marker after bad traps')));
    expect(await find((s) => s.includes('should not appear'))).toBeUndefined();
  });
});
