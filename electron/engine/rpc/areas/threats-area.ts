import { RoutewiseError } from '../../../../shared/api/errors';
import type { threatsMethods } from '../../../../shared/api/threats';
import type { TechniqueInfo } from '../../../../shared/domain/insight';
import type { EngineContext } from '../../engine-context';
import { TECHNIQUES } from '../../threats/data/attack-techniques';
import { PLAYBOOKS } from '../../threats/data/playbooks';
import { forwarders } from '../../threats/forwarders/forwarder-registry';
import { parseSince } from '../../threats/since';
import { threatsService } from '../../threats/threats-service';
import type { HandlersFor } from '../handlers';

export function threatsHandlers(ctx: EngineContext): HandlersFor<typeof threatsMethods> {
  const svc = () => threatsService(ctx);
  return {
    'threats.list': async (q) => {
      const afterSeq = q.afterSeq;
      const insights = await svc().repo.list({
        sinceMs: q.since === undefined ? undefined : parseSince(q.since),
        afterSeq,
        limit: q.limit,
        format: q.format,
        severity: q.severity,
        category: q.category,
        deviceAddress: q.deviceAddress,
        correlationId: q.correlationId,
        order: afterSeq === undefined ? 'desc' : 'asc',
      });
      return { insights };
    },
    'threats.stats': async () => {
      const s = svc();
      return { ...(await s.repo.counts()), receivers: s.receiverInfo(), throttledBySender: s.throttledBySender() };
    },
    'threats.explain': async ({ id, category }) => {
      const insight = id === undefined ? undefined : await svc().repo.get(id);
      if (id !== undefined && !insight) throw new RoutewiseError('not-found', `no insight ${id.slice(0, 64)}`);
      const cat = insight?.category ?? category ?? 'unknown';
      const techniqueId = insight?.technique ?? null;
      const technique: TechniqueInfo | null = techniqueId
        ? (TECHNIQUES[techniqueId] ?? {
            id: techniqueId,
            name: techniqueId,
            tactic: 'unknown',
            url: `https://attack.mitre.org/techniques/${techniqueId.replace('.', '/')}/`,
          })
        : null;
      return insight ? { category: cat, playbook: PLAYBOOKS[cat], technique, insight } : { category: cat, playbook: PLAYBOOKS[cat], technique };
    },
    'threats.listen': async (req) => ({ receivers: await svc().listen(req) }),
    'threats.unlisten': async () => ({ stopped: await svc().unlisten() }),
    'threats.forward.start': async (req) => forwarders(ctx, svc().repo).start(req),
    'threats.forward.stop': async ({ target }) => ({ stopped: await forwarders(ctx, svc().repo).stop(target) }),
    'threats.forward.status': async () => ({ forwarders: forwarders(ctx, svc().repo).status() }),
  };
}
