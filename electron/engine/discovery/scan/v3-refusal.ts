import crypto from 'node:crypto';
import { isRoutewiseError } from '../../../../shared/api/errors';
import type { SnmpCredential } from '../sweep/prober';

/**
 * What an admin reads when an SNMPv3 privacy protocol cannot be used from this runtime: why, and what to
 * change. DES: OpenSSL 3 keeps single DES (RFC 3414 §8, des-cbc) in its legacy provider, which Node does not
 * load by default. AES-192: OpenSSL has aes-192-cfb, but the SNMP library (net-snmp) implements USM privacy
 * only for DES, AES-128 (RFC 3826) and AES-256; the 192-bit key extension (draft-blumenthal-aes-usm) is not
 * there. Other errors pass through unchanged.
 */
export function explainV3Refusal(credential: SnmpCredential, err: unknown, message: string): string {
  if (credential.kind !== 'snmp-v3' || !isRoutewiseError(err) || err.code !== 'unsupported') return message;
  if (credential.privProto === 'des' && !crypto.getCiphers().includes('des-cbc')) {
    return (
      `SNMPv3 DES privacy is refused: Node ${process.versions.node} uses OpenSSL ${process.versions.openssl}, whose default provider has no ` +
      'single-DES cipher (des-cbc). Give this user AES-128 or AES-256 on the device (DES is broken and deprecated), or run Routewise with ' +
      'NODE_OPTIONS=--openssl-legacy-provider to load OpenSSL\'s legacy provider.'
    );
  }
  if (credential.privProto === 'aes192') {
    return (
      'SNMPv3 AES-192 privacy is refused: the SNMP library Routewise uses (net-snmp) implements DES, AES-128 and AES-256 only, ' +
      'although OpenSSL has the cipher. Give this user AES-128 or AES-256 on the device (Cisco: snmp-server user NAME GROUP v3 auth sha KEY priv aes 128 KEY; ' +
      'Net-SNMP: createUser NAME SHA KEY AES KEY).'
    );
  }
  return message;
}
