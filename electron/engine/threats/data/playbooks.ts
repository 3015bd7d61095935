import type { InsightCategory, Playbook } from '../../../../shared/domain/insight';

/**
 * One plain-language explanation and response playbook per category, written for the admin on duty, not the
 * security specialist. Steps follow NIST SP 800-61r2's contain → eradicate → recover order where it applies.
 */
export const PLAYBOOKS: Readonly<Record<InsightCategory, Playbook>> = {
  'brute-force': {
    category: 'brute-force',
    title: 'Someone is guessing passwords',
    explanation:
      'A source is trying many logins against a service (SSH, RDP, VPN, web login). One success is enough for them to get in with a real account.',
    urgency: 'Act today; act now if any attempt succeeded or the target is an admin interface.',
    steps: [
      'Check whether any login from the source succeeded (device and server auth logs).',
      'Block the source address at the edge, or rate-limit the service.',
      'If the service faces the internet and does not need to, restrict it to the management network or VPN.',
      'Require key-based or multi-factor login for the targeted accounts; rotate any password that may be guessed.',
    ],
  },
  exploit: {
    category: 'exploit',
    title: 'An attack on a software flaw',
    explanation:
      'Traffic matched a known attack against a vulnerability (often named by a CVE). If the target runs the vulnerable version, the attacker may run code on it.',
    urgency: 'Act today if the action was not "blocked" or "dropped"; within the week otherwise.',
    steps: [
      'Identify the target host and whether it runs the affected software and version.',
      'Patch or upgrade it; until then, keep the IPS signature in blocking mode.',
      'If the attempt was only alerted, look at the target for signs of compromise (new processes, accounts, outbound connections).',
      'Block the source if it keeps trying.',
    ],
  },
  malware: {
    category: 'malware',
    title: 'Malicious software on the move',
    explanation:
      'A file or traffic pattern matched known malware. Either a host downloaded something harmful or an infected host is active.',
    urgency: 'Act now: isolate first, investigate second.',
    steps: [
      'Find the internal host involved (source for downloads, source for outbound infection traffic).',
      'Isolate it from the network (switch port, VLAN or NAC quarantine).',
      'Scan or re-image it with your endpoint tools; check other hosts for the same indicator.',
      'Block the download site or file hash at the firewall.',
    ],
  },
  'botnet-c2': {
    category: 'botnet-c2',
    title: 'A device is talking to an attacker\'s control server',
    explanation:
      'An internal host contacted a known command-and-control address or used a botnet protocol. This usually means the host is already infected and takes orders from outside.',
    urgency: 'Act now.',
    steps: [
      'Identify the internal host (the source address) and its owner.',
      'Isolate it; block the destination address and domain at the firewall and DNS.',
      'Re-image or clean the host; reset credentials used on it.',
      'Search the other insights for the same destination: other infected hosts will show up there.',
    ],
  },
  reconnaissance: {
    category: 'reconnaissance',
    title: 'Someone is mapping the network',
    explanation:
      'A source is probing many addresses or ports to find services. Scans are common from the internet and usually harmless alone, but from inside the network they often precede an attack.',
    urgency: 'From outside: review weekly. From inside: act today.',
    steps: [
      'Check whether the source is internal; internal scanning that is not your own tooling is suspicious.',
      'Make sure only intended services answer on the scanned addresses.',
      'Block or rate-limit persistent external scanners at the edge.',
    ],
  },
  'denial-of-service': {
    category: 'denial-of-service',
    title: 'Traffic meant to overwhelm a service',
    explanation:
      'A flood of packets or requests aims to exhaust a link, a device or a service so that real users cannot reach it.',
    urgency: 'Act now if users are affected.',
    steps: [
      'Check the affected link and device load on the map (interface utilisation, CPU).',
      'Apply or tighten DoS policies / rate limits on the edge device.',
      'If the link is saturated upstream, ask your ISP or DDoS-protection provider to filter.',
    ],
  },
  'web-attack': {
    category: 'web-attack',
    title: 'An attack on a web application',
    explanation:
      'Requests tried SQL injection, cross-site scripting, path traversal or similar tricks against a web application.',
    urgency: 'Act today if the application is exposed and the action was not blocking.',
    steps: [
      'Identify the web application and check its logs for the same requests and their responses.',
      'Keep the signature in blocking mode, or put the application behind a web application firewall.',
      'Ask the application owner to fix the input handling; patch the framework or CMS.',
    ],
  },
  'policy-violation': {
    category: 'policy-violation',
    title: 'Traffic your policy does not allow',
    explanation:
      'An application or destination that your policy restricts was used (for example anonymisers, peer-to-peer, unapproved cloud services). It is not necessarily an attack.',
    urgency: 'Review within the week.',
    steps: [
      'Identify the user or host behind the source address.',
      'Decide whether the use is legitimate; if so, adjust the policy, otherwise block it and inform the user.',
    ],
  },
  'data-exfiltration': {
    category: 'data-exfiltration',
    title: 'Data may be leaving the network',
    explanation:
      'Traffic looks like data being smuggled out (unusual uploads, DNS tunnelling, sensitive content leaving).',
    urgency: 'Act now.',
    steps: [
      'Identify the internal host and what data it can reach.',
      'Block the destination; isolate the host if the transfer is ongoing.',
      'Involve your security or privacy officer: a data breach may need to be reported.',
    ],
  },
  anomaly: {
    category: 'anomaly',
    title: 'Unusual traffic',
    explanation:
      'Traffic differs from what is normal (a protocol used oddly, a spike, a suspicious pattern) without matching a known attack. It may be a misconfiguration or the early sign of an attack.',
    urgency: 'Review today if it repeats or concerns critical segments.',
    steps: [
      'Compare with the baseline on the map: is the host or interface doing something new?',
      'Ask the owner of the host whether the traffic is expected.',
      'Watch for related insights from the same source.',
    ],
  },
  unknown: {
    category: 'unknown',
    title: 'A message Routewise could not read',
    explanation:
      'A device sent a message in a format Routewise does not know yet. It is kept as it arrived so nothing is lost.',
    urgency: 'No action needed unless the device is expected to report threats.',
    steps: [
      'Look at the raw message: if it is a threat report, tell the Routewise team which device and format it came from.',
      'Check the device is configured to send its threat logs in a supported format (syslog, CEF, LEEF or EVE JSON).',
    ],
  },
};
