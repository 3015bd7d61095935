import type { Command } from 'commander';
import { RoutewiseError } from '../../../shared/api/errors';
import { type GlobalOptions, withRuntime } from '../runtime';

/** '5m', '90s', '2h', '1d' or plain seconds → milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new RoutewiseError('bad-request', `not a duration: ${text} (use e.g. 90s, 5m, 2h)`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(m[1]) * unit);
}

export function registerTopologyCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('topology')
    .description('the map from LLDP/CDP/ARP/FDB: walks every inventory device, then prints nodes and links')
    .option('--cached', 'do not walk the devices again; use the last collection', false)
    .option('--timeout <ms>', 'per-request SNMP timeout', '2000')
    .option('--concurrency <n>', 'devices walked at once', '32')
    .action((o: { cached: boolean; timeout: string; concurrency: string }) =>
      withRuntime(globals(), async (rt) => {
        let failed: Array<{ address: string; error: string }> = [];
        if (!o.cached) {
          const off = rt.api.on('topology.progress', (p) => rt.progress(`walking neighbour tables: ${p.done}/${p.total}`));
          const res = await rt.api.call('topology.collect', { timeoutMs: Number(o.timeout), concurrency: Number(o.concurrency) });
          off();
          failed = res.failed;
        }
        const view = await rt.api.call('topology.get', {});
        const links = view.links.map((l) => ({
          id: l.id,
          a: { device: l.a.device, ifName: l.a.ifName, ...(l.a.speedMbps !== undefined ? { speedMbps: l.a.speedMbps } : {}) },
          b: { device: l.b.device, ifName: l.b.ifName, ...(l.b.speedMbps !== undefined ? { speedMbps: l.b.speedMbps } : {}) },
          speedMbps: l.speedMbps,
          sources: l.sources,
          ...(l.oneSided ? { oneSided: true } : {}),
        }));
        const label = new Map(view.nodes.map((n) => [n.id, n.label]));
        rt.print({ nodes: view.nodes, links, changes: view.changes, failed }, () =>
          [
            `${view.nodes.filter((n) => n.managed).length} managed and ${view.nodes.filter((n) => !n.managed).length} unmanaged devices, ${links.length} links`,
            ...links.map((l) => `  ${label.get(l.a.device)} ${l.a.ifName} <-> ${label.get(l.b.device)} ${l.b.ifName}  ${l.speedMbps} Mbps  [${l.sources.join(',')}]${l.oneSided ? ' one-sided' : ''}`),
            ...failed.map((f) => `  could not walk ${f.address}: ${f.error}`),
          ].join('\n'),
        );
      }),
    );

  program
    .command('analyze')
    .description('bottleneck findings: hot links, oversubscription, mismatches, errors, SPOFs, min cuts, density')
    .option('--window <duration>', 'metrics window (e.g. 5m, 1h)', '5m')
    .option('--hot <util>', 'p95 utilisation threshold for hot links (0..1)')
    .action((o: { window: string; hot?: string }) =>
      withRuntime(globals(), async (rt) => {
        const { findings, coverage } = await rt.api.call('topology.analyze', {
          windowMs: Math.max(60_000, parseDuration(o.window)),
          ...(o.hot ? { hotLinkUtil: Number(o.hot) } : {}),
        });
        rt.print({ findings, coverage }, () =>
          [
            findings.length === 0 ? 'no findings' : findings.map((f) => `${f.severity.padEnd(8)} ${f.kind.padEnd(16)} ${f.subject.label}\n         ${f.recommendation}`).join('\n'),
            '',
            'AI coverage by segment:',
            ...coverage.map((c) => `  ${c.segment}: ${c.blindSpot ? 'BLIND SPOT' : `seen by ${[...c.fullySeenBy, ...c.partlySeenBy.map((p) => `${p} (partly)`)].join(', ')}`}`),
          ].join('\n'),
        );
      }),
    );

  program
    .command('poll')
    .description('poll interface counters of every device on an interval (reports overrunning cycles)')
    .option('--interval <s>', 'seconds between cycles', '60')
    .option('--duration <s>', 'how long to poll, in seconds', '60')
    .option('--timeout <ms>', 'per-request SNMP timeout', '2000')
    .option('--concurrency <n>', 'devices polled at once', '64')
    .action((o: { interval: string; duration: string; timeout: string; concurrency: string }) =>
      withRuntime(globals(), async (rt) => {
        const controller = new AbortController();
        process.once('SIGINT', () => controller.abort());
        const off = rt.api.on('metrics.cycle', (c) =>
          rt.progress(`cycle ${c.cycle}: ${c.polled}/${c.devices} devices, ${c.samples} samples, ${c.durationMs} ms${c.overrunMs ? `, OVERRAN by ${c.overrunMs} ms` : ''}`),
        );
        const res = await rt.api.call(
          'metrics.poll',
          { intervalSec: Number(o.interval), durationSec: Number(o.duration), timeoutMs: Number(o.timeout), concurrency: Number(o.concurrency) },
          { signal: controller.signal },
        );
        off();
        rt.print(res, () =>
          res.cycles
            .map((c) => `cycle ${c.cycle}: ${c.polled}/${c.devices} devices, ${c.samples} samples in ${c.durationMs} ms${c.overrunMs ? ` (overran by ${c.overrunMs} ms, ${c.skippedSlots} slot(s) skipped)` : ''}${c.failed.length ? `, ${c.failed.length} failed` : ''}`)
            .join('\n'),
        );
      }),
    );

  program
    .command('metrics')
    .description('time series of a device (CPU, memory) or of one of its interfaces (utilisation, bps, errors)')
    .requiredOption('--device <id>', 'device id (routewise inventory --json)')
    .option('--if <name>', 'interface name')
    .option('--since <duration>', 'how far back (e.g. 1h, 7d)', '1h')
    .action((o: { device: string; if?: string; since: string }) =>
      withRuntime(globals(), async (rt) => {
        const res = await rt.api.call('metrics.series', {
          deviceId: o.device,
          ...(o.if ? { ifName: o.if } : {}),
          fromMs: Date.now() - parseDuration(o.since),
        });
        rt.print(res, () =>
          [`tier ${res.tier}, ${res.points.length} points`, ...res.points.map((p) =>
            o.if
              ? `${new Date(p.atMs).toISOString()}  in ${pct(p.inUtil)}  out ${pct(p.outUtil)}  errors/s ${p.errorsPerSec ?? '-'}`
              : `${new Date(p.atMs).toISOString()}  cpu ${p.cpuPct ?? '-'}%  mem ${p.memPct?.toFixed(1) ?? '-'}%`,
          )].join('\n'),
        );
      }),
    );

  const links = program.command('links').description('manual links, for gear that speaks no LLDP/CDP');
  links
    .command('add')
    .description('add a link between DEVICE:INTERFACE and DEVICE:INTERFACE (device = name, address or id)')
    .argument('<a>', 'first end, e.g. core1:xe-0/0/9')
    .argument('<b>', 'second end, e.g. 127.20.0.7:ether5')
    .option('--speed <mbps>', 'link speed in Mbps (default: the slower end)')
    .action((a: string, b: string, o: { speed?: string }) =>
      withRuntime(globals(), async (rt) => {
        const view = await rt.api.call('topology.get', {});
        const end = (text: string) => {
          const at = text.lastIndexOf(':');
          if (at <= 0) throw new RoutewiseError('bad-request', `"${text}" is not DEVICE:INTERFACE`);
          const who = text.slice(0, at);
          const node = view.nodes.find((n) => n.managed && (n.id === who || n.label === who || n.addresses?.includes(who)));
          if (!node) throw new RoutewiseError('not-found', `no managed device "${who}" (routewise inventory lists them)`);
          return { device: node.id, ifName: text.slice(at + 1) };
        };
        const res = await rt.api.call('topology.addManualLink', { a: end(a), b: end(b), ...(o.speed ? { speedMbps: Number(o.speed) } : {}) });
        rt.print(res, () => `added manual link ${res.id}`);
      }),
    );
  links
    .command('remove')
    .argument('<id>', 'manual link id (from `routewise topology --json`, sources: manual)')
    .action((id: string) =>
      withRuntime(globals(), async (rt) => {
        const res = await rt.api.call('topology.removeManualLink', { id });
        if (!res.removed) throw new RoutewiseError('not-found', `no manual link ${id}`);
        rt.print(res, () => `removed ${id}`);
      }),
    );
}

function pct(u: number | null): string {
  return u === null ? '-' : `${(u * 100).toFixed(1)}%`;
}
