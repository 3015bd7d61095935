import type { Platform } from '../../../../shared/domain/device';

/** What one command's output says about a device; parsers fill what they find and leave the rest out. */
export interface ParsedSshFacts {
  platform: Platform;
  vendor?: string;
  osName?: string;
  osVersion?: string;
  model?: string;
  serial?: string;
  hostname?: string;
}

const FIELD_MAX_CHARS = 128;

/** Device strings are data: one line, no control characters, capped. Empty → undefined. */
export function field(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const clean = value
    .replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, '')
    .replace(/[\x00-\x1f\x7f-\x9f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, FIELD_MAX_CHARS);
  return clean.length > 0 ? clean : undefined;
}

/** First capture group of the first line matching `re` (multiline), cleaned. */
export function grab(text: string, re: RegExp): string | undefined {
  const m = re.exec(text);
  return field(m?.[1]);
}

/** Drops undefined fields so results compare and serialise cleanly. */
export function compact(facts: ParsedSshFacts): ParsedSshFacts {
  const out: ParsedSshFacts = { platform: facts.platform };
  for (const key of ['vendor', 'osName', 'osVersion', 'model', 'serial', 'hostname'] as const) {
    const v = facts[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** `key: value` lines (RouterOS `print`, FortiOS `get system status`): keys lower-cased, first one wins. */
export function keyValueLines(text: string, separator: RegExp = /^\s*([A-Za-z][\w .()/-]*?)\s*:\s?(.*)$/): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = separator.exec(line);
    if (!m?.[1]) continue;
    const key = m[1].trim().toLowerCase();
    if (!map.has(key)) map.set(key, (m[2] ?? '').trim());
  }
  return map;
}
