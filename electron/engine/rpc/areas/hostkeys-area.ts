import type { hostkeysMethods } from '../../../../shared/api/hostkeys';
import type { EngineContext } from '../../engine-context';
import type { HandlersFor } from '../handlers';

export function hostkeysHandlers(ctx: EngineContext): HandlersFor<typeof hostkeysMethods> {
  return {
    'hostkeys.list': () => ctx.hostKeys.list(),
    'hostkeys.accept': async ({ hostPort, fingerprint }, call) => {
      const { entry, was } = await ctx.hostKeys.accept(hostPort, fingerprint);
      await ctx.audit.append({
        actor: call.actor,
        action: 'hostkeys.accept',
        subject: hostPort,
        details: { was, now: entry.fingerprint, algorithm: entry.algorithm },
      });
      return entry;
    },
    'hostkeys.forget': async ({ hostPort }, call) => {
      const forgotten = await ctx.hostKeys.forget(hostPort);
      if (forgotten) {
        await ctx.audit.append({
          actor: call.actor,
          action: 'hostkeys.forget',
          subject: hostPort,
          details: { fingerprint: forgotten.fingerprint, algorithm: forgotten.algorithm },
        });
      }
      return { forgotten: forgotten !== undefined };
    },
  };
}
