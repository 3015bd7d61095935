import type { complianceMethods } from '../../../../shared/api/compliance';
import { RoutewiseError } from '../../../../shared/api/errors';
import { csafOrNvd } from '../../compliance/advisories/detect';
import { ComplianceService } from '../../compliance/compliance-service';
import { countFindings, inFramework } from '../../compliance/evaluate/score';
import { isExpired } from '../../compliance/evaluate/waivers';
import { rulePlatforms } from '../../compliance/rules/rule-schema';
import type { EngineContext } from '../../engine-context';
import type { HandlersFor } from '../handlers';
import { startAutoReevaluation } from '../../compliance/auto-reevaluate';

export function complianceHandlers(ctx: EngineContext): HandlersFor<typeof complianceMethods> {
  const svc = new ComplianceService(ctx);
  startAutoReevaluation(ctx, svc);
  const deviceExists = (id: string) => svc.repo.devices([id]).length > 0;
  return {
    'compliance.rules': async (_input, call) => {
      const { loaded, info } = await svc.activePack(call.actor);
      return {
        pack: info,
        policy: loaded.pack.policy,
        rules: loaded.pack.rules.map((r) => ({
          id: r.id,
          title: r.title,
          severity: r.severity,
          platforms: rulePlatforms(r),
          frameworks: { cis: r.frameworks.cis ?? [], 'nist-800-53': r.frameworks['nist-800-53'] ?? [], 'pci-dss': r.frameworks['pci-dss'] ?? [] },
          remediation: r.remediation.template ? { text: r.remediation.text, template: r.remediation.template } : { text: r.remediation.text },
          hash: loaded.ruleHashes[r.id] ?? '',
        })),
      };
    },
    'compliance.packSource': async (_input, call) => {
      const r = await svc.editableRules(call.actor);
      return { source: r.source, pack: r.info, nextVersion: r.nextVersion, rules: r.rules };
    },
    'compliance.checkRule': async ({ ruleId, yaml }, call) => {
      const { loaded } = await svc.activePack(call.actor);
      const r = svc.checkRule(loaded, ruleId, yaml);
      return { ok: r.rule !== undefined, issues: r.issues };
    },
    'compliance.saveRule': async ({ ruleId, yaml, version }, call) => ({ pack: await svc.saveRule({ ruleId, yaml, version, actor: call.actor }) }),
    'compliance.revertPack': async (_input, call) => {
      const r = await svc.revertPack(call.actor);
      return { reverted: r.reverted, pack: r.info };
    },
    'compliance.evaluate': async (input, call) => {
      const now = new Date();
      const ev = await svc.evaluate({ ...(input.deviceIds ? { deviceIds: input.deviceIds } : {}), now, actor: call.actor });
      const fw = input.framework;
      const selected = ev.findings.filter((f) => (!fw || inFramework(f, fw)) && (!input.status || input.status.includes(f.status)));
      return {
        pack: ev.info,
        evaluatedAt: now.toISOString(),
        devices: ev.devices.length,
        totals: countFindings(fw ? ev.findings.filter((f) => inFramework(f, fw)) : ev.findings),
        findings: selected.slice(0, input.limit),
        truncated: selected.length > input.limit,
      };
    },
    'compliance.importConfig': async ({ deviceId, kind, text }, call) => {
      if (!deviceExists(deviceId)) throw new RoutewiseError('not-found', `no device ${deviceId} in the inventory`);
      const r = await svc.repo.addConfig(deviceId, kind, text, call.actor);
      await ctx.audit.append({ actor: call.actor, action: 'compliance.config-imported', subject: deviceId, details: { kind, sha256: r.sha256 } });
      return r;
    },
    'compliance.approveRunning': async ({ deviceId }, call) => {
      const running = svc.repo.latestConfigs([deviceId]).get(deviceId)?.running;
      if (!running) throw new RoutewiseError('not-found', `no running configuration stored for ${deviceId}`);
      const r = await svc.repo.addConfig(deviceId, 'approved', running.text, call.actor);
      await ctx.audit.append({ actor: call.actor, action: 'compliance.baseline-approved', subject: deviceId, details: { sha256: r.sha256 } });
      return r;
    },
    'compliance.waive': async (input, call) => {
      const { loaded } = await svc.activePack(call.actor);
      const known = new Set([...loaded.pack.rules.map((r) => r.id), 'DRIFT-STARTUP', 'DRIFT-APPROVED']);
      if (!known.has(input.ruleId)) throw new RoutewiseError('not-found', `no rule ${input.ruleId} in pack ${loaded.pack.id}`);
      if (input.deviceId !== '*' && !deviceExists(input.deviceId)) throw new RoutewiseError('not-found', `no device ${input.deviceId} in the inventory`);
      const w = await svc.repo.addWaiver({ ...input, expiresAt: new Date(input.expiresAt).toISOString(), createdBy: call.actor });
      await ctx.audit.append({ actor: call.actor, action: 'compliance.waiver-added', subject: `${w.ruleId}@${w.deviceId}`, details: w });
      return w;
    },
    'compliance.waivers': async () => {
      const now = new Date();
      return (await svc.repo.waivers()).map((w) => ({ ...w, expired: isExpired(w, now) }));
    },
    'compliance.revokeWaiver': async ({ id }, call) => {
      const w = await svc.repo.removeWaiver(id);
      if (w) await ctx.audit.append({ actor: call.actor, action: 'compliance.waiver-revoked', subject: `${w.ruleId}@${w.deviceId}`, details: { id } });
      return { removed: w !== undefined };
    },
    'compliance.importAdvisories': async ({ text, name }, call) => {
      const { format, advisories } = csafOrNvd(text);
      await svc.repo.addAdvisoryFile(name, format, text, advisories);
      await ctx.audit.append({ actor: call.actor, action: 'compliance.advisories-imported', subject: name, details: { format, advisories: advisories.length } });
      return { format, advisories: advisories.length, products: advisories.reduce((n, a) => n + a.products.length, 0) };
    },
    'compliance.advisories': async () => {
      const devices = svc.repo.devices();
      return { imported: (await svc.repo.advisories()).length, matches: await svc.advisoryMatches(devices) };
    },
    'report.build': async (input, call) => {
      const r = await svc.report({ ...input, actor: call.actor });
      return {
        format: r.format,
        mediaType: r.mediaType,
        encoding: typeof r.content === 'string' ? 'utf8' : 'base64',
        content: typeof r.content === 'string' ? r.content : r.content.toString('base64'),
        fileName: r.fileName,
      };
    },
  };
}
