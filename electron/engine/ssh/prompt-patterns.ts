import type { Platform } from '../../../shared/domain/device';
import { renderTerminalLines } from './terminal-text';

/**
 * Prompt and pager shapes across network CLIs. A prompt is the unterminated last line, ending in one of
 * `# > $ % ]` (IOS `R1#`, Junos `user@r1> `, RouterOS `[admin@MikroTik] > `, FortiOS `FGT # `,
 * Linux `root@h:~# `, VRP `<HUAWEI>`).
 */
const PROMPT_TERMINATOR = /[#>$%\]]$/;
const MAX_PROMPT_CHARS = 160;

export function isPromptCandidate(line: string): boolean {
  const t = line.trimEnd();
  return t.length > 0 && t.length <= MAX_PROMPT_CHARS && PROMPT_TERMINATOR.test(t) && !PAGER_AT_END.test(t);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A matcher for the prompt we detected and its mode variants: `R1#` also matches `R1(config)#` and `R1>`,
 * `user@r1> ` also `user@r1# `, `[admin@MikroTik] > ` also `[admin@MikroTik] /ip address> `.
 */
export function promptMatcher(prompt: string): RegExp {
  const t = prompt.trimEnd();
  const base = t.replace(/\s*[#>$%\]]$/, '');
  if (base.length === 0) return new RegExp(`^${escapeRegExp(t)}$`);
  return new RegExp(`^${escapeRegExp(base)}[^\\n]{0,80}?\\s*[#>$%\\]]$`);
}

/**
 * Pager markers that wait for a key: IOS/EOS ` --More-- `, NX-OS/ASA `--More--`, Junos `---(more)---` and
 * `---(more 42%)---`, FortiOS `--More--`, VRP `  ---- More ----`, ProCurve `-- MORE --, next page: Space`,
 * and generic `Press any key to continue`.
 */
const PAGER_SOURCE =
  String.raw`(?:-{2,4}\s*more\s*-{2,4}|-{3}\(more(?:\s+\d{1,3}%)?\)-{3}|<-+\s*more\s*-+>|-- MORE --, next page: Space[^\n]*|press any key(?: to continue)?[^\n]{0,40}|\(more\))`;
const PAGER_AT_END = new RegExp(`${PAGER_SOURCE}\\s*$`, 'i');
const PAGER_ANYWHERE = new RegExp(PAGER_SOURCE, 'gi');

export function isPagerPrompt(tail: string): boolean {
  return PAGER_AT_END.test(tail.trimEnd());
}

/**
 * Command output as the admin would read it: escapes and erased pager markers gone, the echoed command line
 * and the trailing prompt removed, line endings normalised to `\n`.
 */
export function cleanCommandOutput(raw: string, command: string, prompt: RegExp): string {
  const lines = renderTerminalLines(raw).map((l) => l.replace(PAGER_ANYWHERE, '').trimEnd());
  const last = lines.at(-1);
  if (last !== undefined && prompt.test(last)) lines.pop();
  const cmd = command.trim();
  if (cmd.length > 0) {
    // The echo is the first line that ends with the command (the device may prefix it with the prompt).
    const echoAt = lines.findIndex((l, i) => i < 3 && l.trimEnd().endsWith(cmd));
    if (echoAt !== -1) lines.splice(0, echoAt + 1);
  }
  while (lines.length > 0 && lines[0]?.trim() === '') lines.shift();
  while (lines.length > 0 && lines.at(-1)?.trim() === '') lines.pop();
  return lines.join('\n');
}

/**
 * Commands that turn the pager off for this session only (nothing is written to the config). Platforms
 * without one (FortiOS needs a config change, RouterOS has none) rely on answering the pager.
 */
export function disablePagingCommand(platform: Platform): string | undefined {
  switch (platform) {
    case 'ios':
    case 'iosxe':
    case 'iosxr':
    case 'nxos':
    case 'eos':
    case 'dell-os10':
      return 'terminal length 0';
    case 'asa':
      return 'terminal pager 0';
    case 'junos':
      return 'set cli screen-length 0';
    case 'vrp':
      return 'screen-length 0 temporary';
    case 'comware':
      return 'screen-length disable';
    case 'arubaos-cx':
      return 'no page';
    case 'procurve':
      return 'no page';
    default:
      return undefined;
  }
}
