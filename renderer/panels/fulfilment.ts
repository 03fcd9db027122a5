import { distributionMoments, minutesPerUnit, timeDistributionSchema, valueDistributionSchema, weekdays, type Weekday } from '../../models';
import { nodesOf, type StudioDocument } from '../state/documentOps';

/**
 * Pure helpers of the fulfilment editors (allocation, stock, customers, promise): the words shown for each
 * choice and the defaults written when a choice changes. Defaults always validate (models/workflow.ts v2), so a
 * click never leaves the document with a new error.
 */

export type AllocationPolicy = 'shipComplete' | 'shipAvailable' | 'sourceElsewhere';
export type SourcingRule = 'nearest' | 'mostStock' | 'priorityList';
export type SourcingFulfil = 'transfer' | 'secondShipment';
export type Milestone = 'ship' | 'invoice' | 'cash';
export type StockModel = 'none' | 'fillRate' | 'inventory';

/** Each allocation policy: a short label and one line saying what happens to short lines. */
export const policyInfo: Record<AllocationPolicy, { label: string; explain: string; summary: string }> = {
  shipComplete: {
    label: 'Ship complete',
    explain: 'Available lines are reserved; the shipment waits here until every short line is in stock, then leaves whole.',
    summary: 'Ship complete',
  },
  shipAvailable: {
    label: 'Ship available, backorder the rest',
    explain: 'What is in stock leaves at once; short lines become a follow-on shipment (a backorder) that leaves when all of them are in stock.',
    summary: 'Ship available · backorder rest',
  },
  sourceElsewhere: {
    label: 'Source short lines from other sites',
    explain: 'Short lines are looked for at other sites first; what no site has is backordered here as with "ship available".',
    summary: 'Source elsewhere',
  },
};

export const sourcingRuleInfo: Record<SourcingRule, { label: string; explain: string }> = {
  nearest: { label: 'Nearest site', explain: 'The closest site by great-circle distance from the order’s site (sites need a location).' },
  mostStock: { label: 'Most stock', explain: 'The site with most on hand (inventory) or the highest fill rate; a site without a stock model counts as unlimited.' },
  priorityList: { label: 'Priority list', explain: 'The candidate sites in the order listed below; the first that has the line supplies it.' },
};

export const fulfilInfo: Record<SourcingFulfil, { label: string; explain: string }> = {
  transfer: { label: 'Transfer to this site', explain: 'Sourced lines travel to the order’s site (transfer time) and ship with its shipment, which waits for them.' },
  secondShipment: { label: 'Second shipment from the other site', explain: 'Each supplying site ships its lines itself (its own pick and pack), leaving by the next path at once.' },
};

export const milestoneInfo: Record<Milestone, { label: string; explain: string }> = {
  ship: { label: 'Shipped', explain: 'A shipment counts as shipped when it leaves this step (order-to-ship, OTIF).' },
  invoice: { label: 'Invoiced', explain: 'A shipment counts as invoiced when it leaves this step (invoice lag, shipped-not-invoiced capital).' },
  cash: { label: 'Cash received', explain: 'A shipment is paid when it leaves this step (order-to-cash, receivables, credit exposure released).' },
};

export const stockModelInfo: Record<StockModel, { label: string; explain: string }> = {
  none: { label: 'None (always in stock)', explain: 'Every line is available at once.' },
  fillRate: { label: 'Fill rate', explain: 'Each line is in stock with a probability; a short line arrives after the replenishment lead time.' },
  inventory: { label: 'Inventory (s, Q)', explain: 'Units on hand are drawn down by each line; at the reorder point a reorder quantity is ordered and arrives after the lead time. Short lines wait in FIFO order.' },
};

const dayNames: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** The short name of a weekday ("Mon"). */
export function dayName(day: Weekday): string {
  return dayNames[day];
}

