import type { scopeMethods } from '../../../../shared/api/scope';
import type { EngineContext } from '../../engine-context';
import { ScopeRepo } from '../../store/scope-repo';
import type { HandlersFor } from '../handlers';

export function scopeHandlers(ctx: EngineContext): HandlersFor<typeof scopeMethods> {
  const repo = new ScopeRepo(ctx.store);
  const changed = async () => ctx.bus.emit('scope.changed', { ranges: (await repo.list()).map((r) => r.range) });
  return {
    'scope.list': () => repo.list(),
    'scope.add': async ({ range }, call) => {
      const { range: added, added: isNew } = await repo.add(range, call.actor);
      if (isNew) {
        await ctx.audit.append({ actor: call.actor, action: 'scope.add', subject: added.range });
        await changed();
      }
      return added;
    },
    'scope.remove': async ({ range }, call) => {
      const { removed, canonical } = await repo.remove(range);
      if (removed) {
        await ctx.audit.append({ actor: call.actor, action: 'scope.remove', subject: canonical });
        await changed();
      }
      return { removed };
    },
  };
}
