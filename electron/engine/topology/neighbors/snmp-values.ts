import type { Varbind } from '../../snmp/varbind';

const MAX_TEXT = 255;

/** Printable text from an OCTET STRING: control characters dropped, length capped (device data is hostile). */
export function text(v: Varbind['value']): string | undefined {
  if (v === null || v === undefined) return undefined;
  const s = Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
  const clean = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').replace(/\s+/g, ' ').trim();
  return clean === '' ? undefined : clean.slice(0, MAX_TEXT);
}

export function int(v: Varbind['value']): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return undefined;
}

export function bytes(v: Varbind['value']): Buffer | undefined {
  if (Buffer.isBuffer(v)) return v;
  if (typeof v === 'string') return Buffer.from(v, 'latin1');
  return undefined;
}

/** 6 bytes → 'aa:bb:cc:dd:ee:ff'; also accepts text forms ('aabb.ccdd.eeff', 'AA-BB-…') and normalises them. */
export function macFrom(v: Varbind['value']): string | undefined {
  const b = bytes(v);
  if (b && b.length === 6) return [...b].map((x) => x.toString(16).padStart(2, '0')).join(':');
  const t = text(v);
  if (!t) return undefined;
  const hex = t.toLowerCase().replace(/[^0-9a-f]/g, '');
  if (hex.length === 12 && /^[0-9a-f:.\- ]+$/i.test(t)) return hex.match(/../g)!.join(':');
  return undefined;
}

/** An IANA-address-family-prefixed network address (LLDP networkAddress subtype) or raw 4/16 bytes. */
export function addressFrom(b: Buffer): string | undefined {
  if (b.length === 5 && b[0] === 1) return [...b.subarray(1)].join('.');
  if (b.length === 17 && b[0] === 2) return ipv6(b.subarray(1));
  if (b.length === 4) return [...b].join('.');
  if (b.length === 16) return ipv6(b);
  return undefined;
}

function ipv6(b: Buffer): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((b[i]! << 8) | b[i + 1]!).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

/** Group a table's varbinds by row index: column → value, for OIDs `<entry>.<column>.<index…>`. */
export function tableRows(varbinds: readonly Varbind[], entryOid: string): Map<string, Map<number, Varbind['value']>> {
  const rows = new Map<string, Map<number, Varbind['value']>>();
  const prefix = `${entryOid}.`;
  for (const vb of varbinds) {
    if (!vb.oid.startsWith(prefix) || vb.value === null) continue;
    const rest = vb.oid.slice(prefix.length);
    const dot = rest.indexOf('.');
    if (dot < 0) continue;
    const column = Number(rest.slice(0, dot));
    const index = rest.slice(dot + 1);
    let row = rows.get(index);
    if (!row) rows.set(index, (row = new Map()));
    row.set(column, vb.value);
  }
  return rows;
}
