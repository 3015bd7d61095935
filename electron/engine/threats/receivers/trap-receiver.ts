import snmp from 'net-snmp';
import type { z } from 'zod';
import type { TrapUserInput } from '../../../../shared/api/threats';
import { categorise } from '../data/categories';
import { DES_VIA_EDE3, registerUsmPrivacyExtensions } from '../../snmp/usm-privacy-extensions';
import { junosBriefIdp, junosEventFromAttributes } from '../parsers/junos';
import type { Detection } from '../parsers/types';
import { toIp } from '../parsers/types';
import { type ReceiverHandle, type SinkOptions, normaliseAddress } from './common';

export type TrapUser = z.infer<typeof TrapUserInput>;

export interface TrapReceiverOptions extends SinkOptions {
  host: string;
  port: number;
  /** v1/v2c communities accepted; empty: none. */
  communities: string[];
  /** SNMPv3 USM users accepted (traps and informs). */
  users: TrapUser[];
}

/** The slice of net-snmp's receiver we use (@types/net-snmp declares createReceiver as `any`). */
interface NetSnmpReceiver {
  getAuthorizer(): { addCommunity(c: string): void; addUser(u: snmp.User): void };
  close(cb?: () => void): void;
  listener: { sockets: Record<string, import('node:dgram').Socket> };
}
interface TrapVarbind {
  oid: string;
  type: number;
  value: unknown;
}
interface TrapNotification {
  pdu: { type: number; varbinds: TrapVarbind[]; enterprise?: string; agentAddr?: string; specificTrap?: number; genericTrap?: number };
  rinfo: { address: string; port: number };
}

const SNMP_TRAP_OID = '1.3.6.1.6.3.1.1.4.1.0';
const SYS_UPTIME = '1.3.6.1.2.1.1.3.0';
/** SNMPv2-MIB generic notifications (RFC 3418) and a few vendor IPS traps. */
const TRAP_NAMES: Record<string, string> = {
  '1.3.6.1.6.3.1.1.5.1': 'coldStart',
  '1.3.6.1.6.3.1.1.5.2': 'warmStart',
  '1.3.6.1.6.3.1.1.5.3': 'linkDown',
  '1.3.6.1.6.3.1.1.5.4': 'linkUp',
  '1.3.6.1.6.3.1.1.5.5': 'authenticationFailure',
  // FORTINET-FORTIGATE-MIB fgTrapIps* notifications.
  '1.3.6.1.4.1.12356.101.2.0.503': 'fgTrapIpsSignature',
  '1.3.6.1.4.1.12356.101.2.0.504': 'fgTrapIpsAnomaly',
  '1.3.6.1.4.1.12356.101.2.0.505': 'fgTrapIpsPkgUpdate',
};
const GENERIC_V1 = ['coldStart', 'warmStart', 'linkDown', 'linkUp', 'authenticationFailure', 'egpNeighborLoss'];

/** SNMP traps and informs, v1/v2c by community and v3 by USM user, through net-snmp's receiver. */
export async function startTrapReceiver(opts: TrapReceiverOptions): Promise<ReceiverHandle> {
  const receiver = snmp.createReceiver(
    {
      port: opts.port,
      address: opts.host,
      transport: opts.host.includes(':') ? 'udp6' : 'udp4',
      includeAuthentication: true,
    },
    (error: Error | null, notification: TrapNotification | undefined) => {
      // Unknown communities/users and malformed PDUs land here; they are not insights.
      if (error || !notification) return;
      const sender = normaliseAddress(notification.rinfo.address);
      const { detection, text } = trapToDetection(notification);
      opts.submit({ text, sender, receivedAt: new Date(), detection });
    },
  ) as NetSnmpReceiver;
  const auth = receiver.getAuthorizer();
  for (const c of opts.communities) auth.addCommunity(c);
  for (const u of opts.users) auth.addUser(toNetSnmpUser(u));
  const sockets = Object.values(receiver.listener.sockets);
  await Promise.all(
    sockets.map(
      (s) =>
        new Promise<void>((resolve, reject) => {
          s.once('listening', () => resolve());
          s.once('error', reject);
        }),
    ),
  ).catch((err: unknown) => {
    receiver.close();
    throw err;
  });
  return {
    kind: 'snmp-trap',
    host: opts.host,
    port: opts.port,
    close: () => new Promise<void>((resolve) => receiver.close(() => resolve())),
  };
}

function toNetSnmpUser(u: TrapUser): snmp.User {
  const user: snmp.User = { name: u.name, level: snmp.SecurityLevel[u.level] };
  if (u.authProtocol) user.authProtocol = snmp.AuthProtocols[u.authProtocol];
  if (u.authKey) user.authKey = u.authKey;
  if (u.privProtocol === 'des') {
    // net-snmp's own DES needs OpenSSL's legacy provider; the extension computes the same cipher without it.
    registerUsmPrivacyExtensions();
    user.privProtocol = DES_VIA_EDE3 as unknown as snmp.PrivProtocols;
  } else if (u.privProtocol) {
    user.privProtocol = snmp.PrivProtocols[u.privProtocol];
  }
  if (u.privKey) user.privKey = u.privKey;
  return user;
}

