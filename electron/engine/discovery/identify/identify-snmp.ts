import type { DeviceFacts, InterfaceInfo } from '../../../../shared/domain/device';
import { isRoutewiseError } from '../../../../shared/api/errors';
import type { SnmpSession } from '../../snmp/snmp-session';
import { isVarbindException, type Varbind } from '../../snmp/varbind';
import { decodeOctets, displayText, meaningful, rawText } from './device-text';
import { vendorFromSysObjectId } from './enterprise-vendor';
import { ENT_PHYSICAL_ENTRY, entityRows, pickChassis } from './entity-chassis';
import { buildInterfaces, IF_COLUMNS, type IfColumn } from './interface-table';
import { addressesByIfIndex, IP_COLUMNS } from './ip-addresses';
import { classifyPlatform } from './platform-rules';
import { IDENTITY_OIDS, parseIdentityKeys } from './identity-keys';
import { junosVersionFromInstalled, parseZyxelVersion, VENDOR_MIBS, zyxelVersionOid } from './vendor-mibs';
import { refineModel } from './model-names';

/** SNMPv2-MIB system group scalars (RFC 3418). */
const SYSTEM = {
  sysDescr: '1.3.6.1.2.1.1.1.0',
  sysObjectID: '1.3.6.1.2.1.1.2.0',
  sysUpTime: '1.3.6.1.2.1.1.3.0',
  sysContact: '1.3.6.1.2.1.1.4.0',
  sysName: '1.3.6.1.2.1.1.5.0',
  sysLocation: '1.3.6.1.2.1.1.6.0',
} as const;
const HR_SW_INSTALLED_NAME = '1.3.6.1.2.1.25.6.3.1.2';

export interface SnmpIdentification {
  facts: DeviceFacts;
  interfaces: InterfaceInfo[];
  /** Partial failures (a table that timed out, a walk that looped): the rest is still valid. */
  warnings: string[];
}

export interface IdentifyOptions {
  /** Row cap per table walk; the interface tables of a 5,000-port chassis fit well inside the default. */
  maxRowsPerTable?: number;
  signal?: AbortSignal;
}

/**
 * Identify one device over an open SNMP session: system group, platform and OS version, vendor MIB
 * scalars, ENTITY-MIB chassis, IF-MIB interfaces and IP-MIB addresses. The system group must answer
 * (else the session's error is thrown: timeout, auth-failed…); every later table is best effort and a
 * failure there becomes a warning.
 */
