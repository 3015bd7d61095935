/**
 * Device strings are attacker-controlled data (DESIGN.md "Security model"): decode them, cap them and
 * strip control characters before anything displays them. Nothing here ever produces HTML.
 */

/** Raw sysDescr is kept for evidence, but never more than this (bytes of text). */
export const RAW_TEXT_CAP = 4096;
/** Display fields (model, serial, interface names…) are capped shorter. */
export const FIELD_CAP = 256;

/** Decode an OCTET STRING: UTF-8 when valid, else Latin-1 (old agents send 8-bit vendor strings). */
export function decodeOctets(value: unknown, cap = RAW_TEXT_CAP): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.slice(0, cap);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (!Buffer.isBuffer(value)) return '';
  const b = value.subarray(0, cap * 4);
  const utf8 = b.toString('utf8');
  const text = utf8.includes('\uFFFD') ? b.toString('latin1') : utf8;
  return text.slice(0, cap);
}

/**
 * For display: control characters (C0, DEL, C1, and ANSI escape sequences) removed, line breaks and
 * tabs folded to single spaces, trimmed, capped. Angle brackets and quotes stay: they are text.
 */
export function displayText(s: string, cap = FIELD_CAP): string {
  return s
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .replace(/[\r\n\t\v\f]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim()
    .slice(0, cap);
}

/** Keep line structure (parsers look at lines) but drop other control characters; capped at 4 KB. */
export function rawText(s: string, cap = RAW_TEXT_CAP): string {
  return s
    .slice(0, cap)
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

/** A value worth keeping: printable, not an anonymisation placeholder, not a run of zeros or blanks. */
export function meaningful(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const t = displayText(s);
  if (t === '' || /^[0\s.-]*$/.test(t)) return undefined;
  if (/[\uFFFD]/.test(t)) return undefined;
  return t;
}

/** True when a buffer is mostly printable text (ENTITY-MIB descr fields sometimes hold binary blobs). */
export function isMostlyPrintable(value: unknown): boolean {
  if (!Buffer.isBuffer(value)) return typeof value === 'string';
  if (value.length === 0) return true;
  let printable = 0;
  for (const c of value) if ((c >= 0x20 && c < 0x7f) || c === 0x0a || c === 0x0d || c === 0x09 || c >= 0xc0) printable++;
  return printable / value.length > 0.9 && !value.includes(0);
}
