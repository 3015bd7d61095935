import { MessageChannelMain, utilityProcess, type UtilityProcess, type WebContents } from 'electron';
import type { ParentMessage, UtilityReport } from '../engine/host/utility-entry';
import { IPC } from '../preload/channels';
import type { MainLog } from './main-log';

export interface EngineProcessOptions {
  /** dist/electron/engine/utility-entry.mjs */
  entry: string;
  dataDir: string;
  /** Plaintext vault key from safeStorage, or null to let the engine use its key file / env. Kept for restarts. */
  masterKey: Buffer | null;
  log: MainLog;
  /** The engine could not start at all (e.g. the store failed to open): main tells the user and quits. */
  onFatal(message: string): void;
}

const MAX_RESTARTS_PER_MINUTE = 3;
const STOP_TIMEOUT_MS = 5000;

/**
 * The engine's utilityProcess (so long scans never freeze the window) and the MessagePorts that join it
 * to each window. A crash is reported to the windows and the engine restarted, a few times at most.
 */
export class EngineProcess {
  private child: UtilityProcess | null = null;
  private readonly windows = new Set<WebContents>();
  private readonly restarts: number[] = [];
  private nextConnectionId = 1;
  private stopping = false;
  private ready = false;

  constructor(private readonly opts: EngineProcessOptions) {}

  start(): void {
    const child = utilityProcess.fork(this.opts.entry, [], {
      serviceName: 'Routewise engine',
      stdio: 'pipe',
      env: { ...process.env },
    });
    this.child = child;
    this.ready = false;
    forwardLines(child.stdout, (line) => this.opts.log('info', `engine: ${line}`));
    forwardLines(child.stderr, (line) => this.opts.log('warn', `engine: ${line}`));
    child.on('message', (report: UtilityReport) => this.onReport(report));
    child.once('exit', (code) => this.onExit(child, code));
    const start: ParentMessage = {
      type: 'start',
      dataDir: this.opts.dataDir,
      masterKey: this.opts.masterKey ? new Uint8Array(this.opts.masterKey) : null,
    };
    child.postMessage(start);
    for (const contents of this.windows) this.wire(contents);
  }

  /** Joins a window to the engine; call on every load (a reload gets a fresh port). */
  connect(contents: WebContents): void {
    if (!this.windows.has(contents)) {
      this.windows.add(contents);
      contents.once('destroyed', () => this.windows.delete(contents));
    }
    this.wire(contents);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.pid === undefined) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.postMessage({ type: 'stop' } satisfies ParentMessage);
    const timer = setTimeout(() => {
      this.opts.log('warn', `engine did not stop within ${STOP_TIMEOUT_MS} ms; killing it`);
      child.kill();
    }, STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  private wire(contents: WebContents): void {
    if (!this.child || contents.isDestroyed()) return;
    const { port1, port2 } = new MessageChannelMain();
    const connect: ParentMessage = { type: 'connect', connectionId: this.nextConnectionId++ };
    this.child.postMessage(connect, [port1]);
    contents.postMessage(IPC.port, null, [port2]);
  }

  private onReport(report: UtilityReport): void {
    if (report.type === 'ready') {
      this.ready = true;
      this.opts.log('info', `engine ${report.version} ready (data: ${report.dataDir})`);
    } else if (report.type === 'failed') {
      this.opts.log('error', `engine failed to start: ${report.message}`);
      this.stopping = true;
      this.opts.onFatal(report.message);
    } else if (report.type === 'log') {
      this.opts.log(report.level, `engine: ${report.message}`);
    }
  }

  private onExit(child: UtilityProcess, code: number): void {
    if (this.child !== child) return;
    this.child = null;
    if (this.stopping) return;
    this.opts.log('error', `engine process exited with code ${code}${this.ready ? '' : ' before it was ready'}`);
    for (const contents of this.windows) if (!contents.isDestroyed()) contents.send(IPC.engineStatus, 'closed');
    const now = Date.now();
    while (this.restarts.length && now - this.restarts[0]! > 60_000) this.restarts.shift();
    if (this.restarts.length >= MAX_RESTARTS_PER_MINUTE) {
      this.opts.onFatal(`the engine stopped ${MAX_RESTARTS_PER_MINUTE + 1} times within a minute; see ${this.opts.dataDir}/logs/main.log`);
      return;
    }
    this.restarts.push(now);
    for (const contents of this.windows) if (!contents.isDestroyed()) contents.send(IPC.engineStatus, 'connecting');
    this.start();
  }
}

function forwardLines(stream: NodeJS.ReadableStream | null, sink: (line: string) => void): void {
  if (!stream) return;
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) sink(line);
  });
}
