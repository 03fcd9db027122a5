import { DurationHistogram } from '../core/histogram';
import { streamFor, type RandomStream } from '../core/rng';
import { growF64, growI32, growU8 } from '../core/typedArrays';
import { pickCumulative } from '../core/sampling';
import {
  fulfilmentCountFields,
  fulfilmentDurationFields,
  type FulfilmentConservation,
  type FulfilmentCost,
  type FulfilmentCounts,
  type FulfilmentDurations,
  type FulfilmentGroupReplication,
  type FulfilmentReplication,
  type StockReplication,
} from '../fulfilmentReport';
import {
  M_CASH,
  M_INVOICE,
  M_SHIP,
  POLICY_SHIP_COMPLETE,
  promisedShipBy,
  type AllocateSpec,
  type CompiledFulfilment,
} from './compileFulfilment';
import { summarise } from './results';

/**
 * Order lines, shipments, stock, credit exposure and payments of one replication (format v2). The event loop
 * (simulation.ts) owns tokens and time; this class owns what a distributor counts. An order starts as one
 * shipment carrying all its lines; allocation may split short lines off into follow-on shipments (backorders or
 * second shipments from other sites), each travelling the rest of the workflow as its own token.
 * Semantics: docs/model-format.md ("Fulfilment"); report definitions: simulator/fulfilmentReport.ts.
 */

/** Event types the engine forwards to `onEvent` (distinct from the engine's own types). */
export const FE_REPLENISH = 20;
export const FE_LINE_READY = 21;
export const FE_WAIT_LIMIT = 22;
export const FE_REVIEW = 23;
export const FE_OPENING_PAYMENT = 24;

/** How a token leaves a fulfilment node. */
export const GO_NEXT = 0;
export const GO_ERROR = 1;
export const GO_HOLD = 2;
/** The token waits at the node; the host is called back (`resume`) when it may go. */
export const WAIT = 3;

/** What the event loop provides. */
export interface FulfilmentHost {
  readonly now: number;
  schedule(time: number, type: number, a: number, b: number): void;
  /** Token t, waiting at its node, leaves by `how` (GO_NEXT, GO_ERROR, GO_HOLD). */
  resume(t: number, how: number): void;
  /** A new token for shipment `shipment` of order `o`, at `site`, leaves `node` by `how`. */
  spawn(o: number, node: number, shipment: number, site: number, how: number): void;
  /** A shipment without a token (a backorder waiting at `node`) keeps its order alive: +1 when it starts, -1 when it ends. */
  pending(o: number, node: number, delta: number): void;
}

// Line states.
const L_FREE = 0;
const L_NEW = 1;
const L_OK = 2;
const L_SHORT = 3;
const L_SHIPPED = 4;
const L_CANCELLED = 5;

/** A value integrated over time (money tied up, units on hand), from the warm-up on. */
class Level {
  value = 0;
  private last = 0;
  private area = 0;
  private baseline = 0;

  add(now: number, delta: number): void {
    this.area += this.value * (now - this.last);
    this.last = now;
    this.value += delta;
  }

  startWindow(now: number): void {
    this.add(now, 0);
    this.baseline = this.area;
  }

  mean(now: number, windowStart: number): number {
    this.add(now, 0);
    return now > windowStart ? (this.area - this.baseline) / (now - windowStart) : this.value;
  }
}

const countFields = fulfilmentCountFields;
type CountField = (typeof countFields)[number];
const C = Object.fromEntries(countFields.map((f, i) => [f, i])) as Record<CountField, number>;

const durationFields = fulfilmentDurationFields;
const D = Object.fromEntries(durationFields.map((f, i) => [f, i])) as Record<(typeof durationFields)[number], number>;

/** KPIs of one group of orders (all, a site, a segment). */
class Group {
  readonly counts = new Float64Array(countFields.length);
  readonly durations = durationFields.map(() => new DurationHistogram());
  readonly shippedNotInvoiced = new Level();
  readonly invoicedNotPaid = new Level();
  lineHandling = 0;
  visits = 0;
  sourcing = 0;
  systemCalls = 0;
  openBackorderLines = 0;
  /** Lines of the orders whose first shipment left: the line fill rate's denominator. */
  linesOfFirstShipped = 0;
  constructor(readonly key: string) {}
}

export class Fulfilment {
  private readonly f: CompiledFulfilment;
  private readonly host: FulfilmentHost;
  private readonly warmup: number;
  private readonly siteCount: number;
  private readonly classCount: number;
  private readonly groups: Group[];
  private readonly groupScratch: Group[] = [];
  private readonly lineStreams: RandomStream[];
  private readonly customerStreams: RandomStream[];
  private readonly stockStreams: RandomStream[];
  private readonly sourcingStreams: RandomStream[];
  private readonly openingStream: RandomStream;
  private readonly nodeIds: string[];

  // ---- lines (a free list of single slots; each shipment links its lines)
  private lCap = 0;
  private lFree = -1;
  private lState = new Uint8Array(0);
  private lClass = new Int32Array(0);
  private lQty = new Int32Array(0);
  private lValue = new Float64Array(0);
  private lNext = new Int32Array(0);
  private lShip = new Int32Array(0);
  private lStock = new Int32Array(0);
  /** 1 once the line waited for stock (a backorder) or went to a second shipment: it does not count as filled. */
  private lUnfilled = new Uint8Array(0);
  private lGen = new Int32Array(0);

  // ---- shipments
  private hCap = 0;
  private hFree = -1;
  private hOrder = new Int32Array(0);
  private hSite = new Int32Array(0);
  private hHead = new Int32Array(0);
  private hShort = new Int32Array(0);
  /** Lines a shipment carries, cancelled ones excluded (kept up to date: per-line work reads it at every step). */
  private hLines = new Int32Array(0);
  private hToken = new Int32Array(0);
  private hNode = new Int32Array(0);
  private hGen = new Int32Array(0);
  private hNextOfOrder = new Int32Array(0);
  private hBackorder = new Uint8Array(0);
  private hCreated = new Float64Array(0);
  private hShipped = new Float64Array(0);
  private hInvoiced = new Float64Array(0);
  private hPaid = new Float64Array(0);
  private hBilled = new Float64Array(0);

  // ---- orders (indexed by the engine's order slot)
  private oCap = 0;
  private oLive = new Uint8Array(0);
  private oCounted = new Uint8Array(0);
  private oSite = new Int32Array(0);
  private oSegment = new Int32Array(0);
  private oCustomer = new Int32Array(0);
  private oArrival = new Float64Array(0);
  private oPromise = new Float64Array(0);
  private oShips = new Int32Array(0);
  private oLinesTotal = new Int32Array(0);
  private oLinesShipped = new Int32Array(0);
  private oLinesCancelled = new Int32Array(0);
  private oLinesPaid = new Int32Array(0);
  private oValueCancelled = new Float64Array(0);
  private oValue = new Float64Array(0);
  private oExposure = new Float64Array(0);
  private oReleased = new Uint8Array(0);
  private oJudged = new Uint8Array(0);
  private oLastShip = new Float64Array(0);
  private oHoldStart = new Float64Array(0);
  private oLastCash = new Float64Array(0);
  private oCashDone = new Uint8Array(0);
  /** 1 when lines of the order were cancelled for want of stock (the wait limit). */
  private oStockCancelled = new Uint8Array(0);
  private oShipHead = new Int32Array(0);
  /** The order's original shipment: the one its fill rate is judged on. */
  private oFirstShipment = new Int32Array(0);

