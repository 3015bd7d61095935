import { afterEach, describe, expect, it } from 'vitest';
import { RoutewiseError } from '../../../shared/api/errors';
import { PinningHostKeyStore } from '../../../electron/engine/ssh/host-key-store';
import { MemoryHostKeyRecords } from '../../../electron/engine/ssh/host-keys-repo';
import { openSshSession, type SshCredential, type SshSession } from '../../../electron/engine/ssh/ssh-session';
import { type FakeCliScript, type FakeCliServer, startFakeCli } from './support/fake-cli-server';

const cred: SshCredential = { id: 'cred-test', kind: 'ssh', label: 'test', user: 'admin', password: 'secret-pw' };
const SHOW_VERSION = 'Cisco IOS Software, Version 15.2(4)M7\nROM: System Bootstrap\n\nR1 uptime is 1 week\nProcessor board ID FTX0000A0AA';

let servers: FakeCliServer[] = [];
let sessions: SshSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.map((s) => s.close().catch(() => undefined)));
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
  sessions = [];
});

async function serve(script: Partial<FakeCliScript> & Pick<FakeCliScript, 'prompt'>): Promise<FakeCliServer> {
  const server = await startFakeCli({ password: 'secret-pw', commands: {}, ...script });
  servers.push(server);
  return server;
}

async function connect(server: FakeCliServer, opts: { timeoutMs?: number; store?: PinningHostKeyStore } = {}): Promise<SshSession> {
  const session = await openSshSession({ host: '127.0.0.1', port: server.port }, cred, {
    timeoutMs: opts.timeoutMs ?? 5_000,
    hostKeys: opts.store ?? new PinningHostKeyStore(new MemoryHostKeyRecords()),
  });
  sessions.push(session);
  return session;
}

async function expectError(p: Promise<unknown>, code: string): Promise<RoutewiseError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RoutewiseError);
  expect((err as RoutewiseError).code).toBe(code);
  return err as RoutewiseError;
}

