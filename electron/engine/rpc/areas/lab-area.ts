import { labMethods } from '../../../../shared/api/lab';
import type { EngineContext } from '../../engine-context';
import { labStatus, startLabDaemon, stopLabDaemon } from '../../lab/lab-daemon-client';
import { LAB_SCENARIOS } from '../../lab/lab-scenarios';
import type { HandlersFor } from '../handlers';

/** The lab runs in its own daemon process so the app, `routewise serve` and the CLI share one lab. */
export function labHandlers(ctx: EngineContext): HandlersFor<typeof labMethods> {
  return {
    'lab.start': async (options, call) => {
      const status = await startLabDaemon(ctx.dataDir, options);
      await ctx.audit.append({ actor: call.actor, action: 'lab.start', subject: 'lab', details: { ...options, pid: status.pid } });
      ctx.bus.emit('lab.changed', status);
      return status;
    },
    'lab.stop': async (_input, call) => {
      const result = await stopLabDaemon(ctx.dataDir);
      if (result.stopped) {
        await ctx.audit.append({ actor: call.actor, action: 'lab.stop', subject: 'lab', details: result });
        ctx.bus.emit('lab.changed', labStatus(ctx.dataDir));
      }
      return result;
    },
    'lab.status': async () => labStatus(ctx.dataDir),
    'lab.scenarios': async () => [...LAB_SCENARIOS],
  };
}
