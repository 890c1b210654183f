import type { AppContext } from '../../platform/module';
import { requireRole, type AuthUser } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { conflict, detail, invalid } from '../../platform/errors';
import { localized } from '../../platform/i18n';
import { covidMessages as M } from './covid.messages';
import { CovidReports } from './covid.reports';
import { CovidPublic } from './covid.public';
import { CovidInfo } from './covid.info';
import { importReportsCsv } from './covid.import';
import { checkRule } from './covid.zoning';
import * as repo from './covid.repo';

/** Kampung Siaga Covid: reports workflow, public figures, information and discussion. */
export class CovidService {
  readonly reports: CovidReports;
  readonly public: CovidPublic;
  readonly info: CovidInfo;

  constructor(private readonly ctx: AppContext) {
    this.reports = new CovidReports(ctx);
    this.public = new CovidPublic(ctx);
    this.info = new CovidInfo(ctx);
    this.reports.onVerified = () => this.public.invalidate();
  }

  /** Imports many RW reports from CSV (all-or-nothing). */
  async importCsv(user: AuthUser, text: string, requestId?: string) {
    return importReportsCsv(this.ctx, this.reports, user, text, requestId);
  }

  /** Zoning rule sets, oldest first. */
  async listRules() {
    return (await repo.listRules(this.ctx.database.db)).map(presentRule);
  }

  /** Admin adds a rule set named by its regulation; it applies from its date of effect. */
  async addRule(
    user: AuthUser,
    b: { regulation: string; effective_from: string; kuning_max: number; oranye_max: number; note?: string },
    requestId?: string,
  ) {
    requireRole(user, 'admin');
    const errors = checkRule({
      regulation: b.regulation,
      effectiveFrom: b.effective_from,
      kuningMax: b.kuning_max,
      oranyeMax: b.oranye_max,
    });
    if (errors.length)
      throw invalid(
        localized('covid.ruleInvalid', { en: errors.map((e) => e.text.en).join(' '), id: errors.map((e) => e.text.id).join(' ') }),
        errors.map((e) => detail('body', e)),
      );
    const row = await this.ctx.database.db.transaction(async (tx) => {
      const r = await repo.insertRule(tx, {
        regulation: b.regulation,
        effectiveFrom: b.effective_from,
        kuningMax: b.kuning_max,
        oranyeMax: b.oranye_max,
        note: b.note ?? null,
      });
      if (!r) throw conflict(M.ruleExists({ date: b.effective_from }));
      await recordAudit(tx, {
        actor: user,
        action: 'create',
        entity: 'covid.zoning_rule',
        entityId: r.id,
        after: presentRule(r),
        requestId,
      });
      return r;
    });
    this.public.invalidate();
    await this.ctx.events.publish('covid.rules.changed', { id: row.id, effective_from: row.effectiveFrom });
    return presentRule(row);
  }

  /** Drops public caches on every instance when figures or rules change. */
  subscribe(): () => void {
    return this.ctx.events.subscribe((e) => {
      // platform.events.resync: the LISTEN connection was lost, so events may have been missed.
      if (e.type === 'covid.report.verified' || e.type === 'covid.rules.changed' || e.type === 'platform.events.resync')
        this.public.invalidate();
    });
  }
}

function presentRule(r: Awaited<ReturnType<typeof repo.listRules>>[number]) {
  return {
    id: r.id,
    regulation: r.regulation,
    effective_from: r.effectiveFrom,
    kuning_max: r.kuningMax,
    oranye_max: r.oranyeMax,
    note: r.note,
  };
}
