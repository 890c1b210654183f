import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/module';
import type { AuthUser } from '../../platform/access';
import { toCsv } from '../../platform/csv';
import { AppError, invalid, notFound } from '../../platform/errors';
import { covidMessages as M } from './covid.messages';
import { distanceM } from '../../platform/geo';
import { cachedPayload, type CachedPayload } from '../../platform/http/cached';
import { demoAgg, zeroAgg, type Agg } from './covid.figures';
import { dateAt, dayIndex } from './covid.demo';
import { ZONE_COLOURS, ruleInForce, worstZone, zoneCounts, zoningApplies, type Zone, type ZoningRule } from './covid.zoning';
import type { Level, MapMetric } from './covid.dto';
import { loadPopulation, per10k } from './covid.population';
import * as repo from './covid.repo';
import { RW_ZONE_LEGEND, areaLegend, bucketOf, mapBuckets } from './covid.legend';
import { TABLE_COLUMNS } from './covid.table';

// Public reads, served from the aggregates and cached as prepared bytes; every cache is dropped
// when a report is verified (on every instance, through the event bus).

export const SMALL = '1–4';
type Count = number | typeof SMALL;
const OFFICIALS = new Set(['petugas_rw', 'puskesmas', 'dinkes', 'admin']);

/** Signed-in officials see exact RW figures; everyone else sees 1–4 for small RW counts. */
export const isOfficial = (u: AuthUser | null) => !!u && OFFICIALS.has(u.role);

export function mask(n: number, exact: boolean): Count {
  return !exact && n >= 1 && n <= 4 ? SMALL : n;
}

interface RwInfo {
  code: string;
  number: string;
  kelurahanCode: string;
  kecamatanCode: string;
  lat: number;
  lng: number;
  rtCount: number;
}
interface Registry {
  rws: RwInfo[];
  rwByCode: Map<string, RwInfo>;
  names: Map<string, string>;
  parent: Map<string, string>;
}
interface Fig extends Agg {
  demo: boolean;
  updatedAt: Date | null;
}
type FeatureCollection = { features: { properties: { code: string }; geometry: unknown }[] };

export class CovidPublic {
  private caches = new Map<string, CachedPayload>();
  private registryP?: Promise<Registry>;
  private rulesP?: Promise<ZoningRule[]>;
  private latestP?: Promise<{ date: string | null; updatedAt: Date | null }>;
  private rwFigs = new Map<string, Promise<Map<string, Fig>>>();
  private geo = new Map<string, Promise<FeatureCollection>>();
  private populationP?: ReturnType<typeof loadPopulation>;

  constructor(private readonly ctx: AppContext) {}

  private get db() {
    return this.ctx.database.db;
  }

  /** Drops every cached payload and memo (after a verify or a new rule set). */
  invalidate(): void {
    for (const c of this.caches.values()) c.invalidate();
    this.caches.clear();
    this.rulesP = undefined;
    this.latestP = undefined;
    this.rwFigs.clear();
  }

  /** Sends a cached public payload for a key (built on first use). */
  async sendCached(key: string, req: FastifyRequest, reply: FastifyReply, build: () => Promise<unknown>, contentType?: string) {
    let c = this.caches.get(key);
    if (!c) {
      if (this.caches.size > 2000) this.caches.clear();
      c = cachedPayload(build, { contentType, maxAgeS: 30 });
      this.caches.set(key, c);
    }
    return c.send(req, reply);
  }

  /** The cached bytes of a key (the benchmark serves the same from bare node:http). */
  async cachedBytes(key: string, build: () => Promise<unknown>): Promise<Buffer> {
    let c = this.caches.get(key);
    if (!c) this.caches.set(key, (c = cachedPayload(build, { maxAgeS: 30 })));
    return c.bytes();
  }

