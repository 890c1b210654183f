import type { AppContext, SeedStep } from '../../platform/module';
import { readReferenceCsv, readReferenceJson } from '../../platform/reference';
import { distanceM, pointInGeometry, randomPointIn, round6, seededRandom, type AreaGeometry } from '../../platform/geo';
import { seedDemoHistory } from './wifi.demo.history';
import * as repo from './wifi.repo';

// Demo fleet of Wifi Depok Bersahabat: 1,834 hotspots = 128 "awal" points + 1,706 PJJ points.
// No public list of the real points or their coordinates exists (reference/depok/SOURCES.md), so
// every point here is a deterministic approximation, flagged is_demo and explained in location_note.

export const DEMO_TOTAL = 1834;
export const AWAL_TOTAL = 128;
const PJJ_TOTAL = DEMO_TOTAL - AWAL_TOTAL; // 1,706
const PROVIDERS = ['Provider A (demo)', 'Provider B (demo)', 'Provider C (demo)'];
const SSID = 'WifiDepokBersahabat';
const NOTE_OFFICE =
  'DEMO: alamat asli (direktori depok.go.id 2020 / depok-sehat), titik perkiraan deterministik di dalam kelurahan — koordinat asli tidak tersedia';
const NOTE_PJJ = 'DEMO: titik perkiraan dekat titik acuan RW (estimasi) — daftar dan koordinat titik PJJ asli tidak tersedia';

interface Fc {
  features: { properties: Record<string, string | number>; geometry: AreaGeometry }[];
}

