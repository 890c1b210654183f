import { pgTable, text, doublePrecision, jsonb, boolean, integer, index } from 'drizzle-orm/pg-core';

export const kecamatan = pgTable('kecamatan', {
  code: text('code').primaryKey(), // 32.76.01
  name: text('name').notNull(),
  kotaCode: text('kota_code').notNull(),
  areaKm2: doublePrecision('area_km2').notNull(),
  /** GeoJSON Polygon/MultiPolygon geometry (EPSG:4326). */
  boundary: jsonb('boundary').notNull(),
  /** RW count as published (Kompas 2020-04-11, 924 in total). */
  rwCount: integer('rw_count').notNull(),
});

export const kelurahan = pgTable(
  'kelurahan',
  {
    code: text('code').primaryKey(), // 32.76.01.1006
    name: text('name').notNull(),
    type: text('type').notNull(), // Kelurahan
    kecamatanCode: text('kecamatan_code')
      .notNull()
      .references(() => kecamatan.code),
    postalCode: text('postal_code').notNull(),
    areaKm2: doublePrecision('area_km2').notNull(),
    centroidLat: doublePrecision('centroid_lat').notNull(),
    centroidLng: doublePrecision('centroid_lng').notNull(),
    boundary: jsonb('boundary').notNull(),
  },
  (t) => [index('kelurahan_kecamatan_idx').on(t.kecamatanCode)],
);

export const rw = pgTable(
  'rw',
  {
    code: text('code').primaryKey(), // 32.76.01.1006/005
    kelurahanCode: text('kelurahan_code')
      .notNull()
      .references(() => kelurahan.code),
    number: text('number').notNull(), // 005
    headName: text('head_name'),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    /** True while the RW comes from the area-proportional estimate rather than a real registry. */
    estimated: boolean('estimated').notNull().default(true),
  },
  (t) => [index('rw_kelurahan_idx').on(t.kelurahanCode)],
);

export const rt = pgTable(
  'rt',
  {
    code: text('code').primaryKey(), // 32.76.01.1006/005/003
    rwCode: text('rw_code')
      .notNull()
      .references(() => rw.code, { onDelete: 'cascade' }),
    number: text('number').notNull(),
    estimated: boolean('estimated').notNull().default(true),
  },
  (t) => [index('rt_rw_idx').on(t.rwCode)],
);
