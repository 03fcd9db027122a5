import { resolveSite, toMinutes, weekdays, type NodeOfKind, type PromiseRule, type Workflow } from '../../models';
import { Sampler, cumulativeShares } from '../core/sampling';

/**
 * The fulfilment side of a model (format v2: lines, stock, allocation, credit, payments, milestones) compiled into
 * index tables for the engine (simulator/engine/fulfilment.ts). Null when the model uses none of it, so plain
 * process models pay nothing.
 */

export const M_NONE = 0;
export const M_SHIP = 1;
export const M_INVOICE = 2;
export const M_CASH = 3;

export const POLICY_SHIP_COMPLETE = 0;
export const POLICY_SHIP_AVAILABLE = 1;
export const POLICY_SOURCE_ELSEWHERE = 2;

export interface SourceLines {
  /** Product class of a line: index into `productClasses` by cumulative share; null = one class (index 0 of the mix). */
  classCumulative: Float64Array | null;
  classIndex: Int32Array;
  quantity: Sampler;
  constantQuantity: number;
  /** True: the value distribution is per line (the order's value is the sum); false: per order, shared equally. */
  valuePerLine: boolean;
  lineValue: Sampler;
  promise: CompiledPromise | null;
}

export interface CompiledPromise {
  /** Minutes after midnight. */
  cutoff: number;
  shipBy: number;
  leadDays: number;
  /** Monday first. */
  workday: Uint8Array;
  requested: Sampler | null;
}

export interface StockSpec {
  site: number;
  productClass: string;
  inventory: boolean;
  fillProbability: number;
  leadTime: Sampler;
  initialOnHand: number;
  reorderPoint: number;
  reorderQuantity: number;
  unitCost: number;
}

export interface AllocateSpec {
  policy: number;
  maxWaitMinutes: number;
  /** Sites to try for short lines, best first (sourceElsewhere); empty otherwise. */
  candidates: Int32Array;
  /** mostStock: rank candidates by stock at the time of the allocation. */
  rankByStock: boolean;
  secondShipment: boolean;
  transferTime: Sampler | null;
  costPerLine: number;
  costPerShipment: number;
}

export interface SegmentSpec {
  value: string;
  customers: number;
  /** Index of the segment's first customer in the flat customer table. */
  firstCustomer: number;
  creditLimit: number;
  daysToPay: Sampler | null;
  /** Opening exposure per customer (drawn once per customer), paid off in `openingDays` equal daily parts. */
  openingExposure: Sampler | null;
  openingDays: number;
}

export interface CompiledFulfilment {
  productClasses: string[];
  /** Per source (same order as CompiledModel.sources). */
  sourceLines: SourceLines[];
  stocks: StockSpec[];
  /** site x productClass -> stock index, -1 = always available. */
  stockOf: Int32Array;
  /** node x site -> allocate parameters. */
  allocate: Array<AllocateSpec | null>;
  /** node -> review delay of a credit check (Infinity = no hold edge: wait for payments only). */
  reviewAfter: Float64Array;
  /** node -> its own days-to-pay (awaitPayment), or null to use the segment's. */
  paymentOverride: Array<Sampler | null>;
  segments: SegmentSpec[];
  customerCount: number;
  /** Custom attribute index of the segment attribute (-1: one segment), and value index -> segment. */
  segmentAttribute: number;
  segmentOfValue: Int32Array;
  milestone: Int8Array;
  costPerLine: Float64Array;
  exception: Uint8Array;
  hasShip: boolean;
  hasInvoice: boolean;
  hasCash: boolean;
  carryingRatePerYear: number;
}

/** True when the model uses anything the fulfilment engine measures. */
export function usesFulfilment(model: Workflow): boolean {
  return (
    model.customers !== undefined ||
    model.sites.some((s) => s.stock !== undefined) ||
    model.nodes.some(
      (n) =>
        n.kind === 'allocate' ||
        n.kind === 'creditCheck' ||
        n.kind === 'awaitPayment' ||
        n.milestone !== undefined ||
        n.costPerLine !== undefined ||
        (n.kind === 'source' && (n.promise !== undefined || n.productMix.length > 0 || n.value.per === 'line' || n.lineQuantity.kind !== 'constant' || n.lineQuantity.value !== 1)),
    )
  );
}

const milestoneCodes = { ship: M_SHIP, invoice: M_INVOICE, cash: M_CASH } as const;
const policyCodes = { shipComplete: POLICY_SHIP_COMPLETE, shipAvailable: POLICY_SHIP_AVAILABLE, sourceElsewhere: POLICY_SOURCE_ELSEWHERE } as const;

/**
 * Compiles the fulfilment tables. `customAttributes` and `customValues` are the engine's attribute tables (so the
 * segment is read from the order's drawn attribute).
 */
