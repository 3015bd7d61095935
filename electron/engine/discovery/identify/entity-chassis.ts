import { isUnder, oidSuffix } from '../../snmp/oid';
import type { Varbind } from '../../snmp/varbind';
import { decodeOctets, isMostlyPrintable, meaningful } from './device-text';

/** ENTITY-MIB entPhysicalEntry (RFC 6933 §4) and the columns we read from it. */
export const ENT_PHYSICAL_ENTRY = '1.3.6.1.2.1.47.1.1.1.1';
const COLUMNS = { descr: 2, containedIn: 4, class: 5, name: 7, hardwareRev: 8, firmwareRev: 9, softwareRev: 10, serial: 11, modelName: 13 } as const;
type Column = keyof typeof COLUMNS;
const BY_NUMBER = new Map<number, Column>(Object.entries(COLUMNS).map(([k, v]) => [v, k as Column]));

/** entPhysicalClass chassis(3), stack(11) — RFC 6933 PhysicalClass. */
const CLASS_CHASSIS = 3;
const CLASS_STACK = 11;

export interface EntityRow {
  index: number;
  descr?: string;
  containedIn?: number;
  class?: number;
  name?: string;
  hardwareRev?: string;
  firmwareRev?: string;
  softwareRev?: string;
  serial?: string;
  modelName?: string;
}

/** Group a walk of entPhysicalEntry into rows (binary descr blobs are dropped, not shown). */
export function entityRows(varbinds: Varbind[]): EntityRow[] {
  const rows = new Map<number, EntityRow>();
  for (const vb of varbinds) {
    if (!isUnder(vb.oid, ENT_PHYSICAL_ENTRY)) continue;
    const [colStr, idxStr, ...rest] = oidSuffix(vb.oid, ENT_PHYSICAL_ENTRY).split('.');
    if (rest.length > 0) continue;
    const col = BY_NUMBER.get(Number(colStr));
    const index = Number(idxStr);
    if (!col || !Number.isSafeInteger(index)) continue;
    const row = rows.get(index) ?? { index };
    rows.set(index, row);
    if (col === 'containedIn' || col === 'class') {
      if (typeof vb.value === 'number') row[col] = vb.value;
    } else if (isMostlyPrintable(vb.value)) {
      const text = meaningful(decodeOctets(vb.value));
      if (text !== undefined) row[col] = text;
    }
  }
  return [...rows.values()].sort((a, b) => a.index - b.index);
}

/**
 * The entity that describes the box: the first chassis by index (a stack's first member), else a
 * top-level stack, else the first row with a model name. Stacks and virtual chassis (VSF, SVL) list
 * one chassis per member; the first is the one admins see as "the switch".
 */
export function pickChassis(rows: EntityRow[]): EntityRow | undefined {
  return (
    rows.find((r) => r.class === CLASS_CHASSIS && (r.modelName || r.serial || r.name || r.descr)) ??
    rows.find((r) => r.class === CLASS_STACK && r.containedIn === 0 && (r.modelName || r.serial)) ??
    rows.find((r) => r.modelName)
  );
}
