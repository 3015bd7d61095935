import type { archiveMethods } from '../../../../shared/api/archive';
import { RoutewiseError } from '../../../../shared/api/errors';
import { ArchiveRepo } from '../../archive/archive-repo';
import { ArchiveSchedule } from '../../archive/archive-schedule';
import { ArchiveService, type DriverTargetOptions } from '../../archive/archive-service';
import type { Driver } from '../../drivers/driver';
import { openDriver } from '../../drivers/driver-factory';
import type { EngineContext } from '../../engine-context';
import type { Platform } from '../../../../shared/domain/device';
import type { HandlersFor } from '../handlers';

const SCHEDULE_SETTING = 'archive.scheduleMin';
const DRIVER_TIMEOUT_MS = 20_000;

/** The driver for an inventory device, with the SSH credential the caller names or the one the scan remembered. */
export function inventoryDriverOpener(ctx: EngineContext): (deviceId: string, target: DriverTargetOptions) => Promise<Driver> {
  return async (deviceId, target) => {
    const row = await ctx.store.db.selectFrom('devices').select(['address', 'platform', 'ssh_credential_id']).where('id', '=', deviceId).executeTakeFirst();
    if (!row) throw new RoutewiseError('not-found', `no device ${deviceId} in the inventory`);
    const credentialId = target.credentialId ?? row.ssh_credential_id;
    if (!credentialId) throw new RoutewiseError('bad-request', `device ${deviceId} has no SSH credential; pass credentialId`);
    const cred = await ctx.credentials.reveal(credentialId);
    if (cred.kind !== 'ssh') throw new RoutewiseError('bad-request', `credential ${credentialId} is not an SSH credential`);
    return openDriver({ address: row.address, sshPort: target.sshPort, platform: row.platform as Platform }, cred, {
      hostKeys: ctx.hostKeys,
      timeoutMs: DRIVER_TIMEOUT_MS,
      log: (m) => ctx.log('debug', m),
    });
  };
}

export function archiveHandlers(ctx: EngineContext): HandlersFor<typeof archiveMethods> {
  const service = new ArchiveService({
    repo: new ArchiveRepo(ctx.store),
    audit: ctx.audit,
    openDriverFor: inventoryDriverOpener(ctx),
    onChange: (e) => ctx.bus.emit('archive.change-detected', e),
    onRecorded: (deviceId, source, at) => ctx.bus.emit('archive.recorded', { deviceId, source, at }),
    log: (m) => ctx.log('warn', m),
  });
  const schedule = new ArchiveSchedule(async () => {
    const devices = await ctx.store.db.selectFrom('devices').select('id').where('ssh_credential_id', 'is not', null).execute();
    for (const d of devices) {
      await service.backup(d.id, 'system:schedule', 'schedule', { sshPort: 22 }).catch((err: unknown) => {
        ctx.log('warn', `archive schedule ${d.id}: ${err instanceof Error ? err.message : String(err)}`);
      });
    }
  }, (m) => ctx.log('warn', m));
  // Kept in the settings table under its own key (the typed Settings object ignores keys it does not know).
  void ctx.store.db
    .selectFrom('settings')
    .select('value_json')
    .where('key', '=', SCHEDULE_SETTING)
    .executeTakeFirst()
    .then((row) => {
      const v: unknown = row ? JSON.parse(row.value_json) : 0;
      if (typeof v === 'number' && v > 0) schedule.set(v);
    })
    .catch((err: unknown) => ctx.log('warn', `archive schedule: ${err instanceof Error ? err.message : String(err)}`));
  ctx.onClose(() => schedule.stop());
  return {
    'archive.list': ({ deviceId, kind, limit }) => service.list(deviceId, kind, limit),
    'archive.show': async ({ versionId, raw }, call) => {
      const v = await service.show(versionId, raw);
      // Secrets in the clear are a disclosure worth a trace.
      if (raw) await ctx.audit.append({ actor: call.actor, action: 'archive.show-raw', subject: v.deviceId, details: { versionId } });
      return v;
    },
    'archive.diff': ({ fromId, toId }) => service.diff(fromId, toId),
    'archive.backup': ({ deviceId, credentialId, sshPort }, call) => service.backup(deviceId, call.actor, 'on-demand', { sshPort, ...(credentialId ? { credentialId } : {}) }),
    'archive.restore': ({ versionId, credentialId, sshPort, revertAfterSec, confirm, dryRun }, call) =>
      service.restore(versionId, call.actor, { sshPort, revertAfterSec, confirm, dryRun, ...(credentialId ? { credentialId } : {}) }),
    'archive.changes': ({ deviceId, limit }) => service.changes(deviceId, limit),
    'archive.schedule': async ({ intervalMin }, call) => {
      const value_json = JSON.stringify(intervalMin);
      await ctx.store.db
        .insertInto('settings')
        .values({ key: SCHEDULE_SETTING, value_json })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value_json }))
        .execute();
      schedule.set(intervalMin);
      await ctx.audit.append({ actor: call.actor, action: 'archive.schedule', subject: 'archive', details: { intervalMin } });
      return { intervalMin };
    },
  };
}