  // ---- stock and credit
  private readonly onHand: Float64Array;
  private readonly onOrder: Float64Array;
  private readonly backordered: Float64Array;
  private readonly onHandLevel: Level[];
  private readonly backorderLevel: Level[];
  private readonly stockQueue: number[][];
  private readonly stockQueueHead: Int32Array;
  private readonly stockDemand: Float64Array;
  private readonly stockFilled: Float64Array;
  private readonly stockReplenishments: Float64Array;
  private readonly exposure: Float64Array;
  /** Per customer: opening receivables still to pay off, and the daily part. */
  private readonly openingLeft: Float64Array;
  private readonly openingPart: Float64Array;
  /** Held orders per customer, in hold order, as (order, hold generation) pairs. */
  private readonly holdQueues = new Map<number, number[]>();
  /** Held order -> its hold's generation and the tokens (shipments) waiting for the decision. */
  private readonly held = new Map<number, { gen: number; tokens: number[] }>();
  private holdSeq = 0;

  // ---- conservation (from minute 0)
  private readonly totals = { linesOrdered: 0, linesShipped: 0, linesCancelled: 0, valueOrdered: 0, valueShipped: 0, valueCancelled: 0, valueInvoiced: 0, valuePaid: 0 };
  exceptionLabour = 0;

  constructor(f: CompiledFulfilment, host: FulfilmentHost, options: { seed: number; replication: number; warmup: number; siteIds: string[]; sourceIds: string[]; nodeIds: string[] }) {
    this.f = f;
    this.host = host;
    this.warmup = options.warmup;
    this.siteCount = options.siteIds.length;
    this.classCount = Math.max(1, f.productClasses.length);
    this.nodeIds = options.nodeIds;
    const { seed, replication } = options;
    this.groups = [new Group('all'), ...options.siteIds.map((s) => new Group(s)), ...(f.segments.length > 1 || f.segments[0].value !== 'all' ? f.segments.map((s) => new Group(s.value)) : [])];
    this.lineStreams = options.sourceIds.map((id) => streamFor(seed, replication, `lines:${id}`));
    this.customerStreams = options.sourceIds.map((id) => streamFor(seed, replication, `customers:${id}`));
    this.stockStreams = f.stocks.map((s) => streamFor(seed, replication, `stock:${options.siteIds[s.site]}:${s.productClass}`));
    this.sourcingStreams = options.nodeIds.map((id) => streamFor(seed, replication, `sourcing:${id}`));
    const n = f.stocks.length;
    this.onHand = Float64Array.from(f.stocks.map((s) => s.initialOnHand));
    this.onOrder = new Float64Array(n);
    this.backordered = new Float64Array(n);
    this.onHandLevel = f.stocks.map((s) => {
      const level = new Level();
      level.add(0, s.initialOnHand);
      return level;
    });
    this.backorderLevel = f.stocks.map(() => new Level());
    this.stockQueue = f.stocks.map(() => []);
    this.stockQueueHead = new Int32Array(n);
    this.stockDemand = new Float64Array(n);
    this.stockFilled = new Float64Array(n);
    this.stockReplenishments = new Float64Array(n);
    this.exposure = new Float64Array(f.customerCount);
    this.openingLeft = new Float64Array(f.customerCount);
    this.openingPart = new Float64Array(f.customerCount);
    this.openingStream = streamFor(seed, replication, 'opening-exposure');
    this.growLines(1024);
    this.growShipments(256);
    this.growOrders(256);
  }

  /** Orders placed in the first minutes may already be below the reorder point: order up front. */
  start(): void {
    for (let k = 0; k < this.f.stocks.length; k++) if (this.f.stocks[k].inventory) this.reorder(k);
    // Opening receivables: each customer starts owing its own draw; one pay-down a day per segment.
    this.f.segments.forEach((seg, s) => {
      const opening = seg.openingExposure;
      if (!opening) return;
      for (let c = seg.firstCustomer; c < seg.firstCustomer + seg.customers; c++) {
        const owed = Math.max(0, opening.sample(this.openingStream));
        this.exposure[c] = owed;
        this.openingLeft[c] = owed;
        this.openingPart[c] = owed / seg.openingDays;
      }
      this.host.schedule(1440, FE_OPENING_PAYMENT, s, 1);
    });
  }

  /** Day `day` of segment s's opening receivables: each of its customers pays one part, making room for holds. */
  private openingPayment(s: number, day: number): void {
    const seg = this.f.segments[s];
    for (let c = seg.firstCustomer; c < seg.firstCustomer + seg.customers; c++) {
      const part = Math.min(this.openingLeft[c], this.openingPart[c]);
      if (part <= 0) continue;
      this.openingLeft[c] -= part;
      this.exposure[c] = Math.max(0, this.exposure[c] - part);
      this.releaseHeld(c, seg.creditLimit);
    }
    if (day < seg.openingDays) this.host.schedule(this.host.now + 1440, FE_OPENING_PAYMENT, s, day + 1);
  }

  // ------------------------------------------------------------------------------------------ storage

  private growLines(n: number): void {
    const old = this.lCap;
    this.lState = growU8(this.lState, n);
    this.lClass = growI32(this.lClass, n);
    this.lQty = growI32(this.lQty, n);
    this.lValue = growF64(this.lValue, n);
    this.lNext = growI32(this.lNext, n);
    this.lShip = growI32(this.lShip, n);
    this.lStock = growI32(this.lStock, n);
    this.lUnfilled = growU8(this.lUnfilled, n);
    this.lGen = growI32(this.lGen, n);
    for (let i = n - 1; i >= old; i--) {
      this.lNext[i] = this.lFree;
      this.lFree = i;
    }
    this.lCap = n;
  }

  private newLine(): number {
    if (this.lFree < 0) this.growLines(this.lCap * 2);
    const l = this.lFree;
    this.lFree = this.lNext[l];
    this.lNext[l] = -1;
    this.lGen[l]++;
    this.lUnfilled[l] = 0;
    return l;
  }

  private growShipments(n: number): void {
    const old = this.hCap;
    this.hOrder = growI32(this.hOrder, n);
    this.hSite = growI32(this.hSite, n);
    this.hHead = growI32(this.hHead, n);
    this.hShort = growI32(this.hShort, n);
    this.hLines = growI32(this.hLines, n);
    this.hToken = growI32(this.hToken, n);
    this.hNode = growI32(this.hNode, n);
    this.hGen = growI32(this.hGen, n);
    this.hNextOfOrder = growI32(this.hNextOfOrder, n);
    this.hBackorder = growU8(this.hBackorder, n);
    this.hCreated = growF64(this.hCreated, n);
    this.hShipped = growF64(this.hShipped, n);
    this.hInvoiced = growF64(this.hInvoiced, n);
    this.hPaid = growF64(this.hPaid, n);
    this.hBilled = growF64(this.hBilled, n);
    for (let i = n - 1; i >= old; i--) {
      this.hNextOfOrder[i] = this.hFree;
      this.hFree = i;
    }
    this.hCap = n;
  }