export function compileFulfilment(model: Workflow, customAttributes: string[], customValues: string[][]): CompiledFulfilment | null {
  if (!usesFulfilment(model)) return null;
  const siteCount = model.sites.length;
  const nodeCount = model.nodes.length;
  const siteIndex = new Map(model.sites.map((s, i) => [s.id, i] as const));

  // Product classes: every class a source draws or a stock names; "default" for lines of sources without a mix.
  const productClasses: string[] = [];
  const classIndex = (name: string): number => {
    let i = productClasses.indexOf(name);
    if (i < 0) {
      productClasses.push(name);
      i = productClasses.length - 1;
    }
    return i;
  };
  for (const node of model.nodes) if (node.kind === 'source') for (const m of node.productMix) classIndex(m.value);
  if (model.nodes.some((n) => n.kind === 'source' && n.productMix.length === 0)) classIndex('default');
  for (const site of model.sites) for (const row of site.stock?.classes ?? []) if (row.productClass !== undefined) classIndex(row.productClass);

  const sourceLines = model.nodes
    .filter((n): n is NodeOfKind<'source'> => n.kind === 'source')
    .map((node) => ({
      classCumulative: node.productMix.length > 0 ? cumulativeShares(node.productMix.map((m) => m.share)) : null,
      classIndex: Int32Array.from(node.productMix.length > 0 ? node.productMix.map((m) => classIndex(m.value)) : [classIndex('default')]),
      quantity: new Sampler(node.lineQuantity),
      constantQuantity: node.lineQuantity.kind === 'constant' ? Math.max(1, Math.round(node.lineQuantity.value)) : 0,
      valuePerLine: node.value.per === 'line',
      lineValue: new Sampler(node.value.distribution),
      promise: node.promise ? compilePromise(node.promise) : null,
    }));

  // Stocks: one per (site, class) row; a catch-all row serves every class without its own row.
  const stocks: StockSpec[] = [];
  const stockOf = new Int32Array(siteCount * Math.max(1, productClasses.length)).fill(-1);
  model.sites.forEach((site, s) => {
    const stock = site.stock;
    if (!stock) return;
    const rowFor = (cls: string) => stock.classes.find((r) => r.productClass === cls) ?? stock.classes.find((r) => r.productClass === undefined);
    productClasses.forEach((cls, k) => {
      const row = rowFor(cls);
      if (!row) return;
      // Catch-all rows are one stock per class (each class has its own shelf), named by the class.
      stockOf[s * productClasses.length + k] = stocks.length;
      const common = { site: s, productClass: cls, leadTime: new Sampler(row.replenishmentLeadTime) };
      if (stock.model === 'fillRate') {
        const r = row as { fillProbability: number };
        stocks.push({ ...common, inventory: false, fillProbability: r.fillProbability, initialOnHand: 0, reorderPoint: 0, reorderQuantity: 0, unitCost: 0 });
      } else {
        const r = row as { initialOnHand: number; reorderPoint: number; reorderQuantity: number; unitCost: number };
        stocks.push({ ...common, inventory: true, fillProbability: 1, initialOnHand: r.initialOnHand, reorderPoint: r.reorderPoint, reorderQuantity: r.reorderQuantity, unitCost: r.unitCost });
      }
    });
  });

  const resolved = model.sites.map((s) => resolveSite(model, s.id));
  const allocate: Array<AllocateSpec | null> = new Array(nodeCount * siteCount).fill(null);
  const reviewAfter = new Float64Array(nodeCount).fill(Infinity);
  const paymentOverride: Array<Sampler | null> = new Array(nodeCount).fill(null);
  const milestone = new Int8Array(nodeCount);
  const costPerLine = new Float64Array(nodeCount);
  const exception = new Uint8Array(nodeCount);
  const holdEdgeOf = new Set(model.edges.filter((e) => e.kind === 'hold').map((e) => e.from));
  model.nodes.forEach((node, i) => {
    milestone[i] = node.milestone ? milestoneCodes[node.milestone] : M_NONE;
    costPerLine[i] = node.costPerLine ?? 0;
    exception[i] = node.exception ? 1 : 0;
    if (node.kind === 'creditCheck' && holdEdgeOf.has(node.id)) reviewAfter[i] = node.reviewAfter ? toMinutes(node.reviewAfter) : 0;
    if (node.kind === 'awaitPayment' && node.daysToPay) paymentOverride[i] = new Sampler(node.daysToPay);
    if (node.kind !== 'allocate') return;
    for (let s = 0; s < siteCount; s++) {
      const n = resolved[s].nodes[i] as NodeOfKind<'allocate'>;
      const sourcing = n.policy === 'sourceElsewhere' ? n.sourcing : undefined;
      allocate[i * siteCount + s] = {
        policy: policyCodes[n.policy],
        maxWaitMinutes: n.maxBackorderWait ? toMinutes(n.maxBackorderWait) : Infinity,
        candidates: sourcing ? candidateSites(model, s, sourcing.rule, sourcing.sites, siteIndex) : new Int32Array(0),
        rankByStock: sourcing?.rule === 'mostStock',
        secondShipment: sourcing?.fulfil === 'secondShipment',
        transferTime: sourcing ? new Sampler(sourcing.transferTime) : null,
        costPerLine: sourcing?.costPerLine ?? 0,
        costPerShipment: sourcing?.costPerShipment ?? 0,
      };
    }
  });

  const customers = model.customers;
  const segments: SegmentSpec[] = [];
  let customerCount = 0;
  for (const seg of customers?.segments ?? []) {
    const daysToPay = new Sampler(seg.daysToPay);
    segments.push({
      value: seg.value,
      customers: seg.customers,
      firstCustomer: customerCount,
      creditLimit: seg.creditLimit ?? Infinity,
      daysToPay,
      openingExposure: seg.openingExposure ? new Sampler(seg.openingExposure) : null,
      openingDays: Math.max(1, Math.round(daysToPay.mean / 1440)),
    });
    customerCount += seg.customers;
  }
  if (segments.length === 0) {
    segments.push({ value: 'all', customers: 1, firstCustomer: 0, creditLimit: Infinity, daysToPay: null, openingExposure: null, openingDays: 1 });
    customerCount = 1;
  }
  const segmentAttribute = customers?.segmentAttribute ? customAttributes.indexOf(customers.segmentAttribute) : -1;
  const values = segmentAttribute >= 0 ? customValues[segmentAttribute] : [];
  // Orders whose attribute value has no segment fall to the first segment (the validator warns about it).
  const segmentOfValue = Int32Array.from(values.map((v) => Math.max(0, segments.findIndex((seg) => seg.value === v))));

  return {
    productClasses,
    sourceLines,
    stocks,
    stockOf,
    allocate,
    reviewAfter,
    paymentOverride,
    segments,
    customerCount,
    segmentAttribute,
    segmentOfValue,
    milestone,
    costPerLine,
    exception,
    hasShip: model.nodes.some((n) => n.milestone === 'ship'),
    hasInvoice: model.nodes.some((n) => n.milestone === 'invoice'),
    hasCash: model.nodes.some((n) => n.milestone === 'cash'),
    carryingRatePerYear: model.finance.carryingRatePerYear,
  };
}

