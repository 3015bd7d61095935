import { RoutewiseError } from '../../../shared/api/errors';
import { cleanCommandOutput, isPagerPrompt, isPromptCandidate, promptMatcher } from './prompt-patterns';
import { renderTail, renderTerminalLines, tailForDisplay } from './terminal-text';

/** The byte stream of an interactive shell, as ssh2's channel (or a test double) provides it. */
export interface ShellChannel {
  write(data: string): void;
  onData(listener: (chunk: string) => void): void;
  /** Called once when the channel or its connection ends; `reason` when it ended by an error. */
  onClose(listener: (reason?: Error) => void): void;
}

export interface ShellOptions {
  /** `host:port`, for error messages. */
  hostPort: string;
  /** What ends a line we send: `\n` suits IOS, Junos, EOS, FortiOS and Linux ptys. */
  newline?: string;
  /** Cap on what one command may return before we give up: a runaway device must not eat memory. */
  maxOutputChars?: number;
}

export interface WaitOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** run() only: an unterminated last line matching this (a device question) also ends the command. */
  question?: RegExp;
}

const DEFAULT_MAX_OUTPUT_CHARS = 16 * 1024 * 1024;

/**
 * Drives a device CLI over an interactive shell: finds the prompt (past MOTD banners and pagers), then runs
 * one command at a time, answering pagers, until the prompt comes back. Everything is event-driven: each
 * chunk of output re-evaluates the current wait; timers only bound the waits.
 */
export class InteractiveShell {
  private buffer = '';
  private closed = false;
  private closeReason: Error | undefined;
  private check: (() => void) | undefined;
  private busy = false;
  private promptLine: string | undefined;
  private promptRe: RegExp | undefined;
  private readonly newline: string;
  private readonly maxOutputChars: number;

  constructor(
    private readonly channel: ShellChannel,
    private readonly opts: ShellOptions,
  ) {
    this.newline = opts.newline ?? '\n';
    this.maxOutputChars = opts.maxOutputChars ?? DEFAULT_MAX_OUTPUT_CHARS;
    channel.onData((chunk) => {
      this.buffer += chunk;
      this.check?.();
    });
    channel.onClose((reason) => {
      this.closed = true;
      this.closeReason = reason;
      this.check?.();
    });
  }

  /** The prompt as detected, e.g. `R1#`; undefined until detectPrompt() succeeded. */
  get prompt(): string | undefined {
    return this.promptLine;
  }

  /**
   * Finds the prompt: waits for an unterminated line that looks like one, sends a newline, and accepts it
   * only when the device answers with nothing but a line break and the same line again. A MOTD line that
   * happens to end in `#` or `>` does not pass that test. Returns everything before the prompt (the MOTD).
   */
  async detectPrompt(wait: WaitOptions, beforeCommand?: string): Promise<string> {
    let probeAt: number | undefined;
    let probeCandidate = '';
    let firstProbeAt: number | undefined;
    let probes = 0;
    let nudged = false;
    let pagerAnsweredAt = -1;
    const sendProbe = (candidate: string) => {
      probeAt = this.buffer.length;
      firstProbeAt ??= probeAt;
      probeCandidate = candidate;
      probes++;
      this.channel.write(this.newline);
    };
    // A device that says nothing until it gets a key press (some consoles, "Press RETURN to get started").
    const nudgeTimer = setTimeout(() => {
      if (!nudged && probes === 0 && !this.closed) {
        nudged = true;
        this.channel.write(this.newline);
      }
    }, Math.min(2_000, Math.floor(wait.timeoutMs / 4)));
    try {
      const what = beforeCommand === undefined ? 'CLI prompt' : `CLI prompt (before "${beforeCommand}")`;
      const prompt = await this.waitFor<string>(beforeCommand ?? '(login)', wait, what, () => {
        const tail = renderTail(this.buffer);
        if (probeAt !== undefined) {
          const lines = renderTerminalLines(this.buffer.slice(probeAt));
          const last = lines.at(-1) ?? '';
          const between = lines.slice(0, -1);
          if (between.length > 0 && between.every((l) => l.trim() === '') && last === probeCandidate) return last;
          if (between.length === 0 || (between.every((l) => l.trim() === '') && last.length < probeCandidate.length)) {
            return undefined; // the answer to the probe is still arriving
          }
          probeAt = undefined; // more output than a prompt: the candidate was part of a banner
        }
        if (isPagerPrompt(tail)) {
          if (pagerAnsweredAt !== this.buffer.length) {
            pagerAnsweredAt = this.buffer.length;
            this.channel.write(' ');
          }
          return undefined;
        }
        if (isPromptCandidate(tail)) sendProbe(tail);
        return undefined;
      });
      const motdEnd = firstProbeAt ?? this.buffer.length;
      const motd = renderTerminalLines(this.buffer.slice(0, motdEnd)).slice(0, -1).join('\n').trim();
      await this.drainProbeAnswers(prompt, firstProbeAt ?? this.buffer.length, probes, wait);
      this.promptLine = prompt;
      this.promptRe = promptMatcher(prompt);
      this.buffer = '';
      return motd;
    } finally {
      clearTimeout(nudgeTimer);
    }
  }