  async registry(): Promise<Registry> {
    this.registryP ??= (async () => {
      const w = this.ctx.services.wilayah;
      const rws = await w.rwRegistry();
      const names = new Map<string, string>([['32.76', 'Kota Depok']]);
      const parent = new Map<string, string>();
      for (const k of await w.listKecamatan()) {
        names.set(k.code, k.name);
        parent.set(k.code, '32.76');
      }
      for (const k of await w.listKelurahan()) {
        names.set(k.code, k.name);
        parent.set(k.code, k.kecamatan_code);
      }
      for (const r of rws) {
        names.set(r.code, `RW ${r.number} ${names.get(r.kelurahanCode)}`);
        parent.set(r.code, r.kelurahanCode);
      }
      return { rws, rwByCode: new Map(rws.map((r) => [r.code, r])), names, parent };
    })();
    this.registryP.catch(() => (this.registryP = undefined));
    return this.registryP;
  }

  /** Kecamatan (and city) population with its source; seeded reference data, read once. */
  population() {
    this.populationP ??= loadPopulation(this.ctx);
    this.populationP.catch(() => (this.populationP = undefined));
    return this.populationP;
  }

  async rules(): Promise<ZoningRule[]> {
    this.rulesP ??= repo
      .listRules(this.db)
      .then((rows) =>
        rows.map((r) => ({ regulation: r.regulation, effectiveFrom: r.effectiveFrom, kuningMax: r.kuningMax, oranyeMax: r.oranyeMax })),
      );
    return this.rulesP;
  }

  private async ruleOn(date: string): Promise<ZoningRule | null> {
    const rules = await this.rules();
    return zoningApplies(rules, date) ? ruleInForce(rules, date) : null;
  }

  /** The date to show: the one asked for, else the latest with verified city figures. */
  async resolveDate(date?: string): Promise<string> {
    if (date) return date;
    this.latestP ??= repo.latestDate(this.db);
    const l = await this.latestP;
    if (!l.date) throw new AppError('not_found', M.noVerifiedFigures());
    return l.date;
  }

  private levelOf(code: string): Level {
    if (code === '32.76') return 'kota';
    if (/^32\.76\.\d{2}$/.test(code)) return 'kecamatan';
    if (/^32\.76\.\d{2}\.\d{4}$/.test(code)) return 'kelurahan';
    return 'rw';
  }

  /** Every RW's figures on a date: verified reports over the demo series. */
  async rwFigures(date: string): Promise<Map<string, Fig>> {
    let p = this.rwFigs.get(date);
    if (!p) {
      p = (async () => {
        const reg = await this.registry();
        const out = new Map<string, Fig>();
        const i = dayIndex(date);
        const demoRows = i >= 0 && i < 730 ? await repo.demoRwAt(this.db, i) : [];
        for (const d of demoRows) {
          if (d.active === null || d.active === undefined) continue;
          const rt = reg.rwByCode.get(d.rw_code)?.rtCount ?? 0;
          out.set(d.rw_code, {
            ...demoAgg(d.rw_code, rt, d.active, d.confirmed_cum, d.deceased_cum, d.prev_cum),
            demo: true,
            updatedAt: null,
          });
        }
        for (const r of await repo.dailyAt(this.db, 'rw', date)) out.set(r.code, { ...r, demo: false });
        return out;
      })();
      if (this.rwFigs.size > 60) this.rwFigs.clear();
      this.rwFigs.set(date, p);
      p.catch(() => this.rwFigs.delete(date));
    }
    return p;
  }

  private async areaFigures(level: Exclude<Level, 'rw'>, date: string): Promise<Map<string, Fig>> {
    const rows = await repo.dailyAt(this.db, level, date);
    return new Map(rows.map((r) => [r.code, { ...r }]));
  }

  async figuresAt(level: Level, date: string): Promise<Map<string, Fig>> {
    return level === 'rw' ? this.rwFigures(date) : this.areaFigures(level, date);
  }

  private async checkCode(level: Level, code?: string): Promise<string> {
    const c = code ?? (level === 'kota' ? '32.76' : undefined);
    if (!c) throw invalid(M.codeRequired({ level }));
    if (this.levelOf(c) !== level) throw invalid(M.codeWrongLevel({ code: c, level }));
    const reg = await this.registry();
    if (!reg.names.has(c)) throw notFound(M.area({ code: c }));
    return c;
  }

