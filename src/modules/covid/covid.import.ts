import type { AppContext } from '../../platform/module';
import { requireRole, scopeCovers, type AuthUser } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { failOnRowErrors, parseCsv, requireColumns, requireRows } from '../../platform/csv';
import { conflict, detail, type ErrorDetail } from '../../platform/errors';
import { covidMessages as M } from './covid.messages';
import { contentHash, type ReportFigures } from './covid.figures';
import { CovidReports, figureColumns, figuresOf } from './covid.reports';
import * as repo from './covid.repo';

// CSV bulk upload of many RW reports by a kelurahan/kecamatan (puskesmas) or dinkes operator:
// all-or-nothing with a per-row error list; imported reports arrive as submitted.

const FIGURE_COLS = [
  ['konfirmasi', 'isolasi_mandiri'],
  ['konfirmasi', 'dirawat'],
  ['konfirmasi', 'selesai'],
  ['konfirmasi', 'meninggal'],
  ['suspek', 'diisolasi'],
  ['suspek', 'discarded'],
  ['suspek', 'meninggal'],
  ['probable', 'diisolasi'],
  ['probable', 'selesai'],
  ['probable', 'meninggal'],
  ['kontak_erat', 'dikarantina'],
  ['kontak_erat', 'discarded'],
] as const;

/** CSV column names, e.g. konfirmasi_isolasi_mandiri. */
export const IMPORT_COLUMNS = ['rw_code', 'date', ...FIGURE_COLS.map(([g, f]) => `${g}_${f}`), 'rt_houses', 'note'];

