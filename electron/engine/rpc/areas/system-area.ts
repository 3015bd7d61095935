import { systemMethods } from '../../../../shared/api/system';
import type { EngineContext } from '../../engine-context';
import { ENGINE_VERSION } from '../../version';
import type { HandlersFor } from '../handlers';

export function systemHandlers(ctx: EngineContext): HandlersFor<typeof systemMethods> {
  return {
    'system.info': async () => ({
      name: 'routewise',
      version: ENGINE_VERSION,
      host: ctx.host,
      node: process.versions.node,
      dataDir: ctx.dataDir,
      startedAt: ctx.startedAt.toISOString(),
      schemaVersion: await ctx.store.schemaVersion(),
    }),
    'system.ping': async ({ nonce }) => ({ nonce, at: new Date().toISOString() }),
    'settings.get': () => ctx.settings.get(),
    'settings.update': async (patch, call) => {
      const settings = await ctx.settings.update(patch);
      await ctx.audit.append({ actor: call.actor, action: 'settings.update', subject: 'settings', details: patch });
      ctx.bus.emit('settings.changed', settings);
      return settings;
    },
  };
}
