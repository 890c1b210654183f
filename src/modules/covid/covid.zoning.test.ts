import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RULES, addToHist, emptyHist, ruleInForce, worstZone, zoneCounts, zoneFor, checkRule } from './covid.zoning';

const [r3, r14] = DEFAULT_RULES;

describe('covid zoning rules', () => {
  test('Inmendagri 3/2021 boundaries: 0 hijau, 1–5 kuning, 6–10 oranye, >10 merah', () => {
    const cases: [number, string][] = [
      [0, 'hijau'],
      [1, 'kuning'],
      [5, 'kuning'],
      [6, 'oranye'],
      [10, 'oranye'],
      [11, 'merah'],
    ];
    for (const [h, z] of cases) assert.equal(zoneFor(h, r3), z, `${h} houses`);
  });

  test('Inmendagri 14/2021 boundaries: 0 hijau, 1–2 kuning, 3–5 oranye, >5 merah', () => {
    const cases: [number, string][] = [
      [0, 'hijau'],
      [1, 'kuning'],
      [2, 'kuning'],
      [3, 'oranye'],
      [5, 'oranye'],
      [6, 'merah'],
    ];
    for (const [h, z] of cases) assert.equal(zoneFor(h, r14), z, `${h} houses`);
  });

  test('the rule in force switches on the date of effect', () => {
    assert.equal(ruleInForce(DEFAULT_RULES, '2021-06-21').regulation, 'Inmendagri 3/2021');
    assert.equal(ruleInForce(DEFAULT_RULES, '2021-06-22').regulation, 'Inmendagri 14/2021');
    assert.equal(ruleInForce(DEFAULT_RULES, '2021-02-09').regulation, 'Inmendagri 3/2021');
    // 3 houses: kuning the day before the switch, oranye on the day of effect
    assert.equal(zoneFor(3, ruleInForce(DEFAULT_RULES, '2021-06-21')), 'kuning');
    assert.equal(zoneFor(3, ruleInForce(DEFAULT_RULES, '2021-06-22')), 'oranye');
    const added = [...DEFAULT_RULES, { regulation: 'X', effectiveFrom: '2022-01-01', kuningMax: 3, oranyeMax: 7 }];
    assert.equal(ruleInForce(added, '2021-12-31').regulation, 'Inmendagri 14/2021');
    assert.equal(ruleInForce(added, '2022-01-01').regulation, 'X');
  });

  test('zone counts and worst zone from a houses histogram', () => {
    const hist = addToHist(emptyHist(), [0, 0, 1, 2, 3, 6, 11, 40]);
    assert.deepEqual(zoneCounts(hist, r3), { hijau: 2, kuning: 3, oranye: 1, merah: 2 });
    assert.deepEqual(zoneCounts(hist, r14), { hijau: 2, kuning: 2, oranye: 1, merah: 3 });
    assert.equal(worstZone(addToHist(emptyHist(), [0, 4]), r3), 'kuning');
    assert.equal(worstZone(addToHist(emptyHist(), [0, 4]), r14), 'oranye');
    assert.equal(worstZone(emptyHist(), r14), 'hijau');
  });

  test('a new rule set is checked', () => {
    assert.deepEqual(checkRule({ regulation: 'ok', effectiveFrom: '2022-01-01', kuningMax: 2, oranyeMax: 5 }), []);
    assert.equal(checkRule({ regulation: 'bad', effectiveFrom: '2022-01-01', kuningMax: 5, oranyeMax: 5 }).length, 1);
    assert.equal(checkRule({ regulation: 'bad', effectiveFrom: '2022-01-01', kuningMax: 0, oranyeMax: 30 }).length, 2);
  });
});
