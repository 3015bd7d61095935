import { looksLikeArista, parseAristaShowVersion } from './ssh-parse-arista';
import { looksLikeCisco, parseCiscoShowVersion } from './ssh-parse-cisco';
import type { ParsedSshFacts } from './ssh-facts';
import { looksLikeJunos, parseJunosShowVersion } from './ssh-parse-junos';

/** `show version` is shared by IOS, IOS-XE, IOS-XR, NX-OS, ASA, EOS and Junos: pick the parser by content. */
export function parseShowVersion(text: string): ParsedSshFacts | undefined {
  if (looksLikeArista(text)) return parseAristaShowVersion(text);
  if (looksLikeJunos(text)) return parseJunosShowVersion(text);
  if (looksLikeCisco(text)) return parseCiscoShowVersion(text);
  return undefined;
}

/** What a CLI prints for a command it does not have; the next candidate command is tried instead. */
export function isCliError(output: string): boolean {
  return /^\s*(% ?(Invalid|Unknown|Incomplete|Ambiguous)|\^$|syntax error|unknown command|Command fail|bad command name|invalid command|expected end of command|-\S+: .*: (command )?not found|\S+: (command )?not found)/im.test(
    output,
  );
}
