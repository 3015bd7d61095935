import type { credentialMethods } from '../../../../shared/api/credentials';
import type { EngineContext } from '../../engine-context';
import type { HandlersFor } from '../handlers';

export function credentialHandlers(ctx: EngineContext): HandlersFor<typeof credentialMethods> {
  return {
    'credentials.list': () => ctx.credentials.list(),
    'credentials.create': async (input, call) => {
      const summary = await ctx.credentials.create(input);
      await ctx.audit.append({
        actor: call.actor,
        action: 'credentials.create',
        subject: summary.id,
        details: { kind: summary.kind, label: summary.label },
      });
      return summary;
    },
    'credentials.delete': async ({ id }, call) => {
      const deleted = await ctx.credentials.delete(id);
      if (deleted) await ctx.audit.append({ actor: call.actor, action: 'credentials.delete', subject: id });
      return { deleted };
    },
  };
}
