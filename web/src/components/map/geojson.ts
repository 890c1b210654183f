import type { FeatureCollection, Geometry } from 'geojson';
import { api } from '../../api';
import type { KecamatanProps, KelurahanProps } from './types';

export type KelurahanCollection = FeatureCollection<Geometry, KelurahanProps>;
export type KecamatanCollection = FeatureCollection<Geometry, KecamatanProps>;

let cache: Promise<[KecamatanCollection, KelurahanCollection]> | null = null;

/** Both boundary layers, fetched once per page load and shared by every map on the page. */
export function loadBoundaries(): Promise<[KecamatanCollection, KelurahanCollection]> {
  cache ??= Promise.all([
    api<KecamatanCollection>('/api/wilayah/kecamatan.geojson'),
    api<KelurahanCollection>('/api/wilayah/kelurahan.geojson'),
  ]).catch((err: unknown) => {
    cache = null; // let a retry fetch again
    throw err;
  });
  return cache;
}
