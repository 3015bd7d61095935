/**
 * Who changed a device's configuration, from the syslog message the device sent about it. Pure: the threats
 * ingest can call it on every message and the archive attaches the result to an out-of-band change event.
 */
export interface ConfigChangeAttribution {
  user: string;
  /** How the user reached the device: vty0, console, ssh, cli, netconf, web… */
  via?: string;
  /** Where the session came from, when the device says (an address). */
  from?: string;
  platformHint: 'ios' | 'eos' | 'junos' | 'fortios' | 'routeros' | 'frr';
  /** The message text that matched, capped. */
  evidence: string;
}

const MAX_FIELD = 64;

function field(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const t = s.replace(/[\x00-\x1f\x7f]/g, '').trim().slice(0, MAX_FIELD);
  return t === '' ? undefined : t;
}

interface Rule {
  re: RegExp;
  platformHint: ConfigChangeAttribution['platformHint'];
}

/** Named groups: user (required), via, from. */
const RULES: Rule[] = [
  // Cisco IOS/IOS-XE and Arista EOS: %SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.1.1.5)
  { re: /%SYS-5-CONFIG_I: Configured from (?<source>\S+) by (?<user>\S+?)(?: on (?<via>\S+))?(?: \((?<from>[0-9a-fA-F.:]+)\))?\s*$/, platformHint: 'ios' },
  // EOS configure sessions: %SYS-5-CONFIG_SESSION_COMMIT_SUCCESS: Configuration session x committed by user admin
  { re: /%SYS-5-CONFIG_SESSION_COMMIT(?:_SUCCESS)?: .*?committed by user (?<user>\S+)(?: on (?<via>\S+))?(?: \((?<from>[0-9a-fA-F.:]+)\))?/, platformHint: 'eos' },
  // IOS-XE archive log config / EOS: %PARSER-5-CFGLOG_LOGGEDCMD: User:admin  logged command:…
  { re: /%PARSER-5-CFGLOG_LOGGEDCMD: User:(?<user>\S+)/, platformHint: 'ios' },
  // Junos: UI_COMMIT: User 'admin' requested 'commit' operation (comment: none)
  { re: /UI_COMMIT(?:_CONFIRMED)?: User '(?<user>[^']+)' (?:requested '(?:commit|commit confirmed)[^']*'|performed commit)/, platformHint: 'junos' },
  // Junos: UI_COMMIT_COMPLETED is not attributed; UI_CFG_AUDIT_SET: User 'admin' set: …
  { re: /UI_CFG_AUDIT_(?:SET|NEW|DELETE)[A-Z_]*: User '(?<user>[^']+)'/, platformHint: 'junos' },
  // FortiOS event log: logdesc="Object attribute configured" user="admin" ui="ssh(10.0.0.5)" action="Edit"
  { re: /logdesc="(?:Object attribute configured|Attribute configured|Object configured)"[^\n]*?\buser="(?<user>[^"]+)"(?:[^\n]*?\bui="(?<via>[a-zA-Z]+)(?:\((?<from>[0-9a-fA-F.:]+)\))?")?/, platformHint: 'fortios' },
  // RouterOS system log: "system,info … changed by admin" / "… added by admin" / "… removed by admin"
  { re: /system,info(?:,account)? [^\n]*?\b(?:changed|added|removed) by (?<via>winbox|ssh|telnet|api|web|ftp)?-?(?<user>[A-Za-z0-9_.@-]+?)(?:@(?<from>[0-9a-fA-F.:]+))?(?:\s|$|\()/, platformHint: 'routeros' },
  // FRR vtysh with `log commands`: vtysh[123]: [user admin] configure terminal… (vtysh logs "VTY [user] cmd")
  { re: /vtysh\[\d+\]: (?:\S+ )?\[?(?<user>[A-Za-z0-9_.-]+)@[^\]\s]*\]?:? (?:configure|conf t|write)/, platformHint: 'frr' },
];

/** The attribution in one syslog message, or undefined when it is not a configuration-change message. */
export function parseConfigChangeSyslog(message: string): ConfigChangeAttribution | undefined {
  const text = message.slice(0, 4096);
  for (const rule of RULES) {
    const m = rule.re.exec(text);
    const user = field(m?.groups?.user);
    if (!m || !user) continue;
    const out: ConfigChangeAttribution = { user, platformHint: rule.platformHint, evidence: m[0].replace(/[\x00-\x1f\x7f]/g, '').slice(0, 256) };
    const via = field(m.groups?.via ?? m.groups?.source);
    if (via) out.via = via;
    const from = field(m.groups?.from);
    if (from) out.from = from;
    return out;
  }
  return undefined;
}
