import type dgram from 'node:dgram';
import snmp from 'net-snmp';

/**
 * The slice of net-snmp's agent API the lab uses, typed here because @types/net-snmp declares
 * createAgent/createMib as `any`. See node_modules/net-snmp/README.md "Application: SNMP Agent".
 */
export interface MibRequest {
  readonly oid: string;
  readonly instanceNode: { value: unknown };
  done(error?: { errorStatus: number }): void;
}

export interface TableColumn {
  readonly number: number;
  readonly name: string;
  readonly type: number;
  readonly maxAccess: number;
}

export interface IndexPart {
  readonly columnName: string;
  /** Fixed-length octet string index (MacAddress): no length prefix in the OID. */
  readonly length?: number;
}

export interface ProviderDefinition {
  name: string;
  type: number;
  oid: string;
  maxAccess: number;
  scalarType?: number;
  tableColumns?: TableColumn[];
  tableIndex?: IndexPart[];
  tableAugments?: string;
  handler?: (req: MibRequest) => void;
}

export interface AgentMib {
  registerProvider(def: ProviderDefinition): void;
  setScalarValue(name: string, value: unknown): void;
  addTableRow(name: string, row: unknown[]): void;
  setTableSingleCell(name: string, column: number, rowIndex: unknown[], value: unknown): void;
  deleteTableRow(name: string, rowIndex: unknown[]): void;
}

export interface SnmpUser {
  name: string;
  level: number;
  authProtocol: number;
  authKey: string;
  privProtocol: number;
  privKey: string;
}

export interface SnmpAgent {
  getMib(): AgentMib;
  getAuthorizer(): { addCommunity(c: string): void; addUser(u: SnmpUser): void };
  close(cb?: () => void): void;
  onMsg(socket: dgram.Socket, buffer: Buffer, rinfo: dgram.RemoteInfo): void;
  readonly listener: { readonly sockets: Record<string, dgram.Socket> };
}

export function createSnmpAgent(options: { address: string; port: number; engineID?: string }, onError: (err: Error) => void): SnmpAgent {
  return snmp.createAgent({ ...options, transport: 'udp4', disableAuthorization: false }, (err: Error | null) => {
    if (err) onError(err);
  }) as SnmpAgent;
}

export const ObjectType = snmp.ObjectType;
export const MaxAccess = { readOnly: 2, notAccessible: 0 } as const;
export const ProviderType = { Scalar: 1, Table: 2 } as const;
export { snmp };
