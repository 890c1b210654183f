import type { AppContext } from '../../platform/module';
import { requireRole, requireScope, type AuthUser } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { AppError, conflict, detail, invalid, notFound, type ErrorDetail } from '../../platform/errors';
import { render, type Lang, type Msg } from '../../platform/i18n';
import { covidMessages as M } from './covid.messages';
import type { DbOrTx } from '../../db/client';
import { addAgg, aggFromReport, contentHash, demoAgg, dropWarnings, zeroAgg, type Agg, type ReportFigures } from './covid.figures';
import { dayIndex } from './covid.demo';
import type { PatchInput, ReportInput } from './covid.dto';
import * as repo from './covid.repo';

// The daily RW report workflow: draft → submitted → verified | declined(reason), with revisions.

export const FIRST_REPORT_DATE = '2020-03-01';

/** Today's date in Asia/Jakarta (UTC+7, no daylight saving). */
export function todayJakarta(now = Date.now()): string {
  return new Date(now + 7 * 3600_000).toISOString().slice(0, 10);
}

export function figuresOf(r: repo.ReportRow): ReportFigures {
  return {
    konfirmasi: { isolasi_mandiri: r.konfIsolasiMandiri, dirawat: r.konfDirawat, selesai: r.konfSelesai, meninggal: r.konfMeninggal },
    suspek: { diisolasi: r.suspekDiisolasi, discarded: r.suspekDiscarded, meninggal: r.suspekMeninggal },
    probable: { diisolasi: r.probableDiisolasi, selesai: r.probableSelesai, meninggal: r.probableMeninggal },
    kontak_erat: { dikarantina: r.kontakDikarantina, discarded: r.kontakDiscarded },
  };
}

/** Report figures as the report table's columns (the inverse of figuresOf). */
export function figureColumns(f: ReportFigures) {
  return {
    konfIsolasiMandiri: f.konfirmasi.isolasi_mandiri,
    konfDirawat: f.konfirmasi.dirawat,
    konfSelesai: f.konfirmasi.selesai,
    konfMeninggal: f.konfirmasi.meninggal,
    suspekDiisolasi: f.suspek.diisolasi,
    suspekDiscarded: f.suspek.discarded,
    suspekMeninggal: f.suspek.meninggal,
    probableDiisolasi: f.probable.diisolasi,
    probableSelesai: f.probable.selesai,
    probableMeninggal: f.probable.meninggal,
    kontakDikarantina: f.kontak_erat.dikarantina,
    kontakDiscarded: f.kontak_erat.discarded,
  };
}

export function presentReport(
  r: repo.ReportRow,
  // Warnings are rendered in the caller's language (Accept-Language), like error messages.
  extra: { warnings?: Msg[]; lang?: Lang; revisions?: Awaited<ReturnType<typeof repo.listRevisions>> } = {},
) {
  const f = figuresOf(r);
  const active = f.konfirmasi.isolasi_mandiri + f.konfirmasi.dirawat;
  return {
    id: r.id,
    rw_code: r.rwCode,
    kelurahan_code: r.kelurahanCode,
    kecamatan_code: r.kecamatanCode,
    date: r.date,
    status: r.status as 'draft' | 'submitted' | 'verified' | 'declined',
    revision: r.revision,
    ...f,
    rt: Object.keys(r.rtHouses)
      .sort()
      .map((rt) => ({ rt, rumah_terkonfirmasi: r.rtHouses[rt] })),
    note: r.note,
    decline_reason: r.declineReason,
    derived: { active, confirmed_cum: active + f.konfirmasi.selesai + f.konfirmasi.meninggal },
    submitted_at: r.submittedAt?.toISOString() ?? null,
    verified_at: r.verifiedAt?.toISOString() ?? null,
    updated_at: r.updatedAt.toISOString(),
    ...(extra.warnings ? { warnings: extra.warnings.map((w) => render(w, extra.lang ?? 'en')) } : {}),
    ...(extra.revisions
      ? {
          revisions: extra.revisions.map((v) => ({
            revision: v.revision,
            action: v.action,
            status: v.status,
            reason: v.reason,
            actor: v.actorName,
            at: v.at.toISOString(),
            figures: v.figures,
          })),
        }
      : {}),
  };
}

export type ReportView = ReturnType<typeof presentReport>;

interface Checked {
  figures: ReportFigures;
  rtHouses: Record<string, number>;
  kelurahanCode: string;
  kecamatanCode: string;
}

