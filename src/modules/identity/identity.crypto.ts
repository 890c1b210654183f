import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';

// Tokens and session ids are random secrets; only their SHA-256 is stored, so a leaked database
// does not leak working credentials. Passwords use argon2id.
export const TOKEN_PREFIX = 'sc_';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const newSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const newApiToken = () => `${TOKEN_PREFIX}${newSecret(32)}`;

// The test runner (NODE_ENV=test) hashes with a small cost: test files create hundreds of users
// and the production cost (64 MiB, 3 passes) would dominate their run time. verify() reads the
// parameters from the hash itself, so both kinds of hash verify everywhere.
const COST = process.env.NODE_ENV === 'test' ? { memoryCost: 4096, timeCost: 1, parallelism: 1 } : {};

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, ...COST });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
