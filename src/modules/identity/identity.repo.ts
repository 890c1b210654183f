import { and, desc, eq, gt, ilike, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { apiTokens, sessions, users } from './identity.schema';

export type UserRow = typeof users.$inferSelect;
export type TokenRow = typeof apiTokens.$inferSelect;

export async function insertUser(db: DbOrTx, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  return row;
}

/** Inserts users whose email is not taken yet (seeds re-run safely); returns the inserted rows. */
export async function insertUsersIfAbsent(db: DbOrTx, values: (typeof users.$inferInsert)[]): Promise<UserRow[]> {
  return db.insert(users).values(values).onConflictDoNothing({ target: users.email }).returning();
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  return row;
}

export async function findUserById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function updateUser(db: DbOrTx, id: string, values: Partial<typeof users.$inferInsert>): Promise<UserRow> {
  const [row] = await db
    .update(users)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(users.id, id))
    .returning();
  return row;
}

/**
 * Users newest first, keyset-paged on (created_at, id). The cursor keeps created_at as PostgreSQL
 * text, because a JS Date would drop the microseconds and skip or repeat rows at page edges.
 */
export async function listUsers(db: Db, q: { role?: string; q?: string; after?: { at: string; id: string }; limit: number }) {
  const conds: SQL[] = [];
  if (q.role) conds.push(eq(users.role, q.role));
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(users.email, like), ilike(users.displayName, like))!);
  }
  if (q.after) conds.push(sql`(${users.createdAt}, ${users.id}) < (${q.after.at}::timestamptz, ${q.after.id}::uuid)`);
  return db
    .select({ user: users, cursorAt: sql<string>`${users.createdAt}::text` })
    .from(users)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(q.limit);
}

export async function insertToken(db: DbOrTx, values: typeof apiTokens.$inferInsert): Promise<TokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row;
}

export async function findToken(db: DbOrTx, id: string): Promise<TokenRow | undefined> {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
  return row;
}

export async function listTokensOfUser(db: Db, userId: string): Promise<TokenRow[]> {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

export async function revokeToken(db: DbOrTx, id: string): Promise<TokenRow> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, now())` })
    .where(eq(apiTokens.id, id))
    .returning();
  return row;
}

/** The active (not revoked, not expired, user not disabled) user of a token hash. */
export async function userByTokenHash(
  db: Db,
  tokenHash: string,
): Promise<{ user: UserRow; tokenId: string; lastUsedAt: Date | null } | undefined> {
  const [row] = await db
    .select({ user: users, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`now()`)),
        eq(users.disabled, false),
      ),
    );
  return row;
}

/** Records that a token was used; at most every few minutes, so Bearer reads stay read-only. */
export async function touchToken(db: Db, id: string): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - interval '5 minutes'`))));
}

export async function insertSession(db: DbOrTx, values: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(values);
}

/** The session (unexpired) and its active user. */
export async function sessionByHash(db: Db, idHash: string) {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, sql`now()`), eq(users.disabled, false)));
  return row;
}

export async function deleteSession(db: DbOrTx, idHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}

/** Signs a user out everywhere (password change, account disabled). */
export async function deleteSessionsOfUser(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Expired sessions are dead weight; removed by a periodic job. */
export async function deleteExpiredSessions(db: Db): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(lt(sessions.expiresAt, sql`now()`))
    .returning({ id: sessions.idHash });
  return rows.length;
}
