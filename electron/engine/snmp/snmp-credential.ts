import snmp from 'net-snmp';
import { RoutewiseError } from '../../../shared/api/errors';
import type { Credential } from '../store/credentials-repo';
import { AES192_BLUMENTHAL, DES_VIA_EDE3, registerUsmPrivacyExtensions } from './usm-privacy-extensions';

/** The SNMP variants of a stored credential (secrets included: engine use only). */
export type SnmpCredential = Extract<Credential, { kind: 'snmp-v1' | 'snmp-v2c' | 'snmp-v3' }>;
type SnmpV3Credential = Extract<SnmpCredential, { kind: 'snmp-v3' }>;

const AUTH: Record<NonNullable<SnmpV3Credential['authProto']>, snmp.AuthProtocols> = {
  md5: snmp.AuthProtocols.md5,
  sha: snmp.AuthProtocols.sha,
  sha224: snmp.AuthProtocols.sha224,
  sha256: snmp.AuthProtocols.sha256,
  sha384: snmp.AuthProtocols.sha384,
  sha512: snmp.AuthProtocols.sha512,
};

/**
 * net-snmp 3.29 implements AES-128 (RFC 3826) and AES-256 with either key-extension scheme: Blumenthal
 * (draft-blumenthal-aes-usm-04, what Net-SNMP's agent calls AES-256) and Reeder (draft-reeder-snmpv3-usm-3desede-00,
 * Cisco's "aes 256"). We map aes256 to Blumenthal, which Net-SNMP, Juniper and Arista use; Cisco needs Reeder
 * (not offered yet). DES and AES-192 come from usm-privacy-extensions (the library's DES needs OpenSSL's legacy
 * provider; it has no AES-192).
 */
const PRIV: Record<NonNullable<SnmpV3Credential['privProto']>, string | snmp.PrivProtocols> = {
  des: DES_VIA_EDE3,
  aes: snmp.PrivProtocols.aes,
  aes192: AES192_BLUMENTHAL,
  aes256: snmp.PrivProtocols.aes256b,
};

const LEVEL: Record<SnmpV3Credential['level'], snmp.SecurityLevel> = {
  noAuthNoPriv: snmp.SecurityLevel.noAuthNoPriv,
  authNoPriv: snmp.SecurityLevel.authNoPriv,
  authPriv: snmp.SecurityLevel.authPriv,
};

/** Map a v3 credential to net-snmp's user; throws `unsupported` for a protocol net-snmp lacks. */
export function toNetSnmpUser(cred: SnmpV3Credential): snmp.User {
  const user: snmp.User = { name: cred.user, level: LEVEL[cred.level] };
  if (cred.level !== 'noAuthNoPriv') {
    if (!cred.authProto || !cred.authKey) throw new RoutewiseError('bad-request', `${cred.level} needs authProto and authKey`);
    user.authProtocol = AUTH[cred.authProto];
    user.authKey = cred.authKey;
  }
  if (cred.level === 'authPriv') {
    if (!cred.privProto || !cred.privKey) throw new RoutewiseError('bad-request', 'authPriv needs privProto and privKey');
    registerUsmPrivacyExtensions();
    // net-snmp looks the protocol up by key in its algorithm table; the extension keys are strings.
    user.privProtocol = PRIV[cred.privProto] as snmp.PrivProtocols;
    user.privKey = cred.privKey;
  }
  return user;
}
