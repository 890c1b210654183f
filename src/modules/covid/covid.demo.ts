import { apportion, seededRandom } from '../../platform/geo';
import { addAggInPlace, demoAgg, zeroAgg, type Agg } from './covid.figures';

// The deterministic demo RW series (labelled demo): 2020-03-02 to 2022-03-01 for every RW. A
// city-wide epidemic curve (waves of late 2020, January 2021, the July 2021 Delta wave and the
// February 2022 Omicron wave) split over kelurahan, pinned to every real published kelurahan figure
// (exact on those dates, so the complete snapshots of 2021-10-23, 2021-12-07 and 2021-12-15 sum
// exactly), then split over RWs.

export const DEMO_START = '2020-03-02';
export const DEMO_DAYS = 730; // → 2022-03-01

const DAY_MS = 86_400_000;
export const dayIndex = (date: string, start = DEMO_START) =>
  Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS);
export const dateAt = (i: number, start = DEMO_START) => new Date(Date.parse(`${start}T00:00:00Z`) + i * DAY_MS).toISOString().slice(0, 10);

/** City active confirmed cases at anchor dates; published kota figures where there are some. */
const CITY_CURVE: [string, number][] = [
  ['2020-03-02', 2],
  ['2020-04-21', 120],
  ['2020-07-06', 211],
  ['2020-08-30', 593],
  ['2020-10-06', 1100],
  ['2020-12-01', 2500],
  ['2021-01-28', 5200],
  ['2021-03-15', 2000],
  ['2021-05-01', 1200],
  ['2021-06-20', 4241],
  ['2021-07-12', 16000],
  ['2021-08-08', 7975],
  ['2021-09-10', 900],
  ['2021-10-23', 151],
  ['2021-12-07', 41],
  ['2021-12-15', 23],
  ['2022-01-10', 150],
  ['2022-02-06', 12858],
  ['2022-02-18', 35078],
  ['2022-03-01', 26000],
];

function cityCurve(): number[] {
  const pts = CITY_CURVE.map(([d, v]) => [dayIndex(d), Math.log1p(v)] as const);
  const out: number[] = [];
  const rand = seededRandom('covid-city-noise');
  for (let i = 0; i < DEMO_DAYS; i++) {
    let k = 0;
    while (k < pts.length - 2 && pts[k + 1][0] <= i) k++;
    const [x0, y0] = pts[k];
    const [x1, y1] = pts[k + 1];
    const t = Math.min(1, Math.max(0, (i - x0) / (x1 - x0)));
    out.push(Math.expm1(y0 + (y1 - y0) * t) * (0.95 + 0.1 * rand()));
  }
  return out;
}

export interface DemoRwInput {
  code: string;
  kelurahanCode: string;
  kecamatanCode: string;
  rtCount: number;
}

export interface DemoOutput {
  rw: { rwCode: string; kelurahanCode: string; active: number[]; confirmedCum: number[]; deceasedCum: number[] }[];
  /** level → code → per-day aggregates */
  areas: { level: 'kelurahan' | 'kecamatan' | 'kota'; code: string; days: Agg[] }[];
}

/** Published kelurahan active figures (code → date → value), unambiguous rows only. */
export type PublishedKelurahan = Map<string, Map<string, number>>;

