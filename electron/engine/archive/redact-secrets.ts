/**
 * Redacts secrets in configuration text before it is shown to users (DESIGN.md: "logs, diffs and reports redact
 * communities, passwords and keys"). Each distinct secret gets a numbered placeholder (`<secret-1>`), the same one
 * wherever it appears in one Redactor, so a diff still shows THAT a secret changed without showing it.
 */
export class Redactor {
  private readonly ids = new Map<string, number>();

  placeholder(secret: string): string {
    let id = this.ids.get(secret);
    if (id === undefined) {
      id = this.ids.size + 1;
      this.ids.set(secret, id);
    }
    return `<secret-${id}>`;
  }

  redact(text: string): string {
    // The section a line belongs to decides some rules: RouterOS `/snmp community` then `add name=X`,
    // FortiOS `config system snmp community` then `set name "X"`.
    let section = '';
    return text
      .split('\n')
      .map((line) => {
        if (/^\/\S/.test(line)) section = line.trim();
        else if (/^\s*config /.test(line)) section = line.trim();
        return this.redactLine(line, section);
      })
      .join('\n');
  }

  private redactLine(line: string, section: string): string {
    let out = line;
    const rules = [...RULES, ...(SECTION_RULES.find(([s]) => s.test(section))?.[1] ?? [])];
    for (const rule of rules) {
      const m = rule.exec(out);
      if (m?.groups?.secret !== undefined && m.groups.secret !== '' && !isPlaceholder(m.groups.secret)) {
        const start = m.index + m[0].length - m.groups.secret.length - (m.groups.tail?.length ?? 0);
        out = `${out.slice(0, start)}${this.placeholder(m.groups.secret)}${out.slice(start + m.groups.secret.length)}`;
      }
    }
    return out;
  }
}

function isPlaceholder(s: string): boolean {
  return /^<secret-\d+>$/.test(s) || /^"<secret-\d+>"$/.test(s);
}

const Q = String.raw`(?<secret>"(?:[^"\\]|\\.)*"|\S+)`;

/** One rule per secret-bearing statement, each capturing the secret as `secret` (and what follows as `tail`). */
const RULES: RegExp[] = [
  // Cisco IOS/IOS-XE/EOS/FRR: SNMP communities (IOS config guide "snmp-server community string [RO|RW]").
  new RegExp(String.raw`^\s*(?:no\s+)?snmp-server community ${Q}`),
  // username x [privilege n] secret|password [type] SECRET (IOS, EOS role/secret sha512).
  new RegExp(String.raw`^\s*username \S+(?: .*?)? (?:secret|password)(?: (?:0|5|7|8|9|sha512))? ${Q}`),
  new RegExp(String.raw`^\s*enable (?:secret|password)(?: (?:0|5|7|8|9))? ${Q}`),
  // key strings: tacacs/radius `key 7 X`, `key-string X`, OSPF/BGP `authentication-key X`, `neighbor x password X`.
  new RegExp(String.raw`^\s*(?:tacacs-server|radius-server)(?: host \S+)?(?: .*?)? key(?: [07])? ${Q}`),
  new RegExp(String.raw`^\s*(?:key-string|ip ospf (?:authentication-key|message-digest-key \d+ md5)|ospf authentication-key)(?: [07])? ${Q}`),
  new RegExp(String.raw`^\s*neighbor \S+ password(?: [07])? ${Q}`),
  new RegExp(String.raw`^\s*(?:crypto isakmp key|pre-shared-key(?: \S+)?)(?: [06])? ${Q}`),
  // Junos set lines: community names, encrypted-password, authentication-key, secret, pre-shared-key.
  new RegExp(String.raw`^\s*set snmp community ${Q}`),
  new RegExp(String.raw`^\s*set .*?\s(?:encrypted-password|authentication-key|secret|pre-shared-key ascii-text|plain-text-password-value) ${Q}`),
  // Junos hierarchy: `community public {`, `encrypted-password "$6$…";`.
  new RegExp(String.raw`^\s*community ${Q}(?<tail> \{.*|;)$`),
  new RegExp(String.raw`^\s*(?:encrypted-password|authentication-key|secret|ascii-text) ${Q.replace('\\S+', '[^;\\s]+')}(?<tail>;.*)$`),
  // RouterOS: key=value secrets (`password=`, `secret=`, `authentication-password=`).
  new RegExp(String.raw`\b(?:password|secret|authentication-password|encryption-password|private-key|psk)=${Q}`),
  // FortiOS: `set password ENC …`, `set passwd`, `set psksecret`, `set community` names in snmp community blocks.
  new RegExp(String.raw`^\s*set (?:password|passwd|psksecret|secret|key|auth-pwd|priv-pwd|private-key)(?: ENC)? ${Q}`),
];

/** Rules that apply only inside a section: SNMP community names are secrets there, names elsewhere are not. */
const SECTION_RULES: Array<[RegExp, RegExp[]]> = [
  [/^\/snmp community$/, [new RegExp(String.raw`^(?:add|set)\b.*?\bname=${Q}`)]],
  [/^config system snmp community$/, [new RegExp(String.raw`^\s*set name ${Q}`)]],
];

/** Redacts one text on its own (placeholders numbered within it). */
export function redactSecrets(text: string): string {
  return new Redactor().redact(text);
}