  private present(f: Fig | undefined, exact: boolean) {
    const a = f ?? { ...zeroAgg(), rwReported: 0 };
    return {
      active: mask(a.active, exact),
      new_cases: mask(a.newCases, exact),
      confirmed_cum: mask(a.confirmedCum, exact),
      recovered_cum: mask(a.recoveredCum, exact),
      deceased_cum: mask(a.deceasedCum, exact),
      suspek_active: mask(a.suspekActive, exact),
      probable_active: mask(a.probableActive, exact),
      kontak_active: mask(a.kontakActive, exact),
    };
  }

  /** Summary cards of one area on a date with the change since the previous day. */
  async summary(level: Level, code: string | undefined, date: string | undefined, exactWanted: boolean) {
    const c = await this.checkCode(level, code);
    const d = await this.resolveDate(date);
    const exact = exactWanted || level !== 'rw';
    const prevDate = dateAt(-1, d);
    const [cur, prev] = await Promise.all([this.figuresAt(level, d), this.figuresAt(level, prevDate)]);
    const f = cur.get(c);
    const p = prev.get(c);
    const rule = await this.ruleOn(d);
    const now = this.present(f, exact);
    const before = this.present(p, exact);
    const cards = Object.entries(now).map(([id, value]) => {
      const b = before[id as keyof typeof before];
      return { id, value, change: typeof value === 'number' && typeof b === 'number' && p ? value - b : null };
    });
    const latest = await this.resolveDate();
    const reg = await this.registry();
    const pop = level === 'kota' || level === 'kecamatan' ? await this.population() : null;
    const population = pop?.byCode.get(c);
    return {
      level,
      code: c,
      name: reg.names.get(c),
      date: d,
      previous_date: prevDate,
      data_as_of: (f?.updatedAt ?? (await this.latestP)?.updatedAt ?? new Date(0)).toISOString(),
      latest_date: latest,
      has_data: !!f,
      demo: f?.demo ?? false,
      exact,
      cards,
      rw_reported: f?.rwReported ?? 0,
      population: population ?? null,
      per_10k: f ? per10k(f.active, population) : null,
      population_source: population ? pop!.source : null,
      rule: rule ? { regulation: rule.regulation, effective_from: rule.effectiveFrom } : null,
      rt_zones: rule && f ? zoneCounts(f.rtHist, rule) : null,
      zone: level === 'rw' && rule && f ? worstZone(f.rtHist, rule) : null,
    };
  }

  /** Daily new, cumulative and active cases of one area between two dates. */
  async series(level: Level, code: string | undefined, from: string | undefined, to: string | undefined, exactWanted: boolean) {
    const c = await this.checkCode(level, code);
    const end = to ?? (await this.resolveDate());
    const start = from ?? '2020-03-02';
    if (start > end) throw invalid(M.fromAfterTo());
    if (dayIndex(end, start) > 3700) throw invalid(M.rangeTooLong());
    const exact = exactWanted || level !== 'rw';
    const points = new Map<string, { date: string; new_cases: Count; confirmed_cum: Count; active: Count; demo: boolean }>();
    if (level === 'rw') {
      const demo = await repo.demoRw(this.db, c);
      if (demo)
        for (let i = 0; i < demo.active.length; i++) {
          const dt = dateAt(i, demo.start);
          if (dt < start || dt > end) continue;
          const nw = i > 0 ? Math.max(0, demo.confirmedCum[i] - demo.confirmedCum[i - 1]) : 0;
          points.set(dt, {
            date: dt,
            new_cases: mask(nw, exact),
            confirmed_cum: mask(demo.confirmedCum[i], exact),
            active: mask(demo.active[i], exact),
            demo: true,
          });
        }
    }
    for (const r of await repo.dailyRange(this.db, level, c, start, end))
      points.set(r.date, {
        date: r.date,
        new_cases: mask(r.newCases, exact),
        confirmed_cum: mask(r.confirmedCum, exact),
        active: mask(r.active, exact),
        demo: r.demo,
      });
    const reg = await this.registry();
    return {
      level,
      code: c,
      name: reg.names.get(c),
      from: start,
      to: end,
      exact,
      points: [...points.values()].sort((a, b) => a.date.localeCompare(b.date)),
    };
  }