describe('ssh session: prompts and banners', () => {
  it('reports the identification line and the auth banner', async () => {
    const server = await serve({ ident: 'Cisco-1.25', authBanner: 'Authorised access only\r\n', prompt: 'R1#', commands: { 'show version': SHOW_VERSION } });
    const s = await connect(server);
    expect(s.banner).toBe('SSH-2.0-Cisco-1.25');
    expect(s.authBanner).toContain('Authorised access only');
    expect(s.hostKey.algorithm).toBe('ssh-ed25519');
    expect(s.hostKey.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('finds the prompt past a MOTD whose lines end in # and >, then runs a command without echo or prompt', async () => {
    const motd = '##########################\n# Authorised users only  #\n##########################\n\nrouter>\nWelcome to R1 #';
    const server = await serve({ prompt: 'R1#', motd, commands: { 'show version': SHOW_VERSION } });
    const s = await connect(server);
    const out = await s.run('show version');
    expect(out).toBe(SHOW_VERSION);
    expect(s.prompt).toBe('R1#');
    expect(s.motd).toContain('Authorised users only');
    expect(s.motd).not.toContain('R1#');
  });

  it('copes with bare \\n line endings, empty lines and ANSI-coloured prompts', async () => {
    const output = '\n\nline one\n\x1b[31mred line\x1b[0m\n\nlast line';
    const server = await serve({ prompt: 'user@r1:~$', lineEnding: '\n', colourPrompt: true, commands: { 'cat notes': output } });
    const s = await connect(server);
    expect(await s.run('cat notes')).toBe('line one\nred line\n\nlast line');
    expect(await s.run('cat notes')).toBe('line one\nred line\n\nlast line');
  });

  it('wakes a device that prints nothing until Enter', async () => {
    const server = await serve({ prompt: 'sw1>', silentUntilNewline: true, motd: 'Press RETURN to get started.', commands: { 'show clock': '12:00:00.000 UTC Mon Jan 1 2024' } });
    const s = await connect(server);
    expect(await s.run('show clock')).toBe('12:00:00.000 UTC Mon Jan 1 2024');
  });

  it('follows mode prompts: R1(config)# after configure terminal, back to R1#', async () => {
    const server = await serve({
      prompt: 'R1#',
      commands: {
        'configure terminal': { output: 'Enter configuration commands, one per line.  End with CNTL/Z.', nextPrompt: 'R1(config)#' },
        'hostname R1': { output: '' },
        end: { output: '', nextPrompt: 'R1#' },
      },
    });
    const s = await connect(server);
    expect(await s.run('configure terminal')).toBe('Enter configuration commands, one per line.  End with CNTL/Z.');
    expect(s.prompt).toBe('R1(config)#');
    expect(await s.run('hostname R1')).toBe('');
    await s.run('end');
    expect(s.prompt).toBe('R1#');
    expect(server.received).toContain('hostname R1');
  });

  it('returns device error text as output (the caller decides what an error is)', async () => {
    const server = await serve({ prompt: 'R1#' });
    const s = await connect(server);
    expect(await s.run('show bogus')).toContain("% Invalid input detected at '^' marker.");
  });
});

describe('ssh session: pagers', () => {
  const body = Array.from({ length: 23 }, (_, i) => `line ${String(i + 1).padStart(2, '0')} of output`).join('\n');
  const pagers: Array<[string, { marker: string; erase: string }]> = [
    ['IOS " --More-- " erased with backspaces', { marker: ' --More-- ', erase: '\b'.repeat(10) + ' '.repeat(10) + '\b'.repeat(10) }],
    ['NX-OS "--More--" erased with \\r', { marker: '--More--', erase: `\r${' '.repeat(8)}\r` }],
    ['Junos "---(more)---" erased with ANSI', { marker: '---(more)---', erase: '\r\x1b[K' }],
    ['Junos "---(more 42%)---"', { marker: '---(more 42%)---', erase: `\r${' '.repeat(16)}\r` }],
    ['FortiOS "-- More --" never erased', { marker: '-- More --', erase: '' }],
    ['"Press any key to continue"', { marker: 'Press any key to continue', erase: `\r${' '.repeat(25)}\r` }],
  ];
  for (const [name, pager] of pagers) {
    it(`answers ${name} and removes the marker`, async () => {
      const server = await serve({ prompt: 'dev#', pager: { ...pager, linesPerPage: 5 }, commands: { 'show log': body } });
      const s = await connect(server);
      const out = await s.run('show log');
      expect(out.split('\n')).toEqual(body.split('\n'));
    });
  }

  it('turns paging off first when the platform is known', async () => {
    const server = await serve({ prompt: 'R1#', commands: { 'terminal length 0': '', 'show version': SHOW_VERSION } });
    const s = await connect(server);
    s.setPlatform('ios');
    expect(await s.run('show version')).toBe(SHOW_VERSION);
    expect(server.received).toEqual(expect.arrayContaining(['terminal length 0', 'show version']));
    expect(server.received.indexOf('terminal length 0')).toBeLessThan(server.received.indexOf('show version'));
  });
});

describe('ssh session: failures', () => {
  it('times out naming the host and quoting what it received when no prompt ever comes', async () => {
    const server = await serve({ prompt: 'never#', neverPrompt: true, motd: 'Welcome\n\x1b[31mno prompt for you\x1b[0m' });
    const s = await connect(server, { timeoutMs: 1_200 });
    const err = await expectError(s.run('show version'), 'timeout');
    expect(err.message).toContain(`127.0.0.1:${server.port}`);
    expect(err.message).toContain('no prompt for you');
    expect(err.message).not.toContain('\x1b');
    expect(err.details).toMatchObject({ host: `127.0.0.1:${server.port}` });
  });

  it('caps the quoted output in a timeout message', async () => {
    const server = await serve({ prompt: 'x#', neverPrompt: true, motd: 'A'.repeat(50_000) });
    const s = await connect(server, { timeoutMs: 800 });
    const err = await expectError(s.run('show version'), 'timeout');
    expect(err.message.length).toBeLessThan(600);
  });

  it('reports connection-closed when the device drops the connection mid-command', async () => {
    const server = await serve({ prompt: 'R1#', commands: { 'show tech-support': { output: 'x'.repeat(5_000), dropAfterChars: 1_000 } } });
    const s = await connect(server);
    const err = await expectError(s.run('show tech-support'), 'connection-closed');
    expect(err.message).toContain('show tech-support');
    expect(err.message).toContain(`127.0.0.1:${server.port}`);
  });

  it('reports auth-failed for a wrong password', async () => {
    const server = await serve({ prompt: 'R1#', password: 'another-pw' });
    const err = await expectError(connect(server), 'auth-failed');
    expect(err.message).toContain('admin');
  });

  it('reports unsupported when the device refuses exec', async () => {
    const server = await serve({ prompt: 'R1#' });
    const s = await connect(server);
    const err = await expectError(s.exec('uname -a'), 'unsupported');
    expect(err.message).toContain('uname -a');
  });

  it('reports unsupported, naming host and command, when the server refuses a shell', async () => {
    const server = await serve({ prompt: 'R1#', refuseShell: true });
    const s = await connect(server);
    const err = await expectError(s.run('show version'), 'unsupported');
    expect(err.message).toContain(`127.0.0.1:${server.port}`);
    expect(err.message).toContain('show version');
  });

  it('reports cancelled when the caller aborts a command', async () => {
    const server = await serve({ prompt: 'R1#', neverPrompt: true });
    const s = await connect(server);
    const abort = new AbortController();
    const pending = s.run('show version', { signal: abort.signal });
    abort.abort();
    await expectError(pending, 'cancelled');
  });

  it('runs commands fired concurrently one after another', async () => {
    const server = await serve({ prompt: 'R1#', commands: { 'show a': 'A', 'show b': 'B', 'show c': 'C' } });
    const s = await connect(server);
    expect(await Promise.all([s.run('show a'), s.run('show b'), s.run('show c')])).toEqual(['A', 'B', 'C']);
    expect(server.received).toEqual(['show a', 'show b', 'show c']);
  });

  it('runs exec commands with exit codes where the host allows exec', async () => {
    const server = await serve({ prompt: '$', exec: { 'uname -s': { stdout: 'Linux\n', code: 0 } } });
    const s = await connect(server);
    expect(await s.exec('uname -s')).toEqual({ stdout: 'Linux\n', stderr: '', exitCode: 0 });
    const missing = await s.exec('vtysh -c "show version"');
    expect(missing.exitCode).toBe(127);
  });

  it('reports unavailable when nothing listens on the port', async () => {
    const server = await serve({ prompt: 'R1#' });
    await server.close();
    servers = [];
    await expectError(connect(server), 'unavailable');
  });
});

describe('ssh session: host-key pinning', () => {
  it('pins on first use, then blocks a changed key with unauthorized until it is accepted', async () => {
    const store = new PinningHostKeyStore(new MemoryHostKeyRecords());
    const first = await serve({ prompt: 'R1#' });
    const s1 = await connect(first, { store });
    const pinned = s1.hostKey.fingerprint;
    await s1.close();
    const port = first.port;
    await first.close();
    servers = [];

    const second = await startFakeCli({ password: 'secret-pw', prompt: 'R1#', commands: {} }, port);
    servers.push(second);
    const err = await expectError(connect(second, { store }), 'unauthorized');
    expect(err.message).toContain(`host key for 127.0.0.1:${port} changed: was ${pinned}, now SHA256:`);
    expect(err.message).toContain(`routewise hostkeys accept 127.0.0.1:${port}`);
    const [entry] = await store.list();
    expect(entry?.status).toBe('changed');

    await store.accept(`127.0.0.1:${port}`);
    const s2 = await connect(second, { store });
    expect(s2.hostKey.fingerprint).not.toBe(pinned);
  });
});