/** A demo MAC in the locally administered range, from the hotspot's sequence number. */
export function demoMac(n: number): string {
  return ['02', 'de', '0c', (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]
    .map((x) => (typeof x === 'string' ? x : x.toString(16).padStart(2, '0')))
    .join(':');
}

async function seedFleet(ctx: AppContext): Promise<void> {
  const t0 = Date.now();
  const wilayah = ctx.services.wilayah;
  const kels = await wilayah.listKelurahan();
  const rws = await wilayah.allRwPoints();
  const geom = new Map(readReferenceJson<Fc>('geo/kelurahan.geojson').features.map((f) => [String(f.properties.code), f.geometry]));
  const aliases = new Map(readReferenceCsv('admin/name_aliases.csv').map((a) => [a.alias.toLowerCase(), a.code]));
  const rwsByKel = new Map<string, typeof rws>();
  for (const r of rws) rwsByKel.set(r.kelurahanCode, [...(rwsByKel.get(r.kelurahanCode) ?? []), r]);
  const nearestRw = (kel: string, lat: number, lng: number) => {
    let best: string | null = null;
    let d = Infinity;
    for (const r of rwsByKel.get(kel) ?? []) {
      const x = distanceM(lat, lng, r.lat, r.lng);
      if (x < d) [d, best] = [x, r.code];
    }
    return best;
  };
  const kelOfName = (name: string, kec?: string) => {
    const n = name.toLowerCase();
    const alias = aliases.get(n);
    if (alias) return alias;
    return (
      kels.find((k) => k.name.toLowerCase() === n && (!kec || k.kecamatan_code === kec))?.code ??
      kels.find((k) => k.name.toLowerCase() === n)?.code
    );
  };

  const rows: repo.HotspotInsert[] = [];
  const pushAwal = (seq: number, name: string, category: string, kel: string, address: string | null) => {
    const p = randomPointIn(geom.get(kel)!, seededRandom(`wifi:awal:${seq}:${name}`));
    rows.push({
      code: `AWAL-${String(seq).padStart(3, '0')}`,
      name,
      lat: p.lat,
      lng: p.lng,
      locationNote: NOTE_OFFICE,
      address,
      kelurahanCode: kel,
      rwCode: nearestRw(kel, p.lat, p.lng),
      category,
      phase: 'awal_128',
      provider: PROVIDERS[seq % PROVIDERS.length],
      bandwidthMbps: 20,
      ssids: [SSID],
      installedOn: '2019-01-01',
      status: 'active',
      openingHours: category === 'ruang_publik' ? '06:00–22:00' : 'Senin–Jumat 08:00–16:00 (jam layanan kantor)',
      notes: null,
      state: 'noService',
      isDemo: true,
    });
  };

  // 74 offices: kantor kelurahan at their kelurahan; kantor kecamatan in the kelurahan of the same name (else the first).
  let seq = 0;
  for (const o of readReferenceCsv('facilities/kantor_kecamatan_kelurahan.csv')) {
    const kel =
      o.level === 'kantor_kelurahan'
        ? o.code
        : (kelOfName(o.kecamatan_name, o.code) ?? kels.find((k) => k.kecamatan_code === o.code)!.code);
    pushAwal(++seq, o.name, o.level, kel, o.address || null);
  }
  // 32 puskesmas: in the kelurahan their name carries, else the first kelurahan of their kecamatan.
  for (const p of readReferenceCsv('facilities/puskesmas.csv')) {
    const place = p.name.replace(/^Puskesmas\s+/i, '').replace(/^Abdi Jaya$/i, 'Abadi Jaya');
    const kel = kelOfName(place, p.kecamatan_code) ?? kels.find((k) => k.kecamatan_code === p.kecamatan_code)!.code;
    pushAwal(++seq, p.name, 'puskesmas', kel, p.address || null);
  }
  // 22 more to reach 128: two labelled public places per kecamatan (no real list exists).
  const kecs = [...new Set(kels.map((k) => k.kecamatan_code))].sort();
  for (const kec of kecs) {
    const inKec = kels.filter((k) => k.kecamatan_code === kec);
    const rand = seededRandom(`wifi:ruang:${kec}`);
    for (let i = 1; i <= 2 && seq < AWAL_TOTAL; i++) {
      const kel = inKec[Math.floor(rand() * inKec.length)];
      pushAwal(++seq, `Ruang Publik ${kel.kecamatan_name} ${i} (demo)`, 'ruang_publik', kel.code, null);
    }
  }

  // PJJ: 1,706 points over 924 RWs. Two per RW would be 1,848, so 782 RWs get two and 142 get one;
  // the single ones go first to RWs that already hold an "awal" point, so most RWs end with 2 points.
  const awalRws = new Set(rows.map((r) => r.rwCode).filter(Boolean));
  const singles = PJJ_TOTAL - rws.length; // RWs with two: 1,706 − 924 = 782
  const rand = seededRandom('wifi:pjj-singles');
  const others = rws
    .filter((r) => !awalRws.has(r.code))
    .map((r) => ({ r, k: rand() }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.r.code);
  const one = new Set([...awalRws, ...others.slice(0, rws.length - singles - awalRws.size)] as string[]);
  let pjj = 0;
  for (const r of rws) {
    const n = one.has(r.code) ? 1 : 2;
    const g = geom.get(r.kelurahanCode)!;
    const rr = seededRandom(`wifi:pjj:${r.code}`);
    for (let i = 1; i <= n; i++) {
      let lat = r.lat;
      let lng = r.lng;
      // Up to ~150 m from the RW anchor, kept inside the kelurahan.
      for (let t = 0; t < 20; t++) {
        const cand = { lat: round6(r.lat + (rr() - 0.5) * 0.0027), lng: round6(r.lng + (rr() - 0.5) * 0.0027) };
        if (pointInGeometry(cand.lng, cand.lat, g)) {
          ({ lat, lng } = cand);
          break;
        }
      }
      pjj++;
      rows.push({
        code: `PJJ-${r.code}-${i}`,
        name: `Wifi RW ${r.number} ${kels.find((k) => k.code === r.kelurahanCode)?.name ?? ''} #${i}`,
        lat,
        lng,
        locationNote: NOTE_PJJ,
        address: null,
        kelurahanCode: r.kelurahanCode,
        rwCode: r.code,
        category: i === 1 ? 'balai_rw' : rr() < 0.5 ? 'masjid' : 'sekolah',
        phase: 'pjj_2020',
        provider: PROVIDERS[(pjj + 1) % PROVIDERS.length],
        bandwidthMbps: 10,
        ssids: [SSID],
        installedOn: '2020-08-17',
        status: 'active',
        openingHours: i === 1 ? '24 jam' : null,
        notes: 'Titik Pembelajaran Jarak Jauh (PJJ) 2020',
        state: 'noService',
        isDemo: true,
      });
    }
  }
  if (rows.length !== DEMO_TOTAL) throw new Error(`wifi demo seed built ${rows.length} hotspots, expected ${DEMO_TOTAL}`);

  await ctx.database.db.transaction(async (tx) => {
    const ids = await repo.insertHotspots(tx, rows);
    await repo.insertAps(
      tx,
      ids.map((h, i) => ({
        mac: demoMac(i + 1),
        hotspotId: h.id,
        serial: `DEMO-${String(i + 1).padStart(5, '0')}`,
        model: 'Demo AP-1',
        firmware: '1.0.0',
        isDemo: true,
      })),
    );
  });
  ctx.log.info(
    'wifi demo fleet seeded: %d hotspots (%d awal, %d PJJ), %d APs in %d ms',
    rows.length,
    AWAL_TOTAL,
    pjj,
    rows.length,
    Date.now() - t0,
  );
}

export const wifiSeeds: SeedStep[] = [
  { name: 'wifi.demo_fleet', version: 1, demo: true, run: seedFleet },
  // Past roll-ups and closed alerts of the demo fleet (wifi.demo.history.ts); a step of its own, so
  // databases seeded before it existed get it on their next start.
  {
    name: 'wifi.demo_history',
    version: 1,
    demo: true,
    run: async (ctx) => void ctx.log.info(await seedDemoHistory(ctx), 'wifi demo history seeded'),
  },
];
