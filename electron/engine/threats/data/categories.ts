import type { InsightCategory } from '../../../../shared/domain/insight';

/**
 * Vendor words → our plain categories. Checked in order against the signature first (most specific), then
 * the vendor's category. Snort/Suricata classtypes are from classification.config; PAN-OS threat categories
 * from "Threat Categories" in the PAN-OS admin guide; FortiGuard and Juniper names from their encyclopedias.
 */
export const CATEGORY_RULES: ReadonlyArray<{ pattern: RegExp; category: InsightCategory }> = [
  { pattern: /brute[ _.-]?force|login (attempt|failure)|password guess|auth(entication)? fail|credential stuffing|rdp.*login/i, category: 'brute-force' },
  { pattern: /\b(c&c|cnc|c2|command[ -]and[ -]control|botnet|beacon)\b|command-and-control|\bcc\b/i, category: 'botnet-c2' },
  { pattern: /sql[ -_]?inj|xss|cross[ -]site|directory traversal|path traversal|web application attack|web-attack|webshell|http.*(injection|traversal)/i, category: 'web-attack' },
  { pattern: /\bscan|sweep|recon|probe|nmap|masscan|network scan|information leak|info-leak|fingerprint/i, category: 'reconnaissance' },
  { pattern: /flood|\bdos\b|ddos|denial of service|amplification|syn[_ ]?flood|icmp_flood|udp_flood/i, category: 'denial-of-service' },
  { pattern: /exfil|data leak|data-loss|\bdlp\b|data theft|dns tunnel/i, category: 'data-exfiltration' },
  { pattern: /trojan|malware|virus|ransom|worm|spyware|backdoor|coin ?miner|cryptomin|wildfire|executable code|adware/i, category: 'malware' },
  { pattern: /exploit|overflow|code[- _.]execution|remote code|overrun|privilege gain|\bcve-\d{4}-\d+|vulnerability|shellcode|heartbleed|injection/i, category: 'exploit' },
  { pattern: /policy|privacy violation|inappropriate|app-ctrl|application control|tor |p2p|proxy avoidance|games|social/i, category: 'policy-violation' },
  { pattern: /anomal|bad traffic|suspicious|unusual|protocol-command-decode|misc activity|hunting/i, category: 'anomaly' },
];

export function categorise(signature: string, vendorCategory: string | undefined, hint: InsightCategory | undefined): InsightCategory {
  for (const rule of CATEGORY_RULES) if (rule.pattern.test(signature)) return rule.category;
  if (hint) return hint;
  if (vendorCategory) for (const rule of CATEGORY_RULES) if (rule.pattern.test(vendorCategory)) return rule.category;
  return 'unknown';
}
