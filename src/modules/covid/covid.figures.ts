import { createHash } from 'node:crypto';
import { apportion, hashString, seededRandom } from '../../platform/geo';
import type { Msg } from '../../platform/i18n';
import { covidMessages as M } from './covid.messages';
import { HIST_LEN, addToHist, emptyHist } from './covid.zoning';

// The figures of a report, how the public figures derive from them, and their documentation.

export interface ReportFigures {
  konfirmasi: { isolasi_mandiri: number; dirawat: number; selesai: number; meninggal: number };
  suspek: { diisolasi: number; discarded: number; meninggal: number };
  probable: { diisolasi: number; selesai: number; meninggal: number };
  kontak_erat: { dikarantina: number; discarded: number };
}

/** One RW's (or an area's summed) public figures on one date. */
export interface Agg {
  active: number;
  newCases: number;
  confirmedCum: number;
  recoveredCum: number;
  deceasedCum: number;
  suspekActive: number;
  probableActive: number;
  kontakActive: number;
  rtHist: number[];
  rwReported: number;
}

export const AGG_NUMBERS = [
  'active',
  'newCases',
  'confirmedCum',
  'recoveredCum',
  'deceasedCum',
  'suspekActive',
  'probableActive',
  'kontakActive',
  'rwReported',
] as const;

export function zeroAgg(): Agg {
  return {
    active: 0,
    newCases: 0,
    confirmedCum: 0,
    recoveredCum: 0,
    deceasedCum: 0,
    suspekActive: 0,
    probableActive: 0,
    kontakActive: 0,
    rtHist: emptyHist(),
    rwReported: 0,
  };
}

/** a + sign·b, field by field (histograms too). */
export function addAgg(a: Agg, b: Agg, sign = 1): Agg {
  const out = { ...a, rtHist: a.rtHist.map((v, i) => v + sign * (b.rtHist[i] ?? 0)) };
  for (const k of AGG_NUMBERS) out[k] = a[k] + sign * b[k];
  return out;
}

/** Public figures of a report, given the RW's confirmed cumulative count on its previous report. */
export function aggFromReport(f: ReportFigures, rtHouses: Record<string, number>, prevConfirmedCum: number | null): Agg {
  const active = f.konfirmasi.isolasi_mandiri + f.konfirmasi.dirawat;
  const confirmedCum = active + f.konfirmasi.selesai + f.konfirmasi.meninggal;
  return {
    active,
    confirmedCum,
    newCases: prevConfirmedCum === null ? 0 : Math.max(0, confirmedCum - prevConfirmedCum),
    recoveredCum: f.konfirmasi.selesai,
    deceasedCum: f.konfirmasi.meninggal,
    suspekActive: f.suspek.diisolasi,
    probableActive: f.probable.diisolasi,
    kontakActive: f.kontak_erat.dikarantina,
    rtHist: addToHist(emptyHist(), Object.values(rtHouses)),
    rwReported: 1,
  };
}

/**
 * Warnings (not errors) for totals that fell without a matching outcome: active confirmed cases may
 * fall only by moves to selesai or meninggal.
 */
export function dropWarnings(prev: ReportFigures | null, cur: ReportFigures): Msg[] {
  if (!prev) return [];
  const w: Msg[] = [];
  const activePrev = prev.konfirmasi.isolasi_mandiri + prev.konfirmasi.dirawat;
  const activeNow = cur.konfirmasi.isolasi_mandiri + cur.konfirmasi.dirawat;
  const outcomes = cur.konfirmasi.selesai - prev.konfirmasi.selesai + (cur.konfirmasi.meninggal - prev.konfirmasi.meninggal);
  if (activeNow < activePrev && activePrev - activeNow > outcomes)
    w.push(M.activeDrop({ fell: activePrev - activeNow, rose: Math.max(0, outcomes) }));
  if (cur.konfirmasi.selesai < prev.konfirmasi.selesai)
    w.push(M.runningTotalFell({ field: 'konfirmasi.selesai', from: prev.konfirmasi.selesai, to: cur.konfirmasi.selesai }));
  if (cur.konfirmasi.meninggal < prev.konfirmasi.meninggal)
    w.push(M.runningTotalFell({ field: 'konfirmasi.meninggal', from: prev.konfirmasi.meninggal, to: cur.konfirmasi.meninggal }));
  return w;
}

export function contentHash(f: ReportFigures, rtHouses: Record<string, number>, note: string | null): string {
  const rt = Object.keys(rtHouses)
    .sort()
    .map((k) => [k, rtHouses[k]]);
  return createHash('sha256')
    .update(JSON.stringify([f, rt, note ?? '']))
    .digest('base64url');
}

/**
 * Demo RT houses of an RW: about 60 % of its active cases as houses, spread over its RTs by stable
 * per-RT weights. Deterministic, so the seed and every read agree.
 */
export function demoRtHouses(rwCode: string, rtCount: number, active: number): number[] {
  if (rtCount <= 0) return [];
  const houses = Math.ceil(active * 0.6);
  if (houses === 0) return new Array<number>(rtCount).fill(0);
  return apportion(houses, rtWeights(rwCode, rtCount), 0);
}