  private async geometry(level: 'kecamatan' | 'kelurahan'): Promise<FeatureCollection> {
    let p = this.geo.get(level);
    if (!p) {
      const w = this.ctx.services.wilayah;
      p = (level === 'kelurahan' ? w.kelurahanGeojson : w.kecamatanGeojson)
        .bytes()
        .then((b) => JSON.parse(b.toString('utf8')) as FeatureCollection);
      this.geo.set(level, p);
    }
    return p;
  }

  /** GeoJSON with figures, colour and a server-made legend so every client shows the same. */
  async map(level: 'kecamatan' | 'kelurahan' | 'rw', date: string | undefined, exact: boolean, metric: MapMetric = 'active') {
    if (metric === 'per_10k' && level !== 'kecamatan') throw invalid(M.per10kKecamatanOnly());
    const d = await this.resolveDate(date);
    const figs = await this.figuresAt(level, d);
    const reg = await this.registry();
    const rule = await this.ruleOn(d);
    const latest = await this.latestP;
    const base = {
      type: 'FeatureCollection' as const,
      level,
      date: d,
      data_as_of: (latest?.updatedAt ?? new Date(0)).toISOString(),
      exact: exact || level !== 'rw',
      rule: rule ? { regulation: rule.regulation, effective_from: rule.effectiveFrom } : null,
    };
    if (level === 'rw') {
      const features = reg.rws.map((r) => {
        const f = figs.get(r.code);
        const zone: Zone | null = rule && f ? worstZone(f.rtHist, rule) : null;
        return {
          type: 'Feature' as const,
          id: r.code,
          geometry: { type: 'Point', coordinates: [r.lng, r.lat] },
          properties: {
            code: r.code,
            name: reg.names.get(r.code),
            kelurahan_code: r.kelurahanCode,
            active: mask(f?.active ?? 0, exact),
            new_cases: mask(f?.newCases ?? 0, exact),
            zone,
            colour: zone ? ZONE_COLOURS[zone] : '#9e9e9e',
            has_data: !!f,
            demo: f?.demo ?? false,
          },
        };
      });
      return { ...base, legend: RW_ZONE_LEGEND, features };
    }
    const pop = level === 'kecamatan' ? await this.population() : null;
    if (metric === 'per_10k' && !pop?.source) throw new AppError('not_found', M.noPopulation());
    const bs = mapBuckets(level, metric);
    const fc = await this.geometry(level);
    const features = fc.features.map((g) => {
      const code = g.properties.code;
      const f = figs.get(code);
      const active = f?.active ?? 0;
      const population = pop?.byCode.get(code);
      const rate = per10k(active, population);
      const value = metric === 'per_10k' ? (rate ?? 0) : active;
      const b = bucketOf(bs, value);
      const perRes = pop ? { population: population ?? null, per_10k: rate } : {};
      return {
        type: 'Feature' as const,
        id: code,
        geometry: g.geometry,
        properties: {
          code,
          name: reg.names.get(code),
          active,
          ...perRes,
          new_cases: f?.newCases ?? 0,
          confirmed_cum: f?.confirmedCum ?? 0,
          rt_zones: rule && f ? zoneCounts(f.rtHist, rule) : null,
          bucket: b.label,
          colour: b.colour,
          has_data: !!f,
          demo: f?.demo ?? false,
        },
      };
    });
    const legend = areaLegend(metric, bs, pop?.source ?? null);
    const kota = pop
      ? { population: pop.byCode.get('32.76') ?? null, active: (await this.areaFigures('kota', d)).get('32.76')?.active ?? null }
      : null;
    return {
      ...base,
      metric,
      legend,
      ...(kota ? { kota: { ...kota, per_10k: kota.active === null ? null : per10k(kota.active, kota.population ?? undefined) } } : {}),
      features,
    };
  }

