/** Reads the SNI from the first bytes of a TLS ClientHello, as a DPI box does (null when absent or not TLS). */

/** Returns the server name in `hello`, or null. Never throws: the bytes are hostile. */
export function extractSni(hello: Buffer): string | null {
  try {
    if (hello[0] !== 0x16 || hello[5] !== 0x01) return null; // handshake record, ClientHello
    let p = 5 + 4 + 2 + 32; // record header, handshake header, version, random
    p += 1 + hello[p]!; // session id
    p += 2 + hello.readUInt16BE(p); // cipher suites
    p += 1 + hello[p]!; // compression methods
    const end = p + 2 + hello.readUInt16BE(p);
    p += 2;
    while (p + 4 <= end && p + 4 <= hello.length) {
      const type = hello.readUInt16BE(p);
      const len = hello.readUInt16BE(p + 2);
      p += 4;
      if (type === 0) {
        const nameLen = hello.readUInt16BE(p + 3);
        return hello.subarray(p + 5, p + 5 + nameLen).toString('latin1');
      }
      p += len;
    }
  } catch {
    return null;
  }
  return null;
}
