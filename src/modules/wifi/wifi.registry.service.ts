import type { Database } from '../../db/client';
import type { EventBus } from '../../platform/events/bus';
import { requireRole, type AuthUser } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { failOnRowErrors, parseCsv, requireColumns, toCsv } from '../../platform/csv';
import { AppError, conflict, detail, notFound, type ErrorDetail } from '../../platform/errors';
import { english, localized, render } from '../../platform/i18n';
import { platformMessages as P } from '../../platform/i18n.messages';
import type { WilayahService } from '../wilayah';
import {
  ApInput,
  CATEGORIES,
  HotspotInput,
  PHASES,
  STATUSES,
  type ApInputT,
  type ApPatchT,
  type HotspotInputT,
  type HotspotPatchT,
} from './wifi.dto';
import { joined, wifiMessages as M, zodIssueMsg } from './wifi.messages';
import * as repo from './wifi.repo';
import { AP_CSV_COLUMNS, HOTSPOT_CSV_COLUMNS, presentAp, presentHotspot } from './wifi.present';
import { normalizeMac } from './wifi.telemetry.service';

const ENTITY_H = 'wifi.hotspot';
const ENTITY_AP = 'wifi.access_point';

/** Registry of hotspots and access points: CRUD with audit, CSV import/export. */
export class WifiRegistry {
  constructor(
    private readonly database: Database,
    private readonly events: EventBus,
    private readonly wilayah: WilayahService,
    private readonly onChange: () => void,
  ) {}

  private async changed(kind: 'hotspot' | 'ap', ids: (number | string)[]) {
    this.onChange();
    await this.events.publish(kind === 'hotspot' ? 'wifi.hotspot.changed' : 'wifi.ap.changed', { ids: ids.slice(0, 100) });
  }

  /** Kelurahan and RW for a point; explicit codes win when they are consistent. */
  private async place(lat: number, lng: number, kelurahanCode?: string, rwCode?: string | null) {
    const area = await this.wilayah.kelurahanAt(lat, lng);
    if (!area) throw new AppError('validation_failed', M.outsideCity({ lat, lng }), [detail('lat/lng', M.pickInsideCity())]);
    const kel = kelurahanCode ?? area.code;
    if (kelurahanCode)
      await this.wilayah.getKelurahan(kelurahanCode).catch(() => {
        throw new AppError('validation_failed', M.kelurahanUnknown({ code: kelurahanCode }));
      });
    let rw: string | null;
    if (rwCode !== undefined && rwCode !== null) {
      const found = await this.wilayah.findRw(rwCode);
      if (!found || found.kelurahanCode !== kel)
        throw new AppError('validation_failed', M.rwNotInKelurahan({ rw: rwCode, kelurahan: kel }));
      rw = rwCode;
    } else if (rwCode === null) rw = null;
    else rw = kel === area.code ? ((await this.wilayah.locate(lat, lng)).rw?.code ?? null) : null;
    return { kelurahanCode: kel, rwCode: rw };
  }

  private toRow(i: HotspotInputT, placed: { kelurahanCode: string; rwCode: string | null }): repo.HotspotInsert {
    return {
      code: i.code ?? `HS-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`,
      name: i.name,
      lat: i.lat,
      lng: i.lng,
      address: i.address ?? null,
      kelurahanCode: placed.kelurahanCode,
      rwCode: placed.rwCode,
      category: i.category,
      phase: i.phase,
      provider: i.provider ?? null,
      bandwidthMbps: i.bandwidth_mbps ?? null,
      ssids: i.ssids,
      installedOn: i.installed_on ?? null,
      status: i.status,
      openingHours: i.opening_hours ?? null,
      notes: i.notes ?? null,
    };
  }

  /** Full registry list (admin/operator_opd), keyset paged by id; or every row as CSV. */
  async listHotspots(user: AuthUser, f: repo.HotspotFilter) {
    requireRole(user, 'operator_opd');
    return (await repo.listHotspots(this.database.db, f)).map(presentHotspot);
  }

  async hotspotsCsv(user: AuthUser, f: repo.HotspotFilter): Promise<string> {
    const rows = await this.listHotspots(user, { ...f, limit: undefined, afterId: undefined });
    return toCsv(
      HOTSPOT_CSV_COLUMNS,
      rows.map((r) => ({ ...r, ssids: r.ssids.join(';') })),
    );
  }

  async getHotspot(user: AuthUser, id: number) {
    requireRole(user, 'operator_opd');
    const h = await repo.getHotspot(this.database.db, id);
    if (!h) throw notFound(M.hotspot({ id }));
    const aps = await repo.apsOfHotspots(this.database.db, [id]);
    return { ...presentHotspot(h), access_points: aps.map((a) => presentAp(a)) };
  }

