import type { Command } from 'commander';
import { InventorySortField } from '../../../shared/api/inventory';
import { Platform } from '../../../shared/domain/device';
import { displayText } from '../../engine/discovery/identify/device-text';
import { type GlobalOptions, withRuntime } from '../runtime';
import { hostPort } from './scan-commands';

interface InventoryFlags {
  filter?: string;
  vendor?: string;
  platform?: string;
  ai?: boolean;
  sort: string;
  desc: boolean;
  limit: string;
  offset: string;
}

export function registerInventoryCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('inventory [deviceId]')
    .description('stored devices; with a device id, its facts, interfaces, AI evidence and history')
    .option('--filter <text>', 'substring of address, name, vendor, model, serial or version')
    .option('--vendor <vendor>', 'only this vendor')
    .option('--platform <platform>', `only this platform (${Platform.options.join(', ')})`)
    .option('--ai', 'only AI-capable devices')
    .option('--sort <field>', `sort by ${InventorySortField.options.join(', ')}`, 'address')
    .option('--desc', 'descending order', false)
    .option('--limit <n>', 'rows to show (max 10000)', '1000')
    .option('--offset <n>', 'rows to skip', '0')
    .action((deviceId: string | undefined, o: InventoryFlags) =>
      withRuntime(globals(), async (rt) => {
        if (deviceId) {
          const d = await rt.api.call('inventory.get', { id: deviceId });
          rt.print(d, () => {
            const lines = [
              `${hostPort(d.device.address, d.device.port)}  ${t(d.device.sysName)}  (${d.device.id})`,
              ...(d.addresses.length > 1 ? [`addresses: ${d.addresses.map((a) => `${hostPort(a.address, a.port)} (last answered ${a.lastSeen})`).join(', ')}`] : []),
              `vendor ${t(d.device.vendor)}  platform ${d.device.platform}  os ${t(d.device.osVersion)}  model ${t(d.device.model)}  serial ${t(d.device.serial)}`,
              `sysDescr: ${t(d.device.sysDescr)}`,
              `first seen ${d.device.firstSeen}, last seen ${d.device.lastSeen}; credential ${d.device.credentialId ?? '-'}`,
              `AI: ${d.ai?.capable ? `capable (${d.ai.features.join(', ')})` : 'not capable / unknown'}`,
              ...(d.ai?.evidence ?? []).map((e) => `  ${e.feature}: rule ${e.ruleId} matched ${e.field}=${t(e.matched)} [${t(e.source)}]`),
              ...(d.ai?.featureStates ?? []).map(
                (f) => `  ${f.feature} is ${f.state} (rule ${f.ruleId}): ${f.evidence.map((e) => `${e.via} "${t(e.command)}" → ${t(e.excerpt)}`).join('; ')}`,
              ),
              `interfaces (${d.interfaces.length}):`,
              ...d.interfaces.slice(0, 200).map((i) => `  ${i.ifIndex}\t${t(i.name)}\t${i.operStatus ?? ''}\t${i.speedMbps ?? ''} Mb/s\t${(i.addresses ?? []).join(' ')}`),
              `history (${d.history.length}):`,
              ...d.history.map((h) => `  ${h.at}  ${h.attribute}: ${t(h.oldValue)} → ${t(h.newValue)}  (${h.scanId})`),
              ...d.device.warnings.map((w) => `warning: ${t(w)}`),
            ];
            return lines.join('\n');
          });
          return;
        }
        const list = await rt.api.call('inventory.list', {
          text: o.filter,
          vendor: o.vendor,
          platform: o.platform ? Platform.parse(o.platform) : undefined,
          aiCapable: o.ai ? true : undefined,
          sort: InventorySortField.parse(o.sort),
          direction: o.desc ? 'desc' : 'asc',
          limit: Number(o.limit),
          offset: Number(o.offset),
        });
        rt.print(list, () =>
          list.items.length === 0
            ? '(no devices stored: run routewise scan)'
            : [
                ...list.items.map((d) =>
                  [hostPort(d.address, d.port), t(d.sysName), t(d.vendor), d.platform, t(d.osVersion), t(d.model), d.aiCapable ? 'AI' : '', d.id].join('\t'),
                ),
                `${list.items.length} of ${list.total} devices`,
              ].join('\n'),
        );
      }),
    );
}

/** Device strings go to a terminal: no control characters (ANSI escapes could rewrite the screen). */
function t(value: string | null | undefined): string {
  return value ? displayText(value, 120) : '-';
}
