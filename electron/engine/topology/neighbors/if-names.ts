import type { Varbind } from '../../snmp/varbind';
import type { LocalInterface } from './lldp';
import { tableRows, text } from './snmp-values';

const IF_ENTRY = '1.3.6.1.2.1.2.2.1'; // ifDescr = .2
const IFX_ENTRY = '1.3.6.1.2.1.31.1.1.1'; // ifName = .1, ifAlias = .18

/** ifIndex → name/descr/alias from IF-MIB walks (ifIndex taken from the OID suffix: many agents omit column 1). */
export function localInterfaces(varbinds: readonly Varbind[]): LocalInterface[] {
  const byIndex = new Map<number, LocalInterface>();
  const get = (index: string) => {
    const n = Number(index);
    if (!Number.isInteger(n)) return undefined;
    let i = byIndex.get(n);
    if (!i) byIndex.set(n, (i = { ifIndex: n }));
    return i;
  };
  for (const [index, row] of tableRows(varbinds, IF_ENTRY)) {
    const i = get(index);
    const d = text(row.get(2) ?? null);
    if (i && d) i.descr = d;
  }
  for (const [index, row] of tableRows(varbinds, IFX_ENTRY)) {
    const i = get(index);
    if (!i) continue;
    const n = text(row.get(1) ?? null);
    const a = text(row.get(18) ?? null);
    if (n) i.name = n;
    if (a) i.alias = a;
  }
  return [...byIndex.values()].sort((a, b) => a.ifIndex - b.ifIndex);
}
