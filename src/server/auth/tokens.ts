import { createHash, randomBytes } from 'node:crypto';

/** A new opaque secret: 32 random bytes, base64url (sessions and stream tickets). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * How secrets are stored: their SHA-256. A fast hash is right here (unlike passwords): the
 * secret has 256 random bits, so nothing can be guessed from the hash.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
