/**
 * Interface names as devices abbreviate them in LLDP/CDP ("Gi1/0/3", "Te1/1/1", "Eth1/49") normalised to one
 * comparable form, so both ends of a link match whatever spelling each side used.
 */
const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/^(hundredgige|hundredgigabitethernet|hu)(?=\d)/, 'hundredgigabitethernet'],
  [/^(fortygigabitethernet|fortygige|fo)(?=\d)/, 'fortygigabitethernet'],
  [/^(twentyfivegige|twentyfivegigabitethernet|twe)(?=\d)/, 'twentyfivegigabitethernet'],
  [/^(tengigabitethernet|tengige|te)(?=\d)/, 'tengigabitethernet'],
  [/^(gigabitethernet|gige|gi|ge)(?=\d)/, 'gigabitethernet'],
  [/^(fastethernet|fa)(?=\d)/, 'fastethernet'],
  [/^(ethernet|eth|et)(?=\d)/, 'ethernet'],
  [/^(port-channel|portchannel|po)(?=\d)/, 'port-channel'],
  [/^(management|mgmt|ma)(?=\d)/, 'management'],
];

export function normaliseIfName(name: string): string {
  let n = name.trim().toLowerCase().replace(/\s+/g, '');
  // Junos logical units (ge-0/0/0.0) are the same physical port for topology purposes.
  if (/^(ge|xe|et|ae)-\d/.test(n)) return n.replace(/\.\d+$/, '');
  for (const [re, full] of ABBREVIATIONS) {
    if (re.test(n)) {
      n = n.replace(re, full);
      break;
    }
  }
  return n;
}
