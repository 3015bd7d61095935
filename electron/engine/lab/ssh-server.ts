import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ssh2, { type AuthContext, type Connection, type ParsedKey, type Server } from 'ssh2';
import type { LabCredentials } from '../../../shared/api/lab';
import { ConfigStore } from './cli/config-store';
import { platformCli } from './cli/platform-shells';
import type { PlatformShell, ShellContext } from './cli/shell-types';
import { TerminalSession } from './cli/terminal-session';
import type { LabDeviceRuntime } from './device-runtime';
import type { LabContext, LabService, LabServiceFactory } from './lab-runner';
import { labPaths } from './lab-state-file';

// ssh2 is CommonJS; Node's ESM loader only sees some of its named exports.
const { Server: SshServer, utils } = ssh2;

/** One host key per lab, kept in the data dir so clients that pinned it stay happy across restarts. */
export function loadOrCreateHostKey(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    const pair = generateParsableEd25519();
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, pair.private, { mode: 0o600 });
    fs.writeFileSync(`${file}.pub`, `${pair.public}\n`, { mode: 0o644 });
    return pair.private;
  }
}

/**
 * ssh2's ed25519 generator strips leading zero bytes from the public key, so about 1 key in 256 cannot be parsed
 * back (mscdex/ssh2#1390, #1513): draw again until both halves parse.
 */
export function generateParsableEd25519(): { private: string; public: string } {
  for (;;) {
    const pair = utils.generateKeyPairSync('ed25519');
    if (!(utils.parseKey(pair.private) instanceof Error) && !(utils.parseKey(pair.public) instanceof Error)) return pair;
  }
}

