import type { scanMethods } from '../../../../shared/api/scan';
import { createRealProber } from '../../discovery/scan/real-prober';
import { ScanService } from '../../discovery/scan/scan-service';
import { sshIdentifier } from '../../discovery/scan/ssh-attempt';
import { evaluateAiCapability } from '../../discovery/catalog/ai-catalog';
import type { DeviceProber } from '../../discovery/sweep/prober';
import type { EngineContext } from '../../engine-context';
import { InventoryRepo } from '../../store/inventory-repo';
import { ScanRepo } from '../../store/scan-repo';
import { ScopeRepo } from '../../store/scope-repo';
import type { HandlersFor } from '../handlers';

export function scanHandlers(ctx: EngineContext, prober?: DeviceProber): HandlersFor<typeof scanMethods> {
  const service = new ScanService({
    ctx,
    inventory: new InventoryRepo(ctx.store),
    scans: new ScanRepo(ctx.store),
    scope: new ScopeRepo(ctx.store),
    prober:
      prober ??
      createRealProber({
        evaluateAi: (facts, probes) => evaluateAiCapability(facts, probes),
        identifySsh: sshIdentifier(ctx.hostKeys),
      }),
  });
  ctx.onClose(() => service.close());
  return {
    'scan.plan': ({ targets, snmpPort }) => service.plan(targets, snmpPort),
    'scan.start': (req, call) => service.start(req, call.actor),
    'scan.cancel': async ({ scanId }, call) => {
      const cancelled = service.cancel(scanId);
      if (cancelled) await ctx.audit.append({ actor: call.actor, action: 'scan.cancel', subject: scanId });
      return { cancelled };
    },
    'scan.get': ({ scanId }) => service.get(scanId),
    'scan.list': ({ limit }) => service.list(limit),
  };
}
