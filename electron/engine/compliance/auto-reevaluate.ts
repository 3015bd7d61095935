import type { EngineContext } from '../engine-context';
import type { ComplianceService } from './compliance-service';
import { countFindings, inFramework } from './evaluate/score';

const SETTLED = new Set(['completed', 'halted', 'rolled-back', 'aborted', 'failed']);
const FRAMEWORKS = ['cis', 'nist-800-53', 'pci-dss'] as const;

/**
 * Compliance re-evaluates by itself after every rollout that settles and every recorded config (backup, restore):
 * bursts (a backup of 500 devices) are coalesced into one evaluation, whose scores go out as `compliance.updated`.
 */
export function startAutoReevaluation(ctx: EngineContext, svc: ComplianceService, debounceMs = 1000): void {
  let timer: NodeJS.Timeout | undefined;
  let reasons: string[] = [];
  const run = async () => {
    const reason = [...new Set(reasons)].slice(0, 5).join('; ');
    reasons = [];
    try {
      const { findings } = await svc.evaluate({ actor: 'system' });
      const scores: Record<string, number | null> = {};
      for (const fw of FRAMEWORKS) scores[fw] = countFindings(findings.filter((f) => inFramework(f, fw))).scorePct;
      const failing = findings.filter((f) => f.status === 'fail' && !f.waiver).length;
      ctx.bus.emit('compliance.updated', { reason, at: new Date().toISOString(), scores, failing });
    } catch (err) {
      ctx.log('warn', `compliance re-evaluation after ${reason} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const trigger = (reason: string) => {
    reasons.push(reason);
    clearTimeout(timer);
    timer = setTimeout(() => void run(), debounceMs);
    timer.unref();
  };
  const off = ctx.bus.subscribe((event, payload) => {
    if (event === 'rollout.status') {
      const p = payload as { planId: string; status: string };
      if (SETTLED.has(p.status)) trigger(`rollout ${p.planId} ${p.status}`);
    } else if (event === 'archive.recorded') {
      trigger(`config recorded (${(payload as { source: string }).source})`);
    }
  });
  ctx.onClose(() => {
    off();
    clearTimeout(timer);
  });
}