/** The PostgreSQL error code of a failed query (drizzle wraps the driver error in `cause`). */
function pgCode(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: { code?: string } };
  return e.code ?? e.cause?.code;
}

/** Verifier roles and who may upload CSV files. */
const VERIFIERS = ['puskesmas', 'dinkes'] as const;

export class CovidReports {
  /** Called right after a verify commits (the public caches of this instance drop at once). */
  onVerified: () => void = () => undefined;

  constructor(private readonly ctx: AppContext) {}

  private get db() {
    return this.ctx.database.db;
  }

  /** Checks date, RW and RT numbers; returns row-style errors (empty when fine). */
  async check(
    rwCode: string,
    date: string,
    figures: ReportFigures,
    rt: { rt: string; rumah_terkonfirmasi: number }[],
    at = 'body',
  ): Promise<{ errors: ErrorDetail[]; checked?: Checked }> {
    const errors: ErrorDetail[] = [];
    const today = todayJakarta();
    if (date > today) errors.push(detail(`${at}.date`, M.dateInFuture({ date, today })));
    if (date < FIRST_REPORT_DATE) errors.push(detail(`${at}.date`, M.dateBeforeFirstCase({ date, first: FIRST_REPORT_DATE })));
    const rw = await this.ctx.services.wilayah.findRw(rwCode);
    if (!rw) {
      errors.push(detail(`${at}.rw_code`, M.rwUnknown({ rw: rwCode })));
      return { errors };
    }
    const rtHouses: Record<string, number> = {};
    for (const [i, x] of rt.entries()) {
      const num = x.rt.padStart(3, '0');
      if (!rw.rtNumbers.includes(num))
        errors.push(detail(`${at}.rt.${i}.rt`, M.rtUnknown({ rt: num, rw: rwCode, rts: rw.rtNumbers.join(', ') })));
      else if (num in rtHouses) errors.push(detail(`${at}.rt.${i}.rt`, M.rtTwice({ rt: num })));
      else rtHouses[num] = x.rumah_terkonfirmasi;
    }
    // Every RT gets a value so zone counts cover the whole RW; unlisted RTs had no house with cases.
    for (const n of rw.rtNumbers) rtHouses[n] ??= 0;
    const kel = rwCode.split('/')[0];
    return { errors, checked: { figures, rtHouses, kelurahanCode: kel, kecamatanCode: kel.slice(0, 8) } };
  }

  private async warnings(db: DbOrTx, rwCode: string, date: string, f: ReportFigures): Promise<Msg[]> {
    const prev = await repo.previousReport(db, rwCode, date);
    return dropWarnings(prev ? figuresOf(prev) : null, f);
  }

  /** Creates or updates the RW's report for the date (idempotent; a verified report gets a new revision). */
  async upsert(
    user: AuthUser,
    input: ReportInput,
    idempotencyKey?: string,
    requestId?: string,
    lang: Lang = 'en',
  ): Promise<{ report: ReportView; created: boolean }> {
    try {
      return await this.upsertOnce(user, input, idempotencyKey, requestId, lang);
    } catch (err) {
      // Two identical sends racing: the loser hits the unique (rw, date) or key index; once more
      // finds the winner's report and answers as a re-send.
      if (pgCode(err) !== '23505') throw err;
      return this.upsertOnce(user, input, idempotencyKey, requestId, lang);
    }
  }

