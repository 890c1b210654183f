import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { AppContext } from './platform/module';
import { installErrorHandler } from './platform/http/error-handler';
import { installSecurityHeaders } from './platform/http/security-headers';
import { QuietRequestLog } from './platform/http/log-controller';
import { healthRoutes, type Readiness } from './platform/http/health.routes';
import { sseRoutes } from './platform/events/sse.routes';
import { AppError } from './platform/errors';
import { platformMessages } from './platform/i18n.messages';
import { MODULES } from './modules';

export interface BuildOptions {
  /** Shared with the server so /api/ready and the start-up gate see the same state. */
  readiness?: Readiness;
  logger?: boolean;
}

// Never log credentials or personal data: cookies, tokens and bodies stay out of the logs.
const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.nik', '*.phone'];

/** Builds the Fastify app from the modules. Tests call this without listening. */
export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const readiness = opts.readiness ?? { ready: true, phase: 'ready' };
  const app = Fastify({
    logger: opts.logger === false ? false : { level: ctx.config.LOG_LEVEL, redact: REDACT },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: ctx.config.BODY_LIMIT_BYTES,
    trustProxy: ctx.config.TRUST_PROXY,
    routerOptions: { ignoreTrailingSlash: true },
    logController: new QuietRequestLog(),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('user', null);
  installErrorHandler(app);

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (!readiness.ready && req.url.startsWith('/api/') && !/^\/api\/(health|ready)\b/.test(req.url)) {
      throw new AppError('unavailable', `The platform is starting (${readiness.phase}); try again in a few seconds.`);
    }
  });

  // CSV bodies (imports) arrive as text; JSON stays fastify's own parser.
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, body));

  installSecurityHeaders(app, { tileUrl: ctx.config.MAP_TILE_URL });
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Depok Smart City Platform API',
        version: ctx.config.version,
        description:
          'Errors are `{error:{code,message,key?,details?,request_id}}` with stable codes. Messages are in Indonesian when `Accept-Language` prefers `id`, otherwise in English; `key` names the message in every language.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sc_session' },
          bearer: { type: 'http', scheme: 'bearer', description: 'Personal API token (smartcity token create)' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  healthRoutes(app, ctx, readiness);
  sseRoutes(app, ctx);
  for (const m of MODULES) await m.routes?.(app, ctx);

  await registerWeb(app, ctx.config.WEB_DIST);
  return app;
}

/** Serves the built SPA: hashed assets cached for a year, every other page route gets index.html. */
async function registerWeb(app: FastifyInstance, dist: string): Promise<void> {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) return;
  await app.register(fastifyStatic, {
    root: dist,
    wildcard: false,
    index: false,
    setHeaders(res, file) {
      res.header('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const html = fs.readFileSync(index);
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    const url = req.url.split('?')[0];
    if (url.startsWith('/api/') || url.startsWith('/ngsi-ld/') || /\.\w{1,5}$/.test(url)) {
      // A file that does not exist, or an unknown API path: a plain 404, not the SPA.
      if (/\.\w{1,5}$/.test(url) && !url.startsWith('/api/')) {
        const file = path.join(dist, path.normalize(url).replace(/^(\.\.[/\\])+/, ''));
        if (file.startsWith(dist) && fs.existsSync(file)) return reply.sendFile(path.relative(dist, file));
      }
      throw new AppError('not_found', platformMessages.noEndpoint({ method: req.method, path: url }));
    }
    return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(html);
  });
}