const weightMemo = new Map<string, number[]>();
function rtWeights(rwCode: string, rtCount: number): number[] {
  const key = `${rwCode}#${rtCount}`;
  let w = weightMemo.get(key);
  if (!w) {
    const rand = seededRandom(`rt-weights:${rwCode}`);
    w = Array.from({ length: rtCount }, () => 0.2 + rand() ** 2);
    if (weightMemo.size > 5000) weightMemo.clear();
    weightMemo.set(key, w);
  }
  return w;
}

/** Adds b into a in place (demo seeding sums ~700k RW days; fresh objects would be slow). */
export function addAggInPlace(a: Agg, b: Agg): void {
  for (const k of AGG_NUMBERS) a[k] += b[k];
  for (let i = 0; i < a.rtHist.length; i++) a.rtHist[i] += b.rtHist[i];
}

/** The public figures of a demo RW day from its stored series. */
export function demoAgg(
  rwCode: string,
  rtCount: number,
  active: number,
  confirmedCum: number,
  deceasedCum: number,
  prevCum: number | null,
): Agg {
  return {
    active,
    confirmedCum,
    newCases: prevCum === null ? 0 : Math.max(0, confirmedCum - prevCum),
    recoveredCum: confirmedCum - active - deceasedCum,
    deceasedCum,
    // Suspect, probable and close-contact demo figures follow the active cases (no source gives them per RW).
    suspekActive: Math.ceil(active / 2),
    probableActive: Math.floor(active / 5),
    kontakActive: active * 3,
    rtHist: addToHist(emptyHist(), demoRtHouses(rwCode, rtCount, active)),
    rwReported: 1,
  };
}

export const HIST_BUCKETS = HIST_LEN;
export const stableHash = hashString;

