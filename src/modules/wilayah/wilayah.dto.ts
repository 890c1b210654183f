import { z } from 'zod';
import { zodMessage as t } from '../../platform/i18n';
import { wilayahMessages as M } from './wilayah.messages';

export const KecamatanCode = z.string().regex(/^32\.76\.\d{2}$/, t(M.kecamatanCodeFormat()));
export const KelurahanCode = z.string().regex(/^32\.76\.\d{2}\.\d{4}$/, t(M.kelurahanCodeFormat()));

export const Kecamatan = z.object({
  code: z.string(),
  name: z.string(),
  area_km2: z.number(),
  rw_count: z.number().int(),
  kelurahan_count: z.number().int(),
});

export const Kelurahan = z.object({
  code: z.string(),
  name: z.string(),
  kecamatan_code: z.string(),
  kecamatan_name: z.string(),
  postal_code: z.string(),
  area_km2: z.number(),
  rw_count: z.number().int(),
  centroid: z.object({ lat: z.number(), lng: z.number() }),
});

export const Rw = z.object({
  code: z.string(),
  number: z.string(),
  kelurahan_code: z.string(),
  lat: z.number(),
  lng: z.number(),
  estimated: z.boolean().describe('true while the RW comes from the area-proportional estimate'),
  rt_count: z.number().int(),
});

export const KelurahanQuery = z.strictObject({ kecamatan: KecamatanCode.optional() });
export const RwQuery = z.strictObject({ kelurahan: KelurahanCode });
export const CodeParams = z.strictObject({ code: KelurahanCode });

export const LocateQuery = z.strictObject({
  lat: z.coerce.number().min(-90, 'lat must be between -90 and 90').max(90, 'lat must be between -90 and 90'),
  lng: z.coerce.number().min(-180, 'lng must be between -180 and 180').max(180, 'lng must be between -180 and 180'),
});

export const LocateResult = z.object({
  kecamatan: z.object({ code: z.string(), name: z.string() }),
  kelurahan: z.object({ code: z.string(), name: z.string(), postal_code: z.string() }),
  rw: z.object({ code: z.string(), number: z.string(), distance_m: z.number(), estimated: z.boolean() }).nullable(),
});

export const ImportResult = z.object({
  kelurahan: z.number().int(),
  rw: z.number().int(),
  rt: z.number().int(),
  removed_rw: z.number().int(),
});
