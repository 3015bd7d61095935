import type { rolloutMethods } from '../../../../shared/api/rollout';
import type { EngineContext } from '../../engine-context';
import { rolloutService } from '../../rollout/rollout-service';
import type { HandlersFor } from '../handlers';

export function rolloutHandlers(ctx: EngineContext): HandlersFor<typeof rolloutMethods> {
  const svc = () => rolloutService(ctx);
  // Long-lived hosts reconcile plans whose runner died (a crash or kill -9) as soon as the engine is up; the CLI
  // calls rollout.recover at the start of every `rollout` command.
  if (ctx.host === 'electron' || ctx.host === 'browser') {
    void svc()
      .recoverAll('engine:recovery')
      .catch((err: unknown) => ctx.log('error', `rollout recovery failed: ${(err as Error).message}`));
  }
  return {
    'rollout.templates': async () => svc().templates(),
    'rollout.preview': async ({ template, params, platforms }) => svc().preview(template, params, platforms),
    'rollout.plan': async (req, call) => svc().plan(req, call.actor),
    'rollout.get': async ({ planId }) => svc().repo.getPlan(planId),
    'rollout.list': async ({ limit }) => ({ plans: await svc().list(limit) }),
    'rollout.approve': async ({ planId }, call) => svc().approve(planId, call.actor),
    'rollout.run': async ({ planId, wait }, call) => svc().run(planId, call.actor, wait),
    'rollout.pause': async ({ planId }, call) => svc().control(planId, 'pause', call.actor),
    'rollout.resume': async ({ planId, wait }, call) => svc().run(planId, call.actor, wait),
    'rollout.abort': async ({ planId }, call) => svc().control(planId, 'abort', call.actor),
    'rollout.rollback': async ({ planId }, call) => svc().rollback(planId, call.actor),
    'rollout.recover': async (_input, call) => ({
      recovered: (await svc().recoverAll(call.actor)).map((r) => ({ planId: r.planId, status: r.plan.status, actions: r.actions })),
    }),
  };
}