  async createHotspot(user: AuthUser, input: HotspotInputT, requestId?: string) {
    requireRole(user, 'operator_opd');
    const placed = await this.place(input.lat, input.lng, input.kelurahan_code, input.rw_code);
    const row = await this.database.db
      .transaction(async (tx) => {
        const h = await repo.insertHotspot(tx, this.toRow(input, placed));
        await recordAudit(tx, {
          actor: user,
          action: 'create',
          entity: ENTITY_H,
          entityId: String(h.id),
          after: presentHotspot(h),
          requestId,
        });
        return h;
      })
      .catch((err: unknown) => {
        if ((err as { cause?: { code?: string } }).cause?.code === '23505' || (err as { code?: string }).code === '23505')
          throw conflict(M.hotspotCodeExists({ code: String(input.code) }));
        throw err;
      });
    await this.changed('hotspot', [row.id]);
    return presentHotspot(row);
  }

  async updateHotspot(user: AuthUser, id: number, patch: HotspotPatchT, requestId?: string) {
    requireRole(user, 'operator_opd');
    const before = await repo.getHotspot(this.database.db, id);
    if (!before) throw notFound(M.hotspot({ id }));
    const lat = patch.lat ?? before.lat;
    const lng = patch.lng ?? before.lng;
    const moved = patch.lat !== undefined || patch.lng !== undefined;
    const set: Partial<repo.HotspotInsert> = {};
    if (moved || patch.kelurahan_code !== undefined || patch.rw_code !== undefined) {
      const placed = await this.place(
        lat,
        lng,
        patch.kelurahan_code ?? (moved ? undefined : before.kelurahanCode),
        patch.rw_code === undefined ? (moved ? undefined : before.rwCode) : patch.rw_code,
      );
      Object.assign(set, placed, { lat, lng });
      if (moved) set.locationNote = null;
    }
    const map: [keyof HotspotPatchT, keyof repo.HotspotInsert][] = [
      ['code', 'code'],
      ['name', 'name'],
      ['address', 'address'],
      ['category', 'category'],
      ['phase', 'phase'],
      ['provider', 'provider'],
      ['bandwidth_mbps', 'bandwidthMbps'],
      ['ssids', 'ssids'],
      ['installed_on', 'installedOn'],
      ['status', 'status'],
      ['opening_hours', 'openingHours'],
      ['notes', 'notes'],
    ];
    for (const [from, to] of map) if (patch[from] !== undefined) (set as Record<string, unknown>)[to] = patch[from];
    const after = await this.database.db.transaction(async (tx) => {
      const h = await repo.updateHotspot(tx, id, set);
      await recordAudit(tx, {
        actor: user,
        action: 'update',
        entity: ENTITY_H,
        entityId: String(id),
        before: presentHotspot(before),
        after: presentHotspot(h!),
        requestId,
      });
      return h!;
    });
    await this.changed('hotspot', [id]);
    return presentHotspot(after);
  }

  /** Deletes a hotspot without APs; one with APs must be decommissioned or emptied first. */
  async deleteHotspot(user: AuthUser, id: number, requestId?: string) {
    requireRole(user, 'operator_opd');
    const before = await repo.getHotspot(this.database.db, id);
    if (!before) throw notFound(M.hotspot({ id }));
    if ((await repo.apsOfHotspots(this.database.db, [id])).length) throw conflict(M.hotspotHasAps());
    await this.database.db.transaction(async (tx) => {
      await repo.deleteHotspot(tx, id);
      await recordAudit(tx, {
        actor: user,
        action: 'delete',
        entity: ENTITY_H,
        entityId: String(id),
        before: presentHotspot(before),
        requestId,
      });
    });
    await this.changed('hotspot', [id]);
  }

