import snmp from 'net-snmp';

/**
 * One variable binding as the engine sees it. `type` is the SMI type name ('OctetString', 'Integer',
 * 'OID', 'IpAddress', 'Counter', 'Gauge', 'TimeTicks', 'Counter64', 'Opaque', 'Null') or one of the
 * per-varbind exceptions of RFC 3416 §4.2.1 ('NoSuchObject', 'NoSuchInstance', 'EndOfMibView'),
 * whose value is null. OCTET STRINGs stay raw bytes (Buffer): only the consumer knows whether a
 * given column is text, a MAC address or binary; Counter64 is a bigint; TimeTicks are hundredths of a second.
 */
export interface Varbind {
  oid: string;
  type: string;
  value: string | number | bigint | Buffer | null;
}

export const VARBIND_EXCEPTIONS = new Set(['NoSuchObject', 'NoSuchInstance', 'EndOfMibView']);

export function isVarbindException(vb: Varbind): boolean {
  return VARBIND_EXCEPTIONS.has(vb.type);
}

/** Convert net-snmp's varbind (type as number, loosely typed value) to ours. */
export function fromNetSnmpVarbind(vb: snmp.Varbind): Varbind {
  const typeNum = vb.type ?? snmp.ObjectType.Null;
  const type = (snmp.ObjectType as unknown as Record<number, string>)[typeNum] ?? `type-${typeNum}`;
  return { oid: vb.oid, type, value: convertValue(type, vb.value) };
}

function convertValue(type: string, v: snmp.VarbindValue): Varbind['value'] {
  if (v === null || v === undefined || VARBIND_EXCEPTIONS.has(type)) return null;
  if (type === 'Counter64') return Buffer.isBuffer(v) ? bufferToBigint(v) : typeof v === 'bigint' ? v : BigInt(Number(v));
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' || Buffer.isBuffer(v)) return v;
  return String(v);
}

/** Counter64 arrives as big-endian bytes, sometimes with a leading 0x00 or fewer than 8 bytes. */
export function bufferToBigint(b: Buffer): bigint {
  let n = 0n;
  for (const byte of b) n = (n << 8n) | BigInt(byte);
  return n;
}
