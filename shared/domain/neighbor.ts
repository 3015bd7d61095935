import { z } from 'zod';

/** LLDP-MIB LldpChassisIdSubtype / LldpPortIdSubtype (IEEE 802.1AB-2005 §9.5.2.2, §9.5.3.2). */
export const ChassisIdSubtype = z.enum([
  'chassisComponent', 'interfaceAlias', 'portComponent', 'macAddress', 'networkAddress', 'interfaceName', 'local', 'unknown',
]);
export const PortIdSubtype = z.enum([
  'interfaceAlias', 'portComponent', 'macAddress', 'networkAddress', 'interfaceName', 'agentCircuitId', 'local', 'unknown',
]);

/** A neighbour as one device reports it (LLDP or CDP). All remote strings are device-supplied data. */
export const Neighbor = z.object({
  protocol: z.enum(['lldp', 'cdp']),
  /** lldpRemLocalPortNum (LLDP) or the ifIndex (CDP), as the device keys it. */
  localPortNum: z.number().int().optional(),
  localIfName: z.string().optional(),
  remoteChassisIdSubtype: ChassisIdSubtype.optional(),
  remoteChassisId: z.string().optional(),
  remotePortIdSubtype: PortIdSubtype.optional(),
  remotePortId: z.string().optional(),
  remotePortDesc: z.string().optional(),
  remoteSysName: z.string().optional(),
  remoteSysDesc: z.string().optional(),
  remotePlatform: z.string().optional(),
  remoteMgmtAddresses: z.array(z.string()),
});
export type Neighbor = z.infer<typeof Neighbor>;
