import type { AdvisoryMatch, ComplianceFramework, Finding, PackInfo, ReportFormat, Waiver } from '../../../shared/api/compliance';
import type { EngineContext } from '../engine-context';
import { matchAdvisories } from './advisories/match-advisories';
import { ComplianceRepo } from './compliance-repo';
import type { DeviceInput } from './evaluate/device-input';
import { evaluateAll } from './evaluate/evaluator';
import { redactText } from './redact';
import { buildReportModel } from './report/build-report';
import type { ReportModel, RolloutRow, ThreatSummary } from './report/report-model';
import { renderCsv } from './report/render-csv';
import { renderHtml } from './report/render-html';
import { renderOscal } from './report/render-oscal';
import { renderPdf } from './report/render-pdf';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RoutewiseError } from '../../../shared/api/errors';
import { listTemplates } from '../rollout/templates/template-library';
import { applyRuleEdit, checkRuleText, editedPackPath, hasEditedPack, nextPatchVersion, type RuleIssue, ruleToYaml } from './rules/pack-editor';
import { comparePacks, corePackPath, type LoadedPack, loadPackFile } from './rules/rule-pack';

export interface RenderedReport {
  format: ReportFormat;
  mediaType: string;
  content: string | Buffer;
  fileName: string;
}

const MEDIA: Record<ReportFormat, [string, string]> = {
  pdf: ['application/pdf', 'pdf'],
  html: ['text/html', 'html'],
  csv: ['text/csv', 'csv'],
  json: ['application/json', 'json'],
  oscal: ['application/json', 'oscal.json'],
};

/** Compliance for one engine: the active pack (tracked in the audit chain), evaluation, and reports. */
export class ComplianceService {
  readonly repo: ComplianceRepo;

  constructor(
    private readonly ctx: EngineContext,
    private readonly packFile: () => string = () => process.env.ROUTEWISE_RULE_PACK ?? (hasEditedPack(ctx.dataDir) ? editedPackPath(ctx.dataDir) : corePackPath()),
  ) {
    this.repo = new ComplianceRepo(ctx.store);
  }

  /**
   * Load the pack and compare it with the last one recorded: a different hash appends an audit entry with the
   * old and new hashes and the rules touched; a different hash under the same version is flagged until the
   * version changes, so nobody passes by quietly weakening a rule.
   */
  async activePack(actor = 'engine'): Promise<{ loaded: LoadedPack; info: PackInfo }> {
    const loaded = loadPackFile(this.packFile());
    const prev = await this.repo.packState(loaded.pack.id);
    const change = comparePacks(prev, loaded);
    let flagged = prev?.sameVersionChange ?? false;
    if (!prev || change.changed) {
      if (change.changed) {
        flagged = change.sameVersion || (flagged && prev?.version === loaded.pack.version);
        await this.ctx.audit.append({
          actor,
          action: 'compliance.pack-changed',
          subject: loaded.pack.id,
          details: {
            oldHash: change.oldHash,
            newHash: change.newHash,
            oldVersion: change.oldVersion,
            newVersion: change.newVersion,
            sameVersion: change.sameVersion,
            added: change.addedRules,
            removed: change.removedRules,
            modified: change.modifiedRules,
          },
        });
        if (change.sameVersion) this.ctx.log('warn', `rule pack ${loaded.pack.id} changed without a version bump (${change.modifiedRules.join(', ') || 'rules added/removed'})`);
      } else {
        await this.ctx.audit.append({ actor, action: 'compliance.pack-recorded', subject: loaded.pack.id, details: { hash: loaded.hash, version: loaded.pack.version } });
      }
      if (prev && prev.version !== loaded.pack.version) flagged = false;
      await this.repo.savePackState(loaded.pack.id, { version: loaded.pack.version, hash: loaded.hash, ruleHashes: { ...loaded.ruleHashes }, recordedAt: new Date().toISOString(), sameVersionChange: flagged });
    }
    return {
      loaded,
      info: { id: loaded.pack.id, title: loaded.pack.title, version: loaded.pack.version, hash: loaded.hash, changedWithoutVersionBump: flagged },
    };
  }

  /** Where the active pack comes from: the shipped file, an edit saved from the view, or a file the admin named. */
  packSource(): 'shipped' | 'edited' | 'file' {
    if (process.env.ROUTEWISE_RULE_PACK) return 'file';
    return hasEditedPack(this.ctx.dataDir) ? 'edited' : 'shipped';
  }