  private async upsertOnce(
    user: AuthUser,
    input: ReportInput,
    idempotencyKey: string | undefined,
    requestId: string | undefined,
    lang: Lang,
  ): Promise<{ report: ReportView; created: boolean }> {
    requireRole(user, 'petugas_rw');
    requireScope(user, input.rw_code);
    if (idempotencyKey) {
      const seen = await repo.findReportByKey(this.db, user.id, idempotencyKey);
      if (seen)
        return {
          report: presentReport(seen, { warnings: await this.warnings(this.db, seen.rwCode, seen.date, figuresOf(seen)), lang }),
          created: false,
        };
    }
    const figures: ReportFigures = {
      konfirmasi: input.konfirmasi,
      suspek: input.suspek,
      probable: input.probable,
      kontak_erat: input.kontak_erat,
    };
    const { errors, checked } = await this.check(input.rw_code, input.date, figures, input.rt);
    if (errors.length || !checked) throw invalid(M.reportHasErrors(), errors);
    const note = input.note?.trim() || null;
    const hash = contentHash(figures, checked.rtHouses, note);
    const submit = input.submit === true;
    const result = await this.db.transaction(async (tx) => {
      const existing = await repo.findReportByRwDate(tx, input.rw_code, input.date);
      const now = new Date();
      if (!existing) {
        const row = await repo.insertReport(tx, {
          rwCode: input.rw_code,
          kelurahanCode: checked.kelurahanCode,
          kecamatanCode: checked.kecamatanCode,
          date: input.date,
          status: submit ? 'submitted' : 'draft',
          ...figureColumns(figures),
          rtHouses: checked.rtHouses,
          note,
          contentHash: hash,
          idempotencyKey: idempotencyKey ?? null,
          createdBy: user.id,
          submittedAt: submit ? now : null,
        });
        await this.log(tx, row, 'created', user);
        if (submit) await this.log(tx, row, 'submitted', user);
        await recordAudit(tx, {
          actor: user,
          action: 'create',
          entity: 'covid.report',
          entityId: row.id,
          after: presentReport(row),
          requestId,
        });
        return { row, created: true, submitted: submit };
      }
      if (existing.contentHash === hash) {
        if (submit && ['draft', 'declined'].includes(existing.status)) {
          const row = (await repo.transition(tx, existing.id, ['draft', 'declined'], {
            status: 'submitted',
            submittedAt: now,
            declineReason: null,
          }))!;
          await this.log(tx, row, 'submitted', user);
          return { row, created: false, submitted: true };
        }
        return { row: existing, created: false, submitted: false };
      }
      if (existing.status === 'submitted') throw conflict(M.awaitsVerification({ rw: input.rw_code, date: input.date }));
      const correction = existing.status === 'verified';
      const row = await repo.updateReport(tx, existing.id, {
        ...figureColumns(figures),
        rtHouses: checked.rtHouses,
        note,
        contentHash: hash,
        status: submit ? 'submitted' : 'draft',
        revision: correction ? existing.revision + 1 : existing.revision,
        declineReason: null,
        submittedAt: submit ? now : existing.submittedAt,
      });
      await this.log(tx, row, correction ? 'corrected' : 'edited', user);
      if (submit) await this.log(tx, row, 'submitted', user);
      await recordAudit(tx, {
        actor: user,
        action: correction ? 'correct' : 'update',
        entity: 'covid.report',
        entityId: row.id,
        before: presentReport(existing),
        after: presentReport(row),
        requestId,
      });
      return { row, created: false, submitted: submit };
    });
    if (result.submitted) await this.publishSubmitted(result.row);
    return {
      report: presentReport(result.row, {
        warnings: await this.warnings(this.db, result.row.rwCode, result.row.date, figuresOf(result.row)),
        lang,
      }),
      created: result.created,
    };
  }

  /** Edits a draft (or declined) report of the user's RW. */
  async patch(user: AuthUser, id: string, p: PatchInput, requestId?: string, lang: Lang = 'en'): Promise<ReportView> {
    requireRole(user, 'petugas_rw');
    const existing = await repo.findReport(this.db, id);
    if (!existing) throw notFound(M.report({ id }));
    requireScope(user, existing.rwCode);
    if (!['draft', 'declined'].includes(existing.status)) throw conflict(M.onlyDraftEditable({ status: existing.status }));
    const cur = figuresOf(existing);
    const figures: ReportFigures = {
      konfirmasi: { ...cur.konfirmasi, ...p.konfirmasi },
      suspek: { ...cur.suspek, ...p.suspek },
      probable: { ...cur.probable, ...p.probable },
      kontak_erat: { ...cur.kontak_erat, ...p.kontak_erat },
    };
    const rt = p.rt ?? Object.entries(existing.rtHouses).map(([k, v]) => ({ rt: k, rumah_terkonfirmasi: v }));
    const { errors, checked } = await this.check(existing.rwCode, existing.date, figures, rt);
    if (errors.length || !checked) throw invalid(M.reportHasErrors(), errors);
    const note = p.note === undefined ? existing.note : p.note?.trim() || null;
    const row = await this.db.transaction(async (tx) => {
      const r = await repo.updateReport(tx, id, {
        ...figureColumns(figures),
        rtHouses: checked.rtHouses,
        note,
        contentHash: contentHash(figures, checked.rtHouses, note),
        status: 'draft',
        declineReason: null,
      });
      await this.log(tx, r, 'edited', user);
      await recordAudit(tx, {
        actor: user,
        action: 'update',
        entity: 'covid.report',
        entityId: id,
        before: presentReport(existing),
        after: presentReport(r),
        requestId,
      });
      return r;
    });
    return presentReport(row, { warnings: await this.warnings(this.db, row.rwCode, row.date, figures), lang });
  }

