import { describe, expect, it } from 'vitest';
import { displayText } from '../../../renderer/src/lib/display-text';

describe('displayText', () => {
  it('strips ANSI colour and OSC sequences a device banner may carry', () => {
    expect(displayText('\u001b[1;31mCORE-RTR\u001b[0m ready')).toBe('CORE-RTR ready');
    expect(displayText('\u001b]0;pwned title\u0007sysName')).toBe('sysName');
  });

  it('drops control and bidi-override characters, turns line breaks into spaces', () => {
    expect(displayText('a\u0000b\u0007c\u202Ed')).toBe('abcd');
    expect(displayText('line1\r\nline2\tend')).toBe('line1 line2 end');
  });

  it('leaves markup as the literal characters (React renders it as text)', () => {
    expect(displayText('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });

  it('caps the length on code points, with an ellipsis', () => {
    const out = displayText('🛰'.repeat(20), 5);
    expect(Array.from(out)).toHaveLength(5);
    expect(out.endsWith('…')).toBe(true);
    expect(displayText('short', 5)).toBe('short');
  });

  it('turns non-strings into text', () => {
    expect(displayText(undefined)).toBe('');
    expect(displayText(42)).toBe('42');
  });
});
