/**
 * Secrets never leave the engine in a report, a diff or evidence: SNMP communities, passwords and password
 * hashes, keys (TACACS+/RADIUS/NTP/OSPF/BGP), IPsec pre-shared keys, private keys. The patterns follow each
 * platform's configuration syntax; what they keep is the statement, so an auditor still sees the setting.
 */
export const REDACTED = '<redacted>';

const LINE_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // IOS/NX-OS/EOS/ASA: snmp-server community <name> …, snmp-server host <ip> [version 2c] <community>
  [/^(\s*snmp-server community\s+)\S+/i, `$1${REDACTED}`],
  [/^(\s*snmp-server host\s+\S+(?:\s+(?:traps|informs))?(?:\s+version\s+(?:1|2c|3\s+\S+))?\s+)\S+/i, `$1${REDACTED}`],
  // snmp-server user <user> <group> v3 auth sha <key> priv aes 128 <key>
  [/(\bauth\s+(?:md5|sha\S*)\s+)\S+/gi, `$1${REDACTED}`],
  [/(\bpriv\s+(?:des\S*|3des|aes(?:\s+\d+)?)\s+)\S+/gi, `$1${REDACTED}`],
  // username x [privilege n] secret|password [type] <value>; enable secret|password [type] <value>
  [/(\b(?:secret|password)\s+(?:\d+\s+|sha512\s+|sha256\s+|md5\s+)?)\S+/gi, `$1${REDACTED}`],
  // key 7 …, key-string …, tacacs/radius key, ntp authentication-key n md5 <key>, pre-shared-key
  [/(\b(?:key-string|pre-shared-key(?:\s+(?:local|remote))?|authentication-key\s+\d+\s+\S+|message-digest-key\s+\d+\s+md5|server-key)\s+(?:\d\s+)?)\S+/gi, `$1${REDACTED}`],
  [/^(\s*(?:(?:tacacs-server|radius-server)\s+)?key\s+(?:[07]\s+)?)\S+/i, `$1${REDACTED}`],
  [/(\b(?:tacacs-server|radius-server)\s+host\s+.*?\bkey\s+(?:[07]\s+)?)\S+/i, `$1${REDACTED}`],
  [/(\bisakmp key\s+(?:[06]\s+)?)\S+/i, `$1${REDACTED}`],
  // Junos: encrypted-password "…", secret "…", authentication-key "…", community <name> (set form)
  [/(\b(?:encrypted-password|secret|authentication-key|authentication-password|privacy-password|pre-shared-key\s+ascii-text|hexadecimal-key|ascii-text)\s+)("[^"]*"|\S+)/gi, `$1${REDACTED}`],
  [/(\bsnmp\s+community\s+)("[^"]*"|\S+)/gi, `$1${REDACTED}`],
  [/(\btrap-group\s+)("[^"]*"|\S+)/gi, `$1${REDACTED}`],
  // FortiOS: set password ENC …, set psksecret ENC …, set passwd …, set name <community> under snmp community
  [/^(\s*set\s+(?:password|passwd|psksecret|ppk-secret|auth-pwd|priv-pwd|secret|key|auth-password|server-key|fortitoken)\s+)(?:ENC\s+)?("[^"]*"|\S+)/i, `$1${REDACTED}`],
  // RouterOS: name=<community> in /snmp community; password=, authentication-password=, encryption-password=, secret=
  [/(\b(?:password|authentication-password|encryption-password|secret|psk|wpa2?-pre-shared-key|passphrase|private-key)=)("[^"]*"|\S+)/gi, `$1${REDACTED}`],
];

const PEM = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g;

/** Redact one configuration line (or any single line of device text). */
export function redactLine(line: string, context?: { section?: string }): string {
  let out = line;
  for (const [re, rep] of LINE_PATTERNS) out = out.replace(re, rep);
  // RouterOS `/snmp community add name=<community>` and FortiOS `config system snmp community / set name`.
  if (context?.section && /snmp community/i.test(context.section)) {
    out = out.replace(/(\bname=)("[^"]*"|\S+)/i, `$1${REDACTED}`).replace(/^(\s*set\s+name\s+)("[^"]*"|\S+)/i, `$1${REDACTED}`);
  }
  return out;
}

/** Redact a whole configuration text (or a diff), tracking RouterOS/FortiOS sections for community names. */
export function redactText(text: string): string {
  let section: string | undefined;
  return text
    .replace(PEM, `-----BEGIN PRIVATE KEY-----\n${REDACTED}\n-----END PRIVATE KEY-----`)
    .split('\n')
    .map((line) => {
      const body = line.replace(/^[+\- ]/, '');
      if (/^\s*\/[a-z]/.test(body) || /^\s*config\s/.test(body)) section = body.trim();
      return redactLine(line, section ? { section } : {});
    })
    .join('\n');
}

const SECRET_KEY = /pass(word|phrase)?|secret|community|psk|pre-?shared|private-?key|auth-?key|priv-?key|token|credential-?value/i;

/** Redact a structured value (audit details, rollout parameters): secret-looking keys lose their values. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 20) return REDACTED;
  if (typeof value === 'string') return value.includes('\n') ? redactText(value) : redactLine(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEY.test(k) && v !== null && typeof v !== 'object' ? REDACTED : redactValue(v, depth + 1)]),
    );
  }
  return value;
}

/** Device strings are data: strip control characters (ANSI included) and cap the length for display. */
export function displayText(s: string, maxChars = 500): string {
  const clean = s.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, ' ');
  return clean.length > maxChars ? `${clean.slice(0, maxChars)}…` : clean;
}
