import type { AppContext, SeedStep } from '../../platform/module';
import { readReferenceCsv } from '../../platform/reference';
import { buildDemo, dateAt, DEMO_DAYS, DEMO_START } from './covid.demo';
import { DEFAULT_RULES } from './covid.zoning';
import * as repo from './covid.repo';
import * as info from './covid.info.repo';
import { populationSeed } from './covid.population';

const AMBIGUOUS_NOTE =
  'Ambiguous in the source ("Curug" without kecamatan; Depok has a Curug in Cimanggis and one in Bojongsari): kept as published, not assigned to a kelurahan.';

/** Default PPKM-mikro rules, the puskesmas list and the real published figures (with source URLs). */
async function seedReference(ctx: AppContext): Promise<void> {
  const db = ctx.database.db;
  await db.transaction(async (tx) => {
    for (const r of DEFAULT_RULES)
      await repo.insertRule(tx, {
        regulation: r.regulation,
        effectiveFrom: r.effectiveFrom,
        kuningMax: r.kuningMax,
        oranyeMax: r.oranyeMax,
        note: 'default',
      });

    await info.insertPuskesmas(
      tx,
      readReferenceCsv('facilities/puskesmas.csv')
        .filter((p) => /^32\.76\.\d{2}$/.test(p.kecamatan_code))
        .map((p) => ({
          name: p.name,
          type: p.type,
          address: p.address,
          phone: p.phone || null,
          kecamatanCode: p.kecamatan_code,
          source: p.source,
        })),
    );

    const rows: Parameters<typeof info.insertPublished>[1] = [];
    for (const r of readReferenceCsv('covid19/kelurahan_active_cases_reported.csv')) {
      const ambiguous = r.kelurahan_code.includes('|');
      rows.push({
        date: r.date,
        level: 'kelurahan',
        code: ambiguous ? null : r.kelurahan_code,
        codeInSource: r.kelurahan_code,
        name: r.kelurahan_name || r.name_in_source,
        metric: 'confirmed_active',
        value: Number(r.active_confirmed),
        completeness: r.snapshot_completeness || null,
        note: ambiguous ? [AMBIGUOUS_NOTE, r.note].filter(Boolean).join(' ') : r.note || null,
        sourceUrl: r.source_url,
      });
    }
    for (const r of readReferenceCsv('covid19/reported_figures.csv')) {
      if (r.value === '' || !Number.isFinite(Number(r.value))) continue;
      rows.push({
        date: r.date,
        level: r.level,
        code: r.code,
        codeInSource: r.code,
        name: r.name,
        metric: r.metric,
        value: Number(r.value),
        completeness: null,
        note: r.note || null,
        sourceUrl: r.source_url,
      });
    }
    for (const r of readReferenceCsv('covid19/rt_zonation_ppkm_mikro.csv')) {
      const note = [r.criteria, r.note].filter(Boolean).join(' — ');
      for (const [metric, col] of [
        ['rt_hijau', 'rt_green'],
        ['rt_kuning', 'rt_yellow'],
        ['rt_oranye', 'rt_orange'],
        ['rt_merah', 'rt_red'],
        ['rt_total', 'rt_total_reported'],
      ] as const)
        if (r[col] !== '')
          rows.push({
            date: r.date,
            level: 'kota',
            code: '32.76',
            codeInSource: '32.76',
            name: r.scope,
            metric,
            value: Number(r[col]),
            completeness: null,
            note,
            sourceUrl: r.source_url,
          });
    }
    await info.insertPublished(tx, rows);
  });
}

/**
 * The demo RW series (924 RW × 730 days): RW arrays in covid_demo_rw, area aggregates in covid_daily,
 * both in large batches so a fresh start stays fast.
 */
async function seedDemo(ctx: AppContext): Promise<void> {
  const t0 = Date.now();
  const db = ctx.database.db;
  const registry = await ctx.services.wilayah.rwRegistry();
  const published = new Map<string, Map<string, number>>();
  for (const p of await info.publishedKelurahanActive(db)) {
    const m = published.get(p.code!) ?? new Map<string, number>();
    m.set(p.date, p.value);
    published.set(p.code!, m);
  }
  const demo = buildDemo(registry, published);
  const t1 = Date.now();
  await db.transaction(async (tx) => {
    await repo.insertDemoRw(
      tx,
      demo.rw.map((r) => ({
        rwCode: r.rwCode,
        kelurahanCode: r.kelurahanCode,
        start: DEMO_START,
        active: r.active,
        confirmedCum: r.confirmedCum,
        deceasedCum: r.deceasedCum,
      })),
    );
    const rows = demo.areas.flatMap((a) => a.days.map((d, i) => ({ level: a.level, code: a.code, date: dateAt(i), a: d })));
    await repo.insertDailyBulk(tx, rows);
  });
  ctx.log.info({ buildMs: t1 - t0, insertMs: Date.now() - t1, rw: demo.rw.length, days: DEMO_DAYS }, 'covid demo series seeded');
}

export const covidSeeds: SeedStep[] = [
  { name: 'covid.reference', version: 1, demo: false, run: seedReference },
  populationSeed,
  { name: 'covid.demo-series', version: 1, demo: true, run: seedDemo },
];
