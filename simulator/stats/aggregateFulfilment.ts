import type { Workflow } from '../../models';
import {
  fulfilmentCountFields,
  fulfilmentDurationFields,
  type FulfilmentCost,
  type FulfilmentCounts,
  type FulfilmentDurations,
  type FulfilmentGroupReplication,
  type FulfilmentGroupReport,
  type FulfilmentRates,
  type FulfilmentReport,
  type WorkingCapital,
} from '../fulfilmentReport';
import type { DurationSummary, Estimate, ReplicationResult } from '../report';
import { durationEstimate, estimate } from './estimate';

// The field lists of each part of a group: one place, so a new KPI is aggregated by adding its name here.
const countFields: ReadonlyArray<keyof FulfilmentCounts> = fulfilmentCountFields;
const rateFields: ReadonlyArray<keyof FulfilmentRates> = ['lineFillRate', 'orderFillRate', 'partialShipmentRate', 'onTimeRate', 'inFullRate', 'otifRate'];
const durationFields: ReadonlyArray<keyof FulfilmentDurations> = fulfilmentDurationFields;
const capitalFields: ReadonlyArray<keyof WorkingCapital> = ['shippedNotInvoiced', 'invoicedNotPaid', 'total'];
const costFields: ReadonlyArray<keyof FulfilmentCost> = ['lineHandling', 'visits', 'sourcing', 'systemCalls', 'carrying', 'total', 'perOrder'];

const emptySummary: DurationSummary = { count: 0, mean: null, p50: null, p90: null, p95: null, p99: null, max: null };

function estimateEach<T, K extends keyof T>(rows: ReadonlyArray<T | undefined>, fields: readonly K[], read: (row: T, field: K) => number | null): Record<K, Estimate> {
  const out = {} as Record<K, Estimate>;
  for (const field of fields) out[field] = estimate(rows.map((row) => (row === undefined ? null : read(row, field))));
  return out;
}

function groupReport(key: string, name: string, rows: ReadonlyArray<FulfilmentGroupReplication | undefined>): FulfilmentGroupReport {
  const durations = {} as Record<keyof FulfilmentDurations, ReturnType<typeof durationEstimate>>;
  for (const field of durationFields) durations[field] = durationEstimate(rows.map((r) => r?.[field] ?? emptySummary));
  return {
    key,
    name,
    ...estimateEach(rows, countFields, (r, f) => r[f]),
    ...estimateEach(rows, rateFields, (r, f) => r[f]),
    ...durations,
    workingCapital: estimateEach(
      rows.map((r) => r?.workingCapital),
      capitalFields,
      (r, f) => r[f],
    ),
    cost: estimateEach(
      rows.map((r) => r?.cost),
      costFields,
      (r, f) => r[f],
    ),
    openBackorderLinesAtEnd: estimate(rows.map((r) => r?.openBackorderLinesAtEnd ?? null)),
  };
}

/** Aggregates the fulfilment results of the replications (null when the model has no fulfilment features). */
export function aggregateFulfilment(model: Workflow, done: readonly ReplicationResult[]): FulfilmentReport | null {
  const parts = done.map((r) => r.fulfilment).filter((f) => f !== null);
  if (parts.length === 0) return null;
  const siteName = (id: string) => model.sites.find((s) => s.id === id)?.name ?? id;
  const first = parts[0];
  const byKey = (pick: (f: (typeof parts)[number]) => FulfilmentGroupReplication[], key: string) => parts.map((f) => pick(f).find((g) => g.key === key));
  return {
    all: groupReport('all', 'All orders', parts.map((f) => f.all)),
    bySite: first.bySite.map((g) => groupReport(g.key, siteName(g.key), byKey((f) => f.bySite, g.key))),
    bySegment: first.bySegment.map((g) => groupReport(g.key, g.key, byKey((f) => f.bySegment, g.key))),
    stock: first.stock.map((s, k) => {
      const rows = parts.map((f) => f.stock[k]);
      return {
        siteId: s.siteId,
        siteName: siteName(s.siteId),
        productClass: s.productClass,
        model: s.model,
        linesDemanded: estimate(rows.map((r) => r.linesDemanded)),
        fillRate: estimate(rows.map((r) => (r.linesDemanded > 0 ? r.linesFilledAtOnce / r.linesDemanded : null))),
        meanOnHand: estimate(rows.map((r) => r.meanOnHand)),
        meanBackorderedUnits: estimate(rows.map((r) => r.meanBackorderedUnits)),
        replenishments: estimate(rows.map((r) => r.replenishments)),
        carryingCost: estimate(rows.map((r) => r.carryingCost)),
      };
    }),
  };
}
