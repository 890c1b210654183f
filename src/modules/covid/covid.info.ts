import type { AppContext } from '../../platform/module';
import { requireRole, requireScope, scopeCovers, type AuthUser } from '../../platform/access';
import { recordAudit } from '../../platform/audit/audit';
import { AppError, forbidden, notFound } from '../../platform/errors';
import { covidMessages as M } from './covid.messages';
import * as info from './covid.info.repo';

// The KSC menus besides figures: announcements (+ Atom), emergency numbers, the RW forum, history.

export const FORUM_POSTS_PER_MINUTE = 5;

/** The audience code and every area containing it: an RW's feed includes its kelurahan, kecamatan and city. */
export function audienceChain(code: string): string[] {
  const out = ['32.76'];
  const m = /^(32\.76)(\.\d{2})?(\.\d{4})?(\/\d{3})?$/.exec(code);
  if (!m) return out;
  if (m[2]) out.push(m[1] + m[2]);
  if (m[3]) out.push(m[1] + m[2] + m[3]);
  if (m[4]) out.push(m[1] + m[2] + m[3] + m[4]);
  return out;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export class CovidInfo {
  constructor(private readonly ctx: AppContext) {}

  private get db() {
    return this.ctx.database.db;
  }

  private async areaName(code: string): Promise<string> {
    if (code === '32.76') return 'Kota Depok';
    const w = this.ctx.services.wilayah;
    if (/^32\.76\.\d{2}$/.test(code)) {
      const k = (await w.listKecamatan()).find((x) => x.code === code);
      if (!k) throw notFound(`Kecamatan ${code}`);
      return `Kecamatan ${k.name}`;
    }
    if (/^32\.76\.\d{2}\.\d{4}$/.test(code)) return `Kelurahan ${(await w.getKelurahan(code)).name}`;
    const rw = await w.findRw(code);
    if (!rw) throw notFound(`RW ${code}`);
    return `RW ${rw.number} ${(await w.getKelurahan(rw.kelurahanCode)).name}`;
  }

  /** Dinkes/admin announce to any audience; a petugas_rw only to their own RW. */
  async announce(user: AuthUser, input: { audience: string; title: string; body: string }, requestId?: string) {
    requireRole(user, 'dinkes', 'petugas_rw');
    if (user.role === 'petugas_rw' && user.scope !== input.audience) throw forbidden(M.announceOwnRw({ scope: user.scope ?? '' }));
    if (user.role === 'dinkes') requireScope(user, input.audience);
    await this.areaName(input.audience);
    const row = await this.db.transaction(async (tx) => {
      const r = await info.insertAnnouncement(tx, {
        audienceCode: input.audience,
        title: input.title,
        body: input.body,
        authorId: user.id,
        authorName: user.displayName,
      });
      await recordAudit(tx, {
        actor: user,
        action: 'create',
        entity: 'covid.announcement',
        entityId: r.id,
        after: { audience: r.audienceCode, title: r.title },
        requestId,
      });
      return r;
    });
    await this.ctx.events.publish('covid.announcement.created', { id: row.id, audience: row.audienceCode, title: row.title });
    return present(row);
  }

  /** The feed of an audience: its own announcements and those of every area containing it. */
  async announcements(audience: string, limit: number) {
    await this.areaName(audience);
    return (await info.announcementsFor(this.db, audienceChain(audience), limit)).map(present);
  }

  /** Atom 1.0 feed of an audience. */
  async atom(audience: string, baseUrl: string): Promise<string> {
    const name = await this.areaName(audience);
    const items = await this.announcements(audience, 50);
    const self = `${baseUrl}/api/covid/announcements.atom?audience=${encodeURIComponent(audience)}`;
    const updated = items[0]?.created_at ?? new Date(0).toISOString();
    const entries = items
      .map(
        (a) => `  <entry>
    <title>${xml(a.title)}</title>
    <id>urn:uuid:${a.id}</id>
    <updated>${a.created_at}</updated>
    <author><name>${xml(a.author)}</name></author>
    <category term="${xml(a.audience)}"/>
    <content type="text">${xml(a.body)}</content>
  </entry>`,
      )
      .join('\n');
    return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${xml(`Kampung Siaga Covid — ${name}`)}</title>
  <id>${xml(self)}</id>
  <link rel="self" href="${xml(self)}"/>
  <updated>${updated}</updated>
  <author><name>Satgas Covid-19 Kota Depok</name></author>
${entries}
</feed>
`;
  }

  /** 112, 119 and the puskesmas of the kelurahan's kecamatan (reference data). */
  async emergency(kelurahanCode?: string) {
    const numbers = [
      { number: '112', label_id: 'Panggilan darurat (polisi, ambulans, pemadam)', label_en: 'Emergency call (police, ambulance, fire)' },
      { number: '119', label_id: 'Layanan kesehatan / Covid-19 (SPGDT)', label_en: 'Health and Covid-19 line (SPGDT)' },
    ];
    if (!kelurahanCode) return { kelurahan: null, numbers, puskesmas: [] };
    const kel = await this.ctx.services.wilayah.getKelurahan(kelurahanCode);
    const pk = await info.puskesmasOfKecamatan(this.db, kel.kecamatan_code);
    return {
      kelurahan: { code: kel.code, name: kel.name, kecamatan_code: kel.kecamatan_code, kecamatan_name: kel.kecamatan_name },
      numbers,
      puskesmas: pk.map((p) => ({
        name: p.name,
        type: p.type,
        address: p.address,
        phone: p.phone,
        kecamatan_code: p.kecamatanCode,
        source: p.source,
      })),
    };
  }

  // ---- forum ----

  /** The RW's posts; hidden posts keep their place but not their text. */
  async posts(rw: string, limit: number) {
    if (!(await this.ctx.services.wilayah.findRw(rw))) throw notFound(`RW ${rw}`);
    return (await info.listPosts(this.db, rw, limit)).map(presentPost);
  }

  /** A signed-in user posts or replies; at most FORUM_POSTS_PER_MINUTE per minute (counted in the database, so across instances). */
  async post(user: AuthUser, input: { rw: string; body: string; parent_id?: string }, requestId?: string) {
    if (!(await this.ctx.services.wilayah.findRw(input.rw))) throw notFound(`RW ${input.rw}`);
    if (input.parent_id) {
      const parent = await info.findPost(this.db, input.parent_id);
      if (!parent || parent.rwCode !== input.rw) throw notFound(M.postIn({ id: input.parent_id, rw: input.rw }));
    }
    const row = await this.db.transaction(async (tx) => {
      const recent = await info.countPostsSince(tx, user.id, new Date(Date.now() - 60_000));
      if (recent >= FORUM_POSTS_PER_MINUTE) throw new AppError('rate_limited', M.forumRateLimit({ max: FORUM_POSTS_PER_MINUTE }));
      const r = await info.insertPost(tx, {
        rwCode: input.rw,
        parentId: input.parent_id ?? null,
        authorId: user.id,
        authorName: user.displayName,
        body: input.body,
      });
      await recordAudit(tx, { actor: user, action: 'create', entity: 'covid.forum_post', entityId: r.id, requestId });
      return r;
    });
    return presentPost(row);
  }

  /** The petugas_rw of that RW (or admin) hides a post with a reason. */
  async hide(user: AuthUser, id: string, reason: string, requestId?: string) {
    requireRole(user, 'petugas_rw');
    const p = await info.findPost(this.db, id);
    if (!p) throw notFound(M.post({ id }));
    if (user.role !== 'admin' && !scopeCovers(user.scope, p.rwCode)) throw forbidden(M.moderateOwnRw({ rw: p.rwCode }));
    const row = await this.db.transaction(async (tx) => {
      const r = await info.hidePost(tx, id, user.id, reason);
      await recordAudit(tx, { actor: user, action: 'hide', entity: 'covid.forum_post', entityId: id, after: { reason }, requestId });
      return r;
    });
    return presentPost(row);
  }

  /** Real published figures at their published level, with source URLs. */
  async published(q: { level?: string; code?: string; metric?: string }) {
    const rows = await info.listPublished(this.db, q);
    const sources = [...new Set(rows.flatMap((r) => r.sourceUrl.split(';').map((s) => s.trim())).filter(Boolean))].sort();
    return {
      label: 'Published figures (Satgas Covid-19 Kota Depok, transcribed from news articles)',
      count: rows.length,
      sources,
      rows: rows.map((r) => ({
        date: r.date,
        level: r.level,
        code: r.code,
        code_in_source: r.codeInSource,
        name: r.name,
        metric: r.metric,
        value: r.value,
        completeness: r.completeness,
        note: r.note,
        source_url: r.sourceUrl,
      })),
    };
  }
}

function present(r: Awaited<ReturnType<typeof info.insertAnnouncement>>) {
  return { id: r.id, audience: r.audienceCode, title: r.title, body: r.body, author: r.authorName, created_at: r.createdAt.toISOString() };
}

function presentPost(r: Awaited<ReturnType<typeof info.insertPost>>) {
  return {
    id: r.id,
    rw: r.rwCode,
    parent_id: r.parentId,
    author: r.authorName,
    body: r.hidden ? null : r.body,
    hidden: r.hidden,
    hidden_reason: r.hiddenReason,
    created_at: r.createdAt.toISOString(),
  };
}
