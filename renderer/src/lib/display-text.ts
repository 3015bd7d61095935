/**
 * Strings from devices and users (sysDescr, banners, labels) are data. React already renders them as text;
 * this also removes ANSI escape sequences and control characters and caps the length, so a hostile or
 * broken string cannot garble the layout.
 */
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

export const DEFAULT_MAX_CHARS = 500;

export function displayText(value: unknown, maxChars = DEFAULT_MAX_CHARS): string {
  const raw = typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
  const clean = raw.replace(ANSI, '').replace(CONTROL, '').replace(/[\t\n]+/g, ' ');
  const chars = Array.from(clean);
  return chars.length > maxChars ? `${chars.slice(0, maxChars - 1).join('')}…` : clean;
}
