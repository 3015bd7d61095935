import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../electron/engine/threats/parsers';
import { parseCefExtension } from '../../../electron/engine/threats/parsers/cef';

describe('CEF', () => {
  it('unescapes pipes in the header and = \\ \\n in extension values', () => {
    const { detection } = parseMessage(
      'CEF:0|Vendor\\|Inc|Prod|1|sig-1|Name with \\| pipe|5|src=192.0.2.5 msg=a\\=b c\\\\d\\nline2 act=drop',
    );
    expect(detection?.format).toBe('cef');
    expect(detection?.signature).toBe('Name with | pipe');
    expect(detection?.deviceName).toBe('Vendor|Inc Prod');
    expect(detection?.severity).toBe('medium');
    expect(detection?.action).toBe('dropped');
  });

  it('keeps spaces inside values up to the next key', () => {
    expect(parseCefExtension('msg=hello world spt=1 cs1Label=model cs1=tiny net')).toEqual({
      msg: 'hello world',
      spt: '1',
      cs1Label: 'model',
      cs1: 'tiny net',
    });
  });

  it('reads word severities from CEF 0.1+', () => {
    expect(parseMessage('CEF:0|a|b|1|x|y|Very-High|').detection?.severity).toBe('critical');
    expect(parseMessage('CEF:0|a|b|1|x|y|Low|').detection?.severity).toBe('low');
  });

  it('refuses a header with too few fields', () => {
    expect(parseMessage('CEF:0|a|b|1').detection).toBeNull();
  });
});

describe('LEEF', () => {
  it('uses the hex delimiter of LEEF 2.0', () => {
    const { detection } = parseMessage('LEEF:2.0|V|P|1|42|x09|src=192.0.2.1\tdst=192.0.2.2\tsev=9\tname=Bad thing');
    expect(detection).toMatchObject({ format: 'leef', srcIp: '192.0.2.1', dstIp: '192.0.2.2', severity: 'critical', signature: 'Bad thing' });
  });
});

describe('hostile device strings', () => {
  it('strips ANSI escapes, control and bidi-override characters from display fields and caps them; raw stays as sent', async () => {
    const { normalise } = await import('../../../electron/engine/threats/normaliser');
    const evil = `CEF:0|V|P|1|x|\u001b[31mRED\u001b[0m \u202egnp.exe\u202c ${'A'.repeat(5000)}|9|src=192.0.2.1 dvchost=<script>alert(1)</script>\u0007`;
    const i = normalise({ text: evil, sender: '192.0.2.1', receivedAt: new Date('2026-01-15T12:00:00Z') }, 'id');
    expect(i.signature).not.toMatch(/[\u0000-\u001f\u007f\u202a-\u202e]/);
    expect(i.signature.startsWith('[31mRED [0m gnp.exe AAAA')).toBe(true);
    expect(i.signature.length).toBeLessThanOrEqual(1024);
    // Text, not markup: kept literally (the renderer shows it as text), minus the BEL.
    expect(i.deviceName).toBe('<script>alert(1)</script>');
    expect(i.raw).toBe(evil);
  });
});
