import { z } from 'zod';
import type { Advisory, AffectedProduct } from './advisory';
import { cpeVersion, parseCpe, platformOfCpe } from './advisory';

/**
 * NVD CVE API 2.0 / JSON 2.0 feed format (nvd.nist.gov/developers/vulnerabilities): a page of
 * `vulnerabilities[].cve`, each with `configurations[].nodes[].cpeMatch[]` carrying a CPE `criteria` and
 * optional versionStart/End Including/Excluding bounds. Only what matching needs is validated.
 */
const CpeMatch = z.object({
  vulnerable: z.boolean(),
  criteria: z.string(),
  versionStartIncluding: z.string().optional(),
  versionStartExcluding: z.string().optional(),
  versionEndIncluding: z.string().optional(),
  versionEndExcluding: z.string().optional(),
});
const Node = z.object({ operator: z.enum(['OR', 'AND']).optional(), negate: z.boolean().optional(), cpeMatch: z.array(CpeMatch).default([]) });
const Metric = z.object({ cvssData: z.object({ baseScore: z.number(), baseSeverity: z.string().optional() }).loose() }).loose();
const Cve = z
  .object({
    id: z.string(),
    descriptions: z.array(z.object({ lang: z.string(), value: z.string() })).default([]),
    metrics: z
      .object({ cvssMetricV40: z.array(Metric).optional(), cvssMetricV31: z.array(Metric).optional(), cvssMetricV30: z.array(Metric).optional() })
      .loose()
      .optional(),
    configurations: z.array(z.object({ operator: z.enum(['OR', 'AND']).optional(), nodes: z.array(Node) })).default([]),
  })
  .loose();
export const NvdFeed = z
  .object({
    format: z.literal('NVD_CVE'),
    version: z.string(),
    vulnerabilities: z.array(z.object({ cve: Cve })),
  })
  .loose();

function rangesOf(m: z.infer<typeof CpeMatch>, exact: string | undefined): string[] {
  if (exact) return [`=${exact}`];
  const parts = [
    m.versionStartIncluding ? `>=${m.versionStartIncluding}` : '',
    m.versionStartExcluding ? `>${m.versionStartExcluding}` : '',
    m.versionEndIncluding ? `<=${m.versionEndIncluding}` : '',
    m.versionEndExcluding ? `<${m.versionEndExcluding}` : '',
  ].filter(Boolean);
  return [parts.length ? parts.join(' ') : '*'];
}

/**
 * Vulnerable CPE matches of known network OSes. In an AND configuration (OS running on a hardware
 * platform) the OS match is kept and the hardware node is not required: the inventory's model names
 * rarely equal CPE product names, so we over-report (and say "matched by") rather than miss.
 */
export function parseNvd(json: unknown): Advisory[] {
  const feed = NvdFeed.parse(json);
  return feed.vulnerabilities.map(({ cve }) => {
    const products: AffectedProduct[] = [];
    for (const cfg of cve.configurations) {
      for (const node of cfg.nodes) {
        if (node.negate) continue;
        for (const m of node.cpeMatch) {
          if (!m.vulnerable) continue;
          const cpe = parseCpe(m.criteria);
          const platform = cpe && platformOfCpe(cpe);
          if (!cpe || !platform) continue;
          products.push({ platform, ranges: rangesOf(m, cpeVersion(cpe)), matchedBy: m.criteria, ...(m.versionEndExcluding ? { fixedIn: m.versionEndExcluding } : {}) });
        }
      }
    }
    const metric = cve.metrics?.cvssMetricV40?.[0] ?? cve.metrics?.cvssMetricV31?.[0] ?? cve.metrics?.cvssMetricV30?.[0];
    const title = cve.descriptions.find((d) => d.lang === 'en')?.value ?? cve.id;
    return {
      id: cve.id,
      source: 'nvd',
      cve: cve.id,
      title: title.length > 300 ? `${title.slice(0, 300)}…` : title,
      ...(metric?.cvssData.baseSeverity ? { severity: metric.cvssData.baseSeverity.toLowerCase() } : {}),
      ...(metric ? { cvssScore: metric.cvssData.baseScore } : {}),
      products,
    } satisfies Advisory;
  });
}