  /** Submits a draft for verification (re-submitting a submitted report changes nothing). */
  async submit(user: AuthUser, id: string, requestId?: string): Promise<ReportView> {
    requireRole(user, 'petugas_rw');
    const existing = await repo.findReport(this.db, id);
    if (!existing) throw notFound(M.report({ id }));
    requireScope(user, existing.rwCode);
    if (existing.status === 'submitted') return presentReport(existing);
    if (existing.status === 'verified') throw conflict(M.alreadyVerified());
    const row = await this.db.transaction(async (tx) => {
      const r = await repo.transition(tx, id, ['draft', 'declined'], { status: 'submitted', submittedAt: new Date(), declineReason: null });
      if (!r) throw conflict(M.changedMeanwhile());
      await this.log(tx, r, 'submitted', user);
      await recordAudit(tx, { actor: user, action: 'submit', entity: 'covid.report', entityId: id, requestId });
      return r;
    });
    await this.publishSubmitted(row);
    return presentReport(row);
  }

  /** The puskesmas or dinkes covering the kelurahan verifies: the figures become public in the same transaction. */
  async verify(user: AuthUser, id: string, requestId?: string): Promise<ReportView> {
    requireRole(user, ...VERIFIERS);
    const existing = await repo.findReport(this.db, id);
    if (!existing) throw notFound(M.report({ id }));
    requireScope(user, existing.kelurahanCode);
    if (existing.status === 'verified') return presentReport(existing);
    if (existing.status !== 'submitted') throw conflict(M.onlySubmittedVerify({ status: existing.status }));
    const rw = await this.ctx.services.wilayah.findRw(existing.rwCode);
    const rtCount = rw?.rtNumbers.length ?? 0;
    const row = await this.db.transaction(async (tx) => {
      const r = await repo.transition(tx, id, ['submitted'], { status: 'verified', verifiedAt: new Date(), verifiedBy: user.id });
      if (!r) throw conflict(M.changedMeanwhile());
      await this.applyToAggregates(tx, r, rtCount);
      await this.log(tx, r, 'verified', user);
      await recordAudit(tx, { actor: user, action: 'verify', entity: 'covid.report', entityId: id, after: presentReport(r), requestId });
      return r;
    });
    this.onVerified();
    await this.ctx.events.publish('covid.report.verified', {
      report_id: row.id,
      date: row.date,
      rw: row.rwCode,
      kelurahan: row.kelurahanCode,
      kecamatan: row.kecamatanCode,
      kota: '32.76',
    });
    return presentReport(row);
  }

  /** Declines a submitted report with a reason the petugas RW can act on. */
  async decline(user: AuthUser, id: string, reason: string, requestId?: string): Promise<ReportView> {
    requireRole(user, ...VERIFIERS);
    const existing = await repo.findReport(this.db, id);
    if (!existing) throw notFound(M.report({ id }));
    requireScope(user, existing.kelurahanCode);
    if (existing.status !== 'submitted') throw conflict(M.onlySubmittedDecline({ status: existing.status }));
    const row = await this.db.transaction(async (tx) => {
      const r = await repo.transition(tx, id, ['submitted'], { status: 'declined', declineReason: reason });
      if (!r) throw conflict(M.changedMeanwhile());
      await this.log(tx, r, 'declined', user, reason);
      await recordAudit(tx, { actor: user, action: 'decline', entity: 'covid.report', entityId: id, after: { reason }, requestId });
      return r;
    });
    return presentReport(row);
  }

