/**
 * What a terminal would show for a stream of device output: ANSI/VT100 escapes removed (ECMA-48 CSI,
 * OSC, and two-byte ESC sequences), and carriage returns and backspaces applied the way a terminal
 * applies them, because pagers erase their `--More--` marker with `\b` or `\r` plus spaces.
 */

// ECMA-48 §5.4: CSI = ESC [ params intermediates final; OSC = ESC ] ... (BEL | ESC \); others are ESC + one byte.
const ANSI_PATTERN = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[P^_][^\x1b]*(?:\x1b\\)?|\x1b[()#][0-9A-Za-z]|\x1b[ -~]|\x9b[0-?]*[ -/]*[@-~]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI_PATTERN, '');
}

/** One line as a terminal would draw it: `\r` returns to column 0, `\b` moves left, text overwrites. */
export function renderLine(raw: string): string {
  const cells: string[] = [];
  let col = 0;
  for (const ch of raw) {
    if (ch === '\r') col = 0;
    else if (ch === '\b') col = Math.max(0, col - 1);
    else if (ch === '\x07' || ch === '\x00') continue;
    else {
      cells[col] = ch;
      col++;
    }
  }
  let line = '';
  for (let i = 0; i < cells.length; i++) line += cells[i] ?? ' ';
  return line.trimEnd();
}

/** Lines of text as shown on a terminal; the last element is the unterminated tail (often the prompt). */
export function renderTerminalLines(raw: string): string[] {
  return stripAnsi(raw).split('\n').map(renderLine);
}

/** The unterminated last line as a terminal would show it, trailing spaces removed. */
export function renderTail(raw: string): string {
  const clean = stripAnsi(raw);
  const nl = clean.lastIndexOf('\n');
  return renderLine(nl === -1 ? clean : clean.slice(nl + 1));
}

/**
 * Device strings are data: for display and error messages, drop control characters and escapes and cap the
 * length so a hostile banner cannot flood a log line or a dialog.
 */
export function sanitizeForDisplay(text: string, maxChars = 400): string {
  const visible = stripAnsi(text)
    .replace(/\r\n?/g, '\n')
    .replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, '');
  return visible.length > maxChars ? `${visible.slice(0, maxChars)}… (${visible.length - maxChars} more chars)` : visible;
}

/** The last `maxChars` of what was received, sanitised: what an error message quotes. */
export function tailForDisplay(text: string, maxChars = 300): string {
  const visible = sanitizeForDisplay(text, Number.MAX_SAFE_INTEGER);
  return visible.length > maxChars ? `…${visible.slice(-maxChars)}` : visible;
}