  private newShipment(o: number, site: number, backorder: boolean): number {
    if (this.hFree < 0) this.growShipments(this.hCap * 2);
    const h = this.hFree;
    this.hFree = this.hNextOfOrder[h];
    this.hGen[h]++;
    this.hOrder[h] = o;
    this.hSite[h] = site;
    this.hHead[h] = -1;
    this.hShort[h] = 0;
    this.hLines[h] = 0;
    this.hToken[h] = -1;
    this.hNode[h] = -1;
    this.hBackorder[h] = backorder ? 1 : 0;
    this.hCreated[h] = this.host.now;
    this.hShipped[h] = NaN;
    this.hInvoiced[h] = NaN;
    this.hPaid[h] = NaN;
    this.hBilled[h] = 0;
    this.hNextOfOrder[h] = this.oShipHead[o];
    this.oShipHead[o] = h;
    return h;
  }

  private growOrders(n: number): void {
    this.oLive = growU8(this.oLive, n);
    this.oCounted = growU8(this.oCounted, n);
    this.oSite = growI32(this.oSite, n);
    this.oSegment = growI32(this.oSegment, n);
    this.oCustomer = growI32(this.oCustomer, n);
    this.oArrival = growF64(this.oArrival, n);
    this.oPromise = growF64(this.oPromise, n);
    this.oShips = growI32(this.oShips, n);
    this.oLinesTotal = growI32(this.oLinesTotal, n);
    this.oLinesShipped = growI32(this.oLinesShipped, n);
    this.oLinesCancelled = growI32(this.oLinesCancelled, n);
    this.oLinesPaid = growI32(this.oLinesPaid, n);
    this.oValueCancelled = growF64(this.oValueCancelled, n);
    this.oValue = growF64(this.oValue, n);
    this.oExposure = growF64(this.oExposure, n);
    this.oReleased = growU8(this.oReleased, n);
    this.oJudged = growU8(this.oJudged, n);
    this.oLastShip = growF64(this.oLastShip, n);
    this.oHoldStart = growF64(this.oHoldStart, n);
    this.oLastCash = growF64(this.oLastCash, n);
    this.oCashDone = growU8(this.oCashDone, n);
    this.oStockCancelled = growU8(this.oStockCancelled, n);
    this.oShipHead = growI32(this.oShipHead, n);
    this.oFirstShipment = growI32(this.oFirstShipment, n);
    this.oCap = n;
  }

  // ------------------------------------------------------------------------------------------ orders

  /**
   * A new order in engine slot `o`: draws its lines (class, quantity, value), customer and promise, and returns its
   * first shipment, which carries every line. `orderValue` is the engine's per-order draw (used when the value is per
   * order); the order's value is returned through `valueOut[0]` (the sum of line values when they are per line).
   */
  newOrder(o: number, source: number, site: number, lines: number, orderValue: number, counted: boolean, segmentValue: number, valueOut: Float64Array): number {
    if (o >= this.oCap) this.growOrders(Math.max(o + 1, this.oCap * 2));
    const f = this.f;
    const spec = f.sourceLines[source];
    const rng = this.lineStreams[source];
    const now = this.host.now;
    this.oLive[o] = 1;
    this.oCounted[o] = counted ? 1 : 0;
    this.oSite[o] = site;
    this.oArrival[o] = now;
    const segment = f.segmentAttribute >= 0 && segmentValue >= 0 ? f.segmentOfValue[segmentValue] : 0;
    this.oSegment[o] = segment;
    const seg = f.segments[segment];
    this.oCustomer[o] = seg.firstCustomer + (seg.customers > 1 ? Math.min(seg.customers - 1, Math.floor(this.customerStreams[source].next() * seg.customers)) : 0);
    let promise = NaN;
    if (spec.promise) {
      promise = promisedShipBy(spec.promise, now);
      if (spec.promise.requested) promise = Math.max(promise, now + spec.promise.requested.sample(rng));
    }
    this.oPromise[o] = promise;
    this.oShips[o] = 0;
    this.oLinesTotal[o] = lines;
    this.oLinesShipped[o] = 0;
    this.oLinesCancelled[o] = 0;
    this.oLinesPaid[o] = 0;
    this.oValueCancelled[o] = 0;
    this.oExposure[o] = 0;
    this.oReleased[o] = 0;
    this.oJudged[o] = 0;
    this.oLastShip[o] = NaN;
    this.oHoldStart[o] = NaN;
    this.oLastCash[o] = NaN;
    this.oCashDone[o] = 0;
    this.oStockCancelled[o] = 0;
    this.oShipHead[o] = -1;
    const h = this.newShipment(o, site, false);
    this.oFirstShipment[o] = h;
    let total = 0;
    const shared = spec.valuePerLine ? 0 : orderValue / lines;
    for (let i = 0; i < lines; i++) {
      const l = this.newLine();
      this.lState[l] = L_NEW;
      this.lClass[l] = spec.classCumulative ? spec.classIndex[pickCumulative(spec.classCumulative, rng)] : spec.classIndex[0];
      this.lQty[l] = spec.constantQuantity > 0 ? spec.constantQuantity : Math.max(1, Math.round(spec.quantity.sample(rng)));
      const value = spec.valuePerLine ? spec.lineValue.sample(rng) : shared;
      this.lValue[l] = value;
      total += value;
      this.lShip[l] = h;
      this.lStock[l] = -1;
      this.lNext[l] = this.hHead[h];
      this.hHead[h] = l;
    }
    this.hLines[h] = lines;
    this.oValue[o] = total;
    this.totals.linesOrdered += lines;
    this.totals.valueOrdered += total;
    if (counted) {
      this.count(o, C.orders, 1);
      this.count(o, C.linesOrdered, lines);
    }
    valueOut[0] = total;
    return h;
  }

  /** The order's value still to ship (cancelled lines excluded): what a credit check weighs. */
  private openValue(o: number): number {
    return this.oValue[o] - this.oValueCancelled[o];
  }

  /** Lines a shipment carries (not cancelled): what per-line work and costs count. */
  lineCount(h: number): number {
    return this.hLines[h];
  }

  /** Engine attribute index of the customer segment, -1 for one segment. */
  get segmentAttribute(): number {
    return this.f.segmentAttribute;
  }

  isException(node: number): boolean {
    return this.f.exception[node] === 1;
  }

  /** Days to pay at an awaitPayment node: its own distribution, or the order's customer segment's. */
  paymentDelay(node: number, o: number, rng: RandomStream): number {
    const sampler = this.f.paymentOverride[node] ?? this.f.segments[this.oSegment[o]].daysToPay;
    if (!sampler) throw new Error(`"${this.nodeIds[node]}" waits for payment but has no days-to-pay: give it one or define customers.`);
    return sampler.sample(rng);
  }

  siteOf(h: number): number {
    return this.hSite[h];
  }

  // ------------------------------------------------------------------------------------------ allocation

