import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/access';
import type { CovidService } from './covid.service';
import { FIELDS } from './covid.figures';
import { isOfficial } from './covid.public';
import * as dto from './covid.dto';

const tags = ['covid'];
const security: { [k: string]: string[] }[] = [{ bearer: [] }, { session: [] }];
const PUBLIC_NOTE =
  'Public, no sign-in; verified figures only. At RW level counts 1–4 are shown as "1–4" unless an official is signed in (then exact, not cached).';

function privateJson(reply: FastifyReply, body: unknown) {
  return reply.header('Cache-Control', 'private, no-store').type('application/json; charset=utf-8').send(JSON.stringify(body));
}

/** Public information center (figures, map, table, locate) and the KSC menus. */
export function covidPublicRoutes(app: FastifyInstance, svc: CovidService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const pub = svc.public;

  r.get(
    '/api/covid/summary',
    {
      schema: {
        tags,
        summary: 'Summary cards of an area on a date (change since the previous day, data as of)',
        description: PUBLIC_NOTE,
        querystring: dto.SummaryQuery,
      },
    },
    async (req, reply) => {
      const q = req.query;
      if (q.level === 'rw' && isOfficial(req.user)) return privateJson(reply, await pub.summary(q.level, q.code, q.date, true));
      return pub.sendCached(`summary|${q.level}|${q.code ?? ''}|${q.date ?? ''}`, req, reply, () =>
        pub.summary(q.level, q.code, q.date, false),
      );
    },
  );

  r.get(
    '/api/covid/series',
    {
      schema: {
        tags,
        summary: 'Daily new, cumulative and active cases of an area',
        description: PUBLIC_NOTE,
        querystring: dto.SeriesQuery,
      },
    },
    async (req, reply) => {
      const q = req.query;
      if (q.level === 'rw' && isOfficial(req.user)) return privateJson(reply, await pub.series(q.level, q.code, q.from, q.to, true));
      return pub.sendCached(`series|${q.level}|${q.code ?? ''}|${q.from ?? ''}|${q.to ?? ''}`, req, reply, () =>
        pub.series(q.level, q.code, q.from, q.to, false),
      );
    },
  );

  r.get(
    '/api/covid/map',
    {
      schema: {
        tags,
        summary: 'GeoJSON FeatureCollection with figures, colour and a server-made legend',
        description: `${PUBLIC_NOTE} kecamatan/kelurahan: polygons coloured by active confirmed cases; kecamatan also metric=per_10k (active per 10,000 residents; the legend names the population source); rw: points coloured by PPKM-mikro zone.`,
        querystring: dto.MapQuery,
      },
    },
    async (req, reply) => {
      const q = req.query;
      if (q.level === 'rw' && isOfficial(req.user)) return privateJson(reply, await pub.map(q.level, q.date, true, q.metric));
      return pub.sendCached(
        `map|${q.level}|${q.date ?? ''}|${q.metric}`,
        req,
        reply,
        () => pub.map(q.level, q.date, false, q.metric),
        'application/geo+json; charset=utf-8',
      );
    },
  );

  r.get(
    '/api/covid/table',
    {
      schema: {
        tags,
        summary: 'Table per level (JSON or CSV with exactly the same columns)',
        description: PUBLIC_NOTE,
        querystring: dto.TableQuery,
      },
    },
    async (req, reply) => {
      const q = req.query;
      const exact = q.level === 'rw' && isOfficial(req.user);
      if (q.format === 'csv') {
        const build = async () => Buffer.from(pub.tableCsv(await pub.table(q.level, q.date, exact)));
        reply.header('Content-Disposition', `attachment; filename="covid-${q.level}-${q.date ?? 'latest'}.csv"`);
        if (exact)
          return reply
            .header('Cache-Control', 'private, no-store')
            .type('text/csv; charset=utf-8')
            .send(await build());
        return pub.sendCached(`table-csv|${q.level}|${q.date ?? ''}`, req, reply, build, 'text/csv; charset=utf-8');
      }
      if (exact) return privateJson(reply, await pub.table(q.level, q.date, true));
      return pub.sendCached(`table|${q.level}|${q.date ?? ''}`, req, reply, () => pub.table(q.level, q.date, false));
    },
  );

  r.get(
    '/api/covid/locate',
    {
      schema: {
        tags,
        summary: 'Cek lokasi saya: kelurahan, RW, zone and active cases of RWs within radius_km (default 2)',
        description: PUBLIC_NOTE,
        querystring: dto.LocateQuery,
      },
    },
    async (req, reply) => {
      const q = req.query;
      return privateJson(reply, await pub.locate(q.lat, q.lng, q.radius_km, q.date, isOfficial(req.user)));
    },
  );

  r.get(
    '/api/covid/fields',
    { schema: { tags, summary: 'What every figure means (id, Indonesian and English text)' } },
    async (req, reply) => pub.sendCached('fields', req, reply, async () => ({ fields: FIELDS })),
  );

  r.get(
    '/api/covid/published',
    {
      schema: {
        tags,
        summary: 'Real published figures (history) at the level they were published, with source URLs',
        querystring: dto.PublishedQuery,
      },
    },
    async (req, reply) => {
      const q = req.query;
      return pub.sendCached(`published|${q.level ?? ''}|${q.code ?? ''}|${q.metric ?? ''}`, req, reply, () => svc.info.published(q));
    },
  );

  // ---- information and discussion ----
  r.get(
    '/api/covid/announcements',
    {
      schema: {
        tags,
        summary: 'Announcements for an audience (its own and those of every area containing it)',
        querystring: dto.AudienceQuery,
        response: { 200: z.array(dto.Announcement) },
      },
    },
    async (req) => svc.info.announcements(req.query.audience, req.query.limit),
  );

  r.get(
    '/api/covid/announcements.atom',
    { schema: { tags, summary: 'Atom 1.0 feed of an audience', querystring: dto.AudienceQuery } },
    async (req, reply) => {
      const base = `${req.protocol}://${req.host}`;
      return reply.type('application/atom+xml; charset=utf-8').send(await svc.info.atom(req.query.audience, base));
    },
  );

  r.post(
    '/api/covid/announcements',
    {
      schema: {
        tags,
        security,
        summary: 'Announce (dinkes/admin: any audience; petugas_rw: own RW)',
        body: dto.AnnouncementBody,
        response: { 201: dto.Announcement },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.info.announce(requireUser(req), req.body, String(req.id))),
  );

  r.get(
    '/api/covid/emergency',
    { schema: { tags, summary: 'Emergency numbers (112, 119) and the puskesmas of a kelurahan', querystring: dto.EmergencyQuery } },
    async (req) => svc.info.emergency(req.query.kelurahan),
  );

  r.get(
    '/api/covid/forum',
    {
      schema: {
        tags,
        summary: 'Discussion of one RW (hidden posts show only the moderation reason)',
        querystring: dto.ForumQuery,
        response: { 200: z.array(dto.Post) },
      },
    },
    async (req) => svc.info.posts(req.query.rw, req.query.limit),
  );

  r.post(
    '/api/covid/forum',
    {
      schema: {
        tags,
        security,
        summary: 'Post or reply in an RW forum (signed in; 5 posts a minute)',
        body: dto.PostBody,
        response: { 201: dto.Post },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.info.post(requireUser(req), req.body, String(req.id))),
  );

  r.post(
    '/api/covid/forum/:id/hide',
    {
      schema: {
        tags,
        security,
        summary: 'Hide a post with a reason (petugas_rw of that RW, admin)',
        params: dto.IdParams,
        body: dto.HideBody,
        response: { 200: dto.Post },
      },
    },
    async (req) => svc.info.hide(requireUser(req), req.params.id, req.body.reason, String(req.id)),
  );
}
