import type { Database } from '../../db/client';
import { requireRole, type AuthUser } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { failOnRowErrors, parseCsv, requireColumns, requireRows } from '../../platform/csv';
import { AppError, detail, notFound, type ErrorDetail } from '../../platform/errors';
import { wilayahMessages as M } from './wilayah.messages';
import { distanceM, pointInGeometry, randomPointIn, seededRandom, type AreaGeometry } from '../../platform/geo';
import { cachedPayload, type CachedPayload } from '../../platform/http/cached';
import * as repo from './wilayah.repo';

interface AreaIndexEntry {
  code: string;
  name: string;
  kecamatanCode: string;
  kecamatanName: string;
  postalCode: string;
  geometry: AreaGeometry;
}

/** Wilayah: the regions every other module refers to by Kemendagri code. */
export class WilayahService {
  readonly kelurahanGeojson: CachedPayload;
  readonly kecamatanGeojson: CachedPayload;
  private areaIndex?: Promise<AreaIndexEntry[]>;

  constructor(private readonly database: Database) {
    const db = database.db;
    this.kelurahanGeojson = cachedPayload(
      async () => {
        const rows = await repo.kelurahanBoundaries(db);
        return featureCollection(rows.map(({ boundary, ...p }) => ({ id: p.code, geometry: boundary, properties: presentKelurahan(p) })));
      },
      { contentType: 'application/geo+json; charset=utf-8', maxAgeS: 3600 },
    );
    this.kecamatanGeojson = cachedPayload(
      async () => {
        const rows = await repo.kecamatanBoundaries(db);
        return featureCollection(
          rows.map(({ boundary, ...p }) => ({
            id: p.code,
            geometry: boundary,
            properties: { code: p.code, name: p.name, area_km2: p.areaKm2, rw_count: p.rwCount },
          })),
        );
      },
      { contentType: 'application/geo+json; charset=utf-8', maxAgeS: 3600 },
    );
  }

  /** All kecamatan with area and counts. */
  async listKecamatan() {
    const rows = await repo.listKecamatan(this.database.db);
    return rows.map((r) => ({ code: r.code, name: r.name, area_km2: r.areaKm2, rw_count: r.rwCount, kelurahan_count: r.kelurahanCount }));
  }

  /** Kelurahan, optionally of one kecamatan (unknown code → 404). */
  async listKelurahan(kecamatanCode?: string) {
    if (kecamatanCode && !(await repo.kecamatanExists(this.database.db, kecamatanCode))) throw notFound(`Kecamatan ${kecamatanCode}`);
    return (await repo.listKelurahan(this.database.db, kecamatanCode)).map(presentKelurahan);
  }

  async getKelurahan(code: string) {
    const row = await repo.getKelurahan(this.database.db, code);
    if (!row) throw notFound(`Kelurahan ${code}`);
    return presentKelurahan(row);
  }

  /** RWs of a kelurahan with their RT counts. */
  async listRw(kelurahanCode: string) {
    await this.getKelurahan(kelurahanCode);
    const rows = await repo.listRw(this.database.db, kelurahanCode);
    return rows.map((r) => ({
      code: r.code,
      number: r.number,
      kelurahan_code: r.kelurahanCode,
      lat: r.lat,
      lng: r.lng,
      estimated: r.estimated,
      rt_count: r.rtCount,
    }));
  }

  /** An RW with its RT numbers, or undefined. For other modules (e.g. covid validates RTs). */
  async findRw(code: string) {
    const row = await repo.getRw(this.database.db, code);
    if (!row) return undefined;
    return { ...row, rtNumbers: await repo.listRtNumbers(this.database.db, code) };
  }

  /** Every RW with its kelurahan, kecamatan and RT count (for covid aggregates and demo data). */
  async rwRegistry(): Promise<
    { code: string; number: string; kelurahanCode: string; kecamatanCode: string; lat: number; lng: number; rtCount: number }[]
  > {
    const out = [];
    for (const k of await repo.listKelurahan(this.database.db))
      for (const r of await repo.listRw(this.database.db, k.code))
        out.push({
          code: r.code,
          number: r.number,
          kelurahanCode: k.code,
          kecamatanCode: k.kecamatanCode,
          lat: r.lat,
          lng: r.lng,
          rtCount: r.rtCount,
        });
    return out;
  }

  /** Every RW point (924), for maps and nearest-point searches in other modules. */
  async allRwPoints() {
    return repo.listAllRwPoints(this.database.db);
  }

  private async areas(): Promise<AreaIndexEntry[]> {
    this.areaIndex ??= repo.kelurahanBoundaries(this.database.db).then((rows) =>
      rows.map((r) => ({
        code: r.code,
        name: r.name,
        kecamatanCode: r.kecamatanCode,
        kecamatanName: r.kecamatanName,
        postalCode: r.postalCode,
        geometry: r.boundary as AreaGeometry,
      })),
    );
    return this.areaIndex;
  }

  /** The kelurahan containing a point, or undefined outside Depok. */
  async kelurahanAt(lat: number, lng: number): Promise<AreaIndexEntry | undefined> {
    return (await this.areas()).find((a) => pointInGeometry(lng, lat, a.geometry));
  }

