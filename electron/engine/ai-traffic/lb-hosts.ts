import { z } from 'zod';
import { FortiGateHost, LbHost } from '../../../shared/api/ai-traffic';
import { RoutewiseError } from '../../../shared/api/errors';
import type { Driver } from '../drivers/driver';
import { openDriver } from '../drivers/driver-factory';
import { isCompanionName, type LbKind, LinuxLbDriver } from '../drivers/linux-lb-driver';
import type { EngineContext } from '../engine-context';
import { openSshSession } from '../ssh/ssh-session';

/** Kept in the settings table, one row per deploy plan (the typed Settings object ignores keys it does not know). */
const KEY_PREFIX = 'ai-traffic.deploy:';

const StoredLbHost = z.union([
  LbHost.extend({
    kind: z.enum(['haproxy', 'nginx']),
    /** Companion files deployed next to the config (njs), part of every backup and revert of this plan. */
    companions: z.array(z.string().refine(isCompanionName, 'a plain file name')).max(16).default([]),
  }),
  FortiGateHost.extend({ kind: z.literal('fortios') }),
]);
export type StoredLbHost = z.output<typeof StoredLbHost>;
export type DeployKind = LbKind | 'fortios';

/**
 * The load-balancer hosts of each policy deploy plan: a run of that plan (in this engine or a later one, from the
 * UI or the CLI) opens their driver from here. Keyed by plan, so a host that is also an inventory device keeps its
 * own driver for template rollouts, and two deploys to one address with different files do not mix.
 */
export class LbHostsRepo {
  constructor(private readonly ctx: EngineContext) {}

  async forPlan(planId: string): Promise<StoredLbHost[]> {
    const row = await this.ctx.store.db.selectFrom('settings').select('value_json').where('key', '=', `${KEY_PREFIX}${planId}`).executeTakeFirst();
    if (!row) return [];
    const parsed = z.array(StoredLbHost).safeParse(JSON.parse(row.value_json));
    if (!parsed.success) {
      this.ctx.log('warn', `ai-traffic: the load-balancer hosts of plan ${planId} are unreadable: ${parsed.error.message.slice(0, 200)}`);
      return [];
    }
    return parsed.data;
  }

  async get(planId: string, address: string): Promise<StoredLbHost | undefined> {
    return (await this.forPlan(planId)).find((h) => h.address === address);
  }

  async savePlan(planId: string, hosts: readonly StoredLbHost[]): Promise<void> {
    const value = JSON.stringify(hosts);
    await this.ctx.store.db
      .insertInto('settings')
      .values({ key: `${KEY_PREFIX}${planId}`, value_json: value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: value }))
      .execute();
  }
}

/** The stored form of a deploy host: its kind, and for Linux hosts the companion files of the rendering. */
export function storedHost(h: LbHost | FortiGateHost, kind: DeployKind, companions: readonly string[]): StoredLbHost {
  if (kind === 'fortios') return FortiGateHost.extend({ kind: z.literal('fortios') }).parse({ address: h.address, sshPort: h.sshPort, credentialId: h.credentialId, ...(h.label ? { label: h.label } : {}), kind });
  if (!('configPath' in h)) throw new RoutewiseError('bad-request', `${h.address}: a ${kind} host needs configPath`);
  return { ...h, kind, companions: [...companions] };
}

/** SSH (host key pinned on first use) with the host's vault credential, and the HAProxy/nginx (or FortiOS) driver on it. */
export async function openLbDriver(ctx: EngineContext, h: StoredLbHost): Promise<Driver> {
  const cred = await ctx.credentials.reveal(h.credentialId);
  if (cred.kind !== 'ssh') throw new RoutewiseError('bad-request', `${h.address}: credential ${h.credentialId} is not an SSH credential`);
  if (h.kind === 'fortios') return openDriver({ address: h.address, sshPort: h.sshPort, platform: 'fortios' }, cred, { hostKeys: ctx.hostKeys, timeoutMs: 20_000 });
  const session = await openSshSession({ host: h.address, port: h.sshPort }, cred, { timeoutMs: 20_000, hostKeys: ctx.hostKeys, platform: 'linux' });
  return new LinuxLbDriver({
    cli: session,
    kind: h.kind,
    configPath: h.configPath,
    ...(h.reloadCommand ? { reloadCommand: h.reloadCommand } : {}),
    ...(h.checkCommand ? { checkCommand: h.checkCommand } : {}),
    ...(h.stateDir ? { stateDir: h.stateDir } : {}),
    companions: h.companions,
  });
}
