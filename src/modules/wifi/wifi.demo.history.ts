import type { AppContext } from '../../platform/module';
import { seededRandom } from '../../platform/geo';
import { REASON } from './wifi.health';
import {
  BYTES_PER_CLIENT_S,
  demoProfile,
  isSchoolHour,
  localDayIndex,
  localDayStart,
  outagesBetween,
  useFactor,
  zeroClientDay,
  type Outage,
} from './wifi.demo.model';
import * as drepo from './wifi.demo.repo';
import * as trepo from './wifi.telemetry.repo';

// Demo history: what the roll-up job would have written had the demo fleet reported since the first
// day of last month, so the SLA (this and last month) and usage (last 30 days) views show figures on
// a fresh install, plus the closed alerts of the outages behind the gaps. Days before today are
// written as daily rows (hourly rows are only an input to the daily ones and no view reads them, so
// a month of them would only cost seed time); today's hours are hourly rows, rolled into today's
// daily row by the roll-up's own query, so the live feed's later hours join them seamlessly.

const HOUR = 3600_000;
/** wifi_setting key: the instant the seeded history ends (the live feed never writes before it). */
export const HISTORY_UNTIL_KEY = 'demo_history_until';
const ACK_BY = 'operator_opd@demo.depok.go.id';
const ACK_NOTE = 'DEMO: provider dihubungi, perangkat dinyalakan ulang';

export interface HistorySummary {
  aps: number;
  from: string;
  until: string;
  daily_rows: number;
  hourly_rows: number;
  alerts: number;
  ms: number;
}

/** Slots (heartbeat times n·interval) in [a, b). */
const slotsIn = (a: number, b: number, intervalMs: number) => (b > a ? Math.ceil(b / intervalMs) - Math.ceil(a / intervalMs) : 0);

