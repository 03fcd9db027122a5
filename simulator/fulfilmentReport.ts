import type { DurationEstimate, DurationSummary, Estimate } from './report';

/**
 * The fulfilment part of the report (format v2 models with lines, stock, allocation, credit, payments or
 * milestones): what distribution leaders read. Documented in docs/report-format.md.
 *
 * Definitions (every rate is over orders that arrived after the warm-up):
 * - line fill rate: lines that left in their order's first shipment without waiting for stock (filled from the
 *   shelf, at home or by transfer) / lines of orders whose first shipment left;
 * - order fill rate: orders whose first shipment carried every line, none of them having waited for stock / orders
 *   whose first shipment left (p^n for n independent lines each in stock with probability p);
 * - partial-shipment rate: orders shipped in more than one shipment / orders that shipped anything;
 * - on time: the order's last shipment left (milestone `ship`) by the promised ship-by time; in full: one shipment
 *   carried every line and none was cancelled; OTIF: both. Orders still unshipped at the end whose promise has
 *   passed count as late and not in full; orders whose promise has not passed yet are not judged;
 * - order-to-ship: arrival to the last shipment's `ship`; order-to-cash: arrival to the last shipment's `cash`;
 * - invoice lag: per shipment, `ship` to `invoice`; ship-to-cash: per shipment, `ship` to `cash` (DSO-style);
 * - durations (order-to-ship, order-to-cash, invoice lag, ship-to-cash, backorder age, credit hold time) are of the
 *   spans that ended after the warm-up, whenever the order arrived (so month-long spans are not cut short by the
 *   end of the run);
 * - working capital: time-weighted mean value shipped but not invoiced, and invoiced but not paid;
 * - credit holds: orders a credit check held (over the customer's limit), and how long until released or referred.
 */

/** Counts, rates, durations and money of one group of orders (all, a site, a customer segment) in one replication. */
export interface FulfilmentCounts {
  /** Orders that arrived after the warm-up. */
  orders: number;
  linesOrdered: number;
  /** Orders whose first shipment left (milestone `ship`, or the end of the order when the model has no `ship` step). */
  ordersFirstShipped: number;
  /** Lines that left in their order's first shipment without waiting for stock (the line fill rate's numerator). */
  linesInFirstShipment: number;
  ordersFilledInFirstShipment: number;
  /** Orders that shipped anything, and of those, those that needed more than one shipment. */
  ordersShipped: number;
  ordersPartial: number;
  /**
   * Shipments that waited for stock at home (a follow-on shipment of short lines, or the order's own shipment
   * when it waits whole: ship complete, or nothing available yet), plus second shipments from other sites.
   */
  backorders: number;
  backorderLines: number;
  /** Lines sourced from another site. */
  sourcedLines: number;
  cancelledLines: number;
  /** Orders judged for OTIF (see above), and how many were on time, in full, both. */
  ordersJudged: number;
  onTime: number;
  inFull: number;
  otif: number;
  creditHolds: number;
  /** Held orders that went to manual review (the `hold` edge). */
  creditReviews: number;
}

/** The count fields of `FulfilmentCounts`, in report order: one list for the engine and the aggregation. */
export const fulfilmentCountFields = [
  'orders',
  'linesOrdered',
  'ordersFirstShipped',
  'linesInFirstShipment',
  'ordersFilledInFirstShipment',
  'ordersShipped',
  'ordersPartial',
  'backorders',
  'backorderLines',
  'sourcedLines',
  'cancelledLines',
  'ordersJudged',
  'onTime',
  'inFull',
  'otif',
  'creditHolds',
  'creditReviews',
] as const satisfies ReadonlyArray<keyof FulfilmentCounts>;

export interface FulfilmentRates {
  lineFillRate: number | null;
  orderFillRate: number | null;
  partialShipmentRate: number | null;
  onTimeRate: number | null;
  inFullRate: number | null;
  otifRate: number | null;
}

export interface FulfilmentDurations {
  orderToShip: DurationSummary;
  orderToCash: DurationSummary;
  invoiceLag: DurationSummary;
  shipToCash: DurationSummary;
  /** Time from a backorder's creation until its lines were available (released or cancelled). */
  backorderAge: DurationSummary;
  creditHoldTime: DurationSummary;
}

