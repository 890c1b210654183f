import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { activeSecondsBetween, apHealth, downSince, hotspotState, REASON } from './wifi.health';
import { loadWifiConfig } from './wifi.config';

const rules = loadWifiConfig({}).rules;
// 2026-11-23 is a Monday; 10:00 WIB = 03:00Z.
const at = (wib: string) => new Date(`${wib}+07:00`);

describe('wifi health rules', () => {
  test('active seconds count only 07:00–21:00 WIB', () => {
    assert.equal(activeSecondsBetween(at('2026-11-23T06:00:00'), at('2026-11-23T08:00:00'), 7, 21), 3600);
    assert.equal(activeSecondsBetween(at('2026-11-23T20:00:00'), at('2026-11-24T09:00:00'), 7, 21), 3 * 3600);
    assert.equal(activeSecondsBetween(at('2026-11-23T22:00:00'), at('2026-11-24T06:59:00'), 7, 21), 0);
  });

  test('no heartbeat: 5 min PROBLEM, 30 min CRITICAL; never seen UNKNOWN', () => {
    const now = at('2026-11-23T10:00:00');
    const t = (minAgo: number) => ({
      firstSeenAt: new Date(now.getTime() - 86_400_000),
      lastSeenAt: new Date(now.getTime() - minAgo * 60_000),
      lastNonzeroAt: new Date(now.getTime() - minAgo * 60_000),
    });
    assert.equal(apHealth(t(4), now, rules).health, 'OK');
    assert.equal(apHealth(t(5), now, rules).health, 'PROBLEM');
    assert.equal(apHealth(t(29), now, rules).health, 'PROBLEM');
    assert.equal(apHealth(t(30), now, rules).health, 'CRITICAL');
    assert.equal(apHealth({ firstSeenAt: null, lastSeenAt: null, lastNonzeroAt: null }, now, rules).health, 'UNKNOWN');
  });

  test('zero clients for 3 active hours is PROBLEM "tidak ada pengguna"; the night does not count', () => {
    const seen = { firstSeenAt: at('2026-11-20T00:00:00') };
    const now = at('2026-11-23T10:00:00');
    const r1 = apHealth({ ...seen, lastSeenAt: now, lastNonzeroAt: at('2026-11-23T07:30:00') }, now, rules);
    assert.equal(r1.health, 'OK', '2.5 h is within tolerance');
    const r2 = apHealth({ ...seen, lastSeenAt: now, lastNonzeroAt: at('2026-11-23T06:00:00') }, now, rules);
    assert.deepEqual(r2, { health: 'PROBLEM', reason: REASON.noUsers });
    // Last user at 20:00, now 08:00 next day: 1 h + 1 h of active time → still OK.
    const r3 = apHealth(
      { ...seen, lastSeenAt: at('2026-11-24T08:00:00'), lastNonzeroAt: at('2026-11-23T20:00:00') },
      at('2026-11-24T08:00:00'),
      rules,
    );
    assert.equal(r3.health, 'OK');
  });

  test('down since: the last heartbeat for silence, the start of the zero-clients period for no users, null otherwise', () => {
    const now = at('2026-11-23T12:00:00');
    const lastSeen = at('2026-11-23T11:20:00');
    const t = { firstSeenAt: at('2026-11-20T09:00:00'), lastSeenAt: lastSeen, lastNonzeroAt: at('2026-11-23T08:00:00') };
    // 40 min silent: CRITICAL, down since the last heartbeat (not since the check noticed).
    const silent = apHealth(t, now, rules);
    assert.equal(silent.health, 'CRITICAL');
    assert.deepEqual(downSince(t, silent.health, silent.reason), lastSeen);
    // Reporting but nobody connected since 08:00: down since the last heartbeat that had clients.
    const idleT = { ...t, lastSeenAt: now };
    const idle = apHealth(idleT, now, rules);
    assert.equal(idle.reason, REASON.noUsers);
    assert.deepEqual(downSince(idleT, idle.health, idle.reason), at('2026-11-23T08:00:00'));
    // Never had a client: the zero-clients period began with the first heartbeat.
    assert.deepEqual(downSince({ ...idleT, lastNonzeroAt: null }, 'PROBLEM', REASON.noUsers), at('2026-11-20T09:00:00'));
    assert.equal(downSince({ firstSeenAt: null, lastSeenAt: null, lastNonzeroAt: null }, 'UNKNOWN', null), null);
    assert.equal(downSince(idleT, 'OK', null), null);
  });

  test('hotspot state follows FIWARE wifiStatus', () => {
    const ok = { health: 'OK', reason: null };
    const down = { health: 'CRITICAL', reason: 'x' };
    const idle = { health: 'PROBLEM', reason: REASON.noUsers };
    assert.equal(hotspotState('active', [ok, idle]), 'working');
    assert.equal(hotspotState('active', [ok, down]), 'workingPartially');
    assert.equal(hotspotState('active', [down]), 'totalFailure');
    assert.equal(hotspotState('active', []), 'noService');
    assert.equal(hotspotState('maintenance', [ok]), 'noService');
    assert.equal(hotspotState('active', [{ health: 'UNKNOWN', reason: null }]), 'noService');
  });
});

describe('wifi simulator helpers', async () => {
  const { expectedClients, parseDuration, parsePercent } = await import('./wifi.simulator');
  const { seededRandom } = await import('../../platform/geo');
  test('flags: durations and percentages, bad values refused', () => {
    assert.equal(parseDuration('60s'), 60_000);
    assert.equal(parseDuration('5m'), 300_000);
    assert.equal(parseDuration('90'), 90_000);
    assert.throws(() => parseDuration('soon'), /--duration/);
    assert.equal(parsePercent('3%', 0), 0.03);
    assert.throws(() => parsePercent('150%', 0), /--fail/);
  });
  test('usage curve: school hours on a weekday beat the same hour on Sunday and the night', () => {
    const mean = (d: Date) => {
      const r = seededRandom(1);
      let s = 0;
      for (let i = 0; i < 500; i++) s += expectedClients({ size: 20 }, d, r);
      return s / 500;
    };
    const mon10 = mean(at('2026-11-23T10:00:00'));
    const sun10 = mean(at('2026-11-29T10:00:00'));
    const mon03 = mean(at('2026-11-23T03:00:00'));
    assert.ok(mon10 > sun10 * 1.3, `${mon10} vs ${sun10}`);
    assert.ok(sun10 > mon03 * 3);
  });
});