  /**
   * CSV import of hotspots, upserted by `code` (re-sending the same file changes nothing).
   * Columns: code,name,lat,lng,category,phase[,address,kelurahan_code,rw_code,provider,bandwidth_mbps,
   * ssids (separated by ;),installed_on,status,opening_hours,notes]. All-or-nothing.
   */
  async importHotspots(user: AuthUser, csvText: string, requestId?: string) {
    requireRole(user, 'operator_opd');
    const rows = parseCsv(csvText);
    if (!rows.length) throw new AppError('validation_failed', P.csvNoRows());
    requireColumns(rows, ['code', 'name', 'lat', 'lng', 'category', 'phase']);
    const errors: ErrorDetail[] = [];
    const values: repo.HotspotInsert[] = [];
    const seen = new Set<string>();
    for (const [i, r] of rows.entries()) {
      const at = `row ${i + 2}`;
      const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
      const row = {
        code: r.code || undefined,
        name: r.name,
        lat: num(r.lat),
        lng: num(r.lng),
        address: r.address || null,
        kelurahan_code: r.kelurahan_code || undefined,
        rw_code: r.rw_code || undefined,
        category: r.category,
        phase: r.phase,
        provider: r.provider || null,
        bandwidth_mbps: num(r.bandwidth_mbps) ?? null,
        ssids: r.ssids
          ? r.ssids
              .split(';')
              .map((s) => s.trim())
              .filter(Boolean)
          : [],
        installed_on: r.installed_on || null,
        status: r.status || undefined,
        opening_hours: r.opening_hours || null,
        notes: r.notes || null,
      };
      const parsed = HotspotInput.safeParse(row);
      if (!parsed.success) {
        const iss = parsed.error.issues[0];
        const hint =
          iss.path[0] === 'category'
            ? M.hintOneOf({ values: CATEGORIES.join(', ') })
            : iss.path[0] === 'phase'
              ? M.hintEither({ a: PHASES[0], b: PHASES[1] })
              : iss.path[0] === 'status'
                ? M.hintOneOf({ values: STATUSES.join(', ') })
                : '';
        const text = zodIssueMsg(iss, row);
        // zod's Indonesian for a bad choice already lists the allowed values; the hint would repeat them.
        const msg = !hint
          ? text
          : iss.code === 'invalid_value'
            ? localized('wifi.rowInvalid', { en: english(text) + english(hint), id: render(text, 'id') })
            : joined('wifi.rowInvalid', text, hint);
        errors.push(detail(`${at} ${iss.path.join('.')}`, msg));
        continue;
      }
      if (seen.has(parsed.data.code!)) {
        errors.push(detail(at, M.rowCodeTwice({ code: parsed.data.code! })));
        continue;
      }
      seen.add(parsed.data.code!);
      try {
        values.push(
          this.toRow(parsed.data, await this.place(parsed.data.lat, parsed.data.lng, parsed.data.kelurahan_code, parsed.data.rw_code)),
        );
      } catch (err) {
        // place() throws catalog AppErrors; anything else is a bug and goes to the error handler.
        if (!(err instanceof AppError)) throw err;
        errors.push(detail(at, err.msg ?? err.message));
      }
    }
    failOnRowErrors(errors);
    const res = await this.database.db.transaction(async (tx) => {
      const out = await repo.upsertHotspots(tx, values);
      await recordAudit(tx, {
        actor: user,
        action: 'import',
        entity: ENTITY_H,
        entityId: `${values.length} rows`,
        after: { codes: values.map((v) => v.code).slice(0, 200) },
        requestId,
      });
      return out;
    });
    await this.changed(
      'hotspot',
      res.map((r) => r.id),
    );
    const created = res.filter((r) => r.inserted).length;
    return { rows: values.length, created, updated: values.length - created };
  }

  // ---------------------------------------------------------------- access points

  async listAps(user: AuthUser, f: { hotspotId?: number; health?: string; afterId?: number; limit?: number }) {
    requireRole(user, 'operator_opd', 'wifi_fleet');
    const rows = await repo.listAps(this.database.db, f);
    return rows.map((r) =>
      presentAp(r.ap, { hotspotCode: r.hotspotCode, hotspotName: r.hotspotName, kelurahanCode: r.kelurahanCode, rwCode: r.rwCode }),
    );
  }

  async apsCsv(user: AuthUser, f: { hotspotId?: number; health?: string }): Promise<string> {
    return toCsv(AP_CSV_COLUMNS, await this.listAps(user, f));
  }

  async getAp(user: AuthUser, macRaw: string) {
    requireRole(user, 'operator_opd', 'wifi_fleet');
    const ap = await repo.getApByMac(this.database.db, this.mac(macRaw));
    if (!ap) throw notFound(M.accessPoint({ mac: macRaw }));
    const h = (await repo.getHotspot(this.database.db, ap.hotspotId))!;
    return presentAp(ap, { hotspotCode: h.code, hotspotName: h.name, kelurahanCode: h.kelurahanCode, rwCode: h.rwCode });
  }

  private mac(v: string): string {
    const m = normalizeMac(v);
    if (!m) throw new AppError('validation_failed', M.macInvalid({ value: v }));
    return m;
  }

  async createAp(user: AuthUser, input: ApInputT, requestId?: string) {
    requireRole(user, 'operator_opd');
    const mac = this.mac(input.mac);
    if (!(await repo.getHotspot(this.database.db, input.hotspot_id)))
      throw new AppError('validation_failed', M.hotspotMissing({ id: input.hotspot_id }));
    if (await repo.getApByMac(this.database.db, mac)) throw conflict(M.apMacExists({ mac }));
    const ap = await this.database.db.transaction(async (tx) => {
      const row = await repo.insertAp(tx, {
        mac,
        hotspotId: input.hotspot_id,
        serial: input.serial ?? null,
        model: input.model ?? null,
        firmware: input.firmware ?? null,
        mgmtIp: input.mgmt_ip ?? null,
      });
      await recordAudit(tx, { actor: user, action: 'create', entity: ENTITY_AP, entityId: mac, after: presentAp(row), requestId });
      return row;
    });
    await this.changed('ap', [mac]);
    return presentAp(ap);
  }