export async function importReportsCsv(ctx: AppContext, reports: CovidReports, user: AuthUser, text: string, requestId?: string) {
  requireRole(user, 'puskesmas', 'dinkes');
  const rows = parseCsv(text);
  requireRows(rows);
  requireColumns(rows, [
    'rw_code',
    'date',
    'konfirmasi_isolasi_mandiri',
    'konfirmasi_dirawat',
    'konfirmasi_selesai',
    'konfirmasi_meninggal',
  ]);
  const errors: ErrorDetail[] = [];
  const ok: {
    rwCode: string;
    date: string;
    figures: ReportFigures;
    rtHouses: Record<string, number>;
    kel: string;
    kec: string;
    note: string | null;
  }[] = [];
  const seen = new Set<string>();
  for (const [i, r] of rows.entries()) {
    const at = `row ${i + 2}`;
    const before = errors.length;
    if (!/^32\.76\.\d{2}\.\d{4}\/\d{3}$/.test(r.rw_code)) {
      errors.push(detail(at, M.csvRwCode({ value: r.rw_code })));
      continue;
    }
    if (user.role !== 'admin' && !scopeCovers(user.scope, r.rw_code)) {
      errors.push(detail(at, M.csvOutsideArea({ rw: r.rw_code, scope: user.scope ?? '' })));
      continue;
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(r.date) || Number.isNaN(Date.parse(`${r.date}T00:00:00Z`))) {
      errors.push(detail(at, M.csvDate({ value: r.date })));
      continue;
    }
    const key = `${r.rw_code}@${r.date}`;
    if (seen.has(key)) errors.push(detail(at, M.csvDuplicate({ rw: r.rw_code, date: r.date })));
    seen.add(key);
    const figures = { konfirmasi: {}, suspek: {}, probable: {}, kontak_erat: {} } as Record<string, Record<string, number>>;
    for (const [g, f] of FIGURE_COLS) {
      const raw = (r[`${g}_${f}`] ?? '').trim();
      const n = raw === '' ? 0 : Number(raw);
      if (!Number.isInteger(n)) errors.push(detail(at, M.csvNotWhole({ column: `${g}_${f}`, value: raw })));
      else if (n < 0) errors.push(detail(at, M.csvNegative({ column: `${g}_${f}`, value: n })));
      figures[g][f] = n;
    }
    const rt: { rt: string; rumah_terkonfirmasi: number }[] = [];
    for (const part of (r.rt_houses ?? '')
      .split(/[;|]/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const m = /^(\d{1,3})\s*:\s*(-?\d+)$/.exec(part);
      if (!m) errors.push(detail(at, M.csvRtHousesFormat({ part })));
      else if (Number(m[2]) < 0) errors.push(detail(at, M.csvRtHousesNegative({ rt: m[1] })));
      else rt.push({ rt: m[1], rumah_terkonfirmasi: Number(m[2]) });
    }
    if (errors.length > before) continue;
    const f = figures as unknown as ReportFigures;
    const res = await reports.check(r.rw_code, r.date, f, rt, at);
    errors.push(...res.errors.map((e) => ({ ...e, path: at })));
    if (!res.errors.length && res.checked)
      ok.push({
        rwCode: r.rw_code,
        date: r.date,
        figures: f,
        rtHouses: res.checked.rtHouses,
        kel: res.checked.kelurahanCode,
        kec: res.checked.kecamatanCode,
        note: r.note?.trim() || null,
      });
  }
  failOnRowErrors(errors);

  const out = { created: 0, updated: 0, unchanged: 0, reports: [] as { id: string; rw_code: string; date: string; status: string }[] };
  const submitted: repo.ReportRow[] = [];
  await runImport(async () =>
    ctx.database.db.transaction(async (tx) => {
      for (const x of ok) {
        const hash = contentHash(x.figures, x.rtHouses, x.note);
        const existing = await repo.findReportByRwDate(tx, x.rwCode, x.date);
        const cols = figureColumns(x.figures);
        let row: repo.ReportRow;
        if (!existing) {
          row = await repo.insertReport(tx, {
            rwCode: x.rwCode,
            kelurahanCode: x.kel,
            kecamatanCode: x.kec,
            date: x.date,
            status: 'submitted',
            ...cols,
            rtHouses: x.rtHouses,
            note: x.note,
            contentHash: hash,
            createdBy: user.id,
            submittedAt: new Date(),
          });
          out.created++;
        } else if (existing.contentHash === hash) {
          out.unchanged++;
          out.reports.push({ id: existing.id, rw_code: existing.rwCode, date: existing.date, status: existing.status });
          continue;
        } else {
          row = await repo.updateReport(tx, existing.id, {
            ...cols,
            rtHouses: x.rtHouses,
            note: x.note,
            contentHash: hash,
            status: 'submitted',
            declineReason: null,
            submittedAt: new Date(),
            revision: existing.status === 'verified' ? existing.revision + 1 : existing.revision,
          });
          out.updated++;
        }
        await repo.insertRevision(tx, {
          reportId: row.id,
          revision: row.revision,
          action: 'imported',
          status: row.status,
          figures: { ...figuresOf(row), rt: row.rtHouses, note: row.note },
          actorId: user.id,
          actorName: user.displayName,
        });
        submitted.push(row);
        out.reports.push({ id: row.id, rw_code: row.rwCode, date: row.date, status: row.status });
      }
      await recordAudit(tx, {
        actor: user,
        action: 'import',
        entity: 'covid.report',
        entityId: `${ok.length} rows`,
        after: { created: out.created, updated: out.updated, unchanged: out.unchanged },
        requestId,
      });
    }),
  );
  for (const r of submitted)
    await ctx.events.publish('covid.report.submitted', {
      report_id: r.id,
      date: r.date,
      rw: r.rwCode,
      kelurahan: r.kelurahanCode,
      kecamatan: r.kecamatanCode,
    });
  return out;
}

/** A report for the same RW and date arriving meanwhile is a 409 to retry, not a 500. */
async function runImport(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    const e = err as { code?: string; cause?: { code?: string } };
    if ((e.code ?? e.cause?.code) === '23505') throw conflict(M.importRace());
    throw err;
  }
}
