import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole, requireUser } from '../../platform/access';
import { toCsv } from '../../platform/csv';
import * as dto from './wifi.dto';
import { presentRules } from './wifi.health.service';
import type { WifiService } from './wifi.service';

const tags = ['wifi'];

function table(reply: FastifyReply, format: 'json' | 'csv', name: string, rows: Record<string, unknown>[], columns: string[]) {
  if (format === 'csv')
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${name}.csv"`)
      .send(toCsv(columns, rows));
  return reply.send(rows);
}

/** CSV text in chunks of up to CSV_CHUNK_ROWS rows: the header first, then the rows as they come. */
async function* csvChunks(columns: string[], rows: AsyncIterable<Record<string, unknown>>): AsyncGenerator<string> {
  const header = toCsv(columns, []);
  yield header;
  let batch: Record<string, unknown>[] = [];
  for await (const r of rows) {
    batch.push(r);
    if (batch.length >= CSV_CHUNK_ROWS) {
      yield toCsv(columns, batch).slice(header.length);
      batch = [];
    }
  }
  if (batch.length) yield toCsv(columns, batch).slice(header.length);
}
const CSV_CHUNK_ROWS = 500;

/** Operations endpoints (operator_opd/admin); every table also as ?format=csv. */
export function wifiOpsRoutes(app: FastifyInstance, wifi: WifiService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/wifi/ops/aps-not-ok',
    { schema: { tags, summary: 'APs not OK with how long (include_unknown=true adds never-reported ones)', querystring: dto.FormatQuery } },
    async (req, reply) => {
      const rows = await wifi.ops.apsNotOk(requireUser(req), req.query.include_unknown === 'true');
      return table(reply, req.query.format, 'wifi-aps-not-ok', rows, Object.keys(dto.NotOkAp.shape));
    },
  );

  r.get(
    '/api/wifi/alerts',
    {
      schema: {
        tags,
        summary:
          'Alert history, newest first, keyset paged (?before=next_before); ?format=csv streams the whole filtered history (limit ignored)',
        querystring: dto.AlertsQuery,
      },
    },
    async (req, reply) => {
      const q = req.query;
      const f = {
        status: q.status,
        severity: q.severity,
        kelurahan: q.kelurahan,
        hotspotId: q.hotspot_id,
        mac: q.mac,
        from: q.from,
        to: q.to,
        beforeId: q.before,
      };
      if (q.format === 'csv') {
        // The whole filtered history (limit ignored), streamed page by page: no size cap, bounded memory.
        const rows = wifi.ops.alertsExport(requireUser(req), f);
        return reply
          .type('text/csv; charset=utf-8')
          .header('Content-Disposition', 'attachment; filename="wifi-alerts.csv"')
          .send(Readable.from(csvChunks(Object.keys(dto.Alert.shape), rows)));
      }
      return wifi.ops.alerts(requireUser(req), { ...f, limit: q.limit });
    },
  );
  r.post(
    '/api/wifi/alerts/:id/ack',
    {
      schema: {
        tags,
        summary: 'Acknowledge an alert with a note (operator_opd/admin)',
        params: dto.IdParams,
        body: dto.AckBody,
        response: { 200: dto.Alert },
      },
    },
    async (req) => wifi.ops.acknowledge(requireUser(req), req.params.id, req.body.note, String(req.id)),
  );

  r.get(
    '/api/wifi/coverage',
    {
      schema: {
        tags,
        summary: 'Working points per RW vs the target of 2 (below_target=true lists the gaps)',
        querystring: dto.CoverageQuery,
      },
    },
    async (req, reply) => {
      const rows = await wifi.ops.coverage(requireUser(req), req.query.below_target === 'true', req.query.kelurahan);
      return table(reply, req.query.format, 'wifi-coverage', rows, [...Object.keys(dto.CoverageRow.shape), 'lat', 'lng']);
    },
  );
  r.get(
    '/api/wifi/coverage.geojson',
    { schema: { tags, summary: 'RWs below target as GeoJSON points (RW anchor points from wilayah)' } },
    async (req, reply) => reply.type('application/geo+json; charset=utf-8').send(await wifi.ops.coverageGeojson(requireUser(req))),
  );

  r.get(
    '/api/wifi/sla',
    {
      schema: { tags, summary: 'Uptime % for a month per ap|rw|kelurahan|provider, from the daily aggregates', querystring: dto.SlaQuery },
    },
    async (req, reply) => {
      const res = await wifi.ops.sla(requireUser(req), req.query.month, req.query.by);
      if (req.query.format === 'csv')
        return table(reply, 'csv', `wifi-sla-${res.month}-${res.by}`, res.rows, Object.keys(dto.SlaRow.shape));
      return res;
    },
  );

  r.get(
    '/api/wifi/usage',
    {
      schema: {
        tags,
        summary: 'Clients and traffic per day and kelurahan, with school hours (07:00–14:00 WIB, Mon–Fri)',
        querystring: dto.UsageQuery,
      },
    },
    async (req, reply) => {
      const rows = await wifi.ops.usage(requireUser(req), req.query.from, req.query.to, req.query.kelurahan);
      return table(reply, req.query.format, 'wifi-usage', rows, Object.keys(dto.UsageRow.shape));
    },
  );

  r.get('/api/wifi/health/rules', { schema: { tags, summary: 'Health rules in force', response: { 200: dto.Rules } } }, async (req) => {
    requireRole(requireUser(req), 'operator_opd');
    return presentRules(await wifi.health.rules());
  });
  r.put(
    '/api/wifi/health/rules',
    {
      schema: { tags, summary: 'Replace the health rules (admin; all instances)', body: dto.Rules.strict(), response: { 200: dto.Rules } },
    },
    async (req) => wifi.health.setRules(requireUser(req), req.body, String(req.id)),
  );
  r.post(
    '/api/wifi/health/evaluate',
    { schema: { tags, summary: 'Run the health evaluation now (admin; the job runs it every minute)', response: { 200: dto.Evaluation } } },
    async (req) => {
      requireRole(requireUser(req), 'admin');
      return wifi.health.evaluate();
    },
  );
  r.get(
    '/api/wifi/ingest/stats',
    { schema: { tags, summary: 'MQTT ingestion counters of this instance (admin/wifi_fleet); mqtt is null when MQTT_URL is not set' } },
    async (req) => {
      requireRole(requireUser(req), 'wifi_fleet');
      return { mqtt: wifi.mqtt ? { topic: wifi.mqtt.topic, ...wifi.mqtt.stats } : null };
    },
  );
  r.post(
    '/api/wifi/rollup',
    {
      schema: {
        tags,
        summary: 'Run the roll-up and retention now (admin; the job runs it every 5 minutes)',
        response: { 200: z.record(z.string(), z.union([z.number(), z.string()])) },
      },
    },
    async (req) => {
      requireRole(requireUser(req), 'admin');
      return wifi.health.rollup();
    },
  );
}