  /**
   * Shipment h (on token t) arrives at allocate node `node`. Returns GO_NEXT (leave now, possibly after splitting
   * short lines off into follow-on shipments) or WAIT (the host is called back through `resume`).
   */
  allocate(t: number, h: number, node: number): number {
    const f = this.f;
    const spec = f.allocate[node * this.siteCount + this.hSite[h]] as AllocateSpec;
    const o = this.hOrder[h];
    const home = this.hSite[h];
    const counted = this.oCounted[o] === 1 && this.host.now >= this.warmup;
    let available = 0;
    let shortHead = -1;
    let short = 0;
    // 1. Each line not yet allocated is taken from the home stock or found short there.
    let prev = -1;
    for (let l = this.hHead[h]; l >= 0; ) {
      const next = this.lNext[l];
      if (this.lState[l] === L_NEW) {
        const k = f.stockOf[home * this.classCount + this.lClass[l]];
        const ok = this.takeFromStock(k, l, counted);
        if (ok) this.lState[l] = L_OK;
        else {
          // Unlink: short lines are handled below.
          if (prev < 0) this.hHead[h] = next;
          else this.lNext[prev] = next;
          this.hLines[h]--;
          this.lNext[l] = shortHead;
          shortHead = l;
          short++;
          l = next;
          continue;
        }
      }
      if (this.lState[l] === L_OK || this.lState[l] === L_NEW) available++;
      prev = l;
      l = next;
    }
    if (short === 0) return this.hShort[h] > 0 ? this.waitHere(t, h, node, spec) : GO_NEXT;

    // 2. Short lines are first looked for elsewhere (sourceElsewhere): a second shipment from the supplying site,
    //    or a transfer that ships with this shipment. What is found nowhere is backordered at home.
    const secondByOrigin = new Map<number, number>();
    let transfers = 0;
    let notFoundHead = -1;
    const transferSites = new Set<number>();
    for (let l = shortHead; l >= 0; ) {
      const next = this.lNext[l];
      const origin = spec.candidates.length > 0 ? this.sourceLine(l, spec, counted) : -1;
      if (origin < 0) {
        this.lNext[l] = notFoundHead;
        notFoundHead = l;
        l = next;
        continue;
      }
      if (counted) this.count(o, C.sourcedLines, 1);
      if (this.host.now >= this.warmup) this.groupAdd(o, 'sourcing', spec.costPerLine);
      if (spec.secondShipment) {
        let s2 = secondByOrigin.get(origin);
        if (s2 === undefined) {
          s2 = this.newShipment(o, origin, true);
          secondByOrigin.set(origin, s2);
          if (this.host.now >= this.warmup) this.groupAdd(o, 'sourcing', spec.costPerShipment);
        }
        this.lState[l] = L_OK;
        // Shipped by another site in a shipment of its own: not filled by the order's shipment.
        this.lUnfilled[l] = 1;
        this.attach(l, s2);
      } else {
        // Transfer: the line travels to the home site and ships with this shipment (filled, later).
        this.lState[l] = L_SHORT;
        this.lStock[l] = -1;
        this.attach(l, h);
        this.hShort[h]++;
        transfers++;
        if (!transferSites.has(origin)) {
          transferSites.add(origin);
          if (this.host.now >= this.warmup) this.groupAdd(o, 'sourcing', spec.costPerShipment);
        }
        this.host.schedule(this.host.now + (spec.transferTime as NonNullable<AllocateSpec['transferTime']>).sample(this.sourcingStreams[node]), FE_LINE_READY, l, this.lGen[l]);
      }
      l = next;
    }
    // A shipment with nothing to ship now (no line in stock, no transfer) takes over the first second shipment and
    // ships from that site.
    if (available === 0 && transfers === 0 && secondByOrigin.size > 0) {
      const [origin, s2] = secondByOrigin.entries().next().value as [number, number];
      secondByOrigin.delete(origin);
      this.moveLines(s2, h);
      this.hSite[h] = origin;
      this.dropShipment(s2);
    }
    // Lines found nowhere wait for home stock: with this shipment under ship complete, or when it has nothing to
    // ship now; otherwise as a follow-on shipment (a backorder).
    let backorder = -1;
    if (notFoundHead >= 0) {
      const keep = spec.policy === POLICY_SHIP_COMPLETE || (!this.hasOkLine(h) && transfers === 0);
      const target = keep ? h : (backorder = this.newShipment(o, home, true));
      for (let l = notFoundHead; l >= 0; ) {
        const next = this.lNext[l];
        this.lState[l] = L_SHORT;
        this.attach(l, target);
        this.hShort[target]++;
        this.waitForStock(l, home);
        l = next;
      }
    }
    // The shipment itself waits for stock at home (ship complete, or nothing to ship yet): it is on backorder.
    const homeShort = this.hShort[h] - transfers;
    if (homeShort > 0) {
      this.hBackorder[h] = 1;
      this.hCreated[h] = this.host.now;
      if (counted) {
        this.count(o, C.backorders, 1);
        this.count(o, C.backorderLines, homeShort);
      }
    }
    for (const s2 of secondByOrigin.values()) {
      if (counted) {
        this.count(o, C.backorders, 1);
        this.count(o, C.backorderLines, this.lineCount(s2));
      }
      this.host.spawn(o, node, s2, this.hSite[s2], GO_NEXT);
    }
    if (backorder >= 0) {
      if (counted) {
        this.count(o, C.backorders, 1);
        this.count(o, C.backorderLines, this.hShort[backorder]);
      }
      this.hNode[backorder] = node;
      this.host.pending(o, node, +1);
      this.armWaitLimit(backorder, spec);
    }
    return this.hShort[h] > 0 ? this.waitHere(t, h, node, spec) : GO_NEXT;
  }

  private waitHere(t: number, h: number, node: number, spec: AllocateSpec): number {
    this.hToken[h] = t;
    this.hNode[h] = node;
    this.armWaitLimit(h, spec);
    return WAIT;
  }

  private armWaitLimit(h: number, spec: AllocateSpec): void {
    if (spec.maxWaitMinutes !== Infinity) this.host.schedule(this.host.now + spec.maxWaitMinutes, FE_WAIT_LIMIT, h, this.hGen[h]);
  }

  private hasOkLine(h: number): boolean {
    for (let l = this.hHead[h]; l >= 0; l = this.lNext[l]) if (this.lState[l] === L_OK || this.lState[l] === L_NEW) return true;
    return false;
  }

  private attach(l: number, h: number): void {
    this.lShip[l] = h;
    this.lNext[l] = this.hHead[h];
    this.hHead[h] = l;
    if (this.lState[l] !== L_CANCELLED) this.hLines[h]++;
  }

  private moveLines(from: number, to: number): void {
    for (let l = this.hHead[from]; l >= 0; ) {
      const next = this.lNext[l];
      this.attach(l, to);
      l = next;
    }
    this.hHead[from] = -1;
    this.hLines[from] = 0;
  }

  /** Unlinks an empty shipment from its order and frees it. */
  private dropShipment(h: number): void {
    const o = this.hOrder[h];
    if (this.oShipHead[o] === h) this.oShipHead[o] = this.hNextOfOrder[h];
    else for (let s = this.oShipHead[o]; s >= 0; s = this.hNextOfOrder[s]) if (this.hNextOfOrder[s] === h) { this.hNextOfOrder[s] = this.hNextOfOrder[h]; break; }
    this.hGen[h]++;
    this.hNextOfOrder[h] = this.hFree;
    this.hFree = h;
  }