/** Workdays as a reader says them: "Mon–Fri", "Mon–Sat", "Mon, Wed, Fri". */
export function workdaysText(days: readonly string[] | undefined): string {
  const set = new Set(days ?? ['mon', 'tue', 'wed', 'thu', 'fri']);
  const idx = weekdays.map((d, i) => (set.has(d) ? i : -1)).filter((i) => i >= 0);
  if (idx.length === 0) return 'no day';
  if (idx.length === 7) return 'every day';
  const contiguous = idx.every((v, i) => i === 0 || v === idx[i - 1] + 1);
  if (contiguous && idx.length >= 3) return `${dayNames[weekdays[idx[0]]]}–${dayNames[weekdays[idx[idx.length - 1]]]}`;
  return idx.map((i) => dayNames[weekdays[i]]).join(', ');
}

/** The promise rule in one sentence, from whatever is written (defaults as in the format). */
export function promiseText(promise: { cutoff?: string; leadDays?: number; workdays?: readonly string[]; shipBy?: string } | undefined): string {
  if (!promise) return 'No promise: on-time shipping (OTIF) is not measured.';
  const cutoff = promise.cutoff ?? '15:00';
  const lead = typeof promise.leadDays === 'number' ? promise.leadDays : 0;
  const shipBy = promise.shipBy ?? '24:00';
  const by = shipBy === '24:00' ? 'by end of day' : `by ${shipBy}`;
  const when = lead === 0 ? 'ship the same workday' : `ship ${lead} workday${lead === 1 ? '' : 's'} later`;
  return `Orders placed ${workdaysText(promise.workdays)} before ${cutoff} ${when}, ${by}; later orders count from the next workday.`;
}

/** A `HH:MM` clock time (or 24:00) as the format accepts it; a message otherwise. */
export function clockTimeProblem(text: string): string | undefined {
  return /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/.test(text) ? undefined : 'Use 24-hour "HH:MM", e.g. "15:00".';
}

/** The categorical attributes the document's sources draw, with their values (first seen order). */
export function drawnAttributes(doc: StudioDocument): Array<{ attribute: string; values: string[] }> {
  const out = new Map<string, string[]>();
  for (const node of nodesOf(doc)) {
    if (node.kind !== 'source' || !Array.isArray(node.attributes)) continue;
    for (const mix of node.attributes) {
      if (!mix || typeof mix.attribute !== 'string' || mix.attribute === '') continue;
      const values = out.get(mix.attribute) ?? [];
      for (const v of Array.isArray(mix.values) ? mix.values : []) if (v && typeof v.value === 'string' && v.value !== '' && !values.includes(v.value)) values.push(v.value);
      out.set(mix.attribute, values);
    }
  }
  return [...out.entries()].map(([attribute, values]) => ({ attribute, values }));
}

/** The product classes the document's sources draw (their product mixes), "default" when none has one. */
export function productClassesOf(doc: StudioDocument): string[] {
  const out: string[] = [];
  for (const node of nodesOf(doc)) {
    if (node.kind !== 'source' || !Array.isArray(node.productMix)) continue;
    for (const m of node.productMix) if (m && typeof m.value === 'string' && m.value !== '' && !out.includes(m.value)) out.push(m.value);
  }
  return out.length > 0 ? out : ['default'];
}

type Row = Record<string, unknown>;
type TimeDist = { kind: string; [k: string]: unknown };

const defaultLeadTime: TimeDist = { kind: 'lognormal', mean: 5, sd: 2, unit: 'd' };

/** A new fill-rate row (95% in stock, replenished in about 5 days). */
export function newFillRateRow(productClass: string | undefined, leadTime: unknown = defaultLeadTime): Row {
  return { ...(productClass ? { productClass } : {}), fillProbability: 0.95, replenishmentLeadTime: leadTime };
}

/**
 * A new (s, Q) row. Given the units per day ordered for its classes, it covers the mean lead-time demand plus a
 * quarter as safety stock (s), orders a week of demand at a time (Q) and starts with s + Q on hand; without a
 * demand figure: 200 on hand, Q 150 at s 60.
 */
