import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { identifyOverSsh } from '../../../../electron/engine/discovery/identify/identify-ssh';
import { PinningHostKeyStore } from '../../../../electron/engine/ssh/host-key-store';
import { MemoryHostKeyRecords } from '../../../../electron/engine/ssh/host-keys-repo';
import type { SshCredential } from '../../../../electron/engine/ssh/ssh-session';
import { RoutewiseError } from '../../../../shared/api/errors';
import type { Platform } from '../../../../shared/domain/device';
import { type FakeCliScript, type FakeCliServer, startFakeCli } from '../../ssh/support/fake-cli-server';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/ssh');
const fixture = (rel: string) => fs.readFileSync(path.join(FIXTURES, rel), 'utf8').replace(/\n+$/, '');
const cred: SshCredential = { id: 'cred-test', kind: 'ssh', label: 'test', user: 'admin', password: 'pw-123456' };

let servers: FakeCliServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function identify(script: Partial<FakeCliScript> & Pick<FakeCliScript, 'prompt'>, timeoutMs = 4_000, platformHint?: Platform) {
  const server = await startFakeCli({ password: 'pw-123456', commands: {}, ...script });
  servers.push(server);
  const identity = await identifyOverSsh({ host: '127.0.0.1', port: server.port }, cred, {
    timeoutMs,
    hostKeys: new PinningHostKeyStore(new MemoryHostKeyRecords()),
    platformHint,
  });
  return { identity, server };
}

