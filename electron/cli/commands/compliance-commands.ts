import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ComplianceFramework, ConfigKind, type Finding, FindingStatus } from '../../../shared/api/compliance';
import { RoutewiseError } from '../../../shared/api/errors';
import { type GlobalOptions, withRuntime } from '../runtime';

const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');

function findingLines(f: Finding): string {
  const head = `${f.waiver ? 'WAIVED' : f.status.toUpperCase().padEnd(6)} ${f.ruleId.padEnd(26)} ${clean(f.deviceName).slice(0, 30).padEnd(30)} ${clean(f.message).slice(0, 140)}`;
  const ev = f.evidence.slice(0, 3).map((e) => `    ${e.kind === 'config' ? `${e.source}:${e.line}: ${clean(e.text)}` : `${e.field}=${clean(e.value)}`}`.slice(0, 200));
  return [head, ...ev].join('\n');
}

export function registerComplianceCommands(program: Command, globals: () => GlobalOptions): void {
  const c = program.command('compliance').description('compliance rules, evaluation, waivers, baselines and advisories');

  c.command('rules')
    .description('the active rule pack: version, sha256 and rules (an edited pack is recorded in the audit chain)')
    .action(() =>
      withRuntime(globals(), async (rt) => {
        const r = await rt.api.call('compliance.rules', {});
        rt.print(r, () =>
          [
            `${r.pack.id} ${r.pack.version} sha256 ${r.pack.hash}${r.pack.changedWithoutVersionBump ? '  (CHANGED WITHOUT VERSION BUMP)' : ''}`,
            ...r.rules.map((x) => `${x.id.padEnd(26)} ${x.severity.padEnd(8)} ${x.title}`),
          ].join('\n'),
        );
      }),
    );

  c.command('evaluate')
    .description('evaluate the inventory; prints failures with evidence (all results with --all)')
    .option('--device <id...>', 'only these device ids')
    .option('--framework <name>', 'cis | nist-800-53 | pci-dss')
    .option('--status <status...>', 'pass | fail | not-applicable | error (default: fail error)')
    .option('--all', 'every result', false)
    .action((o: { device?: string[]; framework?: string; status?: string[]; all: boolean }) =>
      withRuntime(globals(), async (rt) => {
        const status = o.all ? undefined : (o.status ?? ['fail', 'error']).map((s) => FindingStatus.parse(s));
        const fw = o.framework ? ComplianceFramework.parse(o.framework) : undefined;
        const r = await rt.api.call('compliance.evaluate', {
          ...(o.device ? { deviceIds: o.device } : {}),
          ...(fw ? { framework: fw } : {}),
          ...(status ? { status } : {}),
          limit: 200_000,
        });
        rt.print(r, () =>
          [
            `pack ${r.pack.id} ${r.pack.version} (${r.pack.hash.slice(0, 12)}) · ${r.devices} devices · score ${r.totals.scorePct ?? 'n/a'}% · pass ${r.totals.pass} fail ${r.totals.fail} waived ${r.totals.waived} error ${r.totals.error}`,
            ...r.findings.map(findingLines),
          ].join('\n'),
        );
      }),
    );

  c.command('import-config')
    .description('store a configuration file for a device (running, startup or approved)')
    .requiredOption('--device <id>', 'device id')
    .requiredOption('--kind <kind>', 'running | startup | approved')
    .argument('<file>', 'configuration text file')
    .action((file: string, o: { device: string; kind: string }) =>
      withRuntime(globals(), async (rt) => {
        const kind = ConfigKind.parse(o.kind);
        const r = await rt.api.call('compliance.importConfig', { deviceId: o.device, kind, text: readFileSync(path.resolve(file), 'utf8') });
        rt.print(r, () => `stored ${kind} configuration ${r.id} for ${o.device} (sha256 ${r.sha256.slice(0, 16)}…)`);
      }),
    );

  c.command('approve')
    .description("make the device's current running configuration its approved baseline")
    .requiredOption('--device <id>', 'device id')
    .action((o: { device: string }) =>
      withRuntime(globals(), async (rt) => {
        const r = await rt.api.call('compliance.approveRunning', { deviceId: o.device });
        rt.print(r, () => `approved baseline ${r.id} for ${o.device}`);
      }),
    );

  c.command('waive')
    .description('waive a rule for a device (or every device) until an expiry date')
    .requiredOption('--rule <id>', 'rule id')
    .option('--device <id>', "device id, or '*' for all", '*')
    .requiredOption('--reason <text>', 'why the risk is accepted')
    .requiredOption('--owner <name>', 'who owns the accepted risk')
    .requiredOption('--expires <date>', 'when the waiver stops applying (ISO date)')
    .action((o: { rule: string; device: string; reason: string; owner: string; expires: string }) =>
      withRuntime(globals(), async (rt) => {
        if (Number.isNaN(Date.parse(o.expires))) throw new RoutewiseError('bad-request', `not a date: ${o.expires}`);
        const w = await rt.api.call('compliance.waive', { ruleId: o.rule, deviceId: o.device, reason: o.reason, owner: o.owner, expiresAt: o.expires });
        rt.print(w, () => `waiver ${w.id}: ${w.ruleId} on ${w.deviceId} until ${w.expiresAt} (owner ${w.owner})`);
      }),
    );

  c.command('waivers')
    .description('list waivers')
    .action(() =>
      withRuntime(globals(), async (rt) => {
        const ws = await rt.api.call('compliance.waivers', {});
        rt.print(ws, () => ws.map((w) => `${w.id} ${w.ruleId} ${w.deviceId} until ${w.expiresAt}${w.expired ? ' (expired)' : ''} owner ${w.owner}: ${clean(w.reason)}`).join('\n') || 'no waivers');
      }),
    );

  c.command('unwaive')
    .description('remove a waiver')
    .argument('<id>')
    .action((id: string) =>
      withRuntime(globals(), async (rt) => {
        const r = await rt.api.call('compliance.revokeWaiver', { id });
        rt.print(r, () => (r.removed ? `removed ${id}` : `no waiver ${id}`));
      }),
    );

  c.command('import-advisories')
    .description('import NVD CVE JSON 2.0 feed files or CSAF 2.0 advisories (offline)')
    .argument('<files...>')
    .action((files: string[]) =>
      withRuntime(globals(), async (rt) => {
        const results: Array<{ file: string; format: string; advisories: number; products: number }> = [];
        for (const f of files) {
          results.push({ file: f, ...(await rt.api.call('compliance.importAdvisories', { text: readFileSync(path.resolve(f), 'utf8'), name: path.basename(f) })) });
        }
        rt.print(results, () => results.map((r) => `${r.file}: ${r.format}, ${r.advisories} advisories, ${r.products} affected products`).join('\n'));
      }),
    );

  c.command('advisories')
    .description('imported advisories that match the inventory')
    .action(() =>
      withRuntime(globals(), async (rt) => {
        const r = await rt.api.call('compliance.advisories', {});
        rt.print(r, () => [`${r.imported} advisories imported, ${r.matches.length} matches`, ...r.matches.map((m) => `${m.advisoryId} ${m.severity ?? ''} ${clean(m.deviceName)} ${m.platform} ${m.version}${m.fixedIn ? ` (fixed in ${m.fixedIn})` : ''}`)].join('\n'));
      }),
    );
}
