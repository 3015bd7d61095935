const strict = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes → text. Invalid UTF-8 becomes U+FFFD in the text (so parsers still see the rest), and the
 * original bytes are kept as base64 so nothing the device sent is lost.
 */
export function decodeMessage(bytes: Buffer): { text: string; rawBase64?: string } {
  try {
    return { text: strict.decode(bytes) };
  } catch {
    return { text: bytes.toString('utf8'), rawBase64: bytes.toString('base64') };
  }
}
