import type { InsightCategory, TechniqueInfo } from '../../../../shared/domain/insight';

/**
 * MITRE ATT&CK (Enterprise, v15) techniques the mapping uses, named so the UI can say what they are.
 * https://attack.mitre.org/techniques/<id>/
 */
const T = (id: string, name: string, tactic: string): TechniqueInfo => ({
  id,
  name,
  tactic,
  url: `https://attack.mitre.org/techniques/${id.replace('.', '/')}/`,
});

export const TECHNIQUES: Readonly<Record<string, TechniqueInfo>> = Object.fromEntries(
  [
    T('T1110', 'Brute Force', 'Credential Access'),
    T('T1110.001', 'Brute Force: Password Guessing', 'Credential Access'),
    T('T1110.003', 'Brute Force: Password Spraying', 'Credential Access'),
    T('T1190', 'Exploit Public-Facing Application', 'Initial Access'),
    T('T1203', 'Exploitation for Client Execution', 'Execution'),
    T('T1105', 'Ingress Tool Transfer', 'Command and Control'),
    T('T1071', 'Application Layer Protocol', 'Command and Control'),
    T('T1071.001', 'Application Layer Protocol: Web Protocols', 'Command and Control'),
    T('T1071.004', 'Application Layer Protocol: DNS', 'Command and Control'),
    T('T1090.003', 'Proxy: Multi-hop Proxy', 'Command and Control'),
    T('T1046', 'Network Service Discovery', 'Discovery'),
    T('T1595', 'Active Scanning', 'Reconnaissance'),
    T('T1498', 'Network Denial of Service', 'Impact'),
    T('T1498.001', 'Network Denial of Service: Direct Network Flood', 'Impact'),
    T('T1498.002', 'Network Denial of Service: Reflection Amplification', 'Impact'),
    T('T1499', 'Endpoint Denial of Service', 'Impact'),
    T('T1041', 'Exfiltration Over C2 Channel', 'Exfiltration'),
    T('T1048', 'Exfiltration Over Alternative Protocol', 'Exfiltration'),
    T('T1496', 'Resource Hijacking', 'Impact'),
    T('T1566', 'Phishing', 'Initial Access'),
    T('T1204', 'User Execution', 'Execution'),
    T('T1021.001', 'Remote Services: Remote Desktop Protocol', 'Lateral Movement'),
    T('T1021.004', 'Remote Services: SSH', 'Lateral Movement'),
    T('T1059', 'Command and Scripting Interpreter', 'Execution'),
    T('T1505.003', 'Server Software Component: Web Shell', 'Persistence'),
  ].map((t) => [t.id, t]),
);

/** Signature words → technique, most specific first. */
export const TECHNIQUE_RULES: ReadonlyArray<{ pattern: RegExp; technique: string }> = [
  { pattern: /password spray/i, technique: 'T1110.003' },
  { pattern: /(ssh|telnet|ftp|rdp|smb|http|pop3|imap|sip).*(brute|login (attempt|failure)|auth(entication)? fail)|brute[ _.-]?force.*login/i, technique: 'T1110.001' },
  { pattern: /brute[ _.-]?force|login attempt|password guess/i, technique: 'T1110' },
  { pattern: /dns.*(tunnel|c2|cnc|c&c)|tunnel.*dns/i, technique: 'T1071.004' },
  { pattern: /\btor\b|onion/i, technique: 'T1090.003' },
  { pattern: /coin ?miner|cryptomin|xmrig|stratum/i, technique: 'T1496' },
  { pattern: /phish/i, technique: 'T1566' },
  { pattern: /web ?shell/i, technique: 'T1505.003' },
  { pattern: /amplification|reflect/i, technique: 'T1498.002' },
  { pattern: /flood/i, technique: 'T1498.001' },
  { pattern: /\bscan|sweep|nmap|masscan/i, technique: 'T1046' },
  { pattern: /(c&c|cnc|\bc2\b|command[ -]and[ -]control|botnet|beacon).*(http|web)|(http|web).*(c&c|cnc|\bc2\b|beacon)/i, technique: 'T1071.001' },
  { pattern: /(download|executable|\.exe\b|dropper|ingress)/i, technique: 'T1105' },
];

export const CATEGORY_TECHNIQUE: Readonly<Record<InsightCategory, string | null>> = {
  'brute-force': 'T1110',
  exploit: 'T1190',
  malware: 'T1105',
  'botnet-c2': 'T1071',
  reconnaissance: 'T1046',
  'denial-of-service': 'T1498',
  'web-attack': 'T1190',
  'policy-violation': null,
  'data-exfiltration': 'T1041',
  anomaly: null,
  unknown: null,
};

export function techniqueFor(signature: string, category: InsightCategory, explicit: string | undefined): string | null {
  if (explicit && /^T\d{4}(\.\d{3})?$/.test(explicit)) return explicit;
  for (const rule of TECHNIQUE_RULES) if (rule.pattern.test(signature)) return rule.technique;
  return CATEGORY_TECHNIQUE[category];
}
