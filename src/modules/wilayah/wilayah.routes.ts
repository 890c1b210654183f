import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/access';
import type { WilayahService } from './wilayah.service';
import * as dto from './wilayah.dto';
import { csvBody } from '../../platform/csv';

const tags = ['wilayah'];

export function wilayahRoutes(app: FastifyInstance, service: WilayahService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/wilayah/kecamatan',
    { schema: { tags, summary: 'The 11 kecamatan of Depok', response: { 200: z.array(dto.Kecamatan) } } },
    async () => service.listKecamatan(),
  );

  r.get(
    '/api/wilayah/kelurahan',
    {
      schema: {
        tags,
        summary: 'Kelurahan, optionally of one kecamatan',
        querystring: dto.KelurahanQuery,
        response: { 200: z.array(dto.Kelurahan) },
      },
    },
    async (req) => service.listKelurahan(req.query.kecamatan),
  );

  r.get(
    '/api/wilayah/kelurahan/:code',
    { schema: { tags, summary: 'One kelurahan', params: dto.CodeParams, response: { 200: dto.Kelurahan } } },
    async (req) => service.getKelurahan(req.params.code),
  );

  r.get(
    '/api/wilayah/rw',
    { schema: { tags, summary: 'RWs of a kelurahan', querystring: dto.RwQuery, response: { 200: z.array(dto.Rw) } } },
    async (req) => service.listRw(req.query.kelurahan),
  );

  r.get(
    '/api/wilayah/kelurahan.geojson',
    { schema: { tags, summary: 'Kelurahan boundaries (GeoJSON FeatureCollection, 63 features)' } },
    async (req, reply) => service.kelurahanGeojson.send(req, reply),
  );

  r.get(
    '/api/wilayah/kecamatan.geojson',
    { schema: { tags, summary: 'Kecamatan boundaries (GeoJSON FeatureCollection, 11 features)' } },
    async (req, reply) => service.kecamatanGeojson.send(req, reply),
  );

  r.get(
    '/api/wilayah/locate',
    {
      schema: {
        tags,
        summary: 'Kecamatan, kelurahan and nearest RW of a point',
        querystring: dto.LocateQuery,
        response: { 200: dto.LocateResult },
      },
    },
    async (req) => service.locate(req.query.lat, req.query.lng),
  );

  r.post(
    '/api/wilayah/rw/import',
    {
      schema: {
        tags,
        summary: 'Import a real RW/RT registry (CSV: kelurahan_code,rw,rt_count[,head_name,lat,lng]); admin; all-or-nothing',
        consumes: ['text/csv'],
        response: { 200: dto.ImportResult },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return service.importRwCsv(user, csvBody(req.body), String(req.id));
    },
  );
}
