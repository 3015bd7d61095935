import { cleanInput, type PlatformShell } from './shell-types';

export interface TerminalIo {
  write(text: string): void;
  end(): void;
}

/**
 * An interactive session on a pty: echo, backspace, CR/LF, control keys and the pager. Input may arrive
 * a keystroke at a time (a person) or as a whole script (automation piping commands): it is handled in
 * order either way.
 */
export class TerminalSession {
  private line = '';
  private pendingPages: string[] = [];
  private ended = false;
  private lastWasCr = false;

  constructor(
    private readonly shell: PlatformShell,
    private readonly io: TerminalIo,
    private readonly pageRows = 24,
  ) {
    const banner = shell.banner();
    this.write(`${banner ? `${banner}\r\n` : ''}${shell.prompt()}`);
  }

  input(data: Buffer | string): void {
    for (const ch of data.toString('utf8')) {
      if (this.ended) return;
      this.key(ch);
    }
  }

  /** An unsolicited message (a broadcast, a syslog line): printed above the prompt and the half-typed line. */
  notify(text: string): void {
    if (this.ended || this.pendingPages.length > 0) return;
    this.write(`\r\n${text.replace(/\r?\n/g, '\r\n')}\r\n${this.shell.prompt()}${this.line}`);
  }

  close(): void {
    if (this.ended) return;
    this.ended = true;
    this.shell.closed?.();
  }

  private key(ch: string): void {
    if (this.pendingPages.length > 0) return this.pagerKey(ch);
    if (ch === '\n' && this.lastWasCr) {
      this.lastWasCr = false;
      return;
    }
    this.lastWasCr = ch === '\r';
    if (ch === '\r' || ch === '\n') return this.submit();
    if (ch === '\x7f' || ch === '\b') {
      if (this.line.length > 0) {
        this.line = this.line.slice(0, -1);
        this.write('\b \b');
      }
      return;
    }
    const control = ch === '\x18' ? 'ctrl-x' : ch === '\x1a' ? 'ctrl-z' : ch === '\x03' ? 'ctrl-c' : undefined;
    if (control) {
      this.line = '';
      const out = this.shell.control?.(control);
      this.write(`${out?.text ? `\r\n${out.text}` : ''}\r\n${this.shell.prompt()}`);
      if (out?.close) this.finish();
      return;
    }
    if (ch === '\x04' && this.line === '') return this.finish();
    if (ch < ' ') return;
    if (this.line.length < 4096) {
      this.line += ch;
      this.write(ch);
    }
  }

  private submit(): void {
    const line = cleanInput(this.line);
    this.line = '';
    this.write('\r\n');
    const out = this.shell.run(line);
    const text = out.text.replace(/\r?\n/g, '\r\n');
    if (out.close) {
      if (text) this.write(`${text}\r\n`);
      return this.finish();
    }
    const lines = text === '' ? [] : text.split('\r\n');
    if (this.shell.paging && lines.length > this.pageRows - 1) {
      this.write(`${lines.slice(0, this.pageRows - 1).join('\r\n')}\r\n`);
      this.pendingPages = lines.slice(this.pageRows - 1);
      this.write(this.shell.morePrompt);
      return;
    }
    this.write(`${text ? `${text}\r\n` : ''}${this.shell.prompt()}`);
  }

  private pagerKey(ch: string): void {
    // Erase the more-prompt, like the real pagers do.
    this.write(`\r${' '.repeat(this.shell.morePrompt.length)}\r`);
    if (ch === 'q' || ch === 'Q' || ch === '\x03') {
      this.pendingPages = [];
      this.write(this.shell.prompt());
      return;
    }
    const take = ch === '\r' || ch === '\n' ? 1 : this.pageRows - 1;
    const chunk = this.pendingPages.splice(0, take);
    this.write(`${chunk.join('\r\n')}\r\n`);
    if (this.pendingPages.length > 0) this.write(this.shell.morePrompt);
    else this.write(this.shell.prompt());
  }

  private finish(): void {
    this.close();
    this.io.end();
  }

  private write(text: string): void {
    if (!this.ended) this.io.write(text);
  }
}
