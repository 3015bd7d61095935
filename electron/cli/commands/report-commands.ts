import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ComplianceFramework, ReportFormat } from '../../../shared/api/compliance';
import { RoutewiseError } from '../../../shared/api/errors';
import { type GlobalOptions, withRuntime } from '../runtime';

function parseDate(v: string | undefined, end: boolean): string | undefined {
  if (v === undefined) return undefined;
  // A bare date means the whole day: --to 2024-03-31 includes that day.
  const s = /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T${end ? '23:59:59.999' : '00:00:00.000'}Z` : v;
  if (Number.isNaN(Date.parse(s))) throw new RoutewiseError('bad-request', `not a date: ${v}`);
  return new Date(s).toISOString();
}

export function registerReportCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('report')
    .description('compliance report: scope, inventory, firmware, scores, findings with evidence, waivers, audit chain, rollouts, threats')
    .requiredOption('--framework <name>', 'cis | nist-800-53 | pci-dss')
    .requiredOption('--format <format>', 'pdf | html | csv | json | oscal')
    .requiredOption('--out <file>', 'where to write the report')
    .option('--from <date>', 'start of the period (ISO date or time)')
    .option('--to <date>', 'end of the period (ISO date or time)')
    .option('--title <text>', 'report title')
    .action((o: { framework: string; format: string; out: string; from?: string; to?: string; title?: string }) =>
      withRuntime(globals(), async (rt) => {
        const framework = ComplianceFramework.safeParse(o.framework);
        if (!framework.success) throw new RoutewiseError('bad-request', `--framework must be one of ${ComplianceFramework.options.join(', ')}`);
        const format = ReportFormat.safeParse(o.format);
        if (!format.success) throw new RoutewiseError('bad-request', `--format must be one of ${ReportFormat.options.join(', ')}`);
        const from = parseDate(o.from, false);
        const to = parseDate(o.to, true);
        rt.progress(`building ${format.data} report…`);
        const r = await rt.api.call('report.build', {
          framework: framework.data,
          format: format.data,
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
          ...(o.title ? { title: o.title } : {}),
        });
        const out = path.resolve(o.out);
        const bytes = r.encoding === 'base64' ? Buffer.from(r.content, 'base64') : Buffer.from(r.content, 'utf8');
        writeFileSync(out, bytes);
        rt.print({ file: out, format: r.format, mediaType: r.mediaType, bytes: bytes.length }, () => `wrote ${out} (${r.format}, ${bytes.length} bytes)`);
      }),
    );
}