  /**
   * Replaces the RW's contribution on the report date in every level's aggregate: the difference
   * between the new figures and what was counted before (an earlier verified revision, the demo
   * series, or nothing).
   */
  private async applyToAggregates(tx: DbOrTx, r: repo.ReportRow, rtCount: number): Promise<void> {
    const real = await repo.getDaily(tx, 'rw', r.rwCode, r.date);
    const demo = await repo.demoRw(tx, r.rwCode);
    const idx = demo ? dayIndex(r.date, demo.start) : -1;
    const inDemo = !!demo && idx >= 0 && idx < demo.active.length;
    let old: Agg = zeroAgg();
    if (real) old = { ...real, rtHist: real.rtHist };
    else if (demo && inDemo)
      old = demoAgg(
        r.rwCode,
        rtCount,
        demo.active[idx],
        demo.confirmedCum[idx],
        demo.deceasedCum[idx],
        idx > 0 ? demo.confirmedCum[idx - 1] : null,
      );
    const prevReal = await repo.previousRwDaily(tx, r.rwCode, r.date);
    let prevCum: number | null = prevReal?.confirmedCum ?? null;
    if (prevCum === null && demo && idx > 0) prevCum = demo.confirmedCum[Math.min(idx, demo.confirmedCum.length) - 1];
    const next = aggFromReport(figuresOf(r), r.rtHouses, prevCum);
    const delta = addAgg(next, old, -1);
    await repo.putRwDaily(tx, r.rwCode, r.date, next);
    await repo.addDailyDelta(tx, 'kelurahan', r.kelurahanCode, r.date, delta);
    await repo.addDailyDelta(tx, 'kecamatan', r.kecamatanCode, r.date, delta);
    await repo.addDailyDelta(tx, 'kota', '32.76', r.date, delta);
    // New cases of the RW's next verified report are counted against this one: recount them.
    const after = await repo.nextRwDaily(tx, r.rwCode, r.date);
    if (after) {
      const d = Math.max(0, after.confirmedCum - next.confirmedCum) - after.newCases;
      if (d !== 0) {
        await repo.setRwNewCases(tx, r.rwCode, after.date, after.newCases + d);
        const bump = { ...zeroAgg(), newCases: d };
        for (const [level, code] of [
          ['kelurahan', r.kelurahanCode],
          ['kecamatan', r.kecamatanCode],
          ['kota', '32.76'],
        ] as const)
          await repo.addDailyDelta(tx, level, code, after.date, bump);
      }
    }
  }

  private async log(tx: DbOrTx, r: repo.ReportRow, action: string, user: AuthUser, reason?: string): Promise<void> {
    await repo.insertRevision(tx, {
      reportId: r.id,
      revision: r.revision,
      action,
      status: r.status,
      figures: { ...figuresOf(r), rt: r.rtHouses, note: r.note },
      reason: reason ?? null,
      actorId: user.id,
      actorName: user.displayName,
    });
  }

  private async publishSubmitted(r: repo.ReportRow): Promise<void> {
    await this.ctx.events.publish('covid.report.submitted', {
      report_id: r.id,
      date: r.date,
      rw: r.rwCode,
      kelurahan: r.kelurahanCode,
      kecamatan: r.kecamatanCode,
    });
  }

  /** Reports inside the user's scope (officials only), optionally of one kelurahan/date/status. */
  async list(user: AuthUser, q: { kelurahan?: string; date?: string; status?: string; limit: number }): Promise<ReportView[]> {
    requireRole(user, 'petugas_rw', ...VERIFIERS);
    if (q.kelurahan && user.role !== 'petugas_rw') requireScope(user, q.kelurahan);
    const scope = user.role === 'admin' ? null : user.scope;
    if (user.role !== 'admin' && !scope) throw new AppError('forbidden', M.noScope());
    const rows = await repo.listReports(this.db, { scope, ...q });
    return rows.map((r) => presentReport(r));
  }

  /** One report with its revision history (officials whose scope covers the RW). */
  async get(user: AuthUser, id: string): Promise<ReportView> {
    requireRole(user, 'petugas_rw', ...VERIFIERS);
    const r = await repo.findReport(this.db, id);
    if (!r) throw notFound(M.report({ id }));
    requireScope(user, r.rwCode);
    return presentReport(r, { revisions: await repo.listRevisions(this.db, id) });
  }

  /** RWs of a kelurahan without a submitted or verified report on the date, with their officers' contact. */
  async missing(user: AuthUser, kelurahanCode: string, date = todayJakarta()) {
    requireRole(user, ...VERIFIERS);
    requireScope(user, kelurahanCode);
    const rws = await this.ctx.services.wilayah.listRw(kelurahanCode);
    const reported = await repo.reportedRws(this.db, kelurahanCode, date);
    const missing = rws.filter((r) => !reported.has(r.code));
    const officers = await this.ctx.services.identity.listUsersByScopes(
      'petugas_rw',
      missing.map((m) => m.code),
    );
    return {
      kelurahan: kelurahanCode,
      date,
      rw_total: rws.length,
      reported: rws.length - missing.length,
      missing: missing.map((m) => ({
        rw_code: m.code,
        number: m.number,
        officers: officers.filter((o) => o.scope === m.code).map((o) => ({ display_name: o.displayName, email: o.email })),
      })),
    };
  }
}
