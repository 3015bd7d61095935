import type { Platform } from '../../../../shared/domain/device';

export interface ModelSources {
  vendorModel?: string;
  descrModel?: string;
  descrModelIsAuthoritative: boolean;
  entityModelName?: string;
  entityName?: string;
  entityDescr?: string;
  entitySoftwareRev?: string;
}

/**
 * Pick the model: a vendor MIB's model scalar, then a model sysDescr states outright (EOS, VRP,
 * ProCurve…), then ENTITY-MIB entPhysicalModelName, then platform-specific readings of the other
 * ENTITY columns, then whatever sysDescr suggested.
 */
export function refineModel(platform: Platform, s: ModelSources): string | undefined {
  if (s.vendorModel) return s.vendorModel;
  if (s.descrModel && s.descrModelIsAuthoritative) return s.descrModel;
  if (platform === 'fortios') {
    // entPhysicalSoftwareRev "FortiGate-100E v5.4.4,build7650…" carries the marketing name; the
    // model name column holds the SKU code (FGT_100E).
    const m = /^(Forti\w+-[\w-]+)\s+v\d/i.exec(s.entitySoftwareRev ?? '');
    if (m?.[1]) return m[1];
  }
  if (platform === 'routeros') {
    // entPhysicalDescr "RouterOS 6.40.5 (stable) on RB952Ui-5ac2nD"
    const m = /\bon\s+(\S+)\s*$/.exec(s.entityDescr ?? '');
    if (m?.[1]) return m[1];
  }
  if (s.entityModelName) return s.entityModelName;
  if (platform === 'vrp' && s.entityName && /^[A-Z]{1,6}\d[\w-]*$/.test(s.entityName)) return s.entityName;
  return s.descrModel;
}
