import { z } from 'zod';
import data from './enterprise-numbers.json';

const EnterpriseTable = z.object({
  version: z.string(),
  source: z.string(),
  enterprises: z.array(z.object({ pen: z.number().int().nonnegative(), vendor: z.string(), note: z.string().optional() })),
  objectIds: z.array(z.object({ prefix: z.string().regex(/^\d+(\.\d+)+$/), vendor: z.string(), note: z.string().optional() })),
});

const table = EnterpriseTable.parse(data);
const byPen = new Map(table.enterprises.map((e) => [e.pen, e.vendor]));
// Longest prefix first, so a specific object id beats its enterprise.
const byPrefix = [...table.objectIds].sort((a, b) => b.prefix.length - a.prefix.length);

const ENTERPRISES = '1.3.6.1.4.1.';

/** Vendor named by a sysObjectID (SNMPv2-MIB: "the vendor's authoritative identification"), or undefined. */
export function vendorFromSysObjectId(sysObjectID: string | undefined): { vendor: string; pen: number } | undefined {
  if (!sysObjectID) return undefined;
  const oid = sysObjectID.startsWith('.') ? sysObjectID.slice(1) : sysObjectID;
  if (!oid.startsWith(ENTERPRISES)) return undefined;
  const pen = Number(oid.slice(ENTERPRISES.length).split('.')[0]);
  if (!Number.isSafeInteger(pen)) return undefined;
  for (const p of byPrefix) if (oid === p.prefix || oid.startsWith(`${p.prefix}.`)) return { vendor: p.vendor, pen };
  const vendor = byPen.get(pen);
  return vendor ? { vendor, pen } : undefined;
}

export const enterpriseTableVersion = table.version;
