import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';

// Tokens and session ids are random secrets; only their SHA-256 is stored, so a leaked database
// does not leak working credentials. Passwords use argon2id.
export const TOKEN_PREFIX = 'sc_';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const newSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const newApiToken = () => `${TOKEN_PREFIX}${newSecret(32)}`;

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
