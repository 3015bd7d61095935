import { StringDecoder } from 'node:string_decoder';
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import { RoutewiseError } from '../../../shared/api/errors';
import type { Platform } from '../../../shared/domain/device';
import type { Credential } from '../store/credentials-repo';
import { describeHostKey, hostPortKey, type ObservedHostKey } from './host-key';
import type { HostKeyStore } from './host-key-store';
import { InteractiveShell } from './interactive-shell';
import { disablePagingCommand } from './prompt-patterns';
import { mapConnectError } from './ssh-errors';
import { sanitizeForDisplay } from './terminal-text';

export type SshCredential = Extract<Credential, { kind: 'ssh' }>;

export interface SshTarget {
  host: string;
  port: number;
}

export interface SshSessionOptions {
  /** Bounds the TCP connect + handshake + authentication, and is the default for each command. */
  timeoutMs: number;
  hostKeys: HostKeyStore;
  signal?: AbortSignal;
  /** When known (from SNMP), paging is turned off before the first command. */
  platform?: Platform;
  /** Cap on one command's output in characters. */
  maxOutputChars?: number;
}

export interface CommandOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** A question the device may ask instead of returning to its prompt (IOS `Destination filename [x]? `): the
   *  command returns with the question as its last output line, and the caller answers with the next run(). */
  question?: RegExp;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  /** null when the server did not report one (allowed by RFC 4254 §6.10). */
  exitCode: number | null;
}

export interface SshSession {
  readonly hostPort: string;
  /** The server's identification string (RFC 4253 §4.2), e.g. `SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3`. */
  readonly banner: string;
  /** The pre-authentication banner (RFC 4252 §5.4), sanitised; '' when the server sent none. */
  readonly authBanner: string;
  readonly hostKey: ObservedHostKey;
  /** The CLI prompt, once the interactive shell found it. */
  readonly prompt: string | undefined;
  /** What the shell printed before its first prompt (MOTD), once the interactive shell found it. */
  readonly motd: string | undefined;
  /** Runs a command in the interactive shell (a pty), the way an admin would type it. */
  run(command: string, opts?: CommandOptions): Promise<string>;
  /** Runs a command on its own exec channel (Linux hosts; many network CLIs refuse exec). */
  exec(command: string, opts?: CommandOptions): Promise<ExecResult>;
  /** Sets the platform so the next run() turns paging off first. */
  setPlatform(platform: Platform): void;
  close(): Promise<void>;
}

// Old IOS and ASA images only speak these; offered last, so a modern server still picks modern ones.
const LEGACY_ALGORITHMS: ConnectConfig['algorithms'] = {
  kex: { append: ['diffie-hellman-group14-sha1', 'diffie-hellman-group-exchange-sha1', 'diffie-hellman-group1-sha1'], prepend: [], remove: [] },
  cipher: { append: ['aes128-cbc', 'aes256-cbc'], prepend: [], remove: [] },
};

const MAX_EXEC_OUTPUT_CHARS = 16 * 1024 * 1024;

