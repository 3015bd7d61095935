/** What names a box, whichever address it answered at. */
export interface BoxIdentity {
  serial?: string | null;
  chassisMac?: string | null;
  engineId?: string | null;
  sysName?: string | null;
  sysObjectID?: string | null;
  sysDescr?: string | null;
  vendor?: string | null;
  model?: string | null;
}

export type SameBox =
  | { same: true; key: 'serial' | 'chassis MAC' | 'engine ID' | 'sysName'; value: string }
  | { same: false; conflict?: keyof BoxIdentity };

/** Values that name nothing: placeholder serials and factory-default system names. */
const PLACEHOLDER_SERIAL = /^(0+|1234567890?|123456789|n\/?a|none|unknown|not ?available|default|serial ?number|x+|-+)$/i;
const GENERIC_NAME = /^(localhost|router|switch|gateway|firewall|openwrt|mikrotik|routeros|edgeos|ubnt|unifi|vyos|fortigate|juniper|cisco|arista|default|none|unknown)$/i;

const norm = (v: string | null | undefined): string | undefined => {
  const t = v?.trim().toLowerCase();
  return t ? t : undefined;
};

/** Fields that, present on both sides and different, mean two boxes: never merged whatever else matches. */
const CONTRADICTING: ReadonlyArray<keyof BoxIdentity> = ['serial', 'chassisMac', 'engineId', 'sysObjectID', 'vendor', 'model'];

/**
 * Whether two sightings are one box. A serial in common is enough when nothing contradicts it; a chassis
 * MAC or SNMP engine ID when the sysNames agree too; a sysName only when sysDescr agrees as well (names repeat
 * across sites; factory-default names never count). Disagreeing serials always mean two boxes.
 */
export function sameBox(a: BoxIdentity, b: BoxIdentity): SameBox {
  for (const field of CONTRADICTING) {
    const x = norm(a[field]);
    const y = norm(b[field]);
    if (x !== undefined && y !== undefined && x !== y) return { same: false, conflict: field };
  }
  const serial = norm(a.serial);
  if (serial && serial.length >= 4 && !PLACEHOLDER_SERIAL.test(serial) && serial === norm(b.serial)) return { same: true, key: 'serial', value: a.serial!.trim() };
  // Engine IDs and chassis MACs get cloned with VM images and config backups: one agent answers with one
  // sysName at all its addresses, so a different name there means two boxes.
  const namesDiffer = norm(a.sysName) !== undefined && norm(b.sysName) !== undefined && norm(a.sysName) !== norm(b.sysName);
  const mac = norm(a.chassisMac);
  if (mac && mac === norm(b.chassisMac)) return namesDiffer ? { same: false, conflict: 'sysName' } : { same: true, key: 'chassis MAC', value: mac };
  const engine = norm(a.engineId);
  if (engine && engine === norm(b.engineId)) return namesDiffer ? { same: false, conflict: 'sysName' } : { same: true, key: 'engine ID', value: engine };
  const name = norm(a.sysName);
  const descr = norm(a.sysDescr);
  if (name && name.length >= 3 && !GENERIC_NAME.test(name) && name === norm(b.sysName) && descr && descr === norm(b.sysDescr)) {
    return { same: true, key: 'sysName', value: a.sysName!.trim() };
  }
  return { same: false };
}
