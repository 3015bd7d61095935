import { z } from 'zod';
import type { EventTable, MethodTable } from './method-table';

/** One allowed range of the scan scope, in canonical form (`10.0.0.0/24`, `10.0.0.1-10.0.0.80`, `10.0.0.7`). */
export const ScopeRange = z.object({
  range: z.string(),
  addedAt: z.string(),
  addedBy: z.string(),
});
export type ScopeRange = z.infer<typeof ScopeRange>;

const rangeText = z.string().trim().min(1).max(100);

export const scopeMethods = {
  'scope.list': {
    summary: 'Ranges Routewise may probe. Empty means nothing may be probed.',
    input: z.object({}).strict(),
    output: z.array(ScopeRange),
  },
  'scope.add': {
    summary: 'Allow probing a range (CIDR, a-b range or one address).',
    input: z.object({ range: rangeText }).strict(),
    output: ScopeRange,
  },
  'scope.remove': {
    summary: 'Stop allowing a range (as listed, or as typed when added).',
    input: z.object({ range: rangeText }).strict(),
    output: z.object({ removed: z.boolean() }),
  },
} as const satisfies MethodTable;

export const scopeEvents = {
  'scope.changed': z.object({ ranges: z.array(z.string()) }),
} as const satisfies EventTable;
