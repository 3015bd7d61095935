import type { Varbind } from '../../snmp/varbind';
import { isVarbindException } from '../../snmp/varbind';

/**
 * Scalars that name the box rather than the address it answered at:
 * LLDP-MIB lldpLocChassisIdSubtype / lldpLocChassisId (IEEE 802.1AB §12.2, subtype 4 = macAddress) and
 * SNMP-FRAMEWORK-MIB snmpEngineID (RFC 3411 §5).
 */
export const IDENTITY_OIDS = {
  chassisIdSubtype: '1.0.8802.1.1.2.1.3.1.0',
  chassisId: '1.0.8802.1.1.2.1.3.2.0',
  engineId: '1.3.6.1.6.3.10.2.1.1.0',
} as const;

export interface IdentityKeys {
  /** Lower-case colon MAC. */
  chassisMac?: string;
  /** Lower-case hex, no separators. */
  snmpEngineId?: string;
}

/** Varbinds in IDENTITY_OIDS order. A missing object is simply absent. */
export function parseIdentityKeys(vbs: readonly Varbind[]): IdentityKeys {
  const [subtype, chassisId, engineId] = vbs;
  const out: IdentityKeys = {};
  const usable = (vb: Varbind | undefined): vb is Varbind => vb !== undefined && !isVarbindException(vb);
  if (usable(subtype) && Number(subtype.value) === 4 && usable(chassisId) && Buffer.isBuffer(chassisId.value) && chassisId.value.length === 6) {
    const mac = [...chassisId.value].map((b) => b.toString(16).padStart(2, '0')).join(':');
    // An all-zero or broadcast chassis ID names nothing.
    if (!/^(00:){5}00$|^(ff:){5}ff$/.test(mac)) out.chassisMac = mac;
  }
  // RFC 3411: 5 to 32 octets.
  if (usable(engineId) && Buffer.isBuffer(engineId.value) && engineId.value.length >= 5 && engineId.value.length <= 32) {
    out.snmpEngineId = engineId.value.toString('hex');
  }
  return out;
}
