import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../module';

export interface Readiness {
  ready: boolean;
  /** Why not ready yet: `migrating`, `seeding`, `shutting_down`. */
  phase: string;
}

const startedAt = Date.now();

export function healthRoutes(app: FastifyInstance, ctx: AppContext, readiness: Readiness): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/health',
    {
      schema: {
        tags: ['platform'],
        summary: 'Liveness: the process answers',
        response: {
          200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']), version: z.string(), uptime_s: z.number() }),
        },
      },
    },
    async (_req, reply) => {
      reply.header('Cache-Control', 'no-store');
      return {
        status: 'ok' as const,
        db: ctx.config.db,
        version: ctx.config.version,
        uptime_s: Math.round((Date.now() - startedAt) / 1000),
      };
    },
  );
  r.get(
    '/api/ready',
    {
      schema: {
        tags: ['platform'],
        summary: 'Readiness: migrations done and the database answers (503 otherwise)',
        response: {
          200: z.object({ status: z.literal('ready'), db: z.string() }),
          503: z.object({ status: z.literal('not_ready'), reason: z.string() }),
        },
      },
    },
    async (_req, reply) => {
      reply.header('Cache-Control', 'no-store');
      if (!readiness.ready) return reply.code(503).send({ status: 'not_ready' as const, reason: readiness.phase });
      try {
        await ctx.database.ping();
      } catch {
        return reply.code(503).send({ status: 'not_ready' as const, reason: 'database unreachable' });
      }
      return { status: 'ready' as const, db: ctx.config.db };
    },
  );
}
