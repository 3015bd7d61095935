import type { Command } from 'commander';
import { type GlobalOptions, withRuntime } from '../runtime';

export function registerFoundationCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('info')
    .description('engine version, data directory and schema version')
    .action(() =>
      withRuntime(globals(), async (rt) => {
        const info = await rt.api.call('system.info', {});
        rt.print(info, () => `routewise ${info.version} (node ${info.node})\ndata dir: ${info.dataDir}\nschema: ${info.schemaVersion}`);
      }),
    );

  const audit = program.command('audit').description('the tamper-evident change log');
  audit
    .command('verify')
    .description('recompute the hash chain; exit 1 and name the first bad entry if it is broken')
    .action(() =>
      withRuntime(globals(), async (rt) => {
        const result = await rt.api.call('audit.verify', {});
        rt.print(result, () =>
          result.intact ? `chain intact: ${result.entries} entries` : `chain BROKEN at entry ${result.firstBadSeq}: ${result.message}`,
        );
        if (!result.intact) process.exitCode = 1;
      }),
    );
  audit
    .command('list')
    .option('--limit <n>', 'how many entries', '50')
    .description('latest audit entries')
    .action((o: { limit: string }) =>
      withRuntime(globals(), async (rt) => {
        const entries = await rt.api.call('audit.list', { limit: Number(o.limit) });
        rt.print(entries, () => entries.map((e) => `${e.seq}\t${e.at}\t${e.actor}\t${e.action}\t${e.subject}`).join('\n'));
      }),
    );

  const creds = program.command('credentials').description('credential profiles (secrets stay in the vault)');
  creds
    .command('list')
    .action(() =>
      withRuntime(globals(), async (rt) => {
        const list = await rt.api.call('credentials.list', {});
        rt.print(list, () => list.map((c) => `${c.id}\t${c.kind}\t${c.label}`).join('\n') || '(none)');
      }),
    );
}
