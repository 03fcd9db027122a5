import { describe, expect, it } from 'vitest';
import type { PromiseRule } from '../../../models';
import { chain, delay, intake, load, rowByCase, runLogged } from './helpers';

/**
 * Promise and OTIF against a replay of the promise rule written independently of the engine (fulfilment-spec.md):
 * ordered on a workday before the cut-off, the first ship day is that day, else the next workday; plus `leadDays`
 * workdays; promised by `shipBy` that day; never earlier than arrival + requested lead time. Simulated time starts
 * on Monday 00:00. An order is on time when its (only) shipment leaves `ship` by the promise; an order still
 * unshipped at the end whose promise has passed is late; one whose promise has not passed is not judged.
 */

const dayNames = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const hhmm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

function promisedBy(arrival: number, rule: { cutoff: string; leadDays: number; workdays: string[]; shipBy: string; requestedMinutes?: number }): number {
  const isWorkday = (day: number) => rule.workdays.includes(dayNames[day % 7]);
  let day = Math.floor(arrival / 1440);
  const beforeCutoff = arrival - day * 1440 < hhmm(rule.cutoff);
  if (!(isWorkday(day) && beforeCutoff)) {
    do day++;
    while (!isWorkday(day));
  }
  for (let added = 0; added < rule.leadDays; ) {
    day++;
    if (isWorkday(day)) added++;
  }
  const byRule = day * 1440 + hhmm(rule.shipBy);
  return rule.requestedMinutes === undefined ? byRule : Math.max(byRule, arrival + rule.requestedMinutes);
}

interface Case {
  label: string;
  rule: { cutoff: string; leadDays: number; workdays: Array<(typeof dayNames)[number]>; shipBy: string; requestedMinutes?: number };
  /** The ship step's duration (minutes). */
  shipDuration: number | Record<string, unknown>;
  expectRate?: number;
}

function run(c: Case, horizon: number) {
  const promise: PromiseRule = {
    cutoff: c.rule.cutoff,
    leadDays: c.rule.leadDays,
    workdays: c.rule.workdays,
    shipBy: c.rule.shipBy,
    ...(c.rule.requestedMinutes !== undefined ? { requestedLeadTime: { kind: 'constant', value: c.rule.requestedMinutes, unit: 'min' } } : {}),
  };
  const model = load({
    nodes: [
      { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 2 }, promise },
      intake,
      delay('ship', c.shipDuration, { milestone: 'ship' }),
      { id: 'end', kind: 'end', name: 'Done' },
    ],
    edges: chain('src', 'intake', 'ship', 'end'),
  });
  const { result, rows } = runLogged(model, horizon, 9);
  const shipped = rowByCase(rows, 'ship');
  let judged = 0;
  let onTime = 0;
  let shippedCount = 0;
  const weekdaysSeen = new Set<number>();
  for (const row of rowByCase(rows, 'intake').values()) {
    const by = promisedBy(row.startMinutes, c.rule);
    weekdaysSeen.add(Math.floor(row.startMinutes / 1440) % 7);
    const ship = shipped.get(row.caseId);
    if (ship) {
      judged++;
      shippedCount++;
      if (ship.completeMinutes <= by + 1e-9) onTime++;
    } else if (by < horizon) judged++;
  }
  const all = result.fulfilment?.all;
  if (!all) throw new Error('no fulfilment part');
  return { all, judged, onTime, shippedCount, weekdaysSeen };
}

describe('promise rule and OTIF', () => {
  const fourWeeks = 28 * 1440;
  const cases: Case[] = [
    {
      label: 'cut-off 15:00, one lead day, Monday to Friday, ship by 18:00, ship step 0-4 days',
      rule: { cutoff: '15:00', leadDays: 1, workdays: ['mon', 'tue', 'wed', 'thu', 'fri'], shipBy: '18:00' },
      shipDuration: { kind: 'uniform', min: 0, max: 4 * 1440 },
    },
    {
      label: 'cut-off 09:30, Monday, Wednesday and Saturday, end of day, requested 2 days out, ship step 0-3 days',
      rule: { cutoff: '09:30', leadDays: 0, workdays: ['mon', 'wed', 'sat'], shipBy: '24:00', requestedMinutes: 2 * 1440 },
      shipDuration: { kind: 'uniform', min: 0, max: 3 * 1440 },
    },
    {
      label: 'a process far faster than the promise: every order on time',
      rule: { cutoff: '15:00', leadDays: 0, workdays: ['mon', 'tue', 'wed', 'thu', 'fri'], shipBy: '24:00' },
      shipDuration: 1,
      expectRate: 1,
    },
    {
      // The longest promise under this rule is Friday 15:00 to Monday 24:00: 3 days 9 hours.
      label: 'a process slower than any promise: no order on time, unshipped orders past their promise are late',
      rule: { cutoff: '15:00', leadDays: 0, workdays: ['mon', 'tue', 'wed', 'thu', 'fri'], shipBy: '24:00' },
      shipDuration: 4 * 1440,
      expectRate: 0,
    },
  ];
  for (const c of cases) {
    it(c.label, () => {
      const { all, judged, onTime, shippedCount, weekdaysSeen } = run(c, fourWeeks);
      // Orders on every weekday, weekends included.
      expect(weekdaysSeen.size).toBe(7);
      expect(all.ordersJudged).toBe(judged);
      expect(all.onTime).toBe(onTime);
      // One line, no stock: every shipped order is in full; unshipped late ones are not.
      expect(all.inFull).toBe(shippedCount);
      expect(all.otif).toBe(onTime);
      if (c.expectRate !== undefined) expect(all.onTimeRate).toBe(c.expectRate);
      else {
        // Both outcomes occur, so the comparison above discriminates.
        expect(onTime).toBeGreaterThan(50);
        expect(judged - onTime).toBeGreaterThan(50);
      }
    });
  }

  it('orders after the cut-off and at the weekend get the next workday', () => {
    // A ship step of exactly 4 h with a 15:00 cut-off, same-day promise by 18:00: on time exactly when ordered on a
    // workday by 14:00, or after the cut-off (next workday 18:00), or at the weekend (Monday 18:00); late only for
    // workday orders between 14:00 and 15:00, a share 5/7 x 1/24 of Poisson arrivals.
    const c: Case = { label: '', rule: { cutoff: '15:00', leadDays: 0, workdays: ['mon', 'tue', 'wed', 'thu', 'fri'], shipBy: '18:00' }, shipDuration: 240 };
    const { all, judged, onTime } = run(c, 12 * 7 * 1440);
    expect(all.onTime).toBe(onTime);
    expect(all.ordersJudged).toBe(judged);
    const lateShare = 5 / 7 / 24;
    const late = (judged - onTime) / judged;
    expect(Math.abs(late - lateShare), `late share ${late} vs ${lateShare}`).toBeLessThanOrEqual(2.576 * Math.sqrt((lateShare * (1 - lateShare)) / judged));
  });
});
