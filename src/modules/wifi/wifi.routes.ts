import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/access';
import { requestLang } from '../../platform/i18n';
import * as dto from './wifi.dto';
import type { WifiService } from './wifi.service';
import { csvBody } from '../../platform/csv';

const tags = ['wifi'];
const UnknownMacsQuery = z.strictObject({ format: z.enum(['json', 'csv']).default('json') });
const csv = (reply: FastifyReply, name: string, body: string) =>
  reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${name}.csv"`).send(body);

/** Public map, telemetry and registry endpoints. */
export function wifiRoutes(app: FastifyInstance, wifi: WifiService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ------------------------------------------------------------------ public
  r.get(
    '/api/wifi/hotspots',
    {
      schema: {
        tags,
        summary:
          'Active hotspots with their current state (compact: `fields` + `rows` arrays; `demo` true when the active points are demo-seeded); cached, ETag',
        querystring: dto.PublicQuery,
      },
    },
    async (req, reply) => wifi.public.listPayload(req.query).send(req, reply),
  );
  r.get(
    '/api/wifi/hotspots.geojson',
    { schema: { tags, summary: 'Active hotspots as GeoJSON points (public fields)' } },
    async (req, reply) => wifi.public.geojsonPayload().send(req, reply),
  );
  r.get(
    '/api/wifi/hotspots/:id',
    {
      schema: {
        tags,
        summary: 'Public details: SSIDs, hours, category, APs up/down',
        params: dto.IdParams,
        response: { 200: dto.HotspotDetails },
      },
    },
    async (req) => wifi.public.details(req.params.id),
  );
  r.get(
    '/api/wifi/nearest',
    {
      schema: {
        tags,
        summary: 'Nearest active hotspots ("Wi-Fi terdekat") with distance in metres',
        querystring: dto.NearestQuery,
        response: { 200: dto.NearestResult },
      },
    },
    async (req) => wifi.public.nearest(req.query.lat, req.query.lng, req.query.limit, req.query.only),
  );

  // ------------------------------------------------------------------ telemetry
  r.post(
    '/api/wifi/telemetry',
    {
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Heartbeat batch (wifi_fleet/admin token): JSON array of {mac, ts, clients, rx_bytes, tx_bytes, uptime_s, rtt_ms?, signal_dbm?}. 200 with `rejected` when some items are bad; 400 when all are; 413 above the batch limit',
        body: z.array(z.unknown()).describe('heartbeats; rx_bytes/tx_bytes are bytes since the previous heartbeat'),
        response: { 200: dto.TelemetryResult },
      },
    },
    async (req) => wifi.telemetry.ingestHttp(requireUser(req), req.body, requestLang(req)),
  );
  r.get(
    '/api/wifi/unknown-macs',
    {
      schema: {
        tags,
        summary:
          'MACs that sent telemetry but are not registered: JSON array of {mac, first_seen_at, last_seen_at, count, via} (operator_opd, wifi_fleet, admin); ?format=csv for operator_opd/admin',
        querystring: UnknownMacsQuery,
      },
    },
    async (req, reply) => {
      if (req.query.format === 'csv')
        return csv(reply, 'wifi-unknown-macs', await wifi.ops.unknownMacsCsv(requireUser(req), Object.keys(dto.UnknownMac.shape)));
      return wifi.telemetry.unknownMacs(requireUser(req));
    },
  );
  r.delete(
    '/api/wifi/unknown-macs/:mac',
    { schema: { tags, summary: 'Dismiss an unknown MAC', params: dto.MacParams } },
    async (req, reply) => {
      await wifi.telemetry.dismissUnknownMac(requireUser(req), req.params.mac);
      return reply.code(204).send();
    },
  );

  // ------------------------------------------------------------------ registry: hotspots
  r.get(
    '/api/wifi/registry/hotspots',
    {
      schema: {
        tags,
        summary: 'Registry list (admin/operator_opd), keyset paged by id (?after=); ?format=csv exports every matching row',
        querystring: dto.RegistryQuery,
      },
    },
    async (req, reply) => {
      const u = requireUser(req);
      const q = req.query;
      const f = {
        q: q.q,
        kelurahan: q.kelurahan,
        rw: q.rw,
        status: q.status,
        phase: q.phase,
        category: q.category,
        afterId: q.after,
        limit: q.limit,
      };
      if (q.format === 'csv') return csv(reply, 'wifi-hotspots', await wifi.registry.hotspotsCsv(u, f));
      const items = await wifi.registry.listHotspots(u, f);
      return { items, next_after: items.length === q.limit ? items[items.length - 1].id : null };
    },
  );
  r.post(
    '/api/wifi/registry/hotspots',
    {
      schema: {
        tags,
        summary: 'Create a hotspot (kelurahan/RW derived from the point unless given)',
        body: dto.HotspotInput,
        response: { 201: dto.Hotspot },
      },
    },
    async (req, reply) => reply.code(201).send(await wifi.registry.createHotspot(requireUser(req), req.body, String(req.id))),
  );
  r.post(
    '/api/wifi/registry/hotspots/import',
    {
      schema: {
        tags,
        summary:
          'CSV import, upsert by code, all-or-nothing (columns: code,name,lat,lng,category,phase[,address,kelurahan_code,rw_code,provider,bandwidth_mbps,ssids,installed_on,status,opening_hours,notes])',
        consumes: ['text/csv'],
        response: { 200: dto.ImportResult },
      },
    },
    async (req) => wifi.registry.importHotspots(requireUser(req), csvBody(req.body), String(req.id)),
  );
  r.get(
    '/api/wifi/registry/hotspots/:id',
    { schema: { tags, summary: 'One hotspot with its APs (admin/operator_opd)', params: dto.IdParams } },
    async (req) => wifi.registry.getHotspot(requireUser(req), req.params.id),
  );
  r.patch(
    '/api/wifi/registry/hotspots/:id',
    {
      schema: {
        tags,
        summary: 'Edit a hotspot (moving it re-derives kelurahan/RW unless given)',
        params: dto.IdParams,
        body: dto.HotspotPatch,
        response: { 200: dto.Hotspot },
      },
    },
    async (req) => wifi.registry.updateHotspot(requireUser(req), req.params.id, req.body, String(req.id)),
  );
  r.delete(
    '/api/wifi/registry/hotspots/:id',
    { schema: { tags, summary: 'Delete a hotspot without APs', params: dto.IdParams } },
    async (req, reply) => {
      await wifi.registry.deleteHotspot(requireUser(req), req.params.id, String(req.id));
      return reply.code(204).send();
    },
  );

  // ------------------------------------------------------------------ registry: access points
  r.get(
    '/api/wifi/access-points',
    { schema: { tags, summary: 'Access points (operator_opd, wifi_fleet, admin); ?format=csv', querystring: dto.ApQuery } },
    async (req, reply) => {
      const u = requireUser(req);
      const q = req.query;
      if (q.format === 'csv')
        return csv(reply, 'wifi-access-points', await wifi.registry.apsCsv(u, { hotspotId: q.hotspot_id, health: q.health }));
      const items = await wifi.registry.listAps(u, { hotspotId: q.hotspot_id, health: q.health, afterId: q.after, limit: q.limit });
      return { items, next_after: items.length === q.limit ? items[items.length - 1].id : null };
    },
  );
  r.post(
    '/api/wifi/access-points',
    { schema: { tags, summary: 'Register an access point (MAC unique)', body: dto.ApInput, response: { 201: dto.AccessPoint } } },
    async (req, reply) => reply.code(201).send(await wifi.registry.createAp(requireUser(req), req.body, String(req.id))),
  );
  r.post(
    '/api/wifi/access-points/import',
    {
      schema: {
        tags,
        summary: 'CSV import of APs (mac,hotspot_code[,serial,model,firmware,mgmt_ip]), upsert by MAC, all-or-nothing',
        consumes: ['text/csv'],
        response: { 200: dto.ImportResult },
      },
    },
    async (req) => wifi.registry.importAps(requireUser(req), csvBody(req.body), String(req.id)),
  );
  r.get(
    '/api/wifi/access-points/:mac',
    { schema: { tags, summary: 'One access point', params: dto.MacParams, response: { 200: dto.AccessPoint } } },
    async (req) => wifi.registry.getAp(requireUser(req), req.params.mac),
  );
  r.patch(
    '/api/wifi/access-points/:mac',
    { schema: { tags, summary: 'Edit an access point', params: dto.MacParams, body: dto.ApPatch, response: { 200: dto.AccessPoint } } },
    async (req) => wifi.registry.updateAp(requireUser(req), req.params.mac, req.body, String(req.id)),
  );
  r.delete(
    '/api/wifi/access-points/:mac',
    { schema: { tags, summary: 'Delete an access point', params: dto.MacParams } },
    async (req, reply) => {
      await wifi.registry.deleteAp(requireUser(req), req.params.mac, String(req.id));
      return reply.code(204).send();
    },
  );
}