describe('identifyOverSsh against scripted CLIs', () => {
  it('Cisco IOS-XE: banner says Cisco, show version behind a --More-- pager', async () => {
    const { identity, server } = await identify({
      ident: 'Cisco-1.25',
      prompt: 'wan-edge1#',
      motd: '*** Authorised access only ***',
      pager: { marker: ' --More-- ', erase: '\b'.repeat(10) + ' '.repeat(10) + '\b'.repeat(10), linesPerPage: 20 },
      commands: { 'show version': fixture('iosxe/show_version/isr4321-16x.txt') },
    });
    expect(identity).toMatchObject({ platform: 'iosxe', vendor: 'Cisco', osVersion: '16.9.4', model: 'ISR4321/K9', serial: 'FLM2206W0B4', hostname: 'wan-edge1' });
    expect(identity.banner).toBe('SSH-2.0-Cisco-1.25');
    expect(server.received[0]).toBe('show version');
    expect(identity.warnings).toEqual([]);
  });

  it('Junos over OpenSSH: exec refused, so the CLI answers show version', async () => {
    const { identity } = await identify({
      ident: 'OpenSSH_7.5',
      prompt: 'admin@pe1-ams> ',
      pager: { marker: '---(more)---', erase: '\r\x1b[K', linesPerPage: 6 },
      commands: { 'show version': fixture('junos/show_version/mx240-18x.txt') },
    });
    expect(identity).toMatchObject({ platform: 'junos', vendor: 'Juniper', osVersion: '18.4R3-S4.2', model: 'MX240', hostname: 'pe1-ams' });
    expect(identity.prompt).toBe('admin@pe1-ams>');
  });

  it('FortiOS: show version fails, the "name # " prompt sends it to get system status', async () => {
    const { identity, server } = await identify({
      ident: 'xW3kPq9z',
      prompt: 'FGT-Branch-07 # ',
      unknownCommand: () => 'Unknown action 0\nCommand fail. Return code -1',
      commands: { 'get system status': fixture('fortios/get_system_status/fgt60f-72.txt') },
    });
    expect(identity).toMatchObject({ platform: 'fortios', vendor: 'Fortinet', osVersion: '7.2.5', model: 'FortiGate-60F', serial: 'FGT60FTK21012345' });
    // Then the catalog's AI feature-state probes for FortiOS; this CLI knows neither, so nothing is read.
    expect(server.received).toEqual(['show version', 'get system status', 'diagnose autoupdate versions', 'show firewall policy | grep ips-sensor']);
    expect(Object.keys(identity.aiProbes)).toEqual(['ssh:diagnose autoupdate versions', 'ssh:show firewall policy | grep ips-sensor']);
  });

  it('RouterOS: ROSSSH banner, resource then routerboard for the serial', async () => {
    const { identity, server } = await identify({
      ident: 'ROSSSH',
      prompt: '[admin@MikroTik] > ',
      colourPrompt: true,
      unknownCommand: () => 'bad command name show (line 1 column 1)',
      commands: {
        '/system resource print': fixture('routeros/system_resource_print/rb4011-v7.txt'),
        '/system routerboard print': fixture('routeros/system_routerboard_print/rb4011.txt'),
      },
    });
    expect(identity).toMatchObject({ platform: 'routeros', vendor: 'MikroTik', osVersion: '7.11.2', model: 'RB4011iGS+', serial: 'D4470C1A2B3C', hostname: 'MikroTik' });
    expect(server.received).toEqual(['/system resource print', '/system routerboard print']);
  });

  it('Linux with FRR over exec channels: kernel, os-release, FRR version', async () => {
    const { identity, server } = await identify({
      ident: 'OpenSSH_9.2p1 Debian-2+deb12u3',
      prompt: 'root@edge-gw:~# ',
      exec: {
        'uname -a': { stdout: `${fixture('linux/uname_a/debian12.txt')}\n`, code: 0 },
        'cat /etc/os-release': { stdout: fixture('linux/cat_etc_os-release/debian12.txt'), code: 0 },
        "vtysh -c 'show version'": { stdout: fixture('frr/vtysh_show_version/frr8.txt'), code: 0 },
      },
    });
    expect(identity).toMatchObject({
      platform: 'frr',
      vendor: 'FRRouting',
      osName: 'FRRouting',
      osVersion: '8.4.4',
      kernel: '6.1.0-18-amd64',
      distribution: 'Debian GNU/Linux 12 (bookworm)',
      hostname: 'edge-gw',
    });
    expect(server.received).toEqual([]); // never needed the interactive shell
    expect(identity.evidence.map((e) => e.command)).toEqual(['uname -a', 'cat /etc/os-release', "vtysh -c 'show version'"]);
  });

  it('with the platform known from SNMP: paging off first, its version command first', async () => {
    const { identity, server } = await identify(
      {
        ident: 'OpenSSH_8.0',
        prompt: 'leaf-101# ',
        commands: { 'terminal length 0': '', 'show version': fixture('nxos/show_version/n9k-93180.txt') },
      },
      4_000,
      'nxos',
    );
    expect(identity).toMatchObject({ platform: 'nxos', osVersion: '9.3(8)', model: 'C93180YC-EX', serial: 'FDO21120U5D', hostname: 'leaf-101' });
    expect(server.received).toEqual(['terminal length 0', 'show version']);
  });

  it('a server that never prompts: platform unknown, the timeout is a warning, the banner is kept', async () => {
    const { identity } = await identify({ ident: 'Cisco-1.25', prompt: 'x#', neverPrompt: true, motd: 'hello' }, 1_000);
    expect(identity.platform).toBe('unknown');
    expect(identity.banner).toBe('SSH-2.0-Cisco-1.25');
    expect(identity.warnings.join('\n')).toMatch(/show version: .*no CLI prompt \(before "show version"\) within 1000 ms; received: "hello/);
  });

  it('a changed host key throws unauthorized instead of identifying', async () => {
    const server = await startFakeCli({ password: 'pw-123456', prompt: 'R1#', commands: {} });
    servers.push(server);
    const records = new MemoryHostKeyRecords();
    await records.put({ hostPort: `127.0.0.1:${server.port}`, algorithm: 'ssh-ed25519', fingerprint: `SHA256:${'A'.repeat(43)}`, firstSeenAt: 'x', lastSeenAt: 'x' });
    const err = await identifyOverSsh({ host: '127.0.0.1', port: server.port }, cred, { timeoutMs: 3_000, hostKeys: new PinningHostKeyStore(records) }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RoutewiseError);
    expect((err as RoutewiseError).code).toBe('unauthorized');
  });
});