/** A trap as text (for `raw`) and as a detection: trap name, string varbinds as description, addresses. */
export function trapToDetection(n: TrapNotification): { detection: Detection; text: string } {
  const vbs = n.pdu.varbinds ?? [];
  let trapOid = vbs.find((v) => v.oid === SNMP_TRAP_OID)?.value as string | undefined;
  if (!trapOid && n.pdu.enterprise !== undefined) {
    const generic = n.pdu.genericTrap ?? 6;
    trapOid = generic < 6 ? `1.3.6.1.6.3.1.1.5.${generic + 1}` : `${n.pdu.enterprise}.0.${n.pdu.specificTrap ?? 0}`;
  }
  const name = trapOid ? (TRAP_NAMES[trapOid] ?? trapOid) : 'unknown-trap';
  const lines: string[] = [];
  const strings: string[] = [];
  let ip: string | null = null;
  for (const vb of vbs) {
    if (vb.oid === SNMP_TRAP_OID || vb.oid === SYS_UPTIME) continue;
    const value = renderValue(vb);
    lines.push(`${vb.oid} = ${value}`);
    if (vb.type === snmp.ObjectType.OctetString && /[A-Za-z]{3}/.test(value)) strings.push(value);
    if (vb.type === snmp.ObjectType.IpAddress && !ip) ip = toIp(value);
  }
  const text = `SNMP trap ${name} (${trapOid ?? '?'}) from ${n.rinfo.address}${lines.length ? `\n${lines.join('\n')}` : ''}`;
  const junos = trapOid === JNX_SYSLOG_TRAP ? junosSyslogTrapDetection(vbs) : null;
  if (junos) return { text, detection: { ...junos, format: 'snmp-trap', signatureId: junos.signatureId ?? trapOid } };
  const description = strings.join(' ').slice(0, 512);
  const signature = description ? `${name}: ${description}` : name;
  const category = name === 'authenticationFailure' ? 'brute-force' : categorise(signature, undefined, undefined);
  return {
    text,
    detection: {
      format: 'snmp-trap',
      signature: signature.slice(0, 1024),
      signatureId: trapOid,
      vendorCategory: GENERIC_V1.includes(name) ? 'snmp-generic' : 'snmp-enterprise',
      category: category === 'unknown' ? 'anomaly' : category,
      severity: name === 'authenticationFailure' ? 'medium' : GENERIC_V1.includes(name) ? 'informational' : undefined,
      srcIp: ip,
      srcPort: null,
      dstIp: null,
      dstPort: null,
      protocol: null,
      action: 'alerted',
    },
  };
}

// JUNIPER-SYSLOG-MIB: jnxSyslogTrap carries the event name, host name and message from jnxSyslogTable and the
// event's attribute-value pairs from jnxSyslogAvTable (columns indexed by jnxSyslogId.jnxSyslogAvIndex).
const JNX_SYSLOG_TRAP = '1.3.6.1.4.1.2636.4.12.0.1';
const JNX_SYSLOG_ENTRY = '1.3.6.1.4.1.2636.3.35.1.1.1.';
const JNX_AV_ATTRIBUTE = '1.3.6.1.4.1.2636.3.35.1.2.1.2.';
const JNX_AV_VALUE = '1.3.6.1.4.1.2636.3.35.1.2.1.3.';

/** A Junos IDP/ATP event forwarded as a syslog trap reads like its syslog line: from the pairs, else the message text. */
function junosSyslogTrapDetection(vbs: readonly TrapVarbind[]): Detection | null {
  const column = (n: number): string | undefined => {
    const vb = vbs.find((v) => v.oid.startsWith(`${JNX_SYSLOG_ENTRY}${n}.`));
    return vb ? renderValue(vb) : undefined;
  };
  const attributes = new Map<string, string>();
  const values = new Map<string, string>();
  for (const vb of vbs) {
    if (vb.oid.startsWith(JNX_AV_ATTRIBUTE)) attributes.set(vb.oid.slice(JNX_AV_ATTRIBUTE.length), renderValue(vb));
    else if (vb.oid.startsWith(JNX_AV_VALUE)) values.set(vb.oid.slice(JNX_AV_VALUE.length), renderValue(vb));
  }
  // fromEntries defines own properties: an attribute named "__proto__" stays data.
  const pairs = Object.fromEntries(
    [...attributes].flatMap(([index, attribute]) => {
      const value = values.get(index);
      return value === undefined ? [] : [[attribute, value] as const];
    }),
  );
  const eventName = column(2) ?? '';
  const hostname = column(8);
  // Devices configured without the pairs (or sending only a few) still carry the whole text in jnxSyslogMessage.
  const fromPairs = Object.hasOwn(pairs, 'source-address') ? junosEventFromAttributes(eventName, pairs, hostname) : null;
  return fromPairs ?? junosBriefIdp(column(9) ?? '', hostname);
}

function renderValue(vb: TrapVarbind): string {
  const v = vb.value;
  if (Buffer.isBuffer(v)) {
    const printable = /^[\x09\x0a\x0d\x20-\x7e]*$/.test(v.toString('latin1'));
    return printable ? v.toString('utf8') : `0x${v.toString('hex')}`;
  }
  return String(v);
}
