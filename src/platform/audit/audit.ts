import { desc, and, eq, lt, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { requireRole, type AuthUser } from '../access';
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

export type AuditRow = typeof auditLog.$inferSelect;

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
export async function listAudit(db: Db, q: { entity?: string; entityId?: string; beforeId?: number; limit: number }): Promise<AuditRow[]> {
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

/** The audit page for admins: newest first, with the id to ask for the next (older) page. */
export async function auditPage(db: Db, actor: AuthUser, q: { entity?: string; entityId?: string; before?: number; limit: number }) {
  requireRole(actor, 'admin');
  const rows = await listAudit(db, { entity: q.entity, entityId: q.entityId, beforeId: q.before, limit: q.limit + 1 });
  const items = rows.slice(0, q.limit);
  return { items, nextBefore: rows.length > q.limit ? (items.at(-1)?.id ?? null) : null };
}

/** The API shape of one audit record. */
export function presentAudit(r: AuditRow) {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actor_id: r.actorId,
    actor_role: r.actorRole,
    action: r.action,
    entity: r.entity,
    entity_id: r.entityId,
    before: r.before,
    after: r.after,
    request_id: r.requestId,
  };
}
