import { z } from 'zod';
import type { Platform } from '../../../../shared/domain/device';
import type { Advisory, AffectedProduct } from './advisory';
import { cpeVersion, parseCpe, platformOfCpe } from './advisory';

/**
 * CSAF 2.0 security advisories (OASIS CSAF v2.0, csaf_security_advisory profile): the product tree names
 * products by branches (vendor → product_name → product_version | product_version_range) and/or a CPE in
 * product_identification_helper; each vulnerability lists product ids as known_affected / fixed.
 */
interface Branch {
  category: string;
  name: string;
  branches?: Branch[] | undefined;
  product?: { product_id: string; name: string; product_identification_helper?: { cpe?: string | undefined } | undefined } | undefined;
}
const BranchSchema: z.ZodType<Branch> = z.lazy(() =>
  z
    .object({
      category: z.string(),
      name: z.string(),
      branches: z.array(BranchSchema).optional(),
      product: z
        .object({ product_id: z.string(), name: z.string(), product_identification_helper: z.object({ cpe: z.string().optional() }).loose().optional() })
        .loose()
        .optional(),
    })
    .loose(),
);

export const CsafDocument = z
  .object({
    document: z
      .object({
        category: z.string(),
        csaf_version: z.literal('2.0'),
        title: z.string(),
        tracking: z.object({ id: z.string() }).loose(),
      })
      .loose(),
    product_tree: z.object({ branches: z.array(BranchSchema).default([]) }).loose().optional(),
    vulnerabilities: z
      .array(
        z
          .object({
            cve: z.string().optional(),
            title: z.string().optional(),
            product_status: z.object({ known_affected: z.array(z.string()).optional(), fixed: z.array(z.string()).optional() }).loose().optional(),
            scores: z.array(z.object({ cvss_v3: z.object({ baseScore: z.number(), baseSeverity: z.string() }).loose().optional() }).loose()).optional(),
            remediations: z.array(z.object({ category: z.string(), details: z.string(), product_ids: z.array(z.string()).optional() }).loose()).optional(),
          })
          .loose(),
      )
      .default([]),
  })
  .loose();

/** Vendor + product names as vendors write them in CSAF product trees → platform. */
const NAME_PLATFORMS: ReadonlyArray<readonly [RegExp, RegExp, Platform]> = [
  [/cisco/i, /ios[\s_-]?xe/i, 'iosxe'],
  [/cisco/i, /ios[\s_-]?xr/i, 'iosxr'],
  [/cisco/i, /nx-?os/i, 'nxos'],
  [/cisco/i, /adaptive security appliance|\basa\b/i, 'asa'],
  [/cisco/i, /\bios\b/i, 'ios'],
  [/juniper/i, /junos/i, 'junos'],
  [/arista/i, /\beos\b/i, 'eos'],
  [/fortinet/i, /fortios/i, 'fortios'],
  [/mikrotik/i, /routeros/i, 'routeros'],
  [/palo alto/i, /pan-?os/i, 'panos'],
  [/frr/i, /frr/i, 'frr'],
];

interface LeafProduct {
  productId: string;
  platform: Platform;
  range: string;
  matchedBy: string;
}

function platformByName(vendor: string, product: string): Platform | undefined {
  return NAME_PLATFORMS.find(([v, p]) => v.test(vendor) && p.test(product))?.[2];
}

function walk(branches: readonly Branch[], vendor: string, productName: string, out: LeafProduct[]): void {
  for (const b of branches) {
    const v = b.category === 'vendor' ? b.name : vendor;
    const p = b.category === 'product_name' || b.category === 'product_family' ? b.name : productName;
    if (b.product) {
      const cpe = b.product.product_identification_helper?.cpe ? parseCpe(b.product.product_identification_helper.cpe) : undefined;
      const platform = (cpe && platformOfCpe(cpe)) ?? platformByName(v, p);
      const cpeV = cpe ? cpeVersion(cpe) : undefined;
      const range =
        b.category === 'product_version_range' ? b.name : b.category === 'product_version' ? `=${b.name}` : cpeV ? `=${cpeV}` : undefined;
      if (platform && range) {
        out.push({ productId: b.product.product_id, platform, range, matchedBy: cpe ? b.product.product_identification_helper!.cpe! : `${v} ${p} ${b.name}` });
      }
    }
    if (b.branches) walk(b.branches, v, p, out);
  }
}

export function parseCsaf(json: unknown): Advisory[] {
  const doc = CsafDocument.parse(json);
  const leaves: LeafProduct[] = [];
  walk(doc.product_tree?.branches ?? [], '', '', leaves);
  const byId = new Map(leaves.map((l) => [l.productId, l]));
  return doc.vulnerabilities.map((v, i) => {
    const fixed = (v.product_status?.fixed ?? []).map((id) => byId.get(id)).filter((x): x is LeafProduct => x !== undefined);
    const products: AffectedProduct[] = (v.product_status?.known_affected ?? [])
      .map((id) => byId.get(id))
      .filter((x): x is LeafProduct => x !== undefined)
      .map((l) => {
        const fix = fixed.find((f) => f.platform === l.platform)?.range.replace(/^=/, '');
        return { platform: l.platform, ranges: [l.range], matchedBy: `${l.productId} (${l.matchedBy})`, ...(fix ? { fixedIn: fix } : {}) };
      });
    const score = v.scores?.find((s) => s.cvss_v3)?.cvss_v3;
    return {
      id: v.cve ?? `${doc.document.tracking.id}#${i + 1}`,
      source: 'csaf',
      ...(v.cve ? { cve: v.cve } : {}),
      title: v.title ?? doc.document.title,
      ...(score ? { severity: score.baseSeverity.toLowerCase(), cvssScore: score.baseScore } : {}),
      products,
    } satisfies Advisory;
  });
}
