// Map legends made on the server, so every client (web, scripts, GIS) colours the same figure alike.
import type { MapMetric } from './covid.dto';
import { ZONE_COLOURS, type Zone } from './covid.zoning';

const KEL_BUCKETS = [0, 10, 50, 100, 250];
const KEC_BUCKETS = [0, 50, 200, 500, 1500];
const BUCKET_COLOURS = ['#f1f8e9', '#fff3c4', '#ffcc80', '#ff8a65', '#e53935', '#8e0000'];
// Active cases per 10,000 residents: a rate, so bucket bounds are upper-inclusive decimals.
const PER10K_BUCKETS = [0, 5, 20, 50, 100];

export interface Bucket {
  min: number;
  /** null for the open-ended last bucket. */
  max: number | null;
  label: string;
  colour: string;
}

/** Decimal rate buckets: "0", "> 0–5", …, "> 100". */
function rateBuckets(limits: number[]): Bucket[] {
  const fmt = (n: number) => String(n).replace('.', ',');
  const last = limits[limits.length - 1];
  return [
    ...limits.map((max, i) => ({
      min: i === 0 ? 0 : limits[i - 1],
      max,
      label: i === 0 ? '0' : `> ${fmt(limits[i - 1])}–${fmt(max)}`,
      colour: BUCKET_COLOURS[i],
    })),
    { min: last, max: null, label: `> ${fmt(last)}`, colour: BUCKET_COLOURS[limits.length] },
  ];
}

/** Whole-count buckets: "0", "1–10", …, "> 250". */
function countBuckets(limits: number[]): Bucket[] {
  const last = limits[limits.length - 1];
  return [
    ...limits.map((max, i) => ({
      min: i === 0 ? 0 : limits[i - 1] + 1,
      max,
      label: i === 0 ? '0' : `${limits[i - 1] + 1}–${max}`,
      colour: BUCKET_COLOURS[i],
    })),
    { min: last + 1, max: null, label: `> ${last}`, colour: BUCKET_COLOURS[limits.length] },
  ];
}

export function mapBuckets(level: 'kecamatan' | 'kelurahan', metric: MapMetric): Bucket[] {
  if (metric === 'per_10k') return rateBuckets(PER10K_BUCKETS);
  return countBuckets(level === 'kelurahan' ? KEL_BUCKETS : KEC_BUCKETS);
}

/** The bucket a value falls in (the last one is open-ended). */
export const bucketOf = (bs: Bucket[], value: number): Bucket => bs.find((x) => x.max === null || value <= x.max) ?? bs[bs.length - 1];

export function areaLegend(metric: MapMetric, buckets: Bucket[], populationSource: unknown) {
  return metric === 'per_10k'
    ? {
        field: 'per_10k',
        metric,
        title_id: 'Kasus konfirmasi aktif per 10.000 penduduk',
        title_en: 'Active confirmed cases per 10,000 residents',
        buckets,
        population_source: populationSource,
      }
    : { field: 'active', metric, title_id: 'Kasus konfirmasi aktif', title_en: 'Active confirmed cases', buckets, population_source: null };
}

export const RW_ZONE_LEGEND = {
  field: 'zone',
  title_id: 'Zona PPKM mikro (RT terburuk di RW)',
  title_en: 'PPKM-mikro zone (worst RT of the RW)',
  buckets: [
    ...(['hijau', 'kuning', 'oranye', 'merah'] as Zone[]).map((z) => ({ value: z, label: z, colour: ZONE_COLOURS[z] })),
    { value: null, label: 'no zoning rule in force / no data', colour: '#9e9e9e' },
  ],
};