  /** Takes line l from stock k if it is there (always, without a stock model). */
  private takeFromStock(k: number, l: number, counted: boolean): boolean {
    if (k < 0) return true;
    const s = this.f.stocks[k];
    let ok: boolean;
    if (!s.inventory) ok = this.stockStreams[k].next() < s.fillProbability;
    else {
      const qty = this.lQty[l];
      ok = this.onHand[k] >= qty;
      if (ok) {
        this.onHand[k] -= qty;
        this.onHandLevel[k].add(this.host.now, -qty);
        this.reorder(k);
      }
    }
    if (counted) {
      this.stockDemand[k]++;
      if (ok) this.stockFilled[k]++;
    }
    return ok;
  }

  /** Line l is short at `site`: it waits for that stock's replenishment. */
  private waitForStock(l: number, site: number): void {
    const k = this.f.stockOf[site * this.classCount + this.lClass[l]];
    this.lUnfilled[l] = 1;
    this.lStock[l] = k;
    if (k < 0) {
      // No stock model here (sourced lines found nowhere at a site without one cannot happen): available at once.
      this.host.schedule(this.host.now, FE_LINE_READY, l, this.lGen[l]);
      return;
    }
    const s = this.f.stocks[k];
    if (!s.inventory) {
      if (this.host.now >= this.warmup) this.stockReplenishments[k]++;
      this.host.schedule(this.host.now + s.leadTime.sample(this.stockStreams[k]), FE_LINE_READY, l, this.lGen[l]);
      return;
    }
    const qty = this.lQty[l];
    this.backordered[k] += qty;
    this.backorderLevel[k].add(this.host.now, qty);
    this.stockQueue[k].push(l, this.lGen[l]);
    this.reorder(k);
  }

  /** (s, Q): while the inventory position is at or below the reorder point, order Q. */
  private reorder(k: number): void {
    const s = this.f.stocks[k];
    while (this.onHand[k] + this.onOrder[k] - this.backordered[k] <= s.reorderPoint) {
      this.onOrder[k] += s.reorderQuantity;
      if (this.host.now >= this.warmup) this.stockReplenishments[k]++;
      this.host.schedule(this.host.now + s.leadTime.sample(this.stockStreams[k]), FE_REPLENISH, k, 0);
    }
  }

  /** Finds short line l at another site; returns the site that supplies it (its stock drawn), or -1. */
  private sourceLine(l: number, spec: AllocateSpec, counted: boolean): number {
    const f = this.f;
    let order: ArrayLike<number> = spec.candidates;
    if (spec.rankByStock) {
      const cls = this.lClass[l];
      const measure = (site: number) => {
        const k = f.stockOf[site * this.classCount + cls];
        if (k < 0) return Infinity;
        return f.stocks[k].inventory ? this.onHand[k] : f.stocks[k].fillProbability;
      };
      order = Array.from(spec.candidates).sort((a, b) => measure(b) - measure(a));
    }
    for (let i = 0; i < order.length; i++) {
      const site = order[i];
      if (this.takeFromStock(f.stockOf[site * this.classCount + this.lClass[l]], l, counted)) return site;
    }
    return -1;
  }

  // ------------------------------------------------------------------------------------------ events

  onEvent(type: number, a: number, b: number): void {
    switch (type) {
      case FE_REPLENISH:
        this.replenished(a);
        break;
      case FE_LINE_READY:
        if (this.lGen[a] === b && this.lState[a] === L_SHORT) this.lineReady(a);
        break;
      case FE_WAIT_LIMIT:
        if (this.hGen[a] === b && this.hShort[a] > 0) this.cancelShort(a);
        break;
      case FE_REVIEW:
        this.review(a, b);
        break;
      case FE_OPENING_PAYMENT:
        this.openingPayment(a, b);
        break;
      default:
        throw new Error(`Unknown fulfilment event ${type}.`);
    }
  }

