import type { Command } from 'commander';
import type { HostKeyEntry } from '../../../shared/api/hostkeys';
import { type GlobalOptions, withRuntime } from '../runtime';

function describe(e: HostKeyEntry): string {
  const base = `${e.hostPort}\t${e.algorithm}\t${e.fingerprint}\t${e.status}`;
  return e.pending ? `${base}\toffered now: ${e.pending.algorithm} ${e.pending.fingerprint} (${e.pending.seenAt})` : base;
}

export function registerHostkeysCommands(program: Command, globals: () => GlobalOptions): void {
  const hostkeys = program
    .command('hostkeys')
    .description('SSH host keys pinned on first use; a changed key blocks the host until accepted here');
  hostkeys
    .command('list')
    .description('pinned keys, and any changed key a host offered')
    .action(() =>
      withRuntime(globals(), async (rt) => {
        const list = await rt.api.call('hostkeys.list', {});
        rt.print(list, () => list.map(describe).join('\n') || '(no pinned host keys)');
      }),
    );
  hostkeys
    .command('accept')
    .argument('<host[:port]>', 'the host whose changed key to trust (port defaults to 22)')
    .option('--fingerprint <SHA256:...>', 'accept only if the offered key has this fingerprint (checked out of band)')
    .description('trust the key a host now offers in place of its pinned one')
    .action((hostPort: string, o: { fingerprint?: string }) =>
      withRuntime(globals(), async (rt) => {
        const entry = await rt.api.call('hostkeys.accept', o.fingerprint ? { hostPort, fingerprint: o.fingerprint } : { hostPort });
        rt.print(entry, () => `accepted ${entry.algorithm} ${entry.fingerprint} for ${entry.hostPort}`);
      }),
    );
  hostkeys
    .command('forget')
    .argument('<host[:port]>', 'the host whose pin to remove (port defaults to 22)')
    .description('remove a pin; the next connection trusts whatever key the host offers')
    .action((hostPort: string) =>
      withRuntime(globals(), async (rt) => {
        const result = await rt.api.call('hostkeys.forget', { hostPort });
        rt.print(result, () => (result.forgotten ? `forgot the pinned key of ${hostPort}` : `no key was pinned for ${hostPort}`));
        if (!result.forgotten) process.exitCode = 1;
      }),
    );
}
