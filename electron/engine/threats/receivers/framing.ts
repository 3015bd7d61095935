/**
 * Splits a syslog TCP stream into messages (RFC 6587): octet-counting ("<len> <msg>", §3.4.1) or
 * non-transparent framing with LF (or NUL, which some senders use, §3.4.2) as trailer, detected per frame
 * as the RFC suggests: a frame that starts with a digit is octet-counted. Messages longer than maxMessageBytes are cut to that size, flagged
 * truncated, and the rest is skipped without buffering it, so one 10 MB line costs no more than 64 KB.
 */
export interface Frame {
  bytes: Buffer;
  truncated: boolean;
}

export class SyslogFramer {
  private pending: Buffer = Buffer.alloc(0);
  /** Octet-counted bytes still to discard after a truncated frame. */
  private skipBytes = 0;
  /** Discarding an over-long LF-framed line up to its LF. */
  private skipToLf = false;

  constructor(
    private readonly onFrame: (frame: Frame) => void,
    private readonly maxMessageBytes = 64 * 1024,
  ) {}

  push(chunk: Buffer): void {
    let data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    for (;;) {
      if (this.skipBytes > 0) {
        const n = Math.min(this.skipBytes, data.length);
        this.skipBytes -= n;
        data = data.subarray(n);
        if (this.skipBytes > 0) return;
      }
      if (this.skipToLf) {
        const lf = trailerAt(data);
        if (lf < 0) return;
        this.skipToLf = false;
        data = data.subarray(lf + 1);
      }
      // Skip stray separators between frames.
      let start = 0;
      while (start < data.length && (data[start] === 0x0a || data[start] === 0x0d || data[start] === 0x00)) start++;
      data = data.subarray(start);
      if (data.length === 0) return;
      const first = data[0] as number;
      if (first >= 0x31 && first <= 0x39) {
        const consumed = this.tryOctetCounted(data);
        if (consumed === 'need-more') {
          this.pending = Buffer.from(data);
          return;
        }
        if (consumed !== 'not-octet') {
          data = data.subarray(consumed);
          continue;
        }
      }
      const lf = trailerAt(data);
      if (lf < 0) {
        if (data.length > this.maxMessageBytes) {
          this.emit(data.subarray(0, this.maxMessageBytes), true);
          this.skipToLf = true;
          return;
        }
        this.pending = Buffer.from(data);
        return;
      }
      let line = data.subarray(0, lf);
      if (line.length && line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
      if (line.length > this.maxMessageBytes) this.emit(line.subarray(0, this.maxMessageBytes), true);
      else this.emit(line, false);
      data = data.subarray(lf + 1);
    }
  }

  /** The stream ended: what is left is a final message (LF framing) or a truncated frame (octet counting). */
  end(): void {
    if (this.pending.length && !this.skipToLf && this.skipBytes === 0) {
      const count = /^([1-9]\d{0,8}) /.exec(this.pending.subarray(0, 12).toString('latin1'));
      if (count) this.emit(this.pending.subarray((count[1] as string).length + 1), true);
      else this.emit(this.pending, false);
    }
    this.pending = Buffer.alloc(0);
  }

  private tryOctetCounted(data: Buffer): number | 'need-more' | 'not-octet' {
    let i = 0;
    while (i < data.length && i < 10 && (data[i] as number) >= 0x30 && (data[i] as number) <= 0x39) i++;
    if (i === data.length) return i < 10 ? 'need-more' : 'not-octet';
    if (data[i] !== 0x20 || i > 9) return 'not-octet';
    const len = Number(data.subarray(0, i).toString('latin1'));
    const bodyStart = i + 1;
    if (len > this.maxMessageBytes) {
      if (data.length - bodyStart < this.maxMessageBytes) return 'need-more';
      this.emit(data.subarray(bodyStart, bodyStart + this.maxMessageBytes), true);
      const available = data.length - bodyStart;
      const toSkip = len - this.maxMessageBytes;
      const skipNow = Math.min(toSkip, available - this.maxMessageBytes);
      this.skipBytes = toSkip - skipNow;
      return bodyStart + this.maxMessageBytes + skipNow;
    }
    if (data.length - bodyStart < len) return 'need-more';
    this.emit(data.subarray(bodyStart, bodyStart + len), false);
    return bodyStart + len;
  }

  private emit(bytes: Buffer, truncated: boolean): void {
    // Copy: the frame outlives this chunk, and a slice would pin the whole chunk in memory.
    this.onFrame({ bytes: Buffer.from(bytes), truncated });
  }
}

/** First LF or NUL: the non-transparent-framing trailers seen in the wild (RFC 6587 §3.4.2). */
function trailerAt(data: Buffer): number {
  const lf = data.indexOf(0x0a);
  const nul = data.indexOf(0x00);
  if (nul < 0) return lf;
  if (lf < 0) return nul;
  return Math.min(lf, nul);
}