  /**
   * Each probe newline makes the device print one more prompt; wait for those so they do not end the next
   * command early. Devices that flush type-ahead at login print fewer, so this wait is short and bounded.
   */
  private async drainProbeAnswers(prompt: string, from: number, expected: number, wait: WaitOptions): Promise<void> {
    const count = () => renderTerminalLines(this.buffer.slice(from)).filter((l) => l === prompt).length;
    if (count() >= expected) return;
    try {
      await this.waitFor('(login)', { timeoutMs: Math.min(1_000, wait.timeoutMs), signal: wait.signal }, 'settled prompt', () =>
        count() >= expected ? true : undefined,
      );
    } catch (err) {
      if (!(err instanceof RoutewiseError && err.code === 'timeout')) throw err;
    }
  }

  /** Runs one command and returns its output without echo, pager markers, escapes or the trailing prompt. */
  async run(command: string, wait: WaitOptions): Promise<string> {
    if (this.busy) throw new RoutewiseError('conflict', `${this.opts.hostPort}: a command is already running on this session`);
    if (/[\r\n]/.test(command)) {
      throw new RoutewiseError('bad-request', 'one command per run(): the command must not contain line breaks', { command });
    }
    if (this.promptRe === undefined) await this.detectPrompt(wait, command);
    const promptRe = this.promptRe;
    if (promptRe === undefined) throw new RoutewiseError('internal', 'prompt detection finished without a prompt');
    this.busy = true;
    this.buffer = '';
    let pagerAnsweredAt = -1;
    try {
      this.channel.write(`${command}${this.newline}`);
      let asked = false;
      const tail = await this.waitFor<string>(command, wait, `prompt after "${command}"`, () => {
        if (this.buffer.length > this.maxOutputChars) {
          throw new RoutewiseError('parse-failed', `${this.opts.hostPort}: output of "${command}" exceeded ${this.maxOutputChars} characters`, {
            host: this.opts.hostPort,
            command,
          });
        }
        const t = renderTail(this.buffer);
        if (isPagerPrompt(t)) {
          if (pagerAnsweredAt !== this.buffer.length) {
            pagerAnsweredAt = this.buffer.length;
            this.channel.write(' ');
          }
          return undefined;
        }
        if (!this.buffer.includes('\n')) return undefined;
        if (promptRe.test(t)) return t;
        asked = wait.question?.test(t) === true;
        return asked ? t : undefined;
      });
      if (!asked) this.promptLine = tail;
      return cleanCommandOutput(this.buffer, command, promptRe);
    } finally {
      this.buffer = '';
      this.busy = false;
    }
  }

  /** Resolves when `evaluate` returns a value; `awaited` names what we wait for in a timeout message. */
  private waitFor<T>(command: string, wait: WaitOptions, awaited: string, evaluate: () => T | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const host = this.opts.hostPort;
      const finish = (fn: () => void) => {
        clearTimeout(timer);
        wait.signal?.removeEventListener('abort', onAbort);
        this.check = undefined;
        fn();
      };
      const onAbort = () => finish(() => reject(new RoutewiseError('cancelled', `${host}: "${command}" was cancelled`, { host, command })));
      const timer = setTimeout(() => {
        const received = tailForDisplay(this.buffer);
        finish(() =>
          reject(
            new RoutewiseError('timeout', `${host}: no ${awaited} within ${wait.timeoutMs} ms; received: "${received}"`, {
              host,
              command,
              received,
            }),
          ),
        );
      }, wait.timeoutMs);
      this.check = () => {
        try {
          const value = evaluate();
          if (value !== undefined) {
            finish(() => resolve(value));
            return;
          }
        } catch (err) {
          finish(() => reject(err));
          return;
        }
        if (this.closed) {
          const received = tailForDisplay(this.buffer);
          const why = this.closeReason ? ` (${this.closeReason.message})` : '';
          finish(() =>
            reject(
              new RoutewiseError('connection-closed', `${host} closed the connection during "${command}"${why}; received: "${received}"`, {
                host,
                command,
                received,
              }),
            ),
          );
        }
      };
      if (wait.signal?.aborted) {
        onAbort();
        return;
      }
      wait.signal?.addEventListener('abort', onAbort, { once: true });
      this.check();
    });
  }
}