  /** Each rule of the active pack as the editor shows it. */
  async editableRules(actor?: string): Promise<{ source: 'shipped' | 'edited' | 'file'; info: PackInfo; nextVersion: string; rules: Array<{ id: string; yaml: string }> }> {
    const { loaded, info } = await this.activePack(actor);
    return { source: this.packSource(), info, nextVersion: nextPatchVersion(loaded.pack.version), rules: loaded.pack.rules.map((r) => ({ id: r.id, yaml: ruleToYaml(r) })) };
  }

  /** Checks an edited rule against the schema, the other rules' ids and the rollout templates. */
  checkRule(loaded: LoadedPack, originalId: string, yaml: string): { issues: RuleIssue[]; rule?: ReturnType<typeof checkRuleText>['rule'] } {
    if (!loaded.pack.rules.some((r) => r.id === originalId)) return { issues: [{ path: 'id', message: `no rule ${originalId} in pack ${loaded.pack.id}` }] };
    const templates = new Map(listTemplates(this.ctx.dataDir).templates.map((t) => [t.spec.name, t.spec] as const));
    return checkRuleText(yaml, { originalId, otherIds: loaded.pack.rules.map((r) => r.id), templates });
  }

  /**
   * Saves one edited rule as the pack of this data directory under the given version. The pack hash changes, so
   * activePack records it in the audit chain (flagged when the version stayed the same).
   */
  async saveRule(req: { ruleId: string; yaml: string; version: string; actor: string }): Promise<PackInfo> {
    if (this.packSource() === 'file') throw new RoutewiseError('unsupported', 'the rule pack comes from ROUTEWISE_RULE_PACK; edit that file instead');
    const { loaded } = await this.activePack(req.actor);
    const checked = this.checkRule(loaded, req.ruleId, req.yaml);
    if (!checked.rule) throw new RoutewiseError('bad-request', `rule ${req.ruleId} is invalid: ${checked.issues.map((i) => `${i.path || 'rule'}: ${i.message}`).join('; ')}`, { issues: checked.issues });
    const text = applyRuleEdit(readFileSync(this.packFile(), 'utf8'), req.ruleId, checked.rule, req.version);
    const file = editedPackPath(this.ctx.dataDir);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, text, { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
    await this.ctx.audit.append({ actor: req.actor, action: 'compliance.rule-edited', subject: `${loaded.pack.id}/${req.ruleId}`, details: { ruleId: req.ruleId, newId: checked.rule.id, fromVersion: loaded.pack.version, toVersion: req.version } });
    return (await this.activePack(req.actor)).info;
  }

  /** Back to the shipped pack: the edited pack file is removed (the change is recorded like any other). */
  async revertPack(actor: string): Promise<{ reverted: boolean; info: PackInfo }> {
    const file = editedPackPath(this.ctx.dataDir);
    const reverted = hasEditedPack(this.ctx.dataDir);
    if (reverted) {
      rmSync(file);
      await this.ctx.audit.append({ actor, action: 'compliance.pack-reverted', subject: 'rule pack', details: { removed: path.basename(file) } });
    }
    return { reverted, info: (await this.activePack(actor)).info };
  }

  async evaluate(opts: { deviceIds?: readonly string[]; now?: Date; actor?: string } = {}): Promise<{ info: PackInfo; loaded: LoadedPack; devices: DeviceInput[]; findings: Finding[]; waivers: Waiver[] }> {
    const { loaded, info } = await this.activePack(opts.actor);
    const devices = this.repo.devices(opts.deviceIds);
    const waivers = await this.repo.waivers();
    const findings = evaluateAll(devices, loaded, { waivers, now: opts.now ?? new Date() });
    return { info, loaded, devices, findings, waivers };
  }

  async advisoryMatches(devices: readonly DeviceInput[]): Promise<AdvisoryMatch[]> {
    const advisories = await this.repo.advisories();
    return matchAdvisories(advisories, devices.map((d) => ({ deviceId: d.deviceId, deviceName: d.name, platform: d.platform, version: d.facts.osVersion })));
  }

  async reportModel(req: { framework: ComplianceFramework; from?: string; to?: string; title?: string; actor?: string; now?: Date }): Promise<ReportModel> {
    const now = req.now ?? new Date();
    const ev = await this.evaluate({ now, ...(req.actor ? { actor: req.actor } : {}) });
    const verify = await this.ctx.audit.verify();
    const entries = (await this.ctx.audit.list(10_000)).reverse();
    return buildReportModel({
      framework: req.framework,
      ...(req.title ? { title: req.title } : {}),
      ...(req.from ? { from: req.from } : {}),
      ...(req.to ? { to: req.to } : {}),
      now,
      pack: ev.loaded,
      packInfo: ev.info,
      devices: ev.devices,
      findings: ev.findings,
      waivers: ev.waivers,
      advisories: await this.advisoryMatches(ev.devices),
      auditVerify: verify,
      auditEntries: entries,
      rollouts: this.rollouts(req.from, req.to),
      threats: this.threats(req.from, req.to),
    });
  }

  async report(req: { framework: ComplianceFramework; format: ReportFormat; from?: string; to?: string; title?: string; actor?: string }): Promise<RenderedReport> {
    const model = await this.reportModel(req);
    const [mediaType, ext] = MEDIA[req.format];
    const fileName = `routewise-${req.framework}-${model.generatedAt.slice(0, 10)}.${ext}`;
    const content = await renderReport(model, req.format);
    await this.ctx.audit.append({
      actor: req.actor ?? 'engine',
      action: 'compliance.report',
      subject: req.framework,
      details: { format: req.format, packVersion: model.pack.version, packHash: model.pack.hash, score: model.scores.overall.scorePct, audit: model.audit.summary },
    });
    return { format: req.format, mediaType, content, fileName };
  }

  private rollouts(from?: string, to?: string): RolloutRow[] | null {
    const plans = this.repo.optionalRows<{ id: string; template_name: string; status: string; created_at: string; created_by: string; approved_by: string | null }>(
      'rollout_plans',
      'select id, template_name, status, created_at, created_by, approved_by from rollout_plans order by created_at',
    );
    if (!plans) return null;
    const devices = this.repo.optionalRows<{ plan_id: string; address: string; state: string; diff: string | null }>('rollout_devices', 'select plan_id, address, state, diff from rollout_devices order by plan_id, address') ?? [];
    return plans
      .filter((p) => (!from || p.created_at >= new Date(from).toISOString()) && (!to || p.created_at <= new Date(to).toISOString()))
      .map((p) => ({
        id: p.id,
        template: p.template_name,
        status: p.status,
        createdAt: p.created_at,
        createdBy: p.created_by,
        approvedBy: p.approved_by,
        devices: devices.filter((d) => d.plan_id === p.id).map((d) => ({ address: d.address, state: d.state, diff: d.diff ? redactText(d.diff) : '' })),
      }));
  }

  private threats(from?: string, to?: string): ThreatSummary | null {
    const fromMs = from ? Date.parse(from) : 0;
    const toMs = to ? Date.parse(to) : 8.64e15;
    const rows = this.repo.optionalRows<{ severity: string; category: string; signature: string; count: number; device_address: string }>(
      'threat_insights',
      'select severity, category, signature, count, device_address from threat_insights where time_ms >= ? and time_ms <= ?',
      fromMs,
      toMs,
    );
    if (!rows) return null;
    const bySeverity: Record<string, number> = {};
    const byCategory: Record<string, number> = {};
    const sig = new Map<string, { signature: string; category: string; severity: string; count: number; devices: Set<string> }>();
    let total = 0;
    for (const r of rows) {
      total += r.count;
      bySeverity[r.severity] = (bySeverity[r.severity] ?? 0) + r.count;
      byCategory[r.category] = (byCategory[r.category] ?? 0) + r.count;
      const s = sig.get(r.signature) ?? { signature: r.signature, category: r.category, severity: r.severity, count: 0, devices: new Set<string>() };
      s.count += r.count;
      s.devices.add(r.device_address);
      sig.set(r.signature, s);
    }
    const top = [...sig.values()].sort((a, b) => b.count - a.count).slice(0, 20).map((s) => ({ signature: s.signature, category: s.category, severity: s.severity, count: s.count, devices: s.devices.size }));
    return { total, bySeverity, byCategory, top };
  }
}

export async function renderReport(model: ReportModel, format: ReportFormat): Promise<string | Buffer> {
  switch (format) {
    case 'json':
      return JSON.stringify(model, null, 1);
    case 'csv':
      return renderCsv(model);
    case 'html':
      return renderHtml(model);
    case 'oscal':
      return renderOscal(model);
    case 'pdf':
      return renderPdf(renderHtml(model, { printOnly: true }), { title: model.title });
  }
}
