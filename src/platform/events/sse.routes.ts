import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { AppError } from '../errors';
import type { AppContext } from '../module';
import type { DomainEvent } from './bus';

// Event types anyone may watch without signing in. Modules add theirs at import time, e.g.
// registerPublicEventPrefix('covid.') — only aggregate, non-personal events belong here.
const publicPrefixes: string[] = [];

/** Lets a module declare that events whose type starts with `prefix` are public (SSE without auth). */
export function registerPublicEventPrefix(prefix: string): void {
  if (!/^[a-z0-9_]+(\.[a-z0-9_]+)*\.?$/.test(prefix)) throw new Error(`Bad event prefix "${prefix}"`);
  if (!publicPrefixes.includes(prefix)) publicPrefixes.push(prefix);
}

/** The public prefixes registered so far. */
export function publicEventPrefixes(): readonly string[] {
  return publicPrefixes;
}

/** Tunables; tests shorten the heartbeat. */
export const sseSettings = {
  /** A comment line this often keeps proxies and load balancers from closing an idle stream. */
  heartbeatMs: 15_000,
  /** A client that stops reading is dropped once this much is queued for it. */
  maxBufferedBytes: 1_000_000,
};

const open = new Set<ServerResponse>();

/** Number of SSE streams open in this process (tests check that disconnects clean up). */
export function openSseStreams(): number {
  return open.size;
}

const Query = z.strictObject({
  types: z.string().max(500).optional().describe('Comma-separated event type prefixes, e.g. `covid.,wifi.ap.`; default: every public type'),
});

/**
 * GET /api/events: Server-Sent Events of public domain events. On PostgreSQL the bus carries
 * events from every instance, so a client sees events published on any of them.
 */
export function sseRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // Open streams never finish by themselves: end them when the server closes so shutdown does not
  // wait for clients (they reconnect to another instance thanks to `retry`).
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });

  r.get(
    '/api/events',
    {
      schema: {
        tags: ['platform'],
        summary: 'Live public events (text/event-stream: `event: <type>`, `id:`, `data: <json>`; heartbeat comment every 15 s)',
        querystring: Query,
      },
    },
    async (req, reply) => {
      const wanted = (req.query.types ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
      const allowed = publicPrefixes;
      for (const t of wanted) {
        if (!allowed.some((p) => t.startsWith(p))) {
          throw new AppError(
            'forbidden',
            `Event type "${t}" is not public. Public prefixes: ${allowed.length ? allowed.map((p) => `"${p}"`).join(', ') : '(none registered)'}.`,
          );
        }
      }
      const prefixes = wanted.length ? wanted : [...allowed];
      const matches = (type: string) => prefixes.some((p) => type.startsWith(p)) && allowed.some((p) => type.startsWith(p));

      // Stream on the raw socket: no compression, no serialization, headers written now.
      reply.hijack();
      const res = reply.raw;
      const headers: Record<string, string | number | string[]> = {};
      for (const [k, v] of Object.entries(reply.getHeaders())) if (v !== undefined) headers[k] = v;
      res.writeHead(200, {
        ...headers,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no', // nginx: do not buffer the stream
      });
      req.raw.socket.setNoDelay(true);
      req.raw.socket.setTimeout(0);
      res.write(`retry: 3000\n: connected ${prefixes.join(',') || '(no public types yet)'}\n\n`);
      open.add(res);

      const send = (e: DomainEvent) => {
        if (!matches(e.type)) return;
        if (res.writableLength > sseSettings.maxBufferedBytes) return cleanup();
        res.write(`event: ${e.type}\nid: ${e.id}\ndata: ${JSON.stringify({ type: e.type, at: e.at, data: e.data })}\n\n`);
      };
      const unsubscribe = ctx.events.subscribe(send);
      const heartbeat = setInterval(() => res.write(`: heartbeat ${new Date().toISOString()}\n\n`), sseSettings.heartbeatMs);
      heartbeat.unref();
      let done = false;
      function cleanup() {
        if (done) return;
        done = true;
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(res);
        if (!res.writableEnded) res.end();
      }
      res.on('close', cleanup);
      res.on('error', cleanup);
    },
  );
}
