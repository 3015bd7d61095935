import crypto from 'node:crypto';
import snmp from 'net-snmp';

/**
 * USM privacy that net-snmp 3.29 lacks on this runtime, registered in the library's own (exported)
 * algorithm table rather than patched into node_modules:
 *
 * - DES-CBC (RFC 3414 §8): OpenSSL 3 keeps single DES in its legacy provider, which Node does not load, so
 *   net-snmp's `des-cbc` throws. Triple DES EDE with K1 = K2 = K3 computes E(K, D(K, E(K, x))) = E(K, x), the
 *   very same cipher, and des-ede3-cbc is in OpenSSL's default provider.
 * - AES-192 (draft-blumenthal-aes-usm-04, Net-SNMP's "AES192"): the same CFB-128 PDU encryption as RFC 3826,
 *   with the key extended by Blumenthal's method — the scheme net-snmp already uses for AES-256.
 */

/** The slice of net-snmp's USM internals used here (exported by the library, not declared in @types/net-snmp). */
interface UsmEngine {
  engineID: Buffer;
  engineBoots: number;
  engineTime: number;
}
type EncryptPdu = (scopedPdu: Buffer, privProtocol: unknown, privPassword: string, authProtocol: unknown, engine: UsmEngine) => { encryptedPdu: Buffer; msgPrivacyParameters: Buffer };
type DecryptPdu = (encryptedPdu: Buffer, privProtocol: unknown, privParameters: Buffer, privPassword: string, authProtocol: unknown, engine: UsmEngine) => Buffer;
interface PrivacyAlgorithm {
  CRYPTO_ALGORITHM: string;
  KEY_LENGTH: number;
  BLOCK_LENGTH: number;
  encryptPdu: EncryptPdu;
  decryptPdu: DecryptPdu;
  localizationAlgorithm: unknown;
}
interface NetSnmpUsm {
  Encryption: {
    algorithms: Record<string, PrivacyAlgorithm>;
    encryptPduAes: EncryptPdu;
    decryptPduAes: DecryptPdu;
    generateLocalizedKeyBlumenthal: unknown;
  };
  Authentication: { passwordToKey(authProtocol: unknown, password: string, engineID: Buffer): Buffer };
}

const usm = snmp as unknown as NetSnmpUsm;

/** Keys in net-snmp's Encryption.algorithms; a user's privProtocol names one of them. */
export const DES_VIA_EDE3 = 'routewise-des-ede3';
export const AES192_BLUMENTHAL = 'routewise-aes192b';

const DES_BLOCK = 8;

/** RFC 3414 §8.1.1.1: the DES key is the first 8 octets of the localized key, the pre-IV the next 8. */
function desKeyAndPreIv(authProtocol: unknown, privPassword: string, engine: UsmEngine): { key: Buffer; preIv: Buffer } {
  const localized = usm.Authentication.passwordToKey(authProtocol, privPassword, engine.engineID);
  const key = localized.subarray(0, DES_BLOCK);
  return { key: Buffer.concat([key, key, key]), preIv: localized.subarray(DES_BLOCK, 2 * DES_BLOCK) };
}

function xor(a: Buffer, b: Buffer): Buffer {
  return Buffer.from(a.map((byte, i) => byte ^ (b[i] ?? 0)));
}

const encryptDes: EncryptPdu = (scopedPdu, _privProtocol, privPassword, authProtocol, engine) => {
  const { key, preIv } = desKeyAndPreIv(authProtocol, privPassword, engine);
  // Salt: our engine boots (we keep no state across starts: 1, as net-snmp does) and a random integer.
  const salt = Buffer.concat([Buffer.from([0, 0, 0, 1]), crypto.randomBytes(4)]);
  const padded = Buffer.alloc(Math.ceil(scopedPdu.length / DES_BLOCK) * DES_BLOCK);
  scopedPdu.copy(padded);
  const cipher = crypto.createCipheriv('des-ede3-cbc', key, xor(preIv, salt)).setAutoPadding(false);
  return { encryptedPdu: Buffer.concat([cipher.update(padded), cipher.final()]), msgPrivacyParameters: salt };
};

const decryptDes: DecryptPdu = (encryptedPdu, _privProtocol, privParameters, privPassword, authProtocol, engine) => {
  const { key, preIv } = desKeyAndPreIv(authProtocol, privPassword, engine);
  if (privParameters.length !== DES_BLOCK || encryptedPdu.length % DES_BLOCK !== 0) {
    throw new Error('malformed DES privacy parameters or ciphertext (RFC 3414 §8.3.2)');
  }
  const decipher = crypto.createDecipheriv('des-ede3-cbc', key, xor(preIv, privParameters)).setAutoPadding(false);
  return Buffer.concat([decipher.update(encryptedPdu), decipher.final()]);
};

let registered = false;

/** Adds the two algorithms to net-snmp's table once; sessions then name them by key. */
export function registerUsmPrivacyExtensions(): void {
  if (registered) return;
  registered = true;
  const { Encryption } = usm;
  Encryption.algorithms[DES_VIA_EDE3] = {
    CRYPTO_ALGORITHM: 'des-ede3-cbc',
    KEY_LENGTH: 24,
    BLOCK_LENGTH: DES_BLOCK,
    encryptPdu: encryptDes,
    decryptPdu: decryptDes,
    localizationAlgorithm: undefined,
  };
  Encryption.algorithms[AES192_BLUMENTHAL] = {
    CRYPTO_ALGORITHM: 'aes-192-cfb',
    KEY_LENGTH: 24,
    BLOCK_LENGTH: 16,
    encryptPdu: Encryption.encryptPduAes,
    decryptPdu: Encryption.decryptPduAes,
    localizationAlgorithm: Encryption.generateLocalizedKeyBlumenthal,
  };
}
