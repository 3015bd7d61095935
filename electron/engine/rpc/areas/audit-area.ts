import type { auditMethods } from '../../../../shared/api/audit';
import type { EngineContext } from '../../engine-context';
import type { HandlersFor } from '../handlers';

export function auditHandlers(ctx: EngineContext): HandlersFor<typeof auditMethods> {
  return {
    'audit.list': ({ limit }) => ctx.audit.list(limit),
    'audit.verify': () => ctx.audit.verify(),
  };
}