/** Opens an authenticated SSH connection after checking the host key against its pin. */
export async function openSshSession(target: SshTarget, cred: SshCredential, opts: SshSessionOptions): Promise<SshSession> {
  const hostPort = hostPortKey(target.host, target.port);
  const client = new Client();
  let hostKey: ObservedHostKey | undefined;
  let hostKeyError: unknown;
  let authBanner = '';
  client.on('banner', (msg: string) => {
    authBanner += msg;
  });

  const config: ConnectConfig = {
    host: target.host,
    port: target.port,
    username: cred.user,
    readyTimeout: opts.timeoutMs,
    keepaliveInterval: 15_000,
    algorithms: LEGACY_ALGORITHMS,
    hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
      const observed = describeHostKey(key);
      hostKey = observed;
      opts.hostKeys.verify(hostPort, observed).then(
        () => verify(true),
        (err: unknown) => {
          hostKeyError = err;
          verify(false);
        },
      );
    },
  };
  if (cred.privateKey !== undefined) {
    config.privateKey = cred.privateKey;
    if (cred.passphrase !== undefined) config.passphrase = cred.passphrase;
  }
  if (cred.password !== undefined) {
    config.password = cred.password;
    // Many network OSes only offer keyboard-interactive; answer every question with the password.
    config.tryKeyboard = true;
    const password = cred.password;
    client.on('keyboard-interactive', (_name, _instructions, _lang, prompts, finish) => finish(prompts.map(() => password)));
  }

  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      cleanup();
      client.end();
      reject(hostKeyError instanceof RoutewiseError ? hostKeyError : mapConnectError(err, hostPort, cred.user));
    };
    const onAbort = () => fail(new RoutewiseError('cancelled', `${hostPort}: connection cancelled`, { host: hostPort }));
    // readyTimeout starts after TCP connect; this bounds the whole attempt, including a silent SYN.
    const timer = setTimeout(
      () => fail(new RoutewiseError('timeout', `${hostPort}: no SSH session within ${opts.timeoutMs} ms`, { host: hostPort })),
      opts.timeoutMs + 1_000,
    );
    const onError = (err: Error) => fail(err);
    const onClose = () => fail(new RoutewiseError('connection-closed', `${hostPort} closed the connection before authentication finished`, { host: hostPort }));
    const cleanup = () => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      client.off('error', onError);
      client.off('close', onClose);
    };
    client.on('error', onError);
    client.on('close', onClose);
    client.once('ready', () => {
      if (settled) return;
      settled = true;
      cleanup();
      resolve();
    });
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      client.connect(config);
    } catch (err) {
      fail(err);
    }
  });
  // After ready, connection errors reach the channels as 'close'; keep the emitter from throwing.
  client.on('error', () => undefined);

  return new Ssh2Session(client, hostPort, hostKey ?? { algorithm: 'unknown', fingerprint: 'unknown' }, sanitizeForDisplay(authBanner, 4_000), opts);
}

class Ssh2Session implements SshSession {
  readonly banner: string;
  private shell: InteractiveShell | undefined;
  private shellOpening: Promise<InteractiveShell> | undefined;
  private motdText: string | undefined;
  private platform: Platform | undefined;
  private pagingOff = false;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly closedPromise: Promise<void>;

  constructor(
    private readonly client: Client,
    readonly hostPort: string,
    readonly hostKey: ObservedHostKey,
    readonly authBanner: string,
    private readonly opts: SshSessionOptions,
  ) {
    this.banner = sanitizeForDisplay(readRemoteIdent(client), 255);
    this.platform = opts.platform;
    this.closedPromise = new Promise((resolve) => client.once('close', () => resolve()));
    client.once('close', () => {
      this.closed = true;
    });
  }

  get prompt(): string | undefined {
    return this.shell?.prompt;
  }

  get motd(): string | undefined {
    return this.motdText;
  }

  setPlatform(platform: Platform): void {
    if (platform !== this.platform) this.pagingOff = false;
    this.platform = platform;
  }

