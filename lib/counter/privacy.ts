/**
 * One view per visitor per page per day, without storing who the visitor is: the key is
 * sha256(day's secret salt ‖ address ‖ user agent ‖ page), truncated to 16 bytes. The salt is
 * random, lives only in the database for its Beijing day, and is deleted with that day's keys
 * when the day turns, after which no key can be linked to an address again.
 */
import { createHash, randomBytes } from "node:crypto";

export const SALT_BYTES = 32;

export const newSalt = (): Buffer => randomBytes(SALT_BYTES);

export function visitorKey(salt: Buffer, address: string, userAgent: string, page: string): Buffer {
  return createHash("sha256").update(salt).update("\0").update(address).update("\0").update(userAgent).update("\0").update(page).digest().subarray(0, 16);
}