  /** Point-in-polygon lookup: kecamatan, kelurahan and the nearest RW of that kelurahan. */
  async locate(lat: number, lng: number) {
    const area = await this.kelurahanAt(lat, lng);
    if (!area) throw new AppError('not_found', M.outsideDepok({ lat, lng }));
    const rws = await repo.listRw(this.database.db, area.code);
    let nearest: (typeof rws)[number] | undefined;
    let best = Infinity;
    for (const r of rws) {
      const d = distanceM(lat, lng, r.lat, r.lng);
      if (d < best) [best, nearest] = [d, r];
    }
    return {
      kecamatan: { code: area.kecamatanCode, name: area.kecamatanName },
      kelurahan: { code: area.code, name: area.name, postal_code: area.postalCode },
      rw: nearest ? { code: nearest.code, number: nearest.number, distance_m: Math.round(best), estimated: nearest.estimated } : null,
    };
  }

  /**
   * Imports a real RW/RT registry (CSV: kelurahan_code, rw, rt_count[, head_name, lat, lng]).
   * All-or-nothing: any row error rejects the whole file. The RWs of each kelurahan named in the
   * file are replaced by the file's list.
   */
  async importRwCsv(user: AuthUser | null, csvText: string, requestId?: string) {
    if (user) requireRole(user, 'admin');
    const rows = parseCsv(csvText);
    requireRows(rows);
    requireColumns(rows, ['kelurahan_code', 'rw', 'rt_count']);
    const known = await repo.kelurahanCodes(this.database.db);
    const areas = new Map((await this.areas()).map((a) => [a.code, a]));
    const errors: ErrorDetail[] = [];
    const seen = new Set<string>();
    const rws: Parameters<typeof repo.replaceRegistry>[2] = [];
    const rts: Parameters<typeof repo.replaceRegistry>[3] = [];
    rows.forEach((r, i) => {
      const at = `row ${i + 2}`;
      const kel = r.kelurahan_code;
      if (!known.has(kel)) return errors.push(detail(at, M.unknownKelurahan({ code: kel })));
      const n = Number(r.rw);
      if (!/^\d{1,3}$/.test(r.rw) || n < 1) return errors.push(detail(at, M.rwNumber({ value: r.rw })));
      const rtCount = Number(r.rt_count);
      if (!/^\d{1,2}$/.test(r.rt_count) || rtCount < 1) return errors.push(detail(at, M.rtCount({ value: r.rt_count })));
      const code = `${kel}/${String(n).padStart(3, '0')}`;
      if (seen.has(code)) return errors.push(detail(at, M.rwTwice({ code })));
      seen.add(code);
      let lat: number;
      let lng: number;
      const geometry = areas.get(kel)!.geometry;
      if (r.lat || r.lng) {
        lat = Number(r.lat);
        lng = Number(r.lng);
        if (!Number.isFinite(lat) || !Number.isFinite(lng) || !pointInGeometry(lng, lat, geometry))
          return errors.push(detail(at, M.pointOutsideKelurahan({ lat: r.lat, lng: r.lng, kelurahan: kel })));
      } else {
        ({ lat, lng } = randomPointIn(geometry, seededRandom(`rw:${code}`)));
      }
      rws.push({ code, kelurahanCode: kel, number: code.slice(-3), headName: r.head_name || null, lat, lng, estimated: false });
      for (let t = 1; t <= rtCount; t++) {
        const num = String(t).padStart(3, '0');
        rts.push({ code: `${code}/${num}`, rwCode: code, number: num, estimated: false });
      }
    });
    failOnRowErrors(errors);
    const kelurahanList = [...new Set(rws.map((r) => r.kelurahanCode))];
    try {
      const res = await this.database.db.transaction(async (tx) => {
        const out = await repo.replaceRegistry(tx, kelurahanList, rws, rts);
        await recordAudit(tx, {
          actor: user,
          action: 'import',
          entity: 'wilayah.rw_registry',
          entityId: kelurahanList.join(','),
          after: { rw: rws.length, rt: rts.length },
          requestId,
        });
        return out;
      });
      this.kelurahanGeojson.invalidate();
      return { kelurahan: kelurahanList.length, rw: rws.length, rt: rts.length, removed_rw: res.removedRw };
    } catch (err) {
      const e = err as { code?: string; cause?: { code?: string } };
      if (e.code === '23503' || e.cause?.code === '23503') throw new AppError('conflict', M.rwStillUsed());
      throw err;
    }
  }
}

type KelurahanRow = Awaited<ReturnType<typeof repo.listKelurahan>>[number];

function presentKelurahan(r: KelurahanRow) {
  return {
    code: r.code,
    name: r.name,
    kecamatan_code: r.kecamatanCode,
    kecamatan_name: r.kecamatanName,
    postal_code: r.postalCode,
    area_km2: r.areaKm2,
    rw_count: r.rwCount,
    centroid: { lat: r.centroidLat, lng: r.centroidLng },
  };
}

function featureCollection(features: { id: string; geometry: unknown; properties: Record<string, unknown> }[]) {
  return { type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) };
}
