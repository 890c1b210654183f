import { desc, and, eq, lt, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import type { AuthUser } from '../access';
import { auditLog } from './audit.schema';

export interface AuditEntry {
  actor: Pick<AuthUser, 'id' | 'role'> | null;
  action: string; // create | update | delete | import | verify | …
  entity: string; // e.g. wilayah.rw, covid.report
  entityId: string;
  before?: unknown;
  after?: unknown;
  requestId?: string;
}

/** Appends one audit record; call it inside the transaction of the write it describes. */
export async function recordAudit(tx: DbOrTx, e: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: e.actor?.id ?? null,
    actorRole: e.actor?.role ?? null,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    before: e.before ?? null,
    after: e.after ?? null,
    requestId: e.requestId ?? null,
  });
}

/** Newest first, keyset-paged by id. */
export async function listAudit(db: Db, q: { entity?: string; entityId?: string; beforeId?: number; limit: number }) {
  const conds: SQL[] = [];
  if (q.entity) conds.push(eq(auditLog.entity, q.entity));
  if (q.entityId) conds.push(eq(auditLog.entityId, q.entityId));
  if (q.beforeId) conds.push(lt(auditLog.id, q.beforeId));
  return db
    .select()
    .from(auditLog)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(q.limit);
}