export function newInventoryRow(productClass: string | undefined, leadTime: unknown = defaultLeadTime, demandPerDay?: number): Row {
  const lead = meanDays(leadTime);
  const cls = productClass ? { productClass } : {};
  if (demandPerDay !== undefined && demandPerDay > 0 && lead !== undefined) {
    const reorderPoint = Math.ceil(demandPerDay * lead * 1.25);
    const reorderQuantity = Math.max(1, Math.ceil(demandPerDay * 7));
    return { ...cls, initialOnHand: reorderPoint + reorderQuantity, reorderPoint, reorderQuantity, replenishmentLeadTime: leadTime, unitCost: 0 };
  }
  return { ...cls, initialOnHand: 200, reorderPoint: 60, reorderQuantity: 150, replenishmentLeadTime: leadTime, unitCost: 0 };
}

/** Units per day ordered for a row's class, given the classes of every row (a site's `siteClassDemandPerDay`). */
export type RowDemand = (productClass: string | undefined, rowClasses: ReadonlyArray<string | undefined>) => number | undefined;

/**
 * The stock of a site after switching its model: rows keep their product class and lead time, the rest takes
 * defaults (inventory rows sized to the site's demand when `demand` can say it). A site without stock gets one
 * row (all classes). `none` removes the stock.
 */
export function switchStockModel(stock: unknown, model: StockModel, demand?: RowDemand): unknown {
  if (model === 'none') return undefined;
  const current = stock && typeof stock === 'object' ? (stock as { model?: string; classes?: unknown }) : undefined;
  if (current?.model === model) return stock;
  const rows = Array.isArray(current?.classes) ? (current.classes as Row[]).filter((r) => r && typeof r === 'object') : [];
  const kept = rows.length === 0 ? [{ productClass: undefined, lead: defaultLeadTime as unknown }] : rows.map((r) => ({ productClass: typeof r.productClass === 'string' ? r.productClass : undefined, lead: r.replenishmentLeadTime ?? defaultLeadTime }));
  const rowClasses = kept.map((r) => r.productClass);
  const classes = kept.map((r) => (model === 'fillRate' ? newFillRateRow(r.productClass, r.lead) : newInventoryRow(r.productClass, r.lead, demand?.(r.productClass, rowClasses))));
  return { model, classes };
}

/**
 * The product class a new stock row should cover: the first class ordered without a row, else "every other class"
 * (no productClass) when there is no such row yet, else a fresh name (only one catch-all row is allowed).
 */
export function nextStockClass(rows: ReadonlyArray<{ productClass?: string }>, classes: readonly string[]): string | undefined {
  const taken = new Set(rows.map((r) => r.productClass));
  const free = classes.find((c) => !taken.has(c));
  if (free !== undefined) return free;
  if (!taken.has(undefined)) return undefined;
  for (let i = rows.length + 1; ; i++) if (!taken.has(`class${i}`)) return `class${i}`;
}

/** A new customer segment: the first value of the segment attribute without a row, 100 customers, 45 days to pay. */
export function newSegment(existing: ReadonlyArray<{ value?: string }>, attributeValues: readonly string[]): Row {
  const taken = new Set(existing.map((s) => s.value));
  let value = attributeValues.find((v) => !taken.has(v));
  for (let i = existing.length + 1; value === undefined; i++) if (!taken.has(`segment${i}`)) value = `segment${i}`;
  return { value, customers: 100, creditLimit: 50000, daysToPay: { kind: 'gamma', mean: 45, sd: 15, unit: 'd' } };
}

/** Customers for a model that had none: one segment per value of the first attribute drawn, or one for all. */
export function newCustomers(doc: StudioDocument): Row {
  const attrs = drawnAttributes(doc);
  const preferred = attrs.find((a) => /segment|customer|tier/i.test(a.attribute)) ?? undefined;
  if (!preferred || preferred.values.length === 0) return { segments: [{ ...newSegment([], []), value: 'all' }] };
  return { segmentAttribute: preferred.attribute, segments: preferred.values.map((value) => ({ ...newSegment([], []), value })) };
}

/** The default sourcing block written when "source elsewhere" is chosen (every other site, nearest, 1-day transfer). */
export function defaultSourcing(): Row {
  return { rule: 'nearest', fulfil: 'transfer', transferTime: { kind: 'constant', value: 1, unit: 'd' }, costPerLine: 0, costPerShipment: 0 };
}

