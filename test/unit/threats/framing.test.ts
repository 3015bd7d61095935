import { describe, expect, it } from 'vitest';
import { type Frame, SyslogFramer } from '../../../electron/engine/threats/receivers/framing';

function collect(max = 64 * 1024): { framer: SyslogFramer; frames: Frame[]; texts: () => string[] } {
  const frames: Frame[] = [];
  const framer = new SyslogFramer((f) => frames.push(f), max);
  return { framer, frames, texts: () => frames.map((f) => f.bytes.toString('utf8')) };
}

const oc = (m: string) => `${Buffer.byteLength(m)} ${m}`;

describe('RFC 6587 framing', () => {
  it('reads octet-counted frames, including ones containing LF', () => {
    const c = collect();
    c.framer.push(Buffer.from(oc('<13>1 - - - - - - one') + oc('<13>two\nlines')));
    expect(c.texts()).toEqual(['<13>1 - - - - - - one', '<13>two\nlines']);
  });

  it('reads LF-terminated frames and strips CR', () => {
    const c = collect();
    c.framer.push(Buffer.from('<13>a\r\n<13>b\n\n<13>c\n'));
    expect(c.texts()).toEqual(['<13>a', '<13>b', '<13>c']);
  });

  it('accepts NUL as a trailer too (RFC 6587 §3.4.2: some senders use it)', () => {
    const c = collect();
    c.framer.push(Buffer.from('<13>a\u0000<13>b\n<13>c\u0000'));
    expect(c.texts()).toEqual(['<13>a', '<13>b', '<13>c']);
  });

  it('reassembles frames split at every byte, switching framing per frame', () => {
    const c = collect();
    const stream = Buffer.from(oc('<14>first é') + '<14>second\n' + oc('<14>third'));
    for (const b of stream) c.framer.push(Buffer.from([b]));
    expect(c.texts()).toEqual(['<14>first é', '<14>second', '<14>third']);
    expect(c.frames.every((f) => !f.truncated)).toBe(true);
  });

  it('caps an over-long LF line, flags it, skips the rest and keeps reading', () => {
    const c = collect(1024);
    const huge = '<13>' + 'x'.repeat(10 * 1024 * 1024);
    for (let i = 0; i < huge.length; i += 65536) c.framer.push(Buffer.from(huge.slice(i, i + 65536)));
    c.framer.push(Buffer.from('\n<13>after\n'));
    expect(c.frames).toHaveLength(2);
    expect(c.frames[0]?.truncated).toBe(true);
    expect(c.frames[0]?.bytes.length).toBe(1024);
    expect(c.texts()[1]).toBe('<13>after');
  });

  it('caps an over-long octet-counted frame and resynchronises on the next frame', () => {
    const c = collect(1024);
    const body = '<13>' + 'y'.repeat(5000);
    c.framer.push(Buffer.from(`${body.length} ${body.slice(0, 3000)}`));
    c.framer.push(Buffer.from(body.slice(3000) + oc('<13>next')));
    expect(c.texts()[0]?.length).toBe(1024);
    expect(c.frames[0]?.truncated).toBe(true);
    expect(c.texts()[1]).toBe('<13>next');
  });

  it('delivers a truncated final frame when the connection ends mid-frame', () => {
    const c = collect();
    c.framer.push(Buffer.from(oc('<13>whole') + '100 <13>cut sho'));
    c.framer.end();
    expect(c.texts()).toEqual(['<13>whole', '<13>cut sho']);
    expect(c.frames[1]?.truncated).toBe(true);
  });

  it('delivers a final LF-less line at end of stream as a normal message', () => {
    const c = collect();
    c.framer.push(Buffer.from('<13>no newline'));
    c.framer.end();
    expect(c.frames).toEqual([{ bytes: Buffer.from('<13>no newline'), truncated: false }]);
  });

  it('treats a digit-led line that is not a count as LF-framed text', () => {
    const c = collect();
    c.framer.push(Buffer.from('2024-01-01 plain line\n'));
    expect(c.texts()).toEqual(['2024-01-01 plain line']);
  });
});
