/**
 * What the SSH identification line (RFC 4253 §4.2) and the CLI prompt give away before any command runs.
 * Cisco IOS/IOS-XE/ASA send `SSH-2.0-Cisco-1.25`, RouterOS `SSH-2.0-ROSSSH`, Huawei `SSH-2.0-HUAWEI-1.5`;
 * Junos, EOS, NX-OS, VyOS and Linux all run OpenSSH, OpenWrt and many embedded boxes Dropbear.
 */
export type BannerHint = 'cisco' | 'routeros' | 'huawei' | 'openssh' | 'dropbear' | 'unknown';

export function hintFromBanner(banner: string): BannerHint {
  if (/^SSH-[\d.]+-Cisco/i.test(banner)) return 'cisco';
  if (/^SSH-[\d.]+-ROSSSH/i.test(banner)) return 'routeros';
  if (/^SSH-[\d.]+-(HUAWEI|VRP)/i.test(banner)) return 'huawei';
  if (/^SSH-[\d.]+-OpenSSH/i.test(banner)) return 'openssh';
  if (/^SSH-[\d.]+-dropbear/i.test(banner)) return 'dropbear';
  return 'unknown';
}

export type PromptHint = 'routeros' | 'fortios' | 'junos' | 'cisco-like' | 'shell' | 'unknown';

/** RouterOS `[admin@MikroTik] > `, FortiOS `FGT60F # ` (space before #), Junos `user@host> `, IOS `R1#`, shells `…$`. */
export function hintFromPrompt(prompt: string): PromptHint {
  const p = prompt.trimEnd();
  if (/^\[[^\]\s]+@[^\]]+\][^>]*>$/.test(p)) return 'routeros';
  if (/^[A-Za-z0-9][\w.-]* (\([\w.-]+\) )?[#$]$/.test(p)) return 'fortios';
  if (/^[\w.-]+@[\w.-]+[>#%]$/.test(p) && !p.includes(':')) return 'junos';
  if (/^[A-Za-z0-9][\w.-]*(\([\w-]+\))?[#>]$/.test(p)) return 'cisco-like';
  if (/[$]$|:~?[\w/.-]*[#$]$/.test(p)) return 'shell';
  return 'unknown';
}

/** The host name a prompt shows, as a last resort when no command output named it. */
export function hostnameFromPrompt(prompt: string): string | undefined {
  const p = prompt.trimEnd();
  const m =
    /^\[[^\]@\s]+@([^\]\s]+)\]/.exec(p) ?? // RouterOS
    /^[\w.-]+@([\w.-]+)[>#%:]/.exec(p) ?? // Junos, Linux user@host
    /^([A-Za-z0-9][\w.-]*?)(?:\s*\([\w.-]+\))?\s*[#>$]$/.exec(p); // IOS, EOS, FortiOS
  return m?.[1];
}