function compilePromise(rule: PromiseRule): CompiledPromise {
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return {
    cutoff: minutes(rule.cutoff),
    shipBy: minutes(rule.shipBy),
    leadDays: rule.leadDays,
    workday: Uint8Array.from(weekdays.map((d) => (rule.workdays.includes(d) ? 1 : 0))),
    requested: rule.requestedLeadTime ? new Sampler(rule.requestedLeadTime) : null,
  };
}

/**
 * The promised ship-by time (minutes since Monday 00:00 of week 1) of an order placed at `arrival`: the first
 * workday on which it can ship (that day if before the cut-off on a workday, else the next workday), plus
 * `leadDays` workdays, at `shipBy`.
 */
export function promisedShipBy(p: CompiledPromise, arrival: number): number {
  let day = Math.floor(arrival / 1440);
  const minuteOfDay = arrival - day * 1440;
  if (!(p.workday[day % 7] === 1 && minuteOfDay < p.cutoff)) day = nextWorkday(p, day);
  for (let k = 0; k < p.leadDays; k++) day = nextWorkday(p, day);
  return day * 1440 + p.shipBy;
}

function nextWorkday(p: CompiledPromise, day: number): number {
  let d = day + 1;
  while (p.workday[d % 7] !== 1) d++;
  return d;
}

/** Other sites in the order a sourcing rule tries them from site `home`. */
function candidateSites(model: Workflow, home: number, rule: 'nearest' | 'mostStock' | 'priorityList', listed: string[] | undefined, siteIndex: Map<string, number>): Int32Array {
  const ids = listed ?? model.sites.map((s) => s.id);
  const sites = ids.map((id) => siteIndex.get(id)).filter((s): s is number => s !== undefined && s !== home);
  if (rule === 'nearest') {
    const from = model.sites[home].location;
    const distance = (s: number) => {
      const to = model.sites[s].location;
      return from && to ? greatCircleKm(from.lat, from.lon, to.lat, to.lon) : Infinity;
    };
    // A stable sort keeps the listed order among equally distant (or unlocated) sites.
    sites.sort((a, b) => distance(a) - distance(b));
  }
  return Int32Array.from(sites);
}

function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
