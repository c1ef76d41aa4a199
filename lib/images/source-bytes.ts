/** Reading a source photo's bytes: its sha256 (streamed, never the whole file in memory) and its first bytes for sniffing. */
import crypto from "node:crypto";
import fs from "node:fs/promises";

/** Streams a file through sha256 in 1 MB reads; also returns its first bytes for sniffing. */
export async function hashFile(file: string, headBytes: number): Promise<{ hash: string; head: Buffer; bytes: number }> {
  const hash = crypto.createHash("sha256");
  const handle = await fs.open(file, "r");
  const chunk = Buffer.allocUnsafe(1 << 20);
  let head: Buffer | undefined;
  let bytes = 0;
  try {
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (!bytesRead) break;
      head ??= Buffer.from(chunk.subarray(0, Math.min(headBytes, bytesRead)));
      hash.update(chunk.subarray(0, bytesRead));
      bytes += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return { hash: hash.digest("hex"), head: head ?? Buffer.alloc(0), bytes };
}

/** Reads the first bytes of a file (for sniffing when the hash came from the index). */
export async function readHead(file: string, headBytes: number): Promise<Buffer> {
  const handle = await fs.open(file, "r");
  try {
    const buf = Buffer.alloc(headBytes);
    const { bytesRead } = await handle.read(buf, 0, headBytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