  /** Commands on one shell run one after another; callers may fire them concurrently. */
  run(command: string, opts: CommandOptions = {}): Promise<string> {
    const result = this.queue.then(() => this.runNow(command, opts));
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private async runNow(command: string, opts: CommandOptions): Promise<string> {
    const wait = { timeoutMs: opts.timeoutMs ?? this.opts.timeoutMs, signal: opts.signal ?? this.opts.signal };
    const shell = await this.openShell(wait, command);
    if (!this.pagingOff && this.platform) {
      this.pagingOff = true;
      const off = disablePagingCommand(this.platform);
      if (off) await shell.run(off, wait);
    }
    return shell.run(command, opts.question ? { ...wait, question: opts.question } : wait);
  }

  private openShell(wait: { timeoutMs: number; signal?: AbortSignal }, command: string): Promise<InteractiveShell> {
    if (this.shell) return Promise.resolve(this.shell);
    this.shellOpening ??= new Promise<ClientChannel>((resolve, reject) => {
      if (this.closed) {
        reject(new RoutewiseError('connection-closed', `${this.hostPort}: the session is closed`, { host: this.hostPort, command }));
        return;
      }
      // A wide, tall pty: fewer wrapped lines and fewer pages (netmiko does the same).
      this.client.shell({ term: 'vt100', cols: 511, rows: 1000 }, (err, channel) => {
        if (err) {
          reject(
            new RoutewiseError('unsupported', `${this.hostPort} refused an interactive shell (${sanitizeForDisplay(err.message, 200)}); cannot run "${command}"`, {
              host: this.hostPort,
              command,
            }),
          );
        } else resolve(channel);
      });
    }).then(async (channel) => {
      const shell = new InteractiveShell(channelAdapter(channel), { hostPort: this.hostPort, maxOutputChars: this.opts.maxOutputChars });
      try {
        this.motdText = await shell.detectPrompt(wait, command);
      } catch (err) {
        channel.close(); // the next run() opens a fresh shell
        throw err;
      }
      this.shell = shell;
      return shell;
    });
    const opening = this.shellOpening;
    opening.catch(() => {
      if (this.shellOpening === opening) this.shellOpening = undefined;
    });
    return opening;
  }

  exec(command: string, opts: CommandOptions = {}): Promise<ExecResult> {
    const timeoutMs = opts.timeoutMs ?? this.opts.timeoutMs;
    const signal = opts.signal ?? this.opts.signal;
    const host = this.hostPort;
    return new Promise<ExecResult>((resolve, reject) => {
      if (this.closed) {
        reject(new RoutewiseError('connection-closed', `${host}: the session is closed`, { host, command }));
        return;
      }
      let channel: ClientChannel | undefined;
      let stdout = '';
      let stderr = '';
      let exitCode: number | null = null;
      let settled = false;
      const out = new StringDecoder('utf8');
      const err = new StringDecoder('utf8');
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const onAbort = () => {
        channel?.close();
        finish(() => reject(new RoutewiseError('cancelled', `${host}: "${command}" was cancelled`, { host, command })));
      };
      const timer = setTimeout(() => {
        channel?.close();
        finish(() =>
          reject(
            new RoutewiseError('timeout', `${host}: "${command}" did not finish within ${timeoutMs} ms; received: "${sanitizeForDisplay(stdout.slice(-300), 300)}"`, {
              host,
              command,
            }),
          ),
        );
      }, timeoutMs);
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      const onConnectionClose = () =>
        finish(() => reject(new RoutewiseError('connection-closed', `${host} closed the connection during "${command}"`, { host, command })));
      this.client.once('close', onConnectionClose);
      this.client.exec(command, (e, ch) => {
        if (e) {
          this.client.off('close', onConnectionClose);
          finish(() =>
            reject(new RoutewiseError('unsupported', `${host} refused to exec "${command}" (${sanitizeForDisplay(e.message, 200)})`, { host, command })),
          );
          return;
        }
        channel = ch;
        const guard = () => {
          if (stdout.length + stderr.length > MAX_EXEC_OUTPUT_CHARS) {
            ch.close();
            finish(() => reject(new RoutewiseError('parse-failed', `${host}: output of "${command}" exceeded ${MAX_EXEC_OUTPUT_CHARS} characters`, { host, command })));
          }
        };
        ch.on('data', (d: Buffer) => {
          stdout += out.write(d);
          guard();
        });
        ch.stderr.on('data', (d: Buffer) => {
          stderr += err.write(d);
          guard();
        });
        ch.on('exit', (code: number | null) => {
          exitCode = typeof code === 'number' ? code : null;
        });
        ch.on('close', () => {
          this.client.off('close', onConnectionClose);
          stdout += out.end();
          stderr += err.end();
          finish(() => resolve({ stdout, stderr, exitCode }));
        });
      });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.client.end();
    await this.closedPromise;
  }
}

function channelAdapter(channel: ClientChannel) {
  const decoder = new StringDecoder('utf8');
  return {
    write: (data: string) => {
      if (channel.writable) channel.write(data);
    },
    onData: (listener: (chunk: string) => void) => {
      channel.on('data', (d: Buffer) => listener(decoder.write(d)));
      channel.stderr.on('data', (d: Buffer) => listener(decoder.write(d)));
    },
    onClose: (listener: (reason?: Error) => void) => {
      let done = false;
      const once = (reason?: Error) => {
        if (done) return;
        done = true;
        listener(reason);
      };
      channel.on('close', () => once());
      channel.on('error', (e: Error) => once(e));
    },
  };
}

/** ssh2 keeps the server's full identification line privately; fall back to its parsed software version. */
function readRemoteIdent(client: Client): string {
  const internals = client as unknown as { _protocol?: { _remoteIdentRaw?: Buffer }; _remoteVer?: string };
  const raw = internals._protocol?._remoteIdentRaw;
  if (raw) return raw.toString('latin1').trim();
  return internals._remoteVer ? `SSH-2.0-${internals._remoteVer}` : '';
}