/** Moves one item of a list up (-1) or down (+1); out of range leaves the list as it is. */
export function moveItem<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return list.slice();
  const copy = list.slice();
  [copy[index], copy[to]] = [copy[to], copy[index]];
  return copy;
}

/** Shares as percentages of their total (rounded to 0.1), for the "= 60%" next to relative shares. */
export function sharePercents(shares: ReadonlyArray<number | undefined>): Array<number | undefined> {
  const total = shares.reduce<number>((a, s) => a + (typeof s === 'number' && s > 0 ? s : 0), 0);
  return shares.map((s) => (typeof s === 'number' && total > 0 ? Math.round((Math.max(0, s) / total) * 1000) / 10 : undefined));
}

/** An amount as a planner reads it: thousands separated, at most two decimals ("50,000", "1.5"). */
export function moneyText(amount: number): string {
  if (!Number.isFinite(amount)) return String(amount);
  const rounded = Math.round(amount * 100) / 100;
  const [whole, frac] = String(Math.abs(rounded)).split('.');
  return `${rounded < 0 ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}

function meanOf(distribution: unknown): number | undefined {
  const parsed = valueDistributionSchema.safeParse(distribution);
  return parsed.success ? distributionMoments(parsed.data).mean : undefined;
}

function average(values: unknown): number {
  return Array.isArray(values) && values.length > 0 && values.every((v) => typeof v === 'number') ? (values as number[]).reduce((a, v) => a + v, 0) / values.length : 1;
}

/**
 * Units per day ordered at a site for the product classes a stock row covers (its class, or every class without
 * a row of its own), from the sources' average arrival rates (rate x multiplier x mean hour and day profile, as
 * the engine's load check), their site shares (or the sites' volume shares), mean lines per order (at least 1),
 * mean units per line and product mix. Surges are left out. Undefined when the document cannot say yet.
 * Lines sourced from other sites are not counted: this is the site's own demand.
 */
export function siteClassDemandPerDay(doc: StudioDocument, siteId: string, rowClass: string | undefined, rowClasses: ReadonlyArray<string | undefined>): number | undefined {
  const sites = Array.isArray(doc.sites) ? doc.sites : [];
  const totalVolume = sites.reduce((a, s) => a + (typeof s.volumeShare === 'number' && s.volumeShare > 0 ? s.volumeShare : 0), 0);
  const explicit = new Set(rowClasses.filter((c): c is string => typeof c === 'string'));
  let total = 0;
  for (const node of nodesOf(doc)) {
    if (node.kind !== 'source') continue;
    const a = node.arrivals;
    if (!a || typeof a.ratePerHour !== 'number') return undefined;
    const perDay = a.ratePerHour * (typeof a.volumeMultiplier === 'number' ? a.volumeMultiplier : 1) * average(a.hourOfDay) * average(a.dayOfWeek) * 24;
    let siteShare: number;
    if (Array.isArray(node.siteShares)) {
      const sum = node.siteShares.reduce((acc, s) => acc + (typeof s.share === 'number' && s.share > 0 ? s.share : 0), 0);
      siteShare = sum > 0 ? node.siteShares.filter((s) => s.site === siteId).reduce((acc, s) => acc + Math.max(0, s.share), 0) / sum : 0;
    } else {
      const site = sites.find((s) => s.id === siteId);
      siteShare = totalVolume > 0 && site && typeof site.volumeShare === 'number' ? Math.max(0, site.volumeShare) / totalVolume : 0;
    }
    const lines = node.lines === undefined ? 1 : meanOf(node.lines);
    const quantity = node.lineQuantity === undefined ? 1 : meanOf(node.lineQuantity);
    if (lines === undefined || quantity === undefined) return undefined;
    const mix = Array.isArray(node.productMix) && node.productMix.length > 0 ? node.productMix : [{ value: 'default', share: 1 }];
    const mixTotal = mix.reduce((acc, m) => acc + (typeof m.share === 'number' && m.share > 0 ? m.share : 0), 0);
    if (mixTotal <= 0) return undefined;
    const covered = mix.filter((m) => (rowClass === undefined ? !explicit.has(m.value) : m.value === rowClass)).reduce((acc, m) => acc + Math.max(0, m.share), 0) / mixTotal;
    total += perDay * siteShare * Math.max(1, lines) * Math.max(1, quantity) * covered;
  }
  return total;
}

/** Mean of a time distribution in days, or undefined while it is not valid. */
export function meanDays(distribution: unknown): number | undefined {
  const parsed = timeDistributionSchema.safeParse(distribution);
  return parsed.success ? (distributionMoments(parsed.data).mean * minutesPerUnit[parsed.data.unit]) / 1440 : undefined;
}

/** Mean order value of a source (per order: its distribution's mean; per line: mean lines x mean line value). */
function meanOrderValue(node: { lines?: unknown; value?: { per?: string; distribution?: unknown } }): number | undefined {
  const value = node.value?.distribution === undefined ? 0 : meanOf(node.value.distribution);
  if (value === undefined) return undefined;
  if (node.value?.per !== 'line') return value;
  const lines = node.lines === undefined ? 1 : meanOf(node.lines);
  return lines === undefined ? undefined : Math.max(1, lines) * value;
}

/**
 * A rough steady state of one customer of a segment: orders per day, mean order value and the value open at
 * once while waiting to be paid (orders per day x value x mean days to pay; shipping and invoicing time come on
 * top). Orders whose segment value has no row count as the first segment, as the engine does; without a segment
 * attribute every order is the first segment's. Undefined while the document cannot say.
 */
export function segmentExposure(doc: StudioDocument, segmentIndex: number): { ordersPerDay: number; orderValue: number; openValue: number } | undefined {
  const customers = doc.customers;
  const segments = customers && Array.isArray(customers.segments) ? customers.segments : [];
  const segment = segments[segmentIndex];
  if (!segment || typeof segment.customers !== 'number' || segment.customers < 1) return undefined;
  const daysToPay = meanDays(segment.daysToPay);
  if (daysToPay === undefined) return undefined;
  const attribute = customers?.segmentAttribute;
  const known = new Set(segments.map((s) => s.value));
  let orders = 0;
  let value = 0;
  for (const node of nodesOf(doc)) {
    if (node.kind !== 'source') continue;
    const a = node.arrivals;
    const orderValue = meanOrderValue(node);
    if (!a || typeof a.ratePerHour !== 'number' || orderValue === undefined) return undefined;
    const perDay = a.ratePerHour * (typeof a.volumeMultiplier === 'number' ? a.volumeMultiplier : 1) * average(a.hourOfDay) * average(a.dayOfWeek) * 24;
    let share: number;
    const mix = attribute && Array.isArray(node.attributes) ? node.attributes.find((m) => m.attribute === attribute) : undefined;
    if (!attribute || !mix || !Array.isArray(mix.values)) share = segmentIndex === 0 ? 1 : 0;
    else {
      const total = mix.values.reduce((acc, v) => acc + (typeof v.share === 'number' && v.share > 0 ? v.share : 0), 0);
      const mine = mix.values.filter((v) => v.value === segment.value || (segmentIndex === 0 && !known.has(v.value))).reduce((acc, v) => acc + Math.max(0, v.share), 0);
      share = total > 0 ? mine / total : 0;
    }
    orders += perDay * share;
    value += perDay * share * orderValue;
  }
  const ordersPerDay = orders / segment.customers;
  const orderValue = orders > 0 ? value / orders : 0;
  return { ordersPerDay, orderValue, openValue: ordersPerDay * orderValue * daysToPay };
}

export type OpeningExposure = { kind: 'gamma'; mean: number; sd: number };

/**
 * A customer's open receivables in steady state as a distribution over customers: the mean open value, spread as a
 * Poisson number n of open orders whose values vary as much as their mean (sd = mean x sqrt(2 / n)).
 */
export function steadyOpeningExposure(exposure: { orderValue: number; openValue: number }): OpeningExposure {
  const n = exposure.orderValue > 0 ? Math.max(1, exposure.openValue / exposure.orderValue) : 1;
  const mean = Math.max(1, Math.round(exposure.openValue));
  return { kind: 'gamma', mean, sd: Math.max(1, Math.round(mean * Math.sqrt(2 / n))) };
}
