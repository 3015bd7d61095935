import type { AddressInfo } from 'node:net';
import { Server, type ServerChannel, utils } from 'ssh2';
import { generateParsableEd25519 } from '../../../../electron/engine/lab/ssh-server';

/**
 * A scripted SSH server on 127.0.0.1 that behaves like a network CLI: pty echo, MOTD, prompts, pagers that
 * wait for a key and erase their marker, commands that drop the connection, exec channels. Tests describe the
 * device; the server plays it.
 */
export interface FakeCommand {
  output: string;
  /** Prompt after this command (e.g. `R1(config)#` after `configure terminal`). */
  nextPrompt?: string;
  /** Write this many characters of the output, then drop the TCP connection. */
  dropAfterChars?: number;
}

export interface FakePager {
  marker: string;
  /** What the device writes after the key press to erase the marker. */
  erase: string;
  linesPerPage: number;
}

export interface FakeCliScript {
  /** Software part of the identification line, e.g. `Cisco-1.25` → `SSH-2.0-Cisco-1.25`. */
  ident?: string;
  user?: string;
  password?: string;
  /** OpenSSH public key line a client may authenticate with. */
  authorizedKey?: string;
  authBanner?: string;
  motd?: string;
  prompt: string;
  lineEnding?: string;
  /** Wrap the prompt in ANSI bold/colour escapes. */
  colourPrompt?: boolean;
  /** Print nothing until the first Enter. */
  silentUntilNewline?: boolean;
  /** Print the MOTD and then never a prompt. */
  neverPrompt?: boolean;
  pager?: FakePager;
  commands: Record<string, FakeCommand | string>;
  unknownCommand?: (command: string) => string;
  /** Exec channel answers; omit to refuse exec like many network OSes do. */
  exec?: Record<string, { stdout: string; stderr?: string; code: number }>;
  hostKey?: string;
  /** Refuse shell requests (an exec-only or SFTP-only server). */
  refuseShell?: boolean;
}

export interface FakeCliServer {
  port: number;
  hostKey: string;
  /** Every line the server received in a shell, in order. */
  received: string[];
  close(): Promise<void>;
}

export function generateHostKey(): string {
  return generateParsableEd25519().private;
}

export async function startFakeCli(script: FakeCliScript, port = 0): Promise<FakeCliServer> {
  const hostKey = script.hostKey ?? generateHostKey();
  const received: string[] = [];
  const user = script.user ?? 'admin';
  const allowedKey = script.authorizedKey ? utils.parseKey(script.authorizedKey) : undefined;
  const connections = new Set<{ end(): unknown }>();
  const server = new Server({ hostKeys: [hostKey], ident: script.ident ?? 'FakeCli_1.0', banner: script.authBanner }, (client) => {
    connections.add(client);
    client.on('close', () => connections.delete(client));
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      if (ctx.username !== user) return ctx.reject();
      if (ctx.method === 'password' && script.password !== undefined && ctx.password === script.password) return ctx.accept();
      if (ctx.method === 'publickey' && allowedKey && !(allowedKey instanceof Error)) {
        const same = ctx.key.algo === allowedKey.type && ctx.key.data.equals(allowedKey.getPublicSSH());
        if (!same) return ctx.reject();
        if (!ctx.signature || !ctx.blob) return ctx.accept();
        return allowedKey.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true ? ctx.accept() : ctx.reject();
      }
      ctx.reject(['password', 'publickey']);
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('pty', (accept) => accept?.());
        session.on('window-change', (accept) => accept?.());
        session.on('shell', (accept, reject) => (script.refuseShell ? reject() : playShell(accept(), script, received, () => client.end())));
        session.on('exec', (accept, reject, info) => {
          const answer = script.exec?.[info.command];
          if (!script.exec) return reject();
          const stream = accept();
          if (!answer) {
            stream.stderr.write(`sh: 1: ${info.command.split(' ')[0]}: not found\n`);
            stream.exit(127);
          } else {
            stream.write(answer.stdout);
            if (answer.stderr) stream.stderr.write(answer.stderr);
            stream.exit(answer.code);
          }
          stream.end();
        });
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    hostKey,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open connections keep a server from closing: end them.
        for (const c of connections) c.end();
      }),
  };
}

function playShell(stream: ServerChannel, script: FakeCliScript, received: string[], drop: () => void): void {
  const eol = script.lineEnding ?? '\r\n';
  let prompt = script.prompt;
  let line = '';
  let started = !script.silentUntilNewline;
  let waitingForKey: (() => void) | undefined;
  let busy = false;

  const showPrompt = () => {
    if (script.neverPrompt) return;
    stream.write(script.colourPrompt ? `\x1b[1;32m${prompt}\x1b[0m ` : prompt);
  };
  const greet = () => {
    if (script.motd) stream.write(script.motd.replace(/\n/g, eol) + eol);
    showPrompt();
  };
  if (started) greet();

  const writeOutput = async (text: string, dropAfterChars?: number) => {
    const lines = text.split('\n');
    let written = 0;
    for (let i = 0; i < lines.length; i++) {
      const chunk = `${lines[i]}${eol}`;
      if (dropAfterChars !== undefined && written + chunk.length >= dropAfterChars) {
        stream.write(chunk.slice(0, Math.max(0, dropAfterChars - written)));
        drop();
        return false;
      }
      stream.write(chunk);
      written += chunk.length;
      const pager = script.pager;
      if (pager && (i + 1) % pager.linesPerPage === 0 && i + 1 < lines.length) {
        stream.write(pager.marker);
        await new Promise<void>((resolve) => (waitingForKey = resolve));
        stream.write(pager.erase);
      }
    }
    return true;
  };

  const execute = async (command: string) => {
    busy = true;
    if (command !== '') received.push(command);
    stream.write(eol);
    const spec = command === '' ? undefined : script.commands[command];
    const cmd: FakeCommand | undefined = typeof spec === 'string' ? { output: spec } : spec;
    let alive = true;
    if (command !== '') {
      const output = cmd ? cmd.output : (script.unknownCommand ?? defaultUnknown)(command);
      if (output.length > 0) alive = await writeOutput(output, cmd?.dropAfterChars);
    }
    if (cmd?.nextPrompt) prompt = cmd.nextPrompt;
    busy = false;
    if (alive) showPrompt();
  };

  stream.on('data', (data: Buffer) => {
    for (const ch of data.toString('utf8')) {
      if (waitingForKey) {
        const resume = waitingForKey;
        waitingForKey = undefined;
        resume();
        continue;
      }
      if (!started) {
        if (ch === '\r' || ch === '\n') {
          started = true;
          greet();
        }
        continue;
      }
      if (busy) continue;
      if (ch === '\r' || ch === '\n') {
        const command = line.trim();
        line = '';
        void execute(command);
      } else {
        line += ch;
        stream.write(ch); // pty echo
      }
    }
  });
  stream.on('error', () => undefined);
}

function defaultUnknown(command: string): string {
  return `${' '.repeat(command.length)}^\n% Invalid input detected at '^' marker.`;
}