/** OpenSSH authorized_keys lines the lab accepts besides the password. */
export function loadAuthorizedKeys(file: string): ParsedKey[] {
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const keys: ParsedKey[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const parsed = utils.parseKey(trimmed);
    if (!(parsed instanceof Error)) keys.push(Array.isArray(parsed) ? (parsed[0] as ParsedKey) : parsed);
  }
  return keys;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function authenticate(ctx: AuthContext, creds: LabCredentials, keys: readonly ParsedKey[]): void {
  if (ctx.username !== creds.ssh.user) return ctx.reject();
  if (ctx.method === 'password') return safeEqual(ctx.password, creds.ssh.password) ? ctx.accept() : ctx.reject();
  if (ctx.method === 'publickey') {
    const key = keys.find((k) => k.type === ctx.key.algo && k.getPublicSSH().equals(ctx.key.data));
    if (!key) return ctx.reject();
    // Without a signature the client only asks whether the key would do (RFC 4252 §7).
    if (!ctx.signature) return ctx.accept();
    return key.verify(ctx.blob ?? Buffer.alloc(0), ctx.signature, ctx.hashAlgo) === true ? ctx.accept() : ctx.reject();
  }
  return ctx.reject(['password', 'publickey']);
}

interface DeviceSsh {
  server: Server;
  clients: Set<Connection>;
  config: ConfigStore;
}

/** An ssh2 server per device with that platform's CLI over a shared config store. */
export function sshService(dataDir: string): LabServiceFactory {
  return {
    name: 'ssh',
    async start(lab: LabContext): Promise<LabService> {
      const paths = labPaths(dataDir);
      const hostKey = loadOrCreateHostKey(paths.hostKey);
      const keys = loadAuthorizedKeys(paths.authorizedKeys);
      const creds = lab.model.credentials;
      const servers: DeviceSsh[] = [];
      const pilot = lab.model.faults.pilotDeviceId;
      try {
        for (const rt of lab.runtimes.values()) {
          const cli = platformCli(rt.device.platform);
          if (!cli) continue;
          const config = new ConfigStore(rt, cli.initialConfig(rt.device, creds), {
            timeScale: lab.options.timeScale,
            identityOf: cli.identityOf,
            pilot: rt.device.id === pilot,
          });
          servers.push(await listen(rt, config, { creds, keys, hostKey }, (ctx) => cli.shell(ctx), lab));
        }
      } catch (err) {
        await Promise.all(servers.map(closeServer));
        throw err;
      }
      return { close: async () => void (await Promise.all(servers.map(closeServer))) };
    },
  };
}

async function closeServer(s: DeviceSsh): Promise<void> {
  s.config.dispose();
  for (const c of s.clients) c.end();
  await new Promise<void>((resolve) => s.server.close(() => resolve()));
}

async function listen(
  rt: LabDeviceRuntime,
  config: ConfigStore,
  auth: { creds: LabCredentials; keys: readonly ParsedKey[]; hostKey: string },
  makeShell: (ctx: ShellContext) => PlatformShell,
  lab: LabContext,
): Promise<DeviceSsh> {
  const clients = new Set<Connection>();
  const d = rt.device;
  const server = new SshServer({ hostKeys: [auth.hostKey], ident: identFor(d.platform) }, (client) => {
    // pilot-gate-failure: a dark device drops the connection before the handshake completes.
    if (rt.dark) {
      client.end();
      return;
    }
    // Interactive CLIs answer in several small writes (echo, output, prompt); like OpenSSH and network OSes on an
    // interactive session, no Nagle delay (which with the peer's delayed ACK costs ~40 ms per command).
    noDelay(client);
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.on('error', () => clients.delete(client));
    let user = '';
    client.on('authentication', (ctx) => {
      user = ctx.username;
      authenticate(ctx, auth.creds, auth.keys);
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        let ptyRows = 24;
        let hasPty = false;
        session.on('pty', (accept, _reject, info) => {
          hasPty = true;
          ptyRows = info.rows > 4 ? info.rows : 24;
          accept?.();
        });
        session.on('window-change', (accept) => accept?.());
        session.on('env', (accept) => accept?.());
        const ctx: ShellContext = { rt, config, user, model: lab.model, traffic: lab.traffic, peerName: (id) => lab.runtimes.get(id)?.identity.hostname };
        session.on('shell', (accept) => {
          const channel = accept();
          const shell = makeShell(ctx);
          if (!hasPty) shell.paging = false;
          const term = new TerminalSession(shell, { write: (t) => channel.write(t), end: () => { channel.exit(0); channel.end(); } }, ptyRows);
          channel.on('data', (data: Buffer) => term.input(data));
          const unsubscribe = config.onEvent((event) => {
            const message = shell.configEvent?.(event);
            if (message) term.notify(message);
          });
          channel.on('close', unsubscribe);
          // EOF on a pty is ^D at an empty prompt: the CLI logs out (and RouterOS safe mode reverts).
          channel.on('end', () => {
            term.close();
            channel.exit(0);
            channel.end();
          });
          channel.on('close', () => term.close());
        });
        session.on('exec', (accept, _reject, info) => {
          const channel = accept();
          const shell = makeShell(ctx);
          shell.paging = false;
          const lines = info.command.split('\n');
          const out: string[] = [];
          for (const line of lines) {
            const r = shell.run(line);
            if (r.text) out.push(r.text);
            if (r.close) break;
          }
          shell.closed?.();
          channel.write(out.length ? `${out.join('\n')}\n` : '');
          channel.exit(0);
          channel.end();
        });
      });
    });
  });
  const unsubscribe = rt.onChange(() => {
    if (rt.dark) for (const c of clients) c.end();
  });
  server.on('close', unsubscribe);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(d.sshPort, d.address, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((err: unknown) => {
    throw new Error(`SSH server for ${d.id} cannot bind ${d.address}:${d.sshPort}: ${err instanceof Error ? err.message : String(err)}`);
  });
  server.on('error', (err: Error) => lab.log(`ssh ${d.id}: ${err.message}`));
  return { server, clients, config };
}

/** ssh2's server Connection has setNoDelay() at runtime (lib/server.js); its type declarations omit it. */
function noDelay(client: Connection): void {
  (client as Connection & { setNoDelay?: (on: boolean) => unknown }).setNoDelay?.(true);
}

/** The SSH identification string each vendor's server sends (RFC 4253 §4.2 software version). */
function identFor(platform: string): string {
  switch (platform) {
    case 'iosxe':
      return 'Cisco-1.25';
    case 'junos':
    case 'frr':
      return 'OpenSSH_8.9';
    case 'eos':
      return 'OpenSSH_8.7';
    case 'routeros':
      return 'ROSSSH';
    case 'fortios':
      return 'FortiSSH_7.4';
    default:
      return 'OpenSSH_9.2';
  }
}

