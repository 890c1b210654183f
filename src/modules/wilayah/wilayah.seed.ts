import type { AppContext, SeedStep } from '../../platform/module';
import { readReferenceCsv, readReferenceJson } from '../../platform/reference';
import { apportion, randomPointIn, seededRandom, type AreaGeometry } from '../../platform/geo';
import { kecamatan, kelurahan, rt, rw } from './wilayah.schema';

interface Fc {
  features: { properties: Record<string, string | number>; geometry: AreaGeometry }[];
}

/** RT total derived from the PPKM-mikro zoning sums of 2021-02-21 (admin/rt_rw_counts.csv). */
export const RT_TOTAL_2021 = 5293;

/**
 * Real codes, names, postal codes and boundaries; then 924 RW split over kelurahan by area within
 * each kecamatan's published count (an estimate, flagged), each with a deterministic point inside
 * its kelurahan, and ~5,300 RT split over RWs (also an estimate).
 */
async function seedRegions(ctx: AppContext): Promise<void> {
  const db = ctx.database.db;
  const kecCsv = readReferenceCsv('admin/kecamatan.csv');
  const kelCsv = readReferenceCsv('admin/kelurahan.csv');
  const counts = readReferenceCsv('admin/rt_rw_counts.csv').filter((r) => r.level === 'kecamatan' && r.date === '2020-04-11' && r.rw_count);
  const kecGeo = readReferenceJson<Fc>('geo/kecamatan.geojson');
  const kelGeo = readReferenceJson<Fc>('geo/kelurahan.geojson');
  const kecGeom = new Map(kecGeo.features.map((f) => [String(f.properties.code), f.geometry]));
  const kelGeom = new Map(kelGeo.features.map((f) => [String(f.properties.code), f.geometry]));
  const rwByKec = new Map(counts.map((r) => [r.code, Number(r.rw_count)]));

  await db.transaction(async (tx) => {
    await tx.insert(kecamatan).values(
      kecCsv.map((k) => ({
        code: k.code,
        name: k.name,
        kotaCode: k.kota_code,
        areaKm2: Number(k.polygon_area_km2),
        boundary: kecGeom.get(k.code)!,
        rwCount: rwByKec.get(k.code)!,
      })),
    );
    await tx.insert(kelurahan).values(
      kelCsv.map((k) => ({
        code: k.code,
        name: k.name,
        type: 'Kelurahan',
        kecamatanCode: k.kecamatan_code,
        postalCode: k.postal_code,
        areaKm2: Number(k.polygon_area_km2),
        centroidLat: Number(k.centroid_lat),
        centroidLng: Number(k.centroid_lng),
        boundary: kelGeom.get(k.code)!,
      })),
    );

    const rwRows: (typeof rw.$inferInsert)[] = [];
    for (const kec of kecCsv) {
      const kels = kelCsv.filter((k) => k.kecamatan_code === kec.code).sort((a, b) => a.code.localeCompare(b.code));
      const shares = apportion(
        rwByKec.get(kec.code)!,
        kels.map((k) => Number(k.polygon_area_km2)),
      );
      kels.forEach((kel, i) => {
        const rand = seededRandom(`rw:${kel.code}`);
        for (let n = 1; n <= shares[i]; n++) {
          const p = randomPointIn(kelGeom.get(kel.code)!, rand);
          rwRows.push({
            code: `${kel.code}/${String(n).padStart(3, '0')}`,
            kelurahanCode: kel.code,
            number: String(n).padStart(3, '0'),
            lat: p.lat,
            lng: p.lng,
            estimated: true,
          });
        }
      });
    }
    await tx.insert(rw).values(rwRows);

    const rand = seededRandom('rt-split');
    const rtShares = apportion(
      RT_TOTAL_2021,
      rwRows.map(() => 0.5 + rand()),
      2,
    );
    const rtRows: (typeof rt.$inferInsert)[] = [];
    rwRows.forEach((r, i) => {
      for (let n = 1; n <= rtShares[i]; n++) {
        const num = String(n).padStart(3, '0');
        rtRows.push({ code: `${r.code}/${num}`, rwCode: r.code, number: num, estimated: true });
      }
    });
    for (let i = 0; i < rtRows.length; i += 1000) await tx.insert(rt).values(rtRows.slice(i, i + 1000));
  });
  ctx.log.info('regions seeded: 11 kecamatan, 63 kelurahan, 924 RW, %d RT (RW/RT estimated)', RT_TOTAL_2021);
}

export const wilayahSeeds: SeedStep[] = [{ name: 'wilayah.regions', version: 1, demo: false, run: seedRegions }];
