import type { AppContext, SeedStep } from '../../platform/module';
import { readReferenceCsv } from '../../platform/reference';
import * as info from './covid.info.repo';

// Population for "active cases per 10,000 residents". Only kecamatan figures exist: no accessible
// source publishes kelurahan population (reference/depok/SOURCES.md, population/), so kelurahan and
// RW stay absolute. The only complete kecamatan table is the 2020 BNPB/Gugus Tugas API one.

export const POPULATION_METRIC = 'population';
const KEC_CSV = 'covid19/kecamatan_rawan_bersatulawancovid_2020.csv';
const KEC_SOURCE =
  'https://github.com/aiosk/covidn/blob/81def0be/dist/desktop/rawan.csv (BNPB/Gugus Tugas API api-rdt-v2.bersatulawancovid.id, jumlah_penduduk)';
const KEC_NOTE =
  'jumlah_penduduk from the BNPB/Gugus Tugas app API, unchanged 2020-06-08..2020-08-10; vintage not stated by the source. The 11 kecamatan sum to 1,857,734, below the SP2020 census (2,056,335), so it is an older estimate: rates per 10,000 are somewhat too high.';

export interface PopulationSource {
  label_id: string;
  label_en: string;
  url: string;
  vintage_note: string;
  total: number;
}

/** Kecamatan population rows (from the reference CSV) as published figures with source and vintage note. */
export function populationRows() {
  return readReferenceCsv(KEC_CSV).map((r) => ({
    date: r.first_seen_in_repo,
    level: 'kecamatan',
    code: r.kecamatan_code,
    codeInSource: r.kode_kecamatan_source,
    name: r.kecamatan_name,
    metric: POPULATION_METRIC,
    value: Number(r.jumlah_penduduk),
    completeness: null,
    note: KEC_NOTE,
    sourceUrl: KEC_SOURCE,
  }));
}

async function seedPopulation(ctx: AppContext): Promise<void> {
  await ctx.database.db.transaction((tx) => info.insertPublished(tx, populationRows()));
}

export const populationSeed: SeedStep = { name: 'covid.population', version: 1, demo: false, run: seedPopulation };

/**
 * Population per kecamatan and for the city. The city figure is the sum of the same kecamatan table
 * (not SP2020) so the city rate is the population-weighted mean of the kecamatan rates.
 */
export async function loadPopulation(ctx: AppContext): Promise<{ byCode: Map<string, number>; source: PopulationSource | null }> {
  const rows = await info.listPublished(ctx.database.db, { level: 'kecamatan', metric: POPULATION_METRIC });
  const byCode = new Map<string, number>();
  for (const r of rows) if (r.code) byCode.set(r.code, r.value);
  if (!byCode.size) return { byCode, source: null };
  const total = [...byCode.values()].reduce((a, b) => a + b, 0);
  byCode.set('32.76', total);
  return {
    byCode,
    source: {
      label_id:
        'Jumlah penduduk per kecamatan: API BNPB/Gugus Tugas 2020 (tahun data tidak disebutkan; total 1.857.734, lebih rendah dari SP2020 2.056.335)',
      label_en:
        'Kecamatan population: BNPB/Gugus Tugas API 2020 (data year not stated; total 1,857,734, below the SP2020 census 2,056,335)',
      url: rows[0].sourceUrl,
      vintage_note: rows[0].note ?? '',
      total,
    },
  };
}

/** Active cases per 10,000 residents, two decimals; null where the population is unknown. */
export function per10k(active: number, population: number | undefined): number | null {
  return population ? Math.round((active / population) * 1_000_000) / 100 : null;
}