  async updateAp(user: AuthUser, macRaw: string, patch: ApPatchT, requestId?: string) {
    requireRole(user, 'operator_opd');
    const mac = this.mac(macRaw);
    const before = await repo.getApByMac(this.database.db, mac);
    if (!before) throw notFound(M.accessPoint({ mac }));
    if (patch.hotspot_id && !(await repo.getHotspot(this.database.db, patch.hotspot_id)))
      throw new AppError('validation_failed', M.hotspotMissing({ id: patch.hotspot_id }));
    const set: Partial<repo.ApInsert> = {};
    if (patch.hotspot_id !== undefined) set.hotspotId = patch.hotspot_id;
    if (patch.serial !== undefined) set.serial = patch.serial;
    if (patch.model !== undefined) set.model = patch.model;
    if (patch.firmware !== undefined) set.firmware = patch.firmware;
    if (patch.mgmt_ip !== undefined) set.mgmtIp = patch.mgmt_ip;
    const after = await this.database.db.transaction(async (tx) => {
      const row = (await repo.updateAp(tx, mac, set))!;
      await recordAudit(tx, {
        actor: user,
        action: 'update',
        entity: ENTITY_AP,
        entityId: mac,
        before: presentAp(before),
        after: presentAp(row),
        requestId,
      });
      return row;
    });
    await this.changed('ap', [mac]);
    return presentAp(after);
  }

  async deleteAp(user: AuthUser, macRaw: string, requestId?: string) {
    requireRole(user, 'operator_opd');
    const mac = this.mac(macRaw);
    const before = await repo.getApByMac(this.database.db, mac);
    if (!before) throw notFound(M.accessPoint({ mac }));
    await this.database.db.transaction(async (tx) => {
      await repo.deleteAp(tx, mac);
      await recordAudit(tx, { actor: user, action: 'delete', entity: ENTITY_AP, entityId: mac, before: presentAp(before), requestId });
    });
    await this.changed('ap', [mac]);
  }

  /** CSV import of APs (mac,hotspot_code[,serial,model,firmware,mgmt_ip]), upserted by MAC; all-or-nothing. */
  async importAps(user: AuthUser, csvText: string, requestId?: string) {
    requireRole(user, 'operator_opd');
    const rows = parseCsv(csvText);
    if (!rows.length) throw new AppError('validation_failed', P.csvNoRows());
    requireColumns(rows, ['mac', 'hotspot_code']);
    const hs = new Map(
      (await repo.hotspotsByCode(this.database.db, [...new Set(rows.map((r) => r.hotspot_code))])).map((h) => [h.code, h.id]),
    );
    const errors: ErrorDetail[] = [];
    const values: repo.ApInsert[] = [];
    const seen = new Set<string>();
    rows.forEach((r, i) => {
      const at = `row ${i + 2}`;
      const hotspotId = hs.get(r.hotspot_code);
      if (!hotspotId) return errors.push(detail(at, M.rowHotspotCodeUnknown({ code: r.hotspot_code })));
      const row = {
        mac: r.mac,
        hotspot_id: hotspotId,
        serial: r.serial || null,
        model: r.model || null,
        firmware: r.firmware || null,
        mgmt_ip: r.mgmt_ip || null,
      };
      const parsed = ApInput.safeParse(row);
      const mac = normalizeMac(r.mac ?? '');
      if (!mac) return errors.push(detail(at, M.rowMacInvalid({ value: r.mac })));
      if (!parsed.success)
        return errors.push(detail(`${at} ${parsed.error.issues[0].path.join('.')}`, zodIssueMsg(parsed.error.issues[0], row)));
      if (seen.has(mac)) return errors.push(detail(at, M.rowMacTwice({ mac })));
      seen.add(mac);
      values.push({
        mac,
        hotspotId,
        serial: parsed.data.serial ?? null,
        model: parsed.data.model ?? null,
        firmware: parsed.data.firmware ?? null,
        mgmtIp: parsed.data.mgmt_ip ?? null,
      });
    });
    failOnRowErrors(errors);
    const res = await this.database.db.transaction(async (tx) => {
      const out = await repo.upsertAps(tx, values);
      await recordAudit(tx, {
        actor: user,
        action: 'import',
        entity: ENTITY_AP,
        entityId: `${values.length} rows`,
        after: { macs: values.map((v) => v.mac).slice(0, 200) },
        requestId,
      });
      return out;
    });
    await this.changed(
      'ap',
      values.map((v) => v.mac),
    );
    const created = res.filter((r) => r.inserted).length;
    return { rows: values.length, created, updated: values.length - created };
  }
}
