import type { Command } from 'commander';
import { type GlobalOptions, withRuntime } from '../runtime';

function intArg(value: string, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${what} must be a positive whole number, not "${value}"`);
  return n;
}

export function registerArchiveCommands(program: Command, globals: () => GlobalOptions): void {
  const archive = program.command('archive').description('configuration archive: backups, versions, diffs, out-of-band changes, restore');
  archive
    .command('list <deviceId>')
    .description('archived versions of a device, newest first')
    .option('--kind <kind>', 'running or startup')
    .option('--limit <n>', 'at most this many', '100')
    .action((deviceId: string, o: { kind?: string; limit: string }) =>
      withRuntime(globals(), async (rt) => {
        const versions = await rt.api.call('archive.list', { deviceId, limit: intArg(o.limit, '--limit'), ...(o.kind ? { kind: o.kind as 'running' | 'startup' } : {}) });
        rt.print(versions, () =>
          versions.length === 0
            ? `no archived configuration for ${deviceId} yet (routewise archive backup ${deviceId})`
            : versions.map((v) => `${v.id}\t${v.kind}\t${v.takenAt}\t${v.source}\tby ${v.actor}\t${v.bytes} bytes\t${v.sha256.slice(0, 12)}`).join('\n'),
        );
      }),
    );
  archive
    .command('show <versionId>')
    .description('one version (secrets redacted unless --raw)')
    .option('--raw', 'show secrets too (recorded in the audit log)')
    .action((versionId: string, o: { raw?: boolean }) =>
      withRuntime(globals(), async (rt) => {
        const v = await rt.api.call('archive.show', { versionId: intArg(versionId, 'versionId'), raw: o.raw === true });
        rt.print(v, () => v.text);
      }),
    );
  archive
    .command('diff <fromId> [toId]')
    .description('unified diff between two versions (toId defaults to the newest of the same device and kind)')
    .action((fromId: string, toId: string | undefined) =>
      withRuntime(globals(), async (rt) => {
        const d = await rt.api.call('archive.diff', { fromId: intArg(fromId, 'fromId'), ...(toId ? { toId: intArg(toId, 'toId') } : {}) });
        rt.print(d, () => (d.diff === '' ? `versions ${d.from.id} and ${d.to.id} are identical` : d.diff.trimEnd()));
      }),
    );
  archive
    .command('backup <deviceId>')
    .description('take the running (and startup) configuration now')
    .option('--credential <id>', 'SSH credential (default: the one the scan found)')
    .option('--ssh-port <port>', 'SSH port', '22')
    .action((deviceId: string, o: { credential?: string; sshPort: string }) =>
      withRuntime(globals(), async (rt) => {
        const r = await rt.api.call('archive.backup', { deviceId, sshPort: intArg(o.sshPort, '--ssh-port'), ...(o.credential ? { credentialId: o.credential } : {}) });
        rt.print(r, () =>
          [
            ...r.versions.map((v) => `${v.kind}: version ${v.id}${r.stored.includes(v.id) ? ' (new)' : ' (unchanged)'}`),
            ...r.events.map((e) => `change detected: ${e.kind}${e.fromVersion !== null ? ` (from version ${e.fromVersion})` : ''}`),
          ].join('\n'),
        );
      }),
    );
  archive
    .command('restore <versionId>')
    .description("restore a version through the device's safe path (replace, diff, commit with revert timer, confirm)")
    .option('--credential <id>', 'SSH credential (default: the one the scan found)')
    .option('--ssh-port <port>', 'SSH port', '22')
    .option('--revert-after <sec>', 'revert by itself unless confirmed within this many seconds', '300')
    .option('--no-confirm', 'leave the commit unconfirmed: the device reverts after --revert-after')
    .option('--dry-run', 'show the diff only')
    .action((versionId: string, o: { credential?: string; sshPort: string; revertAfter: string; confirm: boolean; dryRun?: boolean }) =>
      withRuntime(globals(), async (rt) => {
        const r = await rt.api.call('archive.restore', {
          versionId: intArg(versionId, 'versionId'),
          sshPort: intArg(o.sshPort, '--ssh-port'),
          revertAfterSec: intArg(o.revertAfter, '--revert-after'),
          confirm: o.confirm,
          dryRun: o.dryRun === true,
          ...(o.credential ? { credentialId: o.credential } : {}),
        });
        rt.print(r, () => {
          const status = !r.applied ? (r.diff.trim() === '' ? 'nothing to restore: running already matches' : 'dry run: nothing applied') : r.confirmed ? 'restored and confirmed' : 'restored, NOT confirmed: the device reverts by itself';
          return `${r.diff.trimEnd()}\n${status}`.trim();
        });
      }),
    );
  archive
    .command('changes [deviceId]')
    .description('out-of-band configuration changes, newest first')
    .option('--limit <n>', 'at most this many', '100')
    .action((deviceId: string | undefined, o: { limit: string }) =>
      withRuntime(globals(), async (rt) => {
        const events = await rt.api.call('archive.changes', { limit: intArg(o.limit, '--limit'), ...(deviceId ? { deviceId } : {}) });
        rt.print(events, () => (events.length === 0 ? 'no out-of-band changes recorded' : events.map((e) => `${e.at}\t${e.deviceId}\t${e.kind}\t${e.fromVersion ?? '-'} → ${e.toVersion ?? '-'}\t${e.changedBy ?? 'unknown'}`).join('\n')));
      }),
    );
  archive
    .command('schedule <intervalMin>')
    .description('back up every device with an SSH credential every N minutes (0 = off)')
    .action((intervalMin: string) =>
      withRuntime(globals(), async (rt) => {
        const n = Number(intervalMin);
        if (!Number.isInteger(n) || n < 0) throw new Error(`intervalMin must be 0 or a positive whole number, not "${intervalMin}"`);
        const r = await rt.api.call('archive.schedule', { intervalMin: n });
        rt.print(r, () => (r.intervalMin === 0 ? 'scheduled backups are off' : `backing up every ${r.intervalMin} minutes`));
      }),
    );
}
