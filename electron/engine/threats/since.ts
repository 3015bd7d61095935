import { RoutewiseError } from '../../../shared/api/errors';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "--since" as an ISO time or a duration back from now ("90s", "15m", "2h", "7d", "1w") → epoch ms. */
export function parseSince(since: string, nowMs: number = Date.now()): number {
  const rel = /^(\d{1,9})([smhdw])$/.exec(since.trim());
  if (rel) return nowMs - Number(rel[1]) * (UNIT_MS[rel[2] as string] as number);
  const t = Date.parse(since);
  if (Number.isNaN(t)) throw new RoutewiseError('bad-request', `--since must be an ISO time or a duration like 15m, 2h, 7d: ${since.slice(0, 64)}`);
  return t;
}
