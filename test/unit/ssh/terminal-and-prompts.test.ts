import { describe, expect, it } from 'vitest';
import {
  cleanCommandOutput,
  disablePagingCommand,
  isPagerPrompt,
  isPromptCandidate,
  promptMatcher,
} from '../../../electron/engine/ssh/prompt-patterns';
import { renderLine, renderTail, sanitizeForDisplay, stripAnsi, tailForDisplay } from '../../../electron/engine/ssh/terminal-text';
import { hintFromBanner, hintFromPrompt, hostnameFromPrompt } from '../../../electron/engine/discovery/identify/ssh-platform-hints';

describe('terminal text', () => {
  it('strips CSI colour, cursor, OSC title and charset escapes', () => {
    expect(stripAnsi('\x1b[1;32mgreen\x1b[0m \x1b[2K\x1b[80Dx \x1b]0;title\x07y \x1b(Bz')).toBe('green x y z');
  });

  it('applies backspaces and carriage returns the way a terminal draws them', () => {
    expect(renderLine(' --More-- ' + '\b'.repeat(10) + ' '.repeat(10) + '\b'.repeat(10) + 'next line')).toBe('next line');
    expect(renderLine('---(more)---\r            \rrest')).toBe('rest');
    expect(renderLine('abc\r\n'.replace('\n', ''))).toBe('abc');
    expect(renderTail('line1\r\nR1#')).toBe('R1#');
  });

  it('sanitises device text for display: no control characters, capped', () => {
    const s = sanitizeForDisplay(`\x1b[31m<script>x</script>\x07\x00${'A'.repeat(1000)}`, 50);
    expect(s.startsWith('<script>x</script>')).toBe(true);
    expect(s).not.toMatch(/[\x00-\x08\x1b]/);
    expect(s.length).toBeLessThan(90);
    expect(tailForDisplay('x'.repeat(1000) + 'END', 10)).toBe('…xxxxxxxEND');
  });
});

describe('prompt and pager shapes', () => {
  it('accepts prompts of the common CLIs and rejects output lines', () => {
    for (const p of ['R1#', 'R1>', 'admin@pe1> ', 'admin@pe1# ', '[admin@MikroTik] > ', 'FGT60F # ', 'root@h:~# ', 'user@h:~$ ', '<HUAWEI>', '[HUAWEI]', 'sw1(config-if)#']) {
      expect(isPromptCandidate(p), p).toBe(true);
    }
    for (const l of ['', 'Interface is up', ' --More-- ', 'x'.repeat(200) + '#']) expect(isPromptCandidate(l), l).toBe(false);
  });

  it('matches mode variants of the detected prompt but not other hosts', () => {
    const ios = promptMatcher('R1#');
    expect(ios.test('R1(config)#')).toBe(true);
    expect(ios.test('R1(config-if)#')).toBe(true);
    expect(ios.test('R1>')).toBe(true);
    expect(ios.test('R2#')).toBe(false);
    const junos = promptMatcher('admin@pe1> ');
    expect(junos.test('admin@pe1#')).toBe(true);
    const ros = promptMatcher('[admin@MikroTik] >');
    expect(ros.test('[admin@MikroTik] /ip address>')).toBe(true);
  });

  it('recognises every pager marker the session answers', () => {
    for (const m of [' --More-- ', '--More--', '-- More --', '---(more)---', '---(more 42%)---', '  ---- More ----', 'Press any key to continue', '<--- More --->', '-- MORE --, next page: Space, next line: Enter, quit: Control-C']) {
      expect(isPagerPrompt(m), m).toBe(true);
    }
    expect(isPagerPrompt('show more detail')).toBe(false);
  });

  it('cleans output: echo, pager residue and trailing prompt removed', () => {
    const raw = 'show clock\r\n12:00:00 UTC\r\n --More-- \b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\bMon Jan 1\r\nR1#';
    expect(cleanCommandOutput(raw, 'show clock', promptMatcher('R1#'))).toBe('12:00:00 UTC\nMon Jan 1');
  });

  it('knows how to switch paging off where a session-only command exists', () => {
    expect(disablePagingCommand('ios')).toBe('terminal length 0');
    expect(disablePagingCommand('junos')).toBe('set cli screen-length 0');
    expect(disablePagingCommand('asa')).toBe('terminal pager 0');
    expect(disablePagingCommand('fortios')).toBeUndefined();
  });
});

describe('platform hints', () => {
  it('reads the identification line', () => {
    expect(hintFromBanner('SSH-2.0-Cisco-1.25')).toBe('cisco');
    expect(hintFromBanner('SSH-2.0-ROSSSH')).toBe('routeros');
    expect(hintFromBanner('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3')).toBe('openssh');
    expect(hintFromBanner('SSH-2.0-dropbear_2022.83')).toBe('dropbear');
    expect(hintFromBanner('SSH-2.0-HUAWEI-1.5')).toBe('huawei');
    expect(hintFromBanner('SSH-2.0-xW3kPq9z')).toBe('unknown');
  });

  it('reads the prompt', () => {
    expect(hintFromPrompt('[admin@MikroTik] > ')).toBe('routeros');
    expect(hintFromPrompt('FGT-Branch-07 # ')).toBe('fortios');
    expect(hintFromPrompt('FGT (global) # ')).toBe('fortios');
    expect(hintFromPrompt('admin@pe1-ams> ')).toBe('junos');
    expect(hintFromPrompt('R1#')).toBe('cisco-like');
    expect(hintFromPrompt('root@edge-gw:~# ')).toBe('shell');
    expect(hostnameFromPrompt('[admin@MikroTik] > ')).toBe('MikroTik');
    expect(hostnameFromPrompt('admin@pe1-ams> ')).toBe('pe1-ams');
    expect(hostnameFromPrompt('R1(config)#')).toBe('R1');
    expect(hostnameFromPrompt('FGT-Branch-07 # ')).toBe('FGT-Branch-07');
  });
});