/** The duration fields of `FulfilmentDurations`, in report order. */
export const fulfilmentDurationFields = ['orderToShip', 'orderToCash', 'invoiceLag', 'shipToCash', 'backorderAge', 'creditHoldTime'] as const satisfies ReadonlyArray<
  keyof FulfilmentDurations
>;

/** Time-weighted mean money tied up, over the observed window. */
export interface WorkingCapital {
  shippedNotInvoiced: number;
  invoicedNotPaid: number;
  total: number;
}

/** Costs the group's orders caused, in the model's currency, after the warm-up. Labour is in the run's `cost`. */
export interface FulfilmentCost {
  /** `costPerLine` of the steps the lines passed. */
  lineHandling: number;
  /** `costPerVisit` of the steps (freight per shipment, fees). */
  visits: number;
  /** Transfers and second shipments from other sites. */
  sourcing: number;
  /** Calls to systems (cost per call). */
  systemCalls: number;
  /** finance.carryingRatePerYear x time-weighted working capital x observed years. */
  carrying: number;
  total: number;
  perOrder: number | null;
}

export interface FulfilmentGroupReplication extends FulfilmentCounts, FulfilmentRates, FulfilmentDurations {
  /** `all`, a site id or a segment value. */
  key: string;
  workingCapital: WorkingCapital;
  cost: FulfilmentCost;
  /** Backorder lines still waiting at the end of the replication. */
  openBackorderLinesAtEnd: number;
}

/** One stock (site x product class) in one replication. */
export interface StockReplication {
  siteId: string;
  /** The product class, or `*` for the row that covers every class without its own. */
  productClass: string;
  model: 'fillRate' | 'inventory';
  /** Lines allocated against this stock after the warm-up, and those filled from it at once. */
  linesDemanded: number;
  linesFilledAtOnce: number;
  /** Inventory only (null for fill-rate stock): time-weighted units on hand and units backordered. */
  meanOnHand: number | null;
  meanBackorderedUnits: number | null;
  onHandAtEnd: number | null;
  /** Replenishment orders placed (inventory) or short lines replenished (fill rate), after the warm-up. */
  replenishments: number;
  /** Carrying cost of the stock on hand: unitCost x carryingRatePerYear x mean on hand x observed years. */
  carryingCost: number;
}

/**
 * Conservation over the whole replication (from minute 0, warm-up included): every line ordered is shipped,
 * cancelled or still open; value likewise; shipped value is invoiced or still waiting for its invoice.
 */
export interface FulfilmentConservation {
  linesOrdered: number;
  linesShipped: number;
  linesCancelled: number;
  linesOpen: number;
  valueOrdered: number;
  valueShipped: number;
  valueCancelled: number;
  valueOpen: number;
  valueInvoiced: number;
  valuePaid: number;
  /** Value shipped whose invoice had not been issued at the end, and invoiced value not yet paid. */
  valueShippedNotInvoicedAtEnd: number;
  valueInvoicedNotPaidAtEnd: number;
}

export interface FulfilmentReplication {
  all: FulfilmentGroupReplication;
  bySite: FulfilmentGroupReplication[];
  /** One per segment of `customers.segments` (empty without customers). */
  bySegment: FulfilmentGroupReplication[];
  stock: StockReplication[];
  conservation: FulfilmentConservation;
}

// ---------------------------------------------------------------------------------------------- aggregated

type Estimated<T> = { [K in keyof T]: Estimate };
type DurationsEstimated = { [K in keyof FulfilmentDurations]: DurationEstimate };

export interface FulfilmentGroupReport extends Estimated<FulfilmentCounts>, Estimated<FulfilmentRates>, DurationsEstimated {
  key: string;
  /** Site name, segment value or "All orders". */
  name: string;
  workingCapital: Estimated<WorkingCapital>;
  cost: Estimated<FulfilmentCost>;
  openBackorderLinesAtEnd: Estimate;
}

export interface StockReport {
  siteId: string;
  siteName: string;
  productClass: string;
  model: 'fillRate' | 'inventory';
  linesDemanded: Estimate;
  /** linesFilledAtOnce / linesDemanded per replication. */
  fillRate: Estimate;
  meanOnHand: Estimate;
  meanBackorderedUnits: Estimate;
  replenishments: Estimate;
  carryingCost: Estimate;
}

export interface FulfilmentReport {
  all: FulfilmentGroupReport;
  bySite: FulfilmentGroupReport[];
  bySegment: FulfilmentGroupReport[];
  stock: StockReport[];
}