/** Seeds roll-ups and closed alerts for the demo APs from the 1st of last month (WIB) to the start of the current hour. */
export async function seedDemoHistory(ctx: AppContext, now = new Date()): Promise<HistorySummary> {
  const t0 = Date.now();
  const wifi = ctx.services.wifi;
  const intervalMs = wifi.cfg.heartbeatIntervalS * 1000;
  const intervalS = wifi.cfg.heartbeatIntervalS;
  const rules = wifi.cfg.rules;
  const until = Math.floor(now.getTime() / HOUR) * HOUR;
  const local = new Date(now.getTime() + 7 * HOUR);
  const from = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1) - 7 * HOUR;
  const firstDay = localDayIndex(from);
  const today = localDayIndex(now.getTime());
  const todayStart = localDayStart(today);
  const nDays = today - firstDay; // whole local days before today
  const dayStr = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
  const dayStrs = Array.from({ length: Math.max(0, today - firstDay) }, (_, d) => dayStr(firstDay + d));

  const aps = await drepo.demoAps(ctx.database.db);
  // What depends on the hour only, computed once for every AP: use factor, school hours, slots; and
  // their sums per day, so a past day of an AP costs a few operations plus its outages (two months
  // of 1,834 APs hour by hour would be 2.6 million steps).
  const nHours = Math.max(0, (until - from) / HOUR);
  const hourUse = new Float64Array(nHours);
  const hourSchool = new Uint8Array(nHours);
  const hourSlots = new Int32Array(nHours);
  const day = {
    slots: new Float64Array(nDays),
    use: new Float64Array(nDays),
    maxUse: new Float64Array(nDays),
    schoolSlots: new Float64Array(nDays),
    schoolUse: new Float64Array(nDays),
  };
  for (let i = 0; i < nHours; i++) {
    const h = from + i * HOUR;
    hourUse[i] = useFactor(h + HOUR / 2);
    hourSchool[i] = isSchoolHour(h) ? 1 : 0;
    hourSlots[i] = slotsIn(h, h + HOUR, intervalMs);
    const d = localDayIndex(h) - firstDay;
    if (d >= nDays) continue;
    day.slots[d] += hourSlots[i];
    day.use[d] += hourSlots[i] * hourUse[i];
    day.maxUse[d] = Math.max(day.maxUse[d], hourUse[i]);
    if (hourSchool[i]) {
      day.schoolSlots[d] += hourSlots[i];
      day.schoolUse[d] += hourSlots[i] * hourUse[i];
    }
  }
  const daily: drepo.DailyColumns = {
    apId: [],
    day: [],
    heartbeats: [],
    clientsSum: [],
    clientsMax: [],
    rx: [],
    tx: [],
    schoolHeartbeats: [],
    schoolClientsSum: [],
    schoolRx: [],
    schoolTx: [],
  };
  const hourly: drepo.HourlyColumns = { apId: [], hour: [], heartbeats: [], clientsSum: [], clientsMax: [], rx: [], tx: [] };
  const alerts: { ap: number; hs: number; o: Outage; r: () => number }[] = [];
  // Per AP: silent slots (and the use they would have had) per day and per hour of today.
  const gone = {
    slots: new Float64Array(nDays),
    use: new Float64Array(nDays),
    schoolSlots: new Float64Array(nDays),
    schoolUse: new Float64Array(nDays),
  };
  const todayHours = Math.max(0, (until - todayStart) / HOUR);
  const goneToday = new Int32Array(todayHours);
  const bytesPerClientSlot = intervalS * BYTES_PER_CLIENT_S;

  for (const ap of aps) {
    const prof = demoProfile(ap);
    const rand = seededRandom(prof.seed ^ 0x5eed);
    for (const a of Object.values(gone)) a.fill(0);
    goneToday.fill(0);
    for (const o of outagesBetween(prof, from, until, intervalMs)) {
      if (o.start >= from && o.end <= until) alerts.push({ ap: ap.id, hs: ap.hotspot_id, o, r: rand });
      for (let h = Math.max(from, Math.floor(o.start / HOUR) * HOUR); h < Math.min(o.end, until); h += HOUR) {
        const n = slotsIn(Math.max(h, o.start), Math.min(h + HOUR, o.end), intervalMs);
        const i = (h - from) / HOUR;
        if (h >= todayStart) {
          goneToday[(h - todayStart) / HOUR] += n;
          continue;
        }
        const d = localDayIndex(h) - firstDay;
        gone.slots[d] += n;
        gone.use[d] += n * hourUse[i];
        if (hourSchool[i]) {
          gone.schoolSlots[d] += n;
          gone.schoolUse[d] += n * hourUse[i];
        }
      }
    }
    for (let d = 0; d < nDays; d++) {
      const zero = zeroClientDay(prof, firstDay + d);
      const lost = Math.floor(rand() * 5); // a heartbeat lost on the way now and then
      const hb = Math.max(0, day.slots[d] - gone.slots[d] - lost);
      const shb = Math.max(0, day.schoolSlots[d] - gone.schoolSlots[d]);
      const noise = 0.85 + rand() * 0.3;
      const cs = zero ? 0 : Math.round(prof.size * (day.use[d] - gone.use[d]) * noise);
      const scs = zero ? 0 : Math.round(prof.size * (day.schoolUse[d] - gone.schoolUse[d]) * noise);
      const perClient = bytesPerClientSlot * (0.8 + rand() * 0.4);
      const up = 0.15 + rand() * 0.1;
      daily.apId.push(ap.id);
      daily.day.push(dayStrs[d]);
      daily.heartbeats.push(hb);
      daily.clientsSum.push(cs);
      daily.clientsMax.push(cs && hb ? Math.max(Math.ceil(cs / hb), Math.round(prof.size * day.maxUse[d] * (1.2 + rand() * 0.5))) : 0);
      daily.rx.push(Math.round(cs * perClient));
      daily.tx.push(Math.round(cs * perClient * up));
      daily.schoolHeartbeats.push(shb);
      daily.schoolClientsSum.push(scs);
      daily.schoolRx.push(Math.round(scs * perClient));
      daily.schoolTx.push(Math.round(scs * perClient * up));
    }
    // Today so far: hourly rows (the roll-up's own query then makes today's daily row).
    const zeroToday = zeroClientDay(prof, today);
    for (let k = 0; k < todayHours; k++) {
      const h = todayStart + k * HOUR;
      const i = (h - from) / HOUR;
      const hb = Math.max(0, hourSlots[i] - goneToday[k] - (rand() < 0.08 ? 1 : 0));
      if (!hb) continue;
      const c = zeroToday ? 0 : prof.size * hourUse[i] * (0.75 + rand() * 0.5);
      const cs = Math.round(hb * c);
      const rx = Math.round(cs * bytesPerClientSlot * (0.7 + rand() * 0.6));
      hourly.apId.push(ap.id);
      hourly.hour.push(new Date(h).toISOString());
      hourly.heartbeats.push(hb);
      hourly.clientsSum.push(cs);
      hourly.clientsMax.push(cs ? Math.max(Math.ceil(cs / hb), Math.round(c * 1.5 + rand() * 2)) : 0);
      hourly.rx.push(rx);
      hourly.tx.push(Math.round(rx * (0.15 + rand() * 0.1)));
    }
  }

  // Each past silence ≥ the PROBLEM tolerance was an alert: noticed at the first evaluation after the
  // tolerance, escalated to CRITICAL if it lasted past that one, closed at the evaluation after the AP came back.
  alerts.sort((a, b) => a.o.start - b.o.start || a.ap - b.ap);
  const al: drepo.ClosedAlertColumns = {
    apId: [],
    hotspotId: [],
    severity: [],
    reason: [],
    startedAt: [],
    detectedAt: [],
    endedAt: [],
    acknowledgedAt: [],
    acknowledgedBy: [],
    ackNote: [],
  };
  const iso = (t: number) => new Date(t).toISOString();
  for (const { ap, hs, o, r } of alerts) {
    const lenS = (o.end - o.start) / 1000;
    if (lenS < rules.noHeartbeatProblemS) continue;
    const critical = lenS >= rules.noHeartbeatCriticalS;
    const tol = critical ? rules.noHeartbeatCriticalS : rules.noHeartbeatProblemS;
    const detected = o.start + rules.noHeartbeatProblemS * 1000 + Math.floor(r() * 60_000);
    const ended = o.end + Math.floor(r() * 60_000);
    const acked = critical && r() < 0.4;
    al.apId.push(ap);
    al.hotspotId.push(hs);
    al.severity.push(critical ? 'CRITICAL' : 'PROBLEM');
    al.reason.push(`${REASON.noHeartbeat} ≥ ${Math.round(tol / 60)} menit`);
    al.startedAt.push(iso(o.start));
    al.detectedAt.push(iso(detected));
    al.endedAt.push(iso(ended));
    al.acknowledgedAt.push(acked ? iso(detected + Math.floor(r() * 20 * 60_000)) : null);
    al.acknowledgedBy.push(acked ? ACK_BY : null);
    al.ackNote.push(acked ? ACK_NOTE : null);
  }

  const CHUNK = 20_000;
  await ctx.database.db.transaction(async (tx) => {
    const slice = <T extends object>(c: T, i: number) =>
      Object.fromEntries(Object.entries(c).map(([k, v]) => [k, (v as unknown[]).slice(i, i + CHUNK)])) as T;
    const keep = await drepo.dailyRowsSince(tx, dayStr(firstDay));
    for (let i = 0; i < daily.apId.length; i += CHUNK) await drepo.insertDaily(tx, slice(daily, i), keep);
    for (let i = 0; i < hourly.apId.length; i += CHUNK) await drepo.insertHourly(tx, slice(hourly, i));
    // Today's daily rows come from the hourly ones through the roll-up's own query.
    if (hourly.apId.length) await trepo.rebuildDaily(tx, [dayStr(today)]);
    for (let i = 0; i < al.apId.length; i += CHUNK) await drepo.insertClosedAlerts(tx, slice(al, i));
    await trepo.putSetting(tx, HISTORY_UNTIL_KEY, iso(until));
  });
  return {
    aps: aps.length,
    from: iso(from),
    until: iso(until),
    daily_rows: daily.apId.length,
    hourly_rows: hourly.apId.length,
    alerts: al.apId.length,
    ms: Date.now() - t0,
  };
}
