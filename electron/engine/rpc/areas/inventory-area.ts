import { RoutewiseError } from '../../../../shared/api/errors';
import type { inventoryMethods } from '../../../../shared/api/inventory';
import type { EngineContext } from '../../engine-context';
import { InventoryRepo } from '../../store/inventory-repo';
import type { HandlersFor } from '../handlers';

export function inventoryHandlers(ctx: EngineContext): HandlersFor<typeof inventoryMethods> {
  const repo = new InventoryRepo(ctx.store);
  return {
    'inventory.list': (query) => repo.list(query),
    'inventory.get': async ({ id }) => {
      const detail = await repo.get(id);
      if (!detail) throw new RoutewiseError('not-found', `no device ${id}`);
      return detail;
    },
    'inventory.delete': async ({ id }, call) => {
      const deleted = await repo.delete(id);
      if (deleted) await ctx.audit.append({ actor: call.actor, action: 'inventory.delete', subject: id });
      return { deleted };
    },
  };
}
