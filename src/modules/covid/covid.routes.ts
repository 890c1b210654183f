import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/access';
import type { CovidService } from './covid.service';
import { IMPORT_COLUMNS } from './covid.import';
import * as dto from './covid.dto';
import { csvBody } from '../../platform/csv';
import { requestLang } from '../../platform/i18n';

const tags = ['covid'];
const security: { [k: string]: string[] }[] = [{ bearer: [] }, { session: [] }];

/** Official endpoints: reports workflow, import, missing reports, zoning rules. */
export function covidReportRoutes(app: FastifyInstance, svc: CovidService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/covid/reports',
    {
      schema: {
        tags,
        security,
        summary: 'Create or update the daily RW report (petugas_rw of that RW); idempotent',
        description:
          'Upsert by (rw_code, date). Re-sending the same Idempotency-Key or identical content returns the same report (200, no duplicate). A verified report changed here becomes a new revision (draft or submitted) while the public keeps the verified figures until re-verified. `warnings` lists plausibility problems (e.g. active cases fell without selesai/meninggal moves); the report is still saved.',
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }),
        body: dto.ReportBody,
        response: { 200: dto.Report, 201: dto.Report },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const key = req.headers['idempotency-key'];
      const out = await svc.reports.upsert(
        user,
        req.body,
        typeof key === 'string' && key ? key : undefined,
        String(req.id),
        requestLang(req),
      );
      return reply.code(out.created ? 201 : 200).send(out.report);
    },
  );

  r.get(
    '/api/covid/reports',
    {
      schema: {
        tags,
        security,
        summary: 'Reports inside your area (officials), newest first',
        querystring: dto.ReportsQuery,
        response: { 200: z.array(dto.Report) },
      },
    },
    async (req) => svc.reports.list(requireUser(req), req.query),
  );

  r.get(
    '/api/covid/reports/:id',
    {
      schema: {
        tags,
        security,
        summary: 'One report with its revision history (officials)',
        params: dto.IdParams,
        response: { 200: dto.Report },
      },
    },
    async (req) => svc.reports.get(requireUser(req), req.params.id),
  );

  r.patch(
    '/api/covid/reports/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Edit a draft or declined report (petugas_rw of that RW)',
        params: dto.IdParams,
        body: dto.PatchBody,
        response: { 200: dto.Report },
      },
    },
    async (req) => svc.reports.patch(requireUser(req), req.params.id, req.body, String(req.id), requestLang(req)),
  );

  r.post(
    '/api/covid/reports/:id/submit',
    {
      schema: {
        tags,
        security,
        summary: 'Submit a draft for verification (petugas_rw)',
        params: dto.IdParams,
        response: { 200: dto.Report },
      },
    },
    async (req) => svc.reports.submit(requireUser(req), req.params.id, String(req.id)),
  );

  r.post(
    '/api/covid/reports/:id/verify',
    {
      schema: {
        tags,
        security,
        summary: 'Verify a submitted report (puskesmas or dinkes covering the kelurahan); figures become public',
        params: dto.IdParams,
        response: { 200: dto.Report },
      },
    },
    async (req) => svc.reports.verify(requireUser(req), req.params.id, String(req.id)),
  );

  r.post(
    '/api/covid/reports/:id/decline',
    {
      schema: {
        tags,
        security,
        summary: 'Decline a submitted report with a reason (puskesmas or dinkes)',
        params: dto.IdParams,
        body: dto.DeclineBody,
        response: { 200: dto.Report },
      },
    },
    async (req) => svc.reports.decline(requireUser(req), req.params.id, req.body.reason, String(req.id)),
  );

  r.post(
    '/api/covid/reports/import',
    {
      schema: {
        tags,
        security,
        summary: 'Upload many RW reports as CSV (puskesmas, dinkes, admin); all-or-nothing with row errors',
        description: `Content-Type text/csv. Columns: ${IMPORT_COLUMNS.join(', ')} (figure columns default to 0; rt_houses like "001:2;003:1"). Imported reports are submitted and await verification.`,
        consumes: ['text/csv'],
        response: { 200: dto.ImportResult },
      },
    },
    async (req) => svc.importCsv(requireUser(req), csvBody(req.body), String(req.id)),
  );

  r.get(
    '/api/covid/missing',
    {
      schema: {
        tags,
        security,
        summary: 'RWs of a kelurahan that have not reported on a date (default today), with officer contact',
        querystring: dto.MissingQuery,
        response: { 200: dto.MissingResult },
      },
    },
    async (req) => svc.reports.missing(requireUser(req), req.query.kelurahan, req.query.date),
  );

  r.get(
    '/api/covid/zoning-rules',
    { schema: { tags, summary: 'PPKM-mikro zoning rule sets by regulation and date of effect', response: { 200: z.array(dto.Rule) } } },
    async () => svc.listRules(),
  );

  r.post(
    '/api/covid/zoning-rules',
    { schema: { tags, security, summary: 'Add a zoning rule set (admin)', body: dto.RuleBody, response: { 201: dto.Rule } } },
    async (req, reply) => reply.code(201).send(await svc.addRule(requireUser(req), req.body, String(req.id))),
  );
}
