import type { Command } from 'commander';
import { type GlobalOptions, withRuntime } from '../runtime';

export function registerScopeCommands(program: Command, globals: () => GlobalOptions): void {
  const scope = program.command('scope').description('the scan scope: ranges Routewise may probe (empty = nothing)');
  scope
    .command('list')
    .description('allowed ranges')
    .action(() =>
      withRuntime(globals(), async (rt) => {
        const ranges = await rt.api.call('scope.list', {});
        rt.print(ranges, () =>
          ranges.length === 0
            ? 'The scan scope is empty: Routewise probes nothing until you allow a range (routewise scope add 10.0.0.0/24).'
            : ranges.map((r) => `${r.range}\t(added ${r.addedAt} by ${r.addedBy})`).join('\n'),
        );
      }),
    );
  scope
    .command('add <range>')
    .description('allow probing a range: 10.0.0.0/24, 10.0.0.1-10.0.0.80, 10.0.0.1-80 or one address')
    .action((range: string) =>
      withRuntime(globals(), async (rt) => {
        const added = await rt.api.call('scope.add', { range });
        rt.print(added, () => `allowed ${added.range}`);
      }),
    );
  scope
    .command('remove <range>')
    .description('stop allowing a range')
    .action((range: string) =>
      withRuntime(globals(), async (rt) => {
        const res = await rt.api.call('scope.remove', { range });
        rt.print(res, () => (res.removed ? `removed ${range}` : `${range} was not in the scan scope`));
        if (!res.removed) process.exitCode = 1;
      }),
    );
}