function kelurahanSeries(base: number[], anchors: Map<string, number> | undefined): number[] {
  const pts = [...(anchors ?? new Map<string, number>())]
    .map(([d, v]) => [dayIndex(d), v] as const)
    .filter(([i]) => i >= 0 && i < DEMO_DAYS)
    .sort((a, b) => a[0] - b[0]);
  const corr = new Array<number>(DEMO_DAYS).fill(0);
  const RAMP = 21;
  for (let i = 0; i < DEMO_DAYS; i++) {
    // Correction = published − curve at anchors; linear between anchors less than 60 days apart,
    // fading out over three weeks elsewhere, so the curve stays plausible around a pinned value.
    let c = 0;
    const nextIdx = pts.findIndex(([x]) => x >= i);
    const next = nextIdx >= 0 ? pts[nextIdx] : undefined;
    const prev = nextIdx === -1 ? pts[pts.length - 1] : nextIdx > 0 ? pts[nextIdx - 1] : undefined;
    const cAt = (p: readonly [number, number]) => p[1] - base[p[0]];
    if (next && next[0] === i) c = cAt(next);
    else if (prev && next && next[0] - prev[0] <= 60) c = cAt(prev) + ((cAt(next) - cAt(prev)) * (i - prev[0])) / (next[0] - prev[0]);
    else {
      if (prev && i - prev[0] < RAMP) c += cAt(prev) * (1 - (i - prev[0]) / RAMP);
      if (next && next[0] - i < RAMP) c += cAt(next) * (1 - (next[0] - i) / RAMP);
    }
    corr[i] = c;
  }
  return base.map((b, i) => Math.max(0, Math.round(b + corr[i])));
}

/** Builds the whole demo series in memory (deterministic). */
export function buildDemo(rws: DemoRwInput[], published: PublishedKelurahan): DemoOutput {
  const city = cityCurve();
  const byKel = new Map<string, DemoRwInput[]>();
  for (const r of rws) byKel.set(r.kelurahanCode, [...(byKel.get(r.kelurahanCode) ?? []), r]);
  const kels = [...byKel.keys()].sort();
  const wRand = seededRandom('covid-kel-weights');
  const kelWeights = kels.map((k) => byKel.get(k)!.length * (0.6 + wRand()));
  const wSum = kelWeights.reduce((a, b) => a + b, 0);

  const out: DemoOutput = { rw: [], areas: [] };
  const kecAgg = new Map<string, Agg[]>();
  const kota: Agg[] = Array.from({ length: DEMO_DAYS }, zeroAgg);
  kels.forEach((kel, ki) => {
    const list = byKel.get(kel)!.sort((a, b) => a.code.localeCompare(b.code));
    const base = city.map((c) => (c * kelWeights[ki]) / wSum);
    const kelActive = kelurahanSeries(base, published.get(kel));
    const rwRand = seededRandom(`covid-rw-weights:${kel}`);
    const rwWeights = list.map(() => 0.3 + rwRand());
    const split = kelActive.map((a) => apportion(a, rwWeights, 0));
    const kelDays: Agg[] = Array.from({ length: DEMO_DAYS }, zeroAgg);
    list.forEach((rw, j) => {
      const rand = seededRandom(`covid-rw:${rw.code}`);
      const active: number[] = [];
      const cum: number[] = [];
      const dec: number[] = [];
      let prevA = 0;
      let c = 0;
      let d = 0;
      for (let i = 0; i < DEMO_DAYS; i++) {
        const a = split[i][j];
        // About a tenth of the active cases leave each day (≈10-day isolation); ~2 % of leavers die.
        let leave = i === 0 ? 0 : Math.max(Math.round(prevA / 10), prevA - a);
        leave = Math.min(leave, prevA);
        for (let k = 0; k < leave; k++) if (rand() < 0.02) d++;
        c += a - prevA + leave;
        active.push(a);
        cum.push(c);
        dec.push(d);
        addAggInPlace(kelDays[i], demoAgg(rw.code, rw.rtCount, a, c, d, i === 0 ? null : cum[i - 1]));
        prevA = a;
      }
      out.rw.push({ rwCode: rw.code, kelurahanCode: kel, active, confirmedCum: cum, deceasedCum: dec });
    });
    out.areas.push({ level: 'kelurahan', code: kel, days: kelDays });
    const kec = list[0].kecamatanCode;
    const k = kecAgg.get(kec) ?? Array.from({ length: DEMO_DAYS }, zeroAgg);
    kecAgg.set(kec, k);
    kelDays.forEach((x, i) => {
      addAggInPlace(k[i], x);
      addAggInPlace(kota[i], x);
    });
  });
  for (const [code, days] of [...kecAgg].sort()) out.areas.push({ level: 'kecamatan', code, days });
  out.areas.push({ level: 'kota', code: '32.76', days: kota });
  return out;
}