export async function identifyOverSnmp(session: SnmpSession, opts: IdentifyOptions = {}): Promise<SnmpIdentification> {
  const warnings: string[] = [];
  const maxRows = opts.maxRowsPerTable ?? 50_000;
  const walkOpts = { maxRows, signal: opts.signal };
  const warningsBefore = session.warnings.length;

  const sys = await session.get(Object.values(SYSTEM));
  const sv = (k: keyof typeof SYSTEM): Varbind | undefined => {
    const vb = sys[Object.keys(SYSTEM).indexOf(k)];
    return vb && !isVarbindException(vb) ? vb : undefined;
  };
  const sysDescrRaw = rawText(decodeOctets(sv('sysDescr')?.value));
  const sysObjectID = typeof sv('sysObjectID')?.value === 'string' ? (sv('sysObjectID')?.value as string) : '';
  const ent = vendorFromSysObjectId(sysObjectID);
  // Some agents prefix sysDescr with stray quote bytes (a capture artefact in the fixtures): parse without them.
  const descrForParse = sysDescrRaw.replace(/^["'\s]+/, '');
  const guess = classifyPlatform({ sysDescr: descrForParse, sysObjectID, pen: ent?.pen }, ent?.vendor);

  const facts: DeviceFacts = { platform: guess.platform, sources: ['snmp'] };
  if (sysDescrRaw) facts.sysDescr = sysDescrRaw;
  if (sysObjectID) facts.sysObjectID = sysObjectID;
  const upTicks = sv('sysUpTime')?.value;
  if (typeof upTicks === 'number') facts.sysUpTimeSec = Math.floor(upTicks / 100); // TimeTicks: 1/100 s
  for (const k of ['sysName', 'sysLocation', 'sysContact'] as const) {
    const t = displayText(decodeOctets(sv(k)?.value));
    if (t) facts[k] = t;
  }
  if (guess.vendor) facts.vendor = guess.vendor;
  if (guess.osName) facts.osName = guess.osName;
  let osVersion = guess.osVersion;
  let vendorModel: string | undefined;
  let vendorSerial: string | undefined;

  // Vendor MIB scalars: one GET.
  const vmib = VENDOR_MIBS[guess.platform];
  const extra: Record<string, string> = { ...(vmib?.oids ?? {}) };
  const zyOid = guess.platform === 'zynos' ? zyxelVersionOid(sysObjectID) : undefined;
  if (zyOid) extra.zyxelVersion = zyOid;
  if (Object.keys(extra).length > 0) {
    try {
      const names = Object.keys(extra);
      const vbs = await session.get(Object.values(extra));
      const values: Record<string, string | undefined> = {};
      names.forEach((n, i) => {
        const vb = vbs[i];
        values[n] = vb && !isVarbindException(vb) ? meaningful(decodeOctets(vb.value)) : undefined;
      });
      const r = vmib?.refine(values) ?? {};
      if (r.osVersion) osVersion = displayText(r.osVersion);
      if (r.model) vendorModel = displayText(r.model);
      if (r.serial) vendorSerial = displayText(r.serial);
      if (zyOid) osVersion = parseZyxelVersion(values.zyxelVersion) ?? osVersion;
      if (guess.platform === 'linux' && values.distro && /^OpenWrt/i.test(values.distro)) {
        facts.platform = 'openwrt';
        facts.osName = 'OpenWrt';
        facts.vendor = 'OpenWrt';
      }
    } catch (err) {
      warnings.push(tableWarning('vendor MIB scalars', err));
    }
  }

  // Identity keys for merging one box seen at several addresses. Many agents lack LLDP-MIB (and v1 fails
  // the whole GET on one missing object): best effort, no warning.
  try {
    Object.assign(facts, parseIdentityKeys(await session.get(Object.values(IDENTITY_OIDS))));
  } catch (err) {
    if (isRoutewiseError(err) && err.code === 'cancelled') throw err;
  }

  if (guess.platform === 'junos' && !osVersion) {
    const rows = await tryWalk(session, HR_SW_INSTALLED_NAME, { ...walkOpts, maxRows: 256 }, warnings, 'hrSWInstalledName');
    osVersion = junosVersionFromInstalled(rows.map((vb) => decodeOctets(vb.value)));
  }

  // ENTITY-MIB chassis.
  const chassis = pickChassis(entityRows(await tryWalk(session, ENT_PHYSICAL_ENTRY, walkOpts, warnings, 'entPhysicalTable')));
  const model = refineModel(facts.platform, {
    vendorModel,
    descrModel: guess.model,
    descrModelIsAuthoritative: guess.modelIsAuthoritative === true,
    entityModelName: chassis?.modelName,
    entityName: chassis?.name,
    entityDescr: chassis?.descr,
    entitySoftwareRev: chassis?.softwareRev,
  });
  if (model) facts.model = model;
  const serial = vendorSerial ?? chassis?.serial;
  if (serial) facts.serial = serial;
  if (chassis?.hardwareRev) facts.hardwareRev = chassis.hardwareRev;
  if (chassis?.firmwareRev) facts.firmwareRev = chassis.firmwareRev;
  if (!osVersion && facts.platform === 'routeros' && chassis?.descr) osVersion = /RouterOS\s+(\d[\w.]*)/.exec(chassis.descr)?.[1];
  if (!osVersion && chassis?.softwareRev && /^\d+\.\d+/.test(chassis.softwareRev)) osVersion = chassis.softwareRev;
  if (osVersion) facts.osVersion = displayText(osVersion, 128);

  // IF-MIB and IP-MIB.
  const ifCols: Partial<Record<IfColumn, Varbind[]>> = {};
  for (const [col, oid] of Object.entries(IF_COLUMNS) as [IfColumn, string][]) {
    ifCols[col] = await tryWalk(session, oid, walkOpts, warnings, `IF-MIB ${col}`);
  }
  const interfaces = buildInterfaces(ifCols);
  const ipCols: Partial<Record<keyof typeof IP_COLUMNS, Varbind[]>> = {};
  for (const [col, oid] of Object.entries(IP_COLUMNS) as [keyof typeof IP_COLUMNS, string][]) {
    ipCols[col] = await tryWalk(session, oid, walkOpts, warnings, `IP-MIB ${col}`);
  }
  const addrs = addressesByIfIndex(ipCols);
  for (const itf of interfaces) {
    const a = addrs.get(itf.ifIndex);
    if (a) itf.addresses = a;
  }

  for (const w of session.warnings.slice(warningsBefore)) warnings.push(`${w.code}: ${w.message}`);
  return { facts, interfaces, warnings };
}

async function tryWalk(
  session: SnmpSession,
  oid: string,
  opts: { maxRows: number; signal?: AbortSignal },
  warnings: string[],
  what: string,
): Promise<Varbind[]> {
  try {
    return await session.walk(oid, opts);
  } catch (err) {
    if (isRoutewiseError(err) && err.code === 'cancelled') throw err;
    warnings.push(tableWarning(what, err));
    return [];
  }
}

function tableWarning(what: string, err: unknown): string {
  const code = isRoutewiseError(err) ? err.code : 'internal';
  const msg = err instanceof Error ? err.message : String(err);
  return `${code}: ${what} not read: ${displayText(msg, 200)}`;
}