  /** A table per level; the CSV has exactly the JSON columns. */
  async table(level: 'kecamatan' | 'kelurahan' | 'rw', date: string | undefined, exact: boolean) {
    const d = await this.resolveDate(date);
    const figs = await this.figuresAt(level, d);
    const reg = await this.registry();
    const rule = await this.ruleOn(d);
    const codes = level === 'rw' ? reg.rws.map((r) => r.code) : [...reg.names.keys()].filter((c) => this.levelOf(c) === level).sort();
    const ex = exact || level !== 'rw';
    const pop = level === 'kecamatan' ? await this.population() : null;
    const rows = codes.map((code) => {
      const f = figs.get(code);
      const z = rule && f ? zoneCounts(f.rtHist, rule) : null;
      const p = this.present(f, ex);
      const row: Record<string, unknown> = {
        code,
        name: reg.names.get(code),
        active: p.active,
        new_cases: p.new_cases,
        confirmed_cum: p.confirmed_cum,
        recovered_cum: p.recovered_cum,
        deceased_cum: p.deceased_cum,
        rt_hijau: z?.hijau ?? null,
        rt_kuning: z?.kuning ?? null,
        rt_oranye: z?.oranye ?? null,
        rt_merah: z?.merah ?? null,
      };
      if (pop) {
        row.population = pop.byCode.get(code) ?? null;
        row.per_10k = per10k(f?.active ?? 0, pop.byCode.get(code));
      }
      if (level === 'kelurahan') row.kecamatan = reg.names.get(reg.parent.get(code)!);
      if (level === 'rw') {
        row.kelurahan = reg.names.get(reg.parent.get(code)!);
        row.zone = rule && f ? worstZone(f.rtHist, rule) : null;
      }
      return row;
    });
    const columns = [...TABLE_COLUMNS[level]];
    return {
      level,
      date: d,
      exact: ex,
      population_source: pop?.source ?? null,
      columns,
      rows: rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null]))),
    };
  }

  tableCsv(t: Awaited<ReturnType<CovidPublic['table']>>): string {
    return toCsv(t.columns, t.rows);
  }

  /** "Cek lokasi saya": kelurahan, RW, zone and active cases of RWs within the radius. */
  async locate(lat: number, lng: number, radiusKm: number, date: string | undefined, exact: boolean) {
    const where = await this.ctx.services.wilayah.locate(lat, lng);
    const d = await this.resolveDate(date);
    const figs = await this.rwFigures(d);
    const reg = await this.registry();
    const rule = await this.ruleOn(d);
    const zoneOf = (code: string) => {
      const f = figs.get(code);
      return rule && f ? worstZone(f.rtHist, rule) : null;
    };
    const near = reg.rws
      .map((r) => ({ r, dist: distanceM(lat, lng, r.lat, r.lng) }))
      .filter((x) => x.dist <= radiusKm * 1000)
      .sort((a, b) => a.dist - b.dist);
    const total = near.reduce((s, x) => s + (figs.get(x.r.code)?.active ?? 0), 0);
    const own = where.rw ? figs.get(where.rw.code) : undefined;
    return {
      date: d,
      kecamatan: where.kecamatan,
      kelurahan: { code: where.kelurahan.code, name: where.kelurahan.name },
      rw: where.rw
        ? {
            code: where.rw.code,
            number: where.rw.number,
            distance_m: where.rw.distance_m,
            zone: zoneOf(where.rw.code),
            active: mask(own?.active ?? 0, exact),
          }
        : null,
      radius_km: radiusKm,
      nearby: {
        rw_count: near.length,
        active_total: mask(total, exact),
        rws: near.slice(0, 100).map((x) => ({
          code: x.r.code,
          name: reg.names.get(x.r.code),
          distance_m: Math.round(x.dist),
          zone: zoneOf(x.r.code),
          active: mask(figs.get(x.r.code)?.active ?? 0, exact),
        })),
      },
    };
  }
}
