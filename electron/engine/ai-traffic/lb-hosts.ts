import { z } from 'zod';
import { LbHost } from '../../../shared/api/ai-traffic';
import { RoutewiseError } from '../../../shared/api/errors';
import type { Driver } from '../drivers/driver';
import { type LbKind, LinuxLbDriver } from '../drivers/linux-lb-driver';
import type { EngineContext } from '../engine-context';
import { openSshSession } from '../ssh/ssh-session';

/** Kept in the settings table under its own key (the typed Settings object ignores keys it does not know). */
const SETTING = 'ai-traffic.lb-hosts';

const StoredLbHost = LbHost.extend({ kind: z.enum(['haproxy', 'nginx']) });
export type StoredLbHost = z.output<typeof StoredLbHost>;

/**
 * The load-balancer hosts policies were deployed to, by address: a rollout run (in this engine or a later one, from
 * the UI or the CLI) opens their driver from here, since they need not be in the inventory.
 */
export class LbHostsRepo {
  constructor(private readonly ctx: EngineContext) {}

  async list(): Promise<StoredLbHost[]> {
    const row = await this.ctx.store.db.selectFrom('settings').select('value_json').where('key', '=', SETTING).executeTakeFirst();
    if (!row) return [];
    const parsed = z.array(StoredLbHost).safeParse(JSON.parse(row.value_json));
    if (!parsed.success) {
      this.ctx.log('warn', `ai-traffic: stored load-balancer hosts are unreadable and ignored: ${parsed.error.message.slice(0, 200)}`);
      return [];
    }
    return parsed.data;
  }

  async get(address: string): Promise<StoredLbHost | undefined> {
    return (await this.list()).find((h) => h.address === address);
  }

  /** Adds or replaces hosts by address. */
  async save(hosts: readonly LbHost[], kind: LbKind): Promise<void> {
    const byAddress = new Map((await this.list()).map((h) => [h.address, h]));
    for (const h of hosts) byAddress.set(h.address, { ...h, kind });
    const value = JSON.stringify([...byAddress.values()]);
    await this.ctx.store.db
      .insertInto('settings')
      .values({ key: SETTING, value_json: value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: value }))
      .execute();
  }
}

/** SSH (host key pinned on first use) with the host's vault credential, and the HAProxy/nginx driver on it. */
export async function openLbDriver(ctx: EngineContext, h: StoredLbHost): Promise<Driver> {
  const cred = await ctx.credentials.reveal(h.credentialId);
  if (cred.kind !== 'ssh') throw new RoutewiseError('bad-request', `${h.address}: credential ${h.credentialId} is not an SSH credential`);
  const session = await openSshSession({ host: h.address, port: h.sshPort }, cred, { timeoutMs: 20_000, hostKeys: ctx.hostKeys, platform: 'linux' });
  return new LinuxLbDriver({
    cli: session,
    kind: h.kind,
    configPath: h.configPath,
    ...(h.reloadCommand ? { reloadCommand: h.reloadCommand } : {}),
    ...(h.checkCommand ? { checkCommand: h.checkCommand } : {}),
    ...(h.stateDir ? { stateDir: h.stateDir } : {}),
  });
}
