import fs from 'node:fs';
import { z } from 'zod';
import type { DeviceFacts } from '../../../shared/domain/device';

/**
 * Compare our identification with the LibreNMS oracle beside each recording (`NAME.librenms.json`,
 * `os.discovery.devices[0]`). Mapping and normalisation, decided once here:
 * - os: our Platform mapped to LibreNMS's OS names (eos → arista_eos, fortios → fortigate,
 *   unifi → edgeswitch, aos → aos6/aos7/aos8); everything else is spelled the same.
 * - version: both lower-cased, split into tokens on blanks, commas, brackets and a leading "v";
 *   equal when one token sequence occurs contiguously inside the other ("17.12.4" in
 *   "CAT9K_IOSXE 17.12.4", "5.170 (V200R010C00SPC600)" in "5.170 (V200R010C00SPC600) [unlocked]").
 * - hardware: letters and digits only, lower-cased; equal when one contains the other and the shorter
 *   has at least 4 characters ("MX5-T" in "Juniper MX5-T Internet Backbone Router").
 * - serial: trimmed, exact.
 * Oracle fields that are null, empty or the anonymisation placeholder "<private>" are not compared.
 */
export const ORACLE_FIELDS = ['os', 'version', 'hardware', 'serial'] as const;
export type OracleField = (typeof ORACLE_FIELDS)[number];

const OracleFile = z.object({
  os: z.object({
    discovery: z.object({
      devices: z.array(
        z.object({
          os: z.string().nullable().optional(),
          version: z.string().nullable().optional(),
          hardware: z.string().nullable().optional(),
          serial: z.string().nullable().optional(),
        }),
      ),
    }),
  }),
});
export type Oracle = Partial<Record<OracleField, string>>;

export function readOracle(file: string): Oracle {
  const dev = OracleFile.parse(JSON.parse(fs.readFileSync(file, 'utf8'))).os.discovery.devices[0];
  const out: Oracle = {};
  for (const f of ORACLE_FIELDS) {
    const v = dev?.[f];
    if (typeof v === 'string' && v.trim() !== '' && v.trim() !== '<private>') out[f] = v.trim();
  }
  return out;
}

const OS_NAMES: Record<string, string> = { eos: 'arista_eos', fortios: 'fortigate', unifi: 'edgeswitch' };

export function ours(facts: DeviceFacts, field: OracleField): string | undefined {
  switch (field) {
    case 'os':
      return OS_NAMES[facts.platform] ?? facts.platform;
    case 'version':
      return facts.osVersion;
    case 'hardware':
      return facts.model;
    case 'serial':
      return facts.serial;
  }
}

const tokens = (s: string): string[] =>
  s
    .toLowerCase()
    .split(/[\s,()[\]]+/)
    .map((t) => t.replace(/^v(?=\d)/, ''))
    .filter(Boolean);

function containsRun(hay: string[], needle: string[]): boolean {
  if (needle.length === 0 || needle.length > hay.length) return false;
  for (let i = 0; i + needle.length <= hay.length; i++) if (needle.every((t, j) => hay[i + j] === t)) return true;
  return false;
}

const alnum = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

export function agrees(field: OracleField, ourValue: string | undefined, oracle: string): boolean {
  if (ourValue === undefined || ourValue === '') return false;
  switch (field) {
    case 'os':
      return ourValue === oracle || (ourValue === 'aos' && /^aos\d$/.test(oracle));
    case 'version': {
      const a = tokens(ourValue);
      const b = tokens(oracle);
      return containsRun(b, a) || containsRun(a, b);
    }
    case 'hardware': {
      const a = alnum(ourValue);
      const b = alnum(oracle);
      const [short, long] = a.length <= b.length ? [a, b] : [b, a];
      return short.length >= 4 && long.includes(short);
    }
    case 'serial':
      return ourValue.trim() === oracle;
  }
}
