import type { Platform } from '../../../../shared/domain/device';

/**
 * Scalars in vendor MIBs that name the OS version, model and serial more reliably than sysDescr
 * (which some platforms let the admin overwrite). One GET per device, for the platform recognised.
 * Each parser is pure: value strings in, refined fields out.
 */
export interface VendorRefinement {
  osVersion?: string;
  model?: string;
  serial?: string;
}

export interface VendorMib {
  oids: Record<string, string>; // name → OID
  refine(values: Record<string, string | undefined>): VendorRefinement;
}

/** NET-SNMP-EXTEND-MIB nsExtendOutput1Line for an extend named `name` (index = length + ASCII codes). */
export function nsExtendOutput1Line(name: string): string {
  const codes = [...Buffer.from(name, 'ascii')].join('.');
  return `1.3.6.1.4.1.8072.1.3.2.3.1.1.${name.length}.${codes}`;
}

const first = (re: RegExp, s: string | undefined): string | undefined => (s ? re.exec(s)?.[1]?.trim() : undefined);

export const VENDOR_MIBS: Partial<Record<Platform, VendorMib>> = {
  junos: {
    // JUNIPER-MIB jnxBoxDescr / jnxBoxSerialNo (Juniper "Chassis MIBs" documentation)
    oids: { boxDescr: '1.3.6.1.4.1.2636.3.1.2.0', boxSerial: '1.3.6.1.4.1.2636.3.1.3.0' },
    refine: (v) => ({
      model: first(/^Juniper\s+(\S+)/i, v.boxDescr),
      serial: v.boxSerial,
    }),
  },
  routeros: {
    // MIKROTIK-MIB mtxrLicVersion (software version) and mtxrSerialNumber
    oids: { version: '1.3.6.1.4.1.14988.1.1.4.4.0', serial: '1.3.6.1.4.1.14988.1.1.7.3.0' },
    refine: (v) => ({ osVersion: v.version, serial: v.serial }),
  },
  fortios: {
    // FORTINET-FORTIGATE-MIB fgSysVersion "v7.2.10,build1706,240918 (GA.M)"; FORTINET-CORE-MIB fnSysSerial
    oids: { version: '1.3.6.1.4.1.12356.101.4.1.1.0', serial: '1.3.6.1.4.1.12356.100.1.1.1.0' },
    refine: (v) => {
      const m = /^v?(\d+\.\d+\.\d+)(?:,\s*(build\d+))?/i.exec(v.version ?? '');
      return { osVersion: m ? [m[1], m[2]].filter(Boolean).join(' ') : undefined, serial: v.serial };
    },
  },
  panos: {
    // PAN-COMMON-MIB panSysSwVersion, panSysSerialNumber, panChassisType
    oids: {
      version: '1.3.6.1.4.1.25461.2.1.2.1.1.0',
      serial: '1.3.6.1.4.1.25461.2.1.2.1.3.0',
      chassis: '1.3.6.1.4.1.25461.2.1.2.2.1.0',
    },
    refine: (v) => ({ osVersion: v.version, serial: v.serial, model: v.chassis }),
  },
  sonicwall: {
    // SONICWALL-COMMON-MIB snwlSysModel, snwlSysSerialNumber, snwlSysFirmwareVersion "SonicOS 7.0.1-R1456"
    oids: { model: '1.3.6.1.4.1.8741.2.1.1.1.0', serial: '1.3.6.1.4.1.8741.2.1.1.2.0', firmware: '1.3.6.1.4.1.8741.2.1.1.3.0' },
    refine: (v) => ({
      model: v.model,
      serial: v.serial,
      osVersion: first(/SonicOS\s+(?:Enhanced\s+)?(\d[\w.-]*)/i, v.firmware),
    }),
  },
  gaia: {
    // CHECKPOINT-MIB svnVersion ("R77.20"), svnApplianceProductName, svnApplianceSerialNumber
    oids: {
      version: '1.3.6.1.4.1.2620.1.6.4.1.0',
      product: '1.3.6.1.4.1.2620.1.6.16.7.0',
      serial: '1.3.6.1.4.1.2620.1.6.16.3.0',
    },
    refine: (v) => ({ osVersion: v.version, model: v.product, serial: v.serial }),
  },
  openwrt: linuxExtends(),
  linux: linuxExtends(),
};

/**
 * Many Linux routers publish their distribution and board through NET-SNMP `extend distro` /
 * `extend hardware` (a common admin convention, e.g. "OpenWrt 21.02.0-rc4", "Linksys WRT1200AC").
 */
function linuxExtends(): VendorMib {
  return {
    oids: { distro: nsExtendOutput1Line('distro'), hardware: nsExtendOutput1Line('hardware') },
    refine: (v) => ({
      osVersion: first(/^(?:OpenWrt|VyOS|Debian GNU\/Linux|Ubuntu)\s+(\S+)/i, v.distro),
      model: v.hardware,
    }),
  };
}

/** ZyXEL smart switches keep sysSwVersionString at <sysObjectID>.3.1.6.0: "V2.40(AAHN.0) | 11/14/2017". */
export function zyxelVersionOid(sysObjectID: string): string | undefined {
  return /^1\.3\.6\.1\.4\.1\.890\.1\.\d+$/.test(sysObjectID) ? `${sysObjectID}.3.1.6.0` : undefined;
}

export function parseZyxelVersion(s: string | undefined): string | undefined {
  return first(/^\s*(V[\d.]+\([\w.]+\))/i, s);
}

/** HOST-RESOURCES-MIB hrSWInstalledName rows on Junos: "JUNOS Software Release [12.1X46-D86]". */
export function junosVersionFromInstalled(names: string[]): string | undefined {
  for (const n of names) {
    const v = first(/JUNOS.*?\[([\w.-]+)\]/i, n);
    if (v) return v;
  }
  return undefined;
}
