import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client';
import { requireUser } from '../access';
import { auditPage, presentAudit } from './audit';
import * as dto from './audit.dto';

const tags = ['audit'];

/** GET /api/audit: the append-only audit log, admin only. */
export function auditRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/audit',
    {
      schema: {
        tags,
        summary: 'Audit log of writes to official data, newest first (admin). Page with ?before=<next_before>',
        querystring: dto.AuditQuery,
        response: { 200: dto.AuditPage },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const page = await auditPage(db, user, {
        entity: req.query.entity,
        entityId: req.query.entity_id,
        before: req.query.before,
        limit: req.query.limit,
      });
      reply.header('Cache-Control', 'no-store');
      return { items: page.items.map(presentAudit), next_before: page.nextBefore };
    },
  );
}
