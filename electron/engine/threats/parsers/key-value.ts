/**
 * key=value pairs as FortiOS and similar devices log them: values are bare words or double-quoted strings
 * in which \" escapes a quote (FortiOS Log Reference, "Log message format").
 */
export function parseKeyValues(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Za-z_][\w.-]*)=("((?:[^"\\]|\\.)*)"|[^\s]*)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const key = m[1] as string;
    const value = m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : (m[2] as string);
    if (!(key in out)) out[key] = value;
  }
  return out;
}
