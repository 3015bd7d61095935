import { describe, expect, it } from 'vitest';
import { parseStructuredData, parseSyslog } from '../../../electron/engine/threats/parsers/syslog';

const NOW = new Date('2026-01-15T12:00:00Z');

describe('RFC 5424', () => {
  it('reads the §6.5 example 1 header with no structured data', () => {
    const m = parseSyslog('<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \uFEFF\'su root\' failed for lonvick on /dev/pts/8', NOW);
    expect(m.header).toBe('rfc5424');
    expect(m.facility).toBe(4);
    expect(m.severity).toBe(2);
    expect(m.timestamp).toBe('2003-10-11T22:14:15.003Z');
    expect(m.hostname).toBe('mymachine.example.com');
    expect(m.appName).toBe('su');
    expect(m.procId).toBeNull();
    expect(m.msgId).toBe('ID47');
    expect(m.structuredData).toEqual([]);
    // The BOM (§6.4) is not part of the message text.
    expect(m.msg).toBe("'su root' failed for lonvick on /dev/pts/8");
  });

  it('reads §6.5 example 4: two SD elements, then a message', () => {
    const m = parseSyslog(
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high"] An application event log entry',
      NOW,
    );
    expect(m.structuredData).toEqual([
      { id: 'exampleSDID@32473', params: { iut: '3', eventSource: 'Application', eventID: '1011' } },
      { id: 'examplePriority@32473', params: { class: 'high' } },
    ]);
    expect(m.msg).toBe('An application event log entry');
  });

  it('unescapes \\" \\\\ and \\] inside PARAM-VALUE (§6.3.3) and keeps other backslashes', () => {
    const sd = parseStructuredData('[x@1 a="say \\"hi\\"" b="c:\\\\dir" c="[1\\]" d="\\n"] rest', 0);
    expect(sd?.elements[0]?.params).toEqual({ a: 'say "hi"', b: 'c:\\dir', c: '[1]', d: '\\n' });
    expect(sd?.end).toBe(sd ? '[x@1 a="say \\"hi\\"" b="c:\\\\dir" c="[1\\]" d="\\n"]'.length : -1);
  });

  it('converts a zone offset to UTC', () => {
    expect(parseSyslog('<13>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It\'s time', NOW).timestamp).toBe(
      '2003-08-24T12:14:15.000Z',
    );
  });

  it('falls back to RFC 3164 rules when structured data is malformed, keeping the text', () => {
    const line = '<14>1 2024-01-01T00:00:00Z h app - - [unterminated x="1" hello';
    const m = parseSyslog(line, NOW);
    expect(m.header).not.toBe('rfc5424');
    expect(m.msg).toContain('[unterminated x="1" hello');
  });
});

describe('RFC 3164 and what devices really send', () => {
  it('reads the RFC 3164 §5.4 example', () => {
    const m = parseSyslog('<34>Oct 11 22:14:15 mymachine su: \'su root\' failed for lonvick on /dev/pts/8', NOW);
    expect(m.header).toBe('rfc3164');
    expect(m.timestamp).toBe('2025-10-11T22:14:15.000Z'); // no year in 3164: the last October before "now"
    expect(m.hostname).toBe('mymachine');
    expect(m.appName).toBe('su');
    expect(m.msg).toBe("'su root' failed for lonvick on /dev/pts/8");
  });

  it('reads a tag with a pid', () => {
    const m = parseSyslog('<38>Jan  5 01:02:03 host sshd[4123]: Failed password', NOW);
    expect(m.timestamp).toBe('2026-01-05T01:02:03.000Z');
    expect(m.appName).toBe('sshd');
    expect(m.procId).toBe('4123');
    expect(m.msg).toBe('Failed password');
  });

  it('reads Cisco sequence numbers, origin hostname, "*" and milliseconds', () => {
    const m = parseSyslog('<189>52: rtr1: *Mar  1 00:01:02.345 UTC: %SYS-5-CONFIG_I: Configured from console', NOW);
    expect(m.hostname).toBe('rtr1');
    expect(m.timestamp).toBe('2025-03-01T00:01:02.345Z');
    expect(m.msg).toBe('%SYS-5-CONFIG_I: Configured from console');
  });

  it('keeps a headerless message whole (FortiGate sends key=value right after the PRI)', () => {
    const m = parseSyslog('<185>date=2019-05-13 time=11:20:54 logid="0419016384"', NOW);
    expect(m.header).toBe('none');
    expect(m.severity).toBe(1);
    expect(m.msg).toBe('date=2019-05-13 time=11:20:54 logid="0419016384"');
  });

  it('treats an out-of-range PRI and no PRI as no header', () => {
    expect(parseSyslog('<999>hello', NOW).pri).toBeNull();
    expect(parseSyslog('just text', NOW)).toMatchObject({ header: 'none', pri: null, msg: 'just text' });
  });
});