/** Field documentation (Pikobar users asked for this for years): id + Indonesian and English text. */
export const FIELDS = [
  {
    id: 'active',
    unit: 'orang',
    label_id: 'Kasus aktif (konfirmasi)',
    label_en: 'Active confirmed cases',
    text_id: 'Pasien terkonfirmasi yang sedang isolasi mandiri atau dirawat di rumah sakit pada tanggal laporan.',
    text_en: 'Confirmed cases in self-isolation or in hospital on the report date (konfirmasi isolasi_mandiri + dirawat).',
  },
  {
    id: 'population',
    unit: 'orang',
    label_id: 'Jumlah penduduk (kecamatan)',
    label_en: 'Population (kecamatan)',
    text_id:
      'Jumlah penduduk per kecamatan dari API BNPB/Gugus Tugas 2020 (jumlah_penduduk; tahun data tidak disebutkan sumber, total 11 kecamatan 1.857.734 — lebih rendah dari SP2020 2.056.335, jadi data lebih lama). Untuk kota: jumlah 11 kecamatan itu. Tidak ada data penduduk per kelurahan atau RW yang dapat diakses.',
    text_en:
      'Population per kecamatan from the 2020 BNPB/Gugus Tugas API (jumlah_penduduk; the source does not state the data year; the 11 kecamatan sum to 1,857,734, below the SP2020 census 2,056,335, so it is older). For the city: the sum of those 11. No accessible source publishes kelurahan or RW population.',
  },
  {
    id: 'per_10k',
    unit: 'per 10.000 penduduk',
    label_id: 'Kasus aktif per 10.000 penduduk',
    label_en: 'Active cases per 10,000 residents',
    text_id:
      'Kasus aktif ÷ jumlah penduduk × 10.000 (dua desimal), hanya untuk kecamatan dan kota (peta level=kecamatan&metric=per_10k, ringkasan, tabel). Kelurahan dan RW tetap angka absolut karena jumlah penduduk kelurahan tidak dipublikasikan; membagi dengan perkiraan akan memberi angka palsu. Karena penduduknya data lama, angka per 10.000 sedikit terlalu tinggi.',
    text_en:
      'Active cases ÷ population × 10,000 (two decimals), for kecamatan and the city only (map level=kecamatan&metric=per_10k, summary, table). Kelurahan and RW stay absolute because kelurahan population is not published; dividing by a guess would invent precision. As the population is an older figure, rates are somewhat too high.',
  },
  {
    id: 'new_cases',
    unit: 'orang',
    label_id: 'Kasus baru',
    label_en: 'New cases',
    text_id: 'Kenaikan total konfirmasi dibanding laporan sebelumnya; dihitung otomatis, tidak diketik ulang.',
    text_en: 'Increase of the confirmed total since the previous report; derived from consecutive reports, never typed twice.',
  },
  {
    id: 'confirmed_cum',
    unit: 'orang',
    label_id: 'Total konfirmasi',
    label_en: 'Confirmed cases (cumulative)',
    text_id: 'Aktif + selesai + meninggal (konfirmasi).',
    text_en: 'Active + recovered + deceased confirmed cases.',
  },
  {
    id: 'recovered_cum',
    unit: 'orang',
    label_id: 'Selesai isolasi / sembuh',
    label_en: 'Recovered (cumulative)',
    text_id: 'Kasus konfirmasi yang selesai isolasi atau sembuh (konfirmasi.selesai).',
    text_en: 'Confirmed cases that finished isolation or recovered (konfirmasi.selesai).',
  },
  {
    id: 'deceased_cum',
    unit: 'orang',
    label_id: 'Meninggal (konfirmasi)',
    label_en: 'Deceased (confirmed, cumulative)',
    text_id: 'Kasus konfirmasi yang meninggal (konfirmasi.meninggal).',
    text_en: 'Confirmed cases who died (konfirmasi.meninggal).',
  },
  {
    id: 'suspek_active',
    unit: 'orang',
    label_id: 'Suspek diisolasi',
    label_en: 'Suspect cases in isolation',
    text_id: 'Kasus suspek yang sedang diisolasi (suspek.diisolasi).',
    text_en: 'Suspect cases currently isolated (suspek.diisolasi).',
  },
  {
    id: 'probable_active',
    unit: 'orang',
    label_id: 'Probable diisolasi',
    label_en: 'Probable cases in isolation',
    text_id: 'Kasus probable yang sedang diisolasi (probable.diisolasi).',
    text_en: 'Probable cases currently isolated (probable.diisolasi).',
  },
  {
    id: 'kontak_active',
    unit: 'orang',
    label_id: 'Kontak erat dikarantina',
    label_en: 'Close contacts in quarantine',
    text_id: 'Kontak erat yang sedang dikarantina (kontak_erat.dikarantina).',
    text_en: 'Close contacts currently quarantined (kontak_erat.dikarantina).',
  },
  {
    id: 'rt_hijau',
    unit: 'RT',
    label_id: 'RT zona hijau',
    label_en: 'RTs in the green zone',
    text_id: 'RT tanpa rumah dengan kasus konfirmasi aktif dalam 7 hari terakhir.',
    text_en: 'RTs with no house with an active confirmed case in the last 7 days.',
  },
  {
    id: 'rt_kuning',
    unit: 'RT',
    label_id: 'RT zona kuning',
    label_en: 'RTs in the yellow zone',
    text_id: 'Batas sesuai aturan PPKM mikro yang berlaku pada tanggal itu (Inmendagri 3/2021: 1–5 rumah; 14/2021: 1–2 rumah).',
    text_en: 'Thresholds of the PPKM-mikro rule in force on that date (Inmendagri 3/2021: 1–5 houses; 14/2021: 1–2 houses).',
  },
  {
    id: 'rt_oranye',
    unit: 'RT',
    label_id: 'RT zona oranye',
    label_en: 'RTs in the orange zone',
    text_id: 'Inmendagri 3/2021: 6–10 rumah; 14/2021: 3–5 rumah.',
    text_en: 'Inmendagri 3/2021: 6–10 houses; 14/2021: 3–5 houses.',
  },
  {
    id: 'rt_merah',
    unit: 'RT',
    label_id: 'RT zona merah',
    label_en: 'RTs in the red zone',
    text_id: 'Inmendagri 3/2021: lebih dari 10 rumah; 14/2021: lebih dari 5 rumah.',
    text_en: 'Inmendagri 3/2021: more than 10 houses; 14/2021: more than 5 houses.',
  },
  {
    id: 'zone',
    unit: '',
    label_id: 'Zona RW',
    label_en: 'RW zone',
    text_id: 'Zona terburuk di antara RT dalam RW.',
    text_en: 'The worst zone among the RTs of the RW.',
  },
  {
    id: 'rw_reported',
    unit: 'RW',
    label_id: 'RW melapor',
    label_en: 'RWs reporting',
    text_id: 'Jumlah RW dengan laporan terverifikasi pada tanggal itu.',
    text_en: 'Number of RWs with a verified report on that date.',
  },
  {
    id: 'small_counts',
    unit: '',
    label_id: 'Angka kecil',
    label_en: 'Small counts',
    text_id: 'Di tingkat RW, angka 1 sampai 4 ditampilkan sebagai "1–4" agar tidak menunjuk rumah tangga; kelurahan ke atas angka tepat.',
    text_en:
      'At RW level a count from 1 to 4 is shown as "1–4" so no public figure points at a household; kelurahan and higher levels are exact.',
  },
  {
    id: 'demo',
    unit: '',
    label_id: 'Data demo',
    label_en: 'Demo data',
    text_id:
      'Deret harian RW 2020-03-02 s.d. 2022-03-01 adalah data demo buatan, konsisten dengan angka kelurahan yang dipublikasikan pada 2021-10-23, 2021-12-07 dan 2021-12-15.',
    text_en:
      'The RW daily series 2020-03-02 to 2022-03-01 is generated demo data, consistent with the published kelurahan figures on 2021-10-23, 2021-12-07 and 2021-12-15.',
  },
];