  private replenished(k: number): void {
    const s = this.f.stocks[k];
    const now = this.host.now;
    this.onOrder[k] -= s.reorderQuantity;
    this.onHand[k] += s.reorderQuantity;
    this.onHandLevel[k].add(now, s.reorderQuantity);
    const queue = this.stockQueue[k];
    let head = this.stockQueueHead[k];
    while (head < queue.length) {
      const l = queue[head];
      if (this.lGen[l] !== queue[head + 1] || this.lState[l] !== L_SHORT || this.lStock[l] !== k) {
        head += 2;
        continue;
      }
      const qty = this.lQty[l];
      if (this.onHand[k] < qty) break;
      this.onHand[k] -= qty;
      this.onHandLevel[k].add(now, -qty);
      this.backordered[k] -= qty;
      this.backorderLevel[k].add(now, -qty);
      head += 2;
      this.lineReady(l);
    }
    // Compact the served prefix now and then.
    if (head > 4096 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
    this.stockQueueHead[k] = head;
  }

  private lineReady(l: number): void {
    this.lState[l] = L_OK;
    const h = this.lShip[l];
    if (--this.hShort[h] === 0) this.shipmentReady(h, GO_NEXT);
  }

  private shipmentReady(h: number, how: number): void {
    const o = this.hOrder[h];
    const node = this.hNode[h];
    this.hNode[h] = -1;
    if (this.hBackorder[h] === 1) this.durationOf(o, D.backorderAge, this.host.now - this.hCreated[h]);
    const t = this.hToken[h];
    if (t >= 0) {
      this.host.resume(t, how);
      return;
    }
    // The pending count goes before the token exists: the token may end at once and complete the order.
    this.host.pending(o, node, -1);
    this.host.spawn(o, node, h, this.hSite[h], how);
  }

  /** The wait limit passed: the shipment's short lines are cancelled; it ships the rest or leaves by `error`. */
  private cancelShort(h: number): void {
    const o = this.hOrder[h];
    let inTransit = 0;
    for (let l = this.hHead[h]; l >= 0; l = this.lNext[l]) {
      if (this.lState[l] !== L_SHORT) continue;
      const k = this.lStock[l];
      // A transfer already on its way (taken from the other site's stock) is not cancelled: the shipment waits for it.
      if (k < 0) {
        inTransit++;
        continue;
      }
      this.unreserve(l);
      this.oStockCancelled[o] = 1;
      this.cancelLine(l);
    }
    this.hShort[h] = inTransit;
    if (inTransit === 0) this.shipmentReady(h, this.hasOkLine(h) ? GO_NEXT : GO_ERROR);
  }

  /** A short line stops waiting: the units it had backordered at an inventory stock are no longer owed. */
  private unreserve(l: number): void {
    const k = this.lStock[l];
    if (k < 0 || !this.f.stocks[k].inventory) return;
    this.backordered[k] -= this.lQty[l];
    this.backorderLevel[k].add(this.host.now, -this.lQty[l]);
  }

  private cancelLine(l: number): void {
    const o = this.hOrder[this.lShip[l]];
    this.lState[l] = L_CANCELLED;
    this.hLines[this.lShip[l]]--;
    this.lGen[l]++;
    this.oLinesCancelled[o]++;
    this.oValueCancelled[o] += this.lValue[l];
    this.totals.linesCancelled++;
    this.totals.valueCancelled += this.lValue[l];
    if (this.oCounted[o] === 1) this.count(o, C.cancelledLines, 1);
    this.releaseExposure(o, this.lValue[l]);
    this.checkShippedInFull(o);
    this.checkPaidInFull(o);
  }

  /** Every line paid or cancelled: order-to-cash runs to the last payment. */
  private checkPaidInFull(o: number): void {
    if (this.oCashDone[o] === 1 || this.oLinesPaid[o] === 0 || this.oLinesPaid[o] + this.oLinesCancelled[o] < this.oLinesTotal[o]) return;
    this.oCashDone[o] = 1;
    this.durationOf(o, D.orderToCash, this.oLastCash[o] - this.oArrival[o]);
  }

  // ------------------------------------------------------------------------------------------ credit

  /**
   * Shipment h's order (token t) reaches a credit check. Returns GO_NEXT, GO_HOLD or WAIT. Credit is decided per
   * order: a shipment of an order already released passes, one of an order on hold waits for that order's decision.
   */
  creditCheck(t: number, h: number, node: number): number {
    const o = this.hOrder[h];
    if (this.oReleased[o] === 1) return GO_NEXT;
    const hold = this.held.get(o);
    if (hold) {
      hold.tokens.push(t);
      return WAIT;
    }
    const customer = this.oCustomer[o];
    const value = this.openValue(o);
    if (this.exposure[customer] + value <= this.f.segments[this.oSegment[o]].creditLimit + 1e-9) {
      this.addExposure(o, value);
      return GO_NEXT;
    }
    if (this.oCounted[o] === 1) this.count(o, C.creditHolds, 1);
    const review = this.f.reviewAfter[node];
    this.oHoldStart[o] = this.host.now;
    if (review === 0) return this.referToReview(o);
    const gen = ++this.holdSeq;
    this.held.set(o, { gen, tokens: [t] });
    let queue = this.holdQueues.get(customer);
    if (!queue) this.holdQueues.set(customer, (queue = []));
    queue.push(o, gen);
    if (review !== Infinity) this.host.schedule(this.host.now + review, FE_REVIEW, o, gen);
    return WAIT;
  }

  private referToReview(o: number): number {
    if (this.oCounted[o] === 1) this.count(o, C.creditReviews, 1);
    this.durationOf(o, D.creditHoldTime, this.host.now - this.oHoldStart[o]);
    this.addExposure(o, this.openValue(o));
    return GO_HOLD;
  }

  /** The review delay of held order o passed: its waiting shipments go to manual review. */
  private review(o: number, gen: number): void {
    const entry = this.held.get(o);
    if (!entry || entry.gen !== gen) return;
    this.held.delete(o);
    this.referToReview(o);
    for (const t of entry.tokens) this.host.resume(t, GO_HOLD);
  }

  private addExposure(o: number, value: number): void {
    this.oReleased[o] = 1;
    this.exposure[this.oCustomer[o]] += value;
    this.oExposure[o] += value;
  }

  /** Payments and cancellations lower the exposure; held orders of the customer that now fit are released, in order. */
  private releaseExposure(o: number, value: number): void {
    const amount = Math.min(value, this.oExposure[o]);
    if (amount <= 0) return;
    const customer = this.oCustomer[o];
    this.oExposure[o] -= amount;
    this.exposure[customer] = Math.max(0, this.exposure[customer] - amount);
    this.releaseHeld(customer, this.f.segments[this.oSegment[o]].creditLimit);
  }

  /** Held orders of the customer that fit under its limit now are released, in hold order. */
  private releaseHeld(customer: number, limit: number): void {
    const queue = this.holdQueues.get(customer);
    if (!queue) return;
    // Entries are (order, generation) pairs; an entry whose hold ended (review) or whose slot was reused is skipped.
    while (queue.length > 0) {
      const held = queue[0];
      const entry = this.held.get(held);
      if (!entry || entry.gen !== queue[1]) {
        queue.splice(0, 2);
        continue;
      }
      const openValue = this.openValue(held);
      if (this.exposure[customer] + openValue > limit + 1e-9) break;
      queue.splice(0, 2);
      this.held.delete(held);
      this.durationOf(held, D.creditHoldTime, this.host.now - this.oHoldStart[held]);
      this.addExposure(held, openValue);
      // Resuming may pay and release again (a nested call works on the same queue).
      for (const t of entry.tokens) this.host.resume(t, GO_NEXT);
    }
    if (queue.length === 0 && this.holdQueues.get(customer) === queue) this.holdQueues.delete(customer);
  }

  // ------------------------------------------------------------------------------------------ milestones and costs

  /** Shipment h leaves a node with a milestone (each milestone counts once per shipment). */
  milestone(h: number, kind: number): void {
    if (kind === M_SHIP) this.ship(h);
    else if (kind === M_INVOICE) this.invoice(h);
    else if (kind === M_CASH) this.pay(h);
  }

  private ship(h: number): void {
    if (this.hShipped[h] === this.hShipped[h]) return;
    const now = this.host.now;
    const o = this.hOrder[h];
    this.hShipped[h] = now;
    let lines = 0;
    let filled = 0;
    let value = 0;
    for (let l = this.hHead[h]; l >= 0; l = this.lNext[l]) {
      const state = this.lState[l];
      if (state !== L_OK && state !== L_NEW) continue;
      this.lState[l] = L_SHIPPED;
      lines++;
      if (this.lUnfilled[l] === 0) filled++;
      value += this.lValue[l];
    }
    if (lines === 0) return;
    // Invoiced before it shipped (invoice on release): the invoiced amount stays what receivables carry.
    if (this.hInvoiced[h] !== this.hInvoiced[h]) this.hBilled[h] = value;
    this.totals.linesShipped += lines;
    this.totals.valueShipped += value;
    this.oLinesShipped[o] += lines;
    this.oShips[o]++;
    this.oLastShip[o] = now;
    if (this.f.hasInvoice && this.hInvoiced[h] !== this.hInvoiced[h]) this.groupLevel(o, 'shippedNotInvoiced', value);
    const counted = this.oCounted[o] === 1;
    // ship() passes each shipment once, so the original shipment's first-shipment figures are counted once.
    if (counted && h === this.oFirstShipment[o]) {
      this.count(o, C.ordersFirstShipped, 1);
      this.count(o, C.linesInFirstShipment, filled);
      this.groupAdd(o, 'linesOfFirstShipped', this.oLinesTotal[o]);
      if (filled === this.oLinesTotal[o]) this.count(o, C.ordersFilledInFirstShipment, 1);
    }
    this.checkShippedInFull(o);
  }

  /** Every line shipped or cancelled: the order's shipping is done (order-to-ship, partial shipments, OTIF). */
  private checkShippedInFull(o: number): void {
    if (this.oJudged[o] === 1 || this.oLinesShipped[o] + this.oLinesCancelled[o] < this.oLinesTotal[o]) return;
    if (this.oLinesShipped[o] === 0) {
      // Nothing shipped: an order whose lines were cancelled for want of stock failed its promise (late, not in
      // full); one rejected or ended by the workflow before shipping is not a delivery and is not judged.
      if (this.oStockCancelled[o] === 1 && this.oCounted[o] === 1 && this.oPromise[o] === this.oPromise[o]) {
        this.oJudged[o] = 1;
        this.judge(o, false, false);
      }
      return;
    }
    this.oJudged[o] = 1;
    this.durationOf(o, D.orderToShip, this.oLastShip[o] - this.oArrival[o]);
    if (this.oCounted[o] !== 1) return;
    this.count(o, C.ordersShipped, 1);
    if (this.oShips[o] > 1) this.count(o, C.ordersPartial, 1);
    const promise = this.oPromise[o];
    if (promise === promise) {
      const onTime = this.oLastShip[o] <= promise + 1e-9;
      const inFull = this.oShips[o] === 1 && this.oLinesCancelled[o] === 0;
      this.judge(o, onTime, inFull);
    }
  }

  private judge(o: number, onTime: boolean, inFull: boolean): void {
    this.count(o, C.ordersJudged, 1);
    if (onTime) this.count(o, C.onTime, 1);
    if (inFull) this.count(o, C.inFull, 1);
    if (onTime && inFull) this.count(o, C.otif, 1);
  }

  private invoice(h: number): void {
    if (this.hInvoiced[h] === this.hInvoiced[h]) return;
    const now = this.host.now;
    const o = this.hOrder[h];
    this.hInvoiced[h] = now;
    const shipped = this.hShipped[h] === this.hShipped[h];
    const value = shipped ? this.hBilled[h] : this.activeValue(h);
    this.hBilled[h] = value;
    this.totals.valueInvoiced += value;
    if (shipped) {
      if (this.f.hasInvoice) this.groupLevel(o, 'shippedNotInvoiced', -value);
      this.durationOf(o, D.invoiceLag, now - this.hShipped[h]);
    }
    if (this.f.hasCash && this.hPaid[h] !== this.hPaid[h]) this.groupLevel(o, 'invoicedNotPaid', value);
  }

  private pay(h: number): void {
    if (this.hPaid[h] === this.hPaid[h]) return;
    const now = this.host.now;
    const o = this.hOrder[h];
    this.hPaid[h] = now;
    const invoiced = this.hInvoiced[h] === this.hInvoiced[h];
    const shipped = this.hShipped[h] === this.hShipped[h];
    const value = invoiced || shipped ? this.hBilled[h] : this.activeValue(h);
    this.totals.valuePaid += value;
    if (invoiced) this.groupLevel(o, 'invoicedNotPaid', -value);
    if (shipped) this.durationOf(o, D.shipToCash, now - this.hShipped[h]);
    this.oLinesPaid[o] += this.hLines[h];
    this.oLastCash[o] = now;
    this.checkPaidInFull(o);
    this.releaseExposure(o, value);
  }

  private activeValue(h: number): number {
    let value = 0;
    for (let l = this.hHead[h]; l >= 0; l = this.lNext[l]) if (this.lState[l] !== L_CANCELLED) value += this.lValue[l];
    return value;
  }

  /** Per-visit costs of shipment h at a node (after the warm-up): costPerLine x its lines, and the visit cost. */
  visit(h: number, node: number, visitCost: number): void {
    const o = this.hOrder[h];
    const perLine = this.f.costPerLine[node];
    if (perLine > 0) this.groupAdd(o, 'lineHandling', perLine * this.lineCount(h));
    if (visitCost > 0) this.groupAdd(o, 'visits', visitCost);
  }

  /** A system call made for shipment h (after the warm-up). */
  call(h: number, cost: number): void {
    if (cost > 0) this.groupAdd(this.hOrder[h], 'systemCalls', cost);
  }

  /** Token of shipment h ended at an end node; without `ship` steps a fulfilled end counts as shipping. */
  tokenEnded(h: number, fulfilled: boolean): void {
    if (fulfilled && !this.f.hasShip) this.ship(h);
    this.hToken[h] = -1;
    if (!fulfilled) this.cancelPendingShipments(this.hOrder[h]);
  }

  /**
   * The order ended as rejected, cancelled or failed: its backorders still waiting for stock will not ship. Their
   * lines are cancelled and they stop keeping the order alive (the ending token then completes it).
   */
  private cancelPendingShipments(o: number): void {
    for (let s = this.oShipHead[o]; s >= 0; s = this.hNextOfOrder[s]) {
      const node = this.hNode[s];
      if (node < 0 || this.hToken[s] >= 0) continue;
      for (let l = this.hHead[s]; l >= 0; l = this.lNext[l]) {
        if (this.lState[l] !== L_SHORT) continue;
        this.unreserve(l);
        this.cancelLine(l);
      }
      this.hShort[s] = 0;
      this.hNode[s] = -1;
      this.host.pending(o, node, -1);
    }
  }

  /** The order is complete (no token left): lines never shipped are cancelled, its records are freed. */
  orderCompleted(o: number): void {
    for (let h = this.oShipHead[o]; h >= 0; h = this.hNextOfOrder[h]) {
      for (let l = this.hHead[h]; l >= 0; l = this.lNext[l]) {
        const state = this.lState[l];
        if (state === L_NEW || state === L_OK || state === L_SHORT) this.cancelLine(l);
      }
    }
    // Each cancellation above judges the order once its shipping is done (cancelLine -> checkShippedInFull).
    // Exposure of shipped lines stays until their cash milestone (a model without one never frees it: the validator
    // warns); exposure of lines never shipped was freed when they were cancelled just above.
    // Money still tied up stays in the working-capital levels only while the order lives.
    for (let h = this.oShipHead[o]; h >= 0; ) {
      const nextH = this.hNextOfOrder[h];
      const shipped = this.hShipped[h] === this.hShipped[h];
      const invoiced = this.hInvoiced[h] === this.hInvoiced[h];
      const paid = this.hPaid[h] === this.hPaid[h];
      if (shipped && !invoiced && this.f.hasInvoice) this.groupLevel(o, 'shippedNotInvoiced', -this.hBilled[h]);
      if (invoiced && !paid && this.f.hasCash) this.groupLevel(o, 'invoicedNotPaid', -this.hBilled[h]);
      for (let l = this.hHead[h]; l >= 0; ) {
        const nextL = this.lNext[l];
        this.lState[l] = L_FREE;
        this.lGen[l]++;
        this.lNext[l] = this.lFree;
        this.lFree = l;
        l = nextL;
      }
      this.hGen[h]++;
      this.hNextOfOrder[h] = this.hFree;
      this.hFree = h;
      h = nextH;
    }
    this.oShipHead[o] = -1;
    this.oLive[o] = 0;
  }

  // ------------------------------------------------------------------------------------------ groups

  /**
   * The groups order o belongs to: all orders, its site, its segment (when segments are reported). Written into a
   * reused array (no allocation in the event loop); returns how many.
   */
  private groupsOf(o: number): number {
    const g = this.groupScratch;
    g[0] = this.groups[0];
    g[1] = this.groups[1 + this.oSite[o]];
    if (this.groups.length > 1 + this.siteCount) {
      g[2] = this.groups[1 + this.siteCount + this.oSegment[o]];
      return 3;
    }
    return 2;
  }

  private count(o: number, field: number, n: number): void {
    const g = this.groupScratch;
    for (let i = 0, k = this.groupsOf(o); i < k; i++) g[i].counts[field] += n;
  }

  /**
   * Durations are measured when they end, from the warm-up on, whatever the order's arrival: long spans such as
   * order-to-cash would otherwise read short (orders placed late in the run are paid only if they pay fast).
   */
  private durationOf(o: number, field: number, minutes: number): void {
    if (this.host.now < this.warmup) return;
    const m = Math.max(0, minutes);
    const g = this.groupScratch;
    for (let i = 0, k = this.groupsOf(o); i < k; i++) g[i].durations[field].add(m);
  }

  /** Adds `amount` to a money or line total of every group of order o. */
  private groupAdd(o: number, field: 'lineHandling' | 'visits' | 'sourcing' | 'systemCalls' | 'linesOfFirstShipped' | 'openBackorderLines', amount: number): void {
    if (amount === 0) return;
    const g = this.groupScratch;
    for (let i = 0, k = this.groupsOf(o); i < k; i++) g[i][field] += amount;
  }

  private groupLevel(o: number, field: 'shippedNotInvoiced' | 'invoicedNotPaid', delta: number): void {
    const now = this.host.now;
    const g = this.groupScratch;
    for (let i = 0, k = this.groupsOf(o); i < k; i++) g[i][field].add(now, delta);
  }

  /** The warm-up ends: time-weighted levels restart from here. */
  startWindow(now: number): void {
    for (const g of this.groups) {
      g.shippedNotInvoiced.startWindow(now);
      g.invoicedNotPaid.startWindow(now);
    }
    for (const level of this.onHandLevel) level.startWindow(now);
    for (const level of this.backorderLevel) level.startWindow(now);
  }

  // ------------------------------------------------------------------------------------------ results

  /** The replication's fulfilment results at minute `now` (the end). */
  result(now: number, siteIds: string[]): FulfilmentReplication {
    const f = this.f;
    const years = Math.max(0, now - this.warmup) / (365 * 1440);
    // Orders still open: the promise passed means late (and not in full); backorder lines still waiting.
    for (let o = 0; o < this.oCap; o++) {
      if (this.oLive[o] !== 1) continue;
      if (this.oCounted[o] === 1 && this.oJudged[o] === 0 && this.oPromise[o] === this.oPromise[o] && this.oPromise[o] < now) {
        this.oJudged[o] = 1;
        this.judge(o, false, false);
      }
      for (let h = this.oShipHead[o]; h >= 0; h = this.hNextOfOrder[h]) {
        if (this.hBackorder[h] !== 1) continue;
        let open = 0;
        for (let l = this.hHead[h]; l >= 0; l = this.lNext[l]) if (this.lState[l] === L_SHORT) open++;
        this.groupAdd(o, 'openBackorderLines', open);
      }
    }
    const stock: StockReplication[] = f.stocks.map((s, k) => {
      const meanOnHand = s.inventory ? this.onHandLevel[k].mean(now, this.warmup) : null;
      return {
        siteId: siteIds[s.site],
        productClass: s.productClass,
        model: s.inventory ? 'inventory' : 'fillRate',
        linesDemanded: this.stockDemand[k],
        linesFilledAtOnce: this.stockFilled[k],
        meanOnHand,
        meanBackorderedUnits: s.inventory ? this.backorderLevel[k].mean(now, this.warmup) : null,
        onHandAtEnd: s.inventory ? this.onHand[k] : null,
        replenishments: this.stockReplenishments[k],
        carryingCost: meanOnHand === null ? 0 : meanOnHand * s.unitCost * f.carryingRatePerYear * years,
      };
    });
    const groups = this.groups.map((g) => this.groupResult(g, now, years));
    return {
      all: groups[0],
      bySite: groups.slice(1, 1 + this.siteCount),
      bySegment: groups.slice(1 + this.siteCount),
      stock,
      conservation: this.conservation(),
    };
  }

  private groupResult(g: Group, now: number, years: number): FulfilmentGroupReplication {
    const c = g.counts;
    const ratio = (a: number, b: number) => (c[b] > 0 ? c[a] / c[b] : null);
    const shippedNotInvoiced = g.shippedNotInvoiced.mean(now, this.warmup);
    const invoicedNotPaid = g.invoicedNotPaid.mean(now, this.warmup);
    const capital = shippedNotInvoiced + invoicedNotPaid;
    const carrying = capital * this.f.carryingRatePerYear * years;
    const total = g.lineHandling + g.visits + g.sourcing + g.systemCalls + carrying;
    const cost: FulfilmentCost = {
      lineHandling: g.lineHandling,
      visits: g.visits,
      sourcing: g.sourcing,
      systemCalls: g.systemCalls,
      carrying,
      total,
      perOrder: c[C.orders] > 0 ? total / c[C.orders] : null,
    };
    const counts = Object.fromEntries(countFields.map((field, i) => [field, c[i]])) as unknown as FulfilmentCounts;
    const durations = Object.fromEntries(durationFields.map((field, i) => [field, summarise(g.durations[i])])) as unknown as FulfilmentDurations;
    return {
      key: g.key,
      ...counts,
      lineFillRate: g.linesOfFirstShipped > 0 ? c[C.linesInFirstShipment] / g.linesOfFirstShipped : null,
      orderFillRate: ratio(C.ordersFilledInFirstShipment, C.ordersFirstShipped),
      partialShipmentRate: ratio(C.ordersPartial, C.ordersShipped),
      onTimeRate: ratio(C.onTime, C.ordersJudged),
      inFullRate: ratio(C.inFull, C.ordersJudged),
      otifRate: ratio(C.otif, C.ordersJudged),
      ...durations,
      workingCapital: { shippedNotInvoiced, invoicedNotPaid, total: capital },
      cost,
      openBackorderLinesAtEnd: g.openBackorderLines,
    };
  }

  private conservation(): FulfilmentConservation {
    let linesOpen = 0;
    let valueOpen = 0;
    for (let l = 0; l < this.lCap; l++) {
      const state = this.lState[l];
      if (state === L_NEW || state === L_OK || state === L_SHORT) {
        linesOpen++;
        valueOpen += this.lValue[l];
      }
    }
    let notInvoiced = 0;
    let notPaid = 0;
    for (let o = 0; o < this.oCap; o++) {
      if (this.oLive[o] !== 1) continue;
      for (let h = this.oShipHead[o]; h >= 0; h = this.hNextOfOrder[h]) {
        const shipped = this.hShipped[h] === this.hShipped[h];
        const invoiced = this.hInvoiced[h] === this.hInvoiced[h];
        const paid = this.hPaid[h] === this.hPaid[h];
        if (shipped && !invoiced) notInvoiced += this.hBilled[h];
        if (invoiced && !paid) notPaid += this.hBilled[h];
      }
    }
    const t = this.totals;
    return {
      linesOrdered: t.linesOrdered,
      linesShipped: t.linesShipped,
      linesCancelled: t.linesCancelled,
      linesOpen,
      valueOrdered: t.valueOrdered,
      valueShipped: t.valueShipped,
      valueCancelled: t.valueCancelled,
      valueOpen,
      valueInvoiced: t.valueInvoiced,
      valuePaid: t.valuePaid,
      valueShippedNotInvoicedAtEnd: notInvoiced,
      valueInvoicedNotPaidAtEnd: notPaid,
    };
  }
}
