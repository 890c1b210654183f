import { z } from 'zod';

// Audit log reads (admin).

export const AuditQuery = z.strictObject({
  entity: z.string().trim().min(1).max(100).optional(),
  entity_id: z.string().trim().min(1).max(200).optional(),
  before: z.coerce.number().int().min(1).optional().describe('next_before of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const AuditItem = z.object({
  id: z.number().int(),
  at: z.string(),
  actor_id: z.string().nullable(),
  actor_role: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entity_id: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  request_id: z.string().nullable(),
});

export const AuditPage = z.object({ items: z.array(AuditItem), next_before: z.number().int().nullable() });
