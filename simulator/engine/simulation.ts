import type { Workflow } from '../../models';
import { DurationHistogram } from '../core/histogram';
import { EventCalendar } from '../core/eventCalendar';
import { streamFor, type RandomStream } from '../core/rng';
import { growF64, growI32, growU8 } from '../core/typedArrays';
import { pickCumulative as pickCumulativeImported, standardExponential as standardExponentialImported } from '../core/sampling';

const pickCumulative = pickCumulativeImported;
const standardExponential = standardExponentialImported;
import type { EventLogRow, GuardLimits, InstabilityInfo, ReplicationResult } from '../report';
import type { ReplicationOptions } from '../run';
import { seriesBucketMinutes } from '../stats/series';
import { buildReplicationResult } from './results';
import * as codes from './compile';
import { compileModel, type CompiledCondition, type CompiledModel, type IntegrationParams } from './compile';

// Local copies of the compiled codes: module-level constants read in the hot loop (an imported binding may be
// compiled to a getter call by some loaders).
const A_LINES = codes.A_LINES;
const A_PRIORITY = codes.A_PRIORITY;
const A_SITE = codes.A_SITE;
const A_VALUE = codes.A_VALUE;
const K_ACTIVITY = codes.K_ACTIVITY;
const K_BATCH = codes.K_BATCH;
const K_DECISION = codes.K_DECISION;
const K_DELAY = codes.K_DELAY;
const K_END = codes.K_END;
const K_INTEGRATION = codes.K_INTEGRATION;
const K_JOIN = codes.K_JOIN;
const K_SPLIT = codes.K_SPLIT;
const K_ALLOCATE = codes.K_ALLOCATE;
const K_CREDIT_CHECK = codes.K_CREDIT_CHECK;
const K_AWAIT_PAYMENT = codes.K_AWAIT_PAYMENT;
const OP_EQ = codes.OP_EQ;
const OP_GT = codes.OP_GT;
const OP_GTE = codes.OP_GTE;
const OP_IN = codes.OP_IN;
const OP_LT = codes.OP_LT;
const OP_LTE = codes.OP_LTE;
const OP_NEQ = codes.OP_NEQ;
import { calendarIsOn, nextCalendarChange } from './shifts';
import { FE_LINE_READY, FE_OPENING_PAYMENT, FE_REPLENISH, FE_REVIEW, FE_WAIT_LIMIT, Fulfilment, GO_ERROR, GO_HOLD, GO_NEXT, WAIT, type FulfilmentHost } from './fulfilment';

// Event types (small ints; the loop is one switch).
const EV_ARRIVAL = 1;
const EV_ACTIVITY_END = 2;
const EV_DELAY_END = 3;
const EV_CALL_END = 4;
const EV_RETRY = 5;
const EV_BATCH_CALL = 6;
const EV_BATCH_RELEASE = 7;
const EV_SHIFT = 8;
const EV_OUTAGE_START = 9;
const EV_OUTAGE_END = 10;
const EV_BUCKET = 11;
const EV_WARMUP = 12;

// Priorities among events at the same instant: bookkeeping first, then work, then shift and outage changes (so
// that work ending exactly at a shift end is not paused with nothing left to do).
const PRIO_BOOKKEEPING = 0;
const PRIO_SHIFT_END = 1;
const PRIO_WORK = 2;
const PRIO_CHANGE = 3;

// Token flags.
const FLAG_TIMEOUT = 1;

/** Zero-time routing steps in a row before a loop of decisions/splits with no duration is declared endless. */
const maxRoutingSteps = 1_000_000;

/** Runs one replication of a validated model (variant applied). */
export function simulateReplication(model: Workflow, options: ReplicationOptions): ReplicationResult {
  if (!(options.horizonMinutes > 0 && Number.isFinite(options.horizonMinutes)))
    throw new Error(`runReplication: horizonMinutes must be a positive number of minutes, got ${options.horizonMinutes}.`);
  if (!(options.warmupMinutes >= 0 && options.warmupMinutes < options.horizonMinutes))
    throw new Error(`runReplication: warmupMinutes must lie in [0, horizonMinutes), got ${options.warmupMinutes} for a horizon of ${options.horizonMinutes}.`);
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff)
    throw new Error(`runReplication: seed must be an integer in 0..4294967295, got ${options.seed}.`);
  if (!Number.isInteger(options.replication) || options.replication < 0)
    throw new Error(`runReplication: replication must be a non-negative integer, got ${options.replication}.`);
  const compiled = compileModel(model);
  const sim = new Simulation(compiled, options);
  sim.run();
  return buildReplicationResult(sim);
}

/** 1234567 -> "1,234,567" (own code: locale formatting is not guaranteed to match across engines). */
function groupDigits(n: number): string {
  const text = String(Math.round(n));
  return text.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * The state of one replication. Orders and tokens (an order has several tokens between a split and its join) are
 * integer ids into struct-of-arrays typed storage with free lists; queues are intrusive linked lists through
 * `tNext`; events carry (token, generation) so that a paused or aborted activity's end event is skipped lazily.
 * Exposed fields are read by results.ts.
 */
export class Simulation implements FulfilmentHost {
  readonly c: CompiledModel;
  readonly options: ReplicationOptions;
  readonly horizon: number;
  readonly warmup: number;
  readonly bucketMinutes: number;
  readonly guard: GuardLimits;
  readonly cal = new EventCalendar(1024);
  now = 0;
  events = 0;
  status: ReplicationResult['status'] = 'ok';
  message: string | null = null;
  instability: InstabilityInfo | null = null;
  private stopped = false;
  private routingSteps = 0;
  /** Lines, stock, credit and payments (format v2); null for models without them. */
  readonly ff: Fulfilment | null;
  private readonly fMilestone: Int8Array;
  private readonly fulfilledOutcome: number;
  private readonly valueOut = new Float64Array(1);
  private readonly log: ((row: EventLogRow) => void) | undefined;

  // ---- random streams
  private readonly sourceArrivals: RandomStream[];
  private readonly sourceAttributes: RandomStream[];
  private readonly durationStream: RandomStream[];
  private readonly failureStream: RandomStream[];
  private readonly decisionStream: RandomStream[];
  private readonly retryStream: RandomStream[];
  private readonly outageStream: RandomStream[];

  // ---- tokens
  private tCap = 0;
  private tFree = -1;
  private tOrder = new Int32Array(0);
  private tNode = new Int32Array(0);
  private tGen = new Int32Array(0);
  private tNext = new Int32Array(0);
  private tAttempt = new Int32Array(0);
  private tRes = new Int32Array(0);
  private tQty = new Int32Array(0);
  private tFlag = new Int32Array(0);
  private tPos = new Int32Array(0);
  private tEnter = new Float64Array(0);
  private tStart = new Float64Array(0);
  private tEnd = new Float64Array(0);
  private tWait = new Float64Array(0);
  private tSeq = new Float64Array(0);
  /** Site whose steps serve the token (the order's site, or the site shipping a second shipment). */
  private tSite = new Int32Array(0);
  /** The token's shipment in `ff`, -1 without fulfilment. */
  private tShip = new Int32Array(0);
  private seq = 0;

  // ---- orders
  private oCap = 0;
  private oFree = -1;
  private oArrival = new Float64Array(0);
  private oSite = new Int32Array(0);
  private oPrio = new Int32Array(0);
  private oLines = new Int32Array(0);
  private oValue = new Float64Array(0);
  private oLive = new Int32Array(0);
  private oCase = new Int32Array(0);
  private oCounted = new Uint8Array(0);
  private oAttr = new Int32Array(0);
  private oSla = new Float64Array(0);
  private oJoin = new Int32Array(0);
  private oJoinSum = new Float64Array(0);
  /** The end node the order's most recent branch reached (its outcome when a join can no longer fire). */
  private oLastEnd = new Int32Array(0);
  /** Join node of each join slot (the inverse of `c.joinSlot`). */
  private readonly joinNodeBySlot: Int32Array;
  private readonly nAttr: number;
  private readonly nSla: number;
  private readonly nJoin: number;
  private caseCounter = 0;
  wip = 0;

  // ---- activity queues (per activity x pool instance; one linked list per priority class when priority)
  private readonly nClass: number;
  private readonly qHead: Int32Array;
  private readonly qTail: Int32Array;
  readonly qLen: Int32Array;
  readonly qArrivals: Float64Array;
  private readonly qWork: Float64Array;
  private readonly qPriority: Uint8Array;
  private readonly qStat: Int32Array;

  // ---- pool instances
  readonly pFree: Int32Array;
  readonly pOnShift: Uint8Array;
  private readonly pQueues: Int32Array[];
  private readonly pTracked: Uint8Array;
  private readonly pList: Array<Int32Array<ArrayBuffer>>;
  private readonly pListLen: Int32Array;

  // ---- system instances
  readonly sBusy: Float64Array;
  private readonly sHead: Int32Array;
  private readonly sTail: Int32Array;
  readonly sQLen: Int32Array;
  readonly sDown: Int32Array;
  private readonly sList: Array<Int32Array<ArrayBuffer>>;
  private readonly sListLen: Int32Array;
  readonly sAttempts: Float64Array;

  // ---- batch nodes and calendars
  private readonly bHead: Int32Array;
  private readonly bTail: Int32Array;
  private readonly bLen: Int32Array;
  private readonly gHead: Int32Array;
  private readonly gTail: Int32Array;
  private readonly gPending: Uint8Array;
  readonly calendarOn: Uint8Array;
  private readonly calendarPools: number[][];

  // ---- time-weighted accumulators: [0] WIP, then one per wait node (orders waiting), then per pool instance
  // (working units, available units), then per system instance (busy slots, down 0/1).
  readonly twValue: Float64Array;
  private readonly twLast: Float64Array;
  readonly twBucket: Float64Array;
  readonly twTotal: Float64Array;
  readonly twBaseline: Float64Array;
  readonly twMax: Float64Array;
  readonly twMaxAll: Float64Array;
  readonly twPoolWorking: number;
  readonly twPoolAvailable: number;
  readonly twSystemBusy: number;
  readonly twSystemDown: number;
  /** Parallel branches beyond one per order (tokens between a split and their join, absorbed ones included). */
  readonly twExtraBranches: number;

  // ---- statistics (orders arriving after the warm-up; costs and throughput by time after the warm-up)
  readonly nArrivals: Float64Array;
  readonly nCompletions: Float64Array;
  readonly nFailures: Float64Array;
  readonly nRetries: Float64Array;
  readonly nDeadLetters: Float64Array;
  readonly nOverflows: Float64Array;
  readonly nTimeouts: Float64Array;
  readonly nWait: DurationHistogram[];
  readonly cycle = new DurationHistogram();
  readonly cycleByOutcome: DurationHistogram[];
  readonly cycleBySite: DurationHistogram[];
  /** Orders completed after the warm-up (whenever they arrived), per outcome and per site: they add up to the throughput. */
  readonly completedByOutcome: Float64Array;
  readonly completedBySite: Float64Array;
  /** Traversals of each edge (then the sentinel) since minute 0, and their values when the warm-up ended. */
  readonly eTraversals: Float64Array;
  readonly eTraversalsAtWarmup: Float64Array;
  /** The compiled model's edge targets, held here for the routing hot path. */
  private readonly edgeTo: Int32Array;
  readonly slaMeasured: Float64Array;
  readonly slaMet: Float64Array;
  ordersArrived = 0;
  ordersArrivedInWindow = 0;
  ordersCompleted = 0;
  completionsInWindow = 0;
  visitCost = 0;
  readonly sCalls: Float64Array;
  readonly sFailed: Float64Array;

  // ---- series
  readonly seriesThroughput: number[] = [];
  readonly seriesTw: number[][];
  private bucketCompletions = 0;
  private bucketStart = 0;

  constructor(c: CompiledModel, options: ReplicationOptions) {
    this.c = c;
    this.options = options;
    this.horizon = options.horizonMinutes;
    this.warmup = Math.min(Math.max(0, options.warmupMinutes), options.horizonMinutes);
    this.bucketMinutes = seriesBucketMinutes(this.horizon, options.bucketMinutes);
    this.guard = {
      maxOrdersInSystem: options.guard?.maxOrdersInSystem ?? 200_000,
      maxEvents: options.guard?.maxEvents ?? 2_000_000_000,
    };
    this.log = options.eventLog;
    const seed = options.seed;
    const rep = options.replication;
    this.sourceArrivals = c.sources.map((s) => streamFor(seed, rep, `arrivals:${s.id}`));
    this.sourceAttributes = c.sources.map((s) => streamFor(seed, rep, `attributes:${s.id}`));
    this.durationStream = c.nodeIds.map((id) => streamFor(seed, rep, `durations:${id}`));
    this.failureStream = c.nodeIds.map((id) => streamFor(seed, rep, `failures:${id}`));
    this.decisionStream = c.nodeIds.map((id) => streamFor(seed, rep, `decisions:${id}`));
    this.retryStream = c.nodeIds.map((id) => streamFor(seed, rep, `retries:${id}`));
    this.outageStream = c.systemInstances.map((s) => streamFor(seed, rep, `outages:${s.systemId}:${s.siteId ?? '*'}`));

    this.nAttr = c.customAttributes.length;
    this.nSla = c.slas.length;
    this.nJoin = c.joinCount;
    this.joinNodeBySlot = new Int32Array(c.joinCount);
    for (let node = 0; node < c.joinSlot.length; node++) if (c.joinSlot[node] >= 0) this.joinNodeBySlot[c.joinSlot[node]] = node;
    this.growTokens(256);
    this.growOrders(256);

    this.nClass = Math.max(1, c.priorityClasses.length);
    const nq = c.queues.length;
    this.qHead = new Int32Array(nq * this.nClass).fill(-1);
    this.qTail = new Int32Array(nq * this.nClass).fill(-1);
    this.qLen = new Int32Array(nq);
    this.qArrivals = new Float64Array(nq);
    this.qWork = new Float64Array(nq);
    this.qPriority = Uint8Array.from(c.queues.map((q) => (q.priority ? 1 : 0)));
    this.qStat = Int32Array.from(c.queues.map((q) => 1 + c.waitSlot[q.node]));

    const np = c.poolInstances.length;
    this.pFree = Int32Array.from(c.poolInstances.map((p) => p.capacity));
    this.pOnShift = new Uint8Array(np);
    this.pQueues = c.poolInstances.map((p) => Int32Array.from(p.queues));
    this.pTracked = Uint8Array.from(c.poolInstances.map((p) => (p.calendar >= 0 ? 1 : 0)));
    this.pList = c.poolInstances.map((p) => new Int32Array(p.calendar >= 0 ? 16 : 0));
    this.pListLen = new Int32Array(np);

    const ns = c.systemInstances.length;
    this.sBusy = new Float64Array(ns);
    this.sHead = new Int32Array(ns).fill(-1);
    this.sTail = new Int32Array(ns).fill(-1);
    this.sQLen = new Int32Array(ns);
    this.sDown = new Int32Array(ns);
    this.sList = c.systemInstances.map((s) => new Int32Array(s.hasOutages ? 16 : 0));
    this.sListLen = new Int32Array(ns);
    this.sAttempts = new Float64Array(ns);
    this.sCalls = new Float64Array(ns);
    this.sFailed = new Float64Array(ns);

    this.bHead = new Int32Array(c.nodeCount).fill(-1);
    this.bTail = new Int32Array(c.nodeCount).fill(-1);
    this.bLen = new Int32Array(c.nodeCount);
    this.gHead = new Int32Array(c.nodeCount * c.siteCount).fill(-1);
    this.gTail = new Int32Array(c.nodeCount * c.siteCount).fill(-1);
    this.gPending = new Uint8Array(c.nodeCount * c.siteCount);
    this.calendarOn = new Uint8Array(c.calendars.length);
    this.calendarPools = c.calendars.map(() => []);
    c.poolInstances.forEach((p, i) => {
      if (p.calendar >= 0) this.calendarPools[p.calendar].push(i);
    });

    const nw = c.waitNodes.length;
    this.twPoolWorking = 1 + nw;
    this.twPoolAvailable = this.twPoolWorking + np;
    this.twSystemBusy = this.twPoolAvailable + np;
    this.twSystemDown = this.twSystemBusy + ns;
    this.twExtraBranches = this.twSystemDown + ns;
    const ntw = this.twExtraBranches + 1;
    this.twValue = new Float64Array(ntw);
    this.twLast = new Float64Array(ntw);
    this.twBucket = new Float64Array(ntw);
    this.twTotal = new Float64Array(ntw);
    this.twBaseline = new Float64Array(ntw);
    this.twMax = new Float64Array(ntw);
    this.twMaxAll = new Float64Array(ntw);
    this.seriesTw = Array.from({ length: ntw }, () => []);

    const n = c.nodeCount;
    this.nArrivals = new Float64Array(n);
    this.nCompletions = new Float64Array(n);
    this.nFailures = new Float64Array(n);
    this.nRetries = new Float64Array(n);
    this.nDeadLetters = new Float64Array(n);
    this.nOverflows = new Float64Array(n);
    this.nTimeouts = new Float64Array(n);
    this.nWait = c.waitNodes.map(() => new DurationHistogram());
    this.cycleByOutcome = c.outcomes.map(() => new DurationHistogram());
    this.cycleBySite = c.siteIds.map(() => new DurationHistogram());
    this.completedByOutcome = new Float64Array(c.outcomes.length);
    this.completedBySite = new Float64Array(c.siteCount);
    this.eTraversals = new Float64Array(c.edgeCount + 1);
    this.eTraversalsAtWarmup = new Float64Array(c.edgeCount + 1);
    this.edgeTo = c.edgeTo;
    this.slaMeasured = new Float64Array(this.nSla);
    this.slaMet = new Float64Array(this.nSla);
    const f = c.fulfilment;
    this.fMilestone = f ? f.milestone : new Int8Array(c.nodeCount);
    this.fulfilledOutcome = c.outcomes.indexOf('fulfilled');
    this.ff = f
      ? new Fulfilment(f, this, {
          seed,
          replication: rep,
          warmup: this.warmup,
          siteIds: c.siteIds,
          sourceIds: c.sources.map((src) => src.id),
          nodeIds: c.nodeIds,
        })
      : null;
  }

  // ------------------------------------------------------------------------------------------ storage

  private growTokens(n: number): void {
    const old = this.tCap;
    this.tOrder = growI32(this.tOrder, n);
    this.tNode = growI32(this.tNode, n);
    this.tGen = growI32(this.tGen, n);
    this.tNext = growI32(this.tNext, n);
    this.tAttempt = growI32(this.tAttempt, n);
    this.tRes = growI32(this.tRes, n);
    this.tQty = growI32(this.tQty, n);
    this.tFlag = growI32(this.tFlag, n);
    this.tPos = growI32(this.tPos, n);
    this.tEnter = growF64(this.tEnter, n);
    this.tStart = growF64(this.tStart, n);
    this.tEnd = growF64(this.tEnd, n);
    this.tWait = growF64(this.tWait, n);
    this.tSeq = growF64(this.tSeq, n);
    this.tSite = growI32(this.tSite, n);
    this.tShip = growI32(this.tShip, n);
    // New slots go on the free list, lowest id first.
    for (let i = n - 1; i >= old; i--) {
      this.tNext[i] = this.tFree;
      this.tFree = i;
    }
    this.tCap = n;
  }

  private newToken(order: number): number {
    if (this.tFree < 0) this.growTokens(this.tCap * 2);
    const t = this.tFree;
    this.tFree = this.tNext[t];
    this.tNext[t] = -1;
    this.tOrder[t] = order;
    this.tFlag[t] = 0;
    this.tAttempt[t] = 0;
    this.tWait[t] = 0;
    this.tSite[t] = this.oSite[order];
    this.tShip[t] = -1;
    this.oLive[order]++;
    return t;
  }

  private freeToken(t: number): void {
    this.tGen[t]++;
    this.tNext[t] = this.tFree;
    this.tFree = t;
  }

  private growOrders(n: number): void {
    const old = this.oCap;
    this.oArrival = growF64(this.oArrival, n);
    this.oSite = growI32(this.oSite, n);
    this.oPrio = growI32(this.oPrio, n);
    this.oLines = growI32(this.oLines, n);
    this.oValue = growF64(this.oValue, n);
    this.oLive = growI32(this.oLive, n);
    this.oCase = growI32(this.oCase, n);
    this.oCounted = growU8(this.oCounted, n);
    this.oAttr = growI32(this.oAttr, n * this.nAttr);
    this.oSla = growF64(this.oSla, n * this.nSla);
    this.oJoin = growI32(this.oJoin, n * this.nJoin);
    this.oJoinSum = growF64(this.oJoinSum, n * this.nJoin);
    this.oLastEnd = growI32(this.oLastEnd, n);
    // Orders reuse the token free-list trick through oLive (a free order has oLive = -1 - next free).
    for (let i = n - 1; i >= old; i--) {
      this.oLive[i] = -1 - this.oFree;
      this.oFree = i;
    }
    this.oCap = n;
  }

  private newOrder(): number {
    if (this.oFree < 0) this.growOrders(this.oCap * 2);
    const o = this.oFree;
    this.oFree = -1 - this.oLive[o];
    this.oLive[o] = 0;
    return o;
  }

  private freeOrder(o: number): void {
    this.oLive[o] = -1 - this.oFree;
    this.oFree = o;
  }

  // ------------------------------------------------------------------------------------------ time-weighted stats

  /** Sets accumulator i to v at the current time (area grows by the old value times the elapsed time). */
  private tw(i: number, v: number): void {
    const now = this.now;
    this.twBucket[i] += this.twValue[i] * (now - this.twLast[i]);
    this.twLast[i] = now;
    this.twValue[i] = v;
    if (v > this.twMax[i]) this.twMax[i] = v;
    if (v > this.twMaxAll[i]) this.twMaxAll[i] = v;
  }

  private flushAll(): void {
    const n = this.twValue.length;
    const now = this.now;
    for (let i = 0; i < n; i++) {
      this.twBucket[i] += this.twValue[i] * (now - this.twLast[i]);
      this.twLast[i] = now;
    }
  }

  private closeBucket(): void {
    this.flushAll();
    const width = this.now - this.bucketStart;
    const n = this.twValue.length;
    for (let i = 0; i < n; i++) {
      this.seriesTw[i].push(width > 0 ? this.twBucket[i] / width : this.twValue[i]);
      this.twTotal[i] += this.twBucket[i];
      this.twBucket[i] = 0;
    }
    this.seriesThroughput.push(this.bucketCompletions);
    this.bucketCompletions = 0;
    this.bucketStart = this.now;
  }

  // ------------------------------------------------------------------------------------------ main loop

  run(): void {
    const c = this.c;
    const cal = this.cal;
    // Initial state at Monday 00:00.
    c.calendars.forEach((calendar, k) => {
      const on = calendarIsOn(calendar, 0);
      this.calendarOn[k] = on ? 1 : 0;
      this.scheduleShift(k);
    });
    c.poolInstances.forEach((p, i) => {
      const on = p.calendar < 0 || this.calendarOn[p.calendar] === 1;
      this.pOnShift[i] = on ? 1 : 0;
      this.tw(this.twPoolAvailable + i, on ? p.capacity : 0);
    });
    c.systemInstances.forEach((s, i) => {
      s.scheduled.forEach((o, j) => {
        if (o.duration > 0 && o.start <= this.horizon) cal.push(o.start, PRIO_CHANGE, EV_OUTAGE_START, i, j);
      });
      if (s.randomMttr) {
        const first = s.randomMtbf * standardExponential(this.outageStream[i]);
        if (first <= this.horizon) cal.push(first, PRIO_CHANGE, EV_OUTAGE_START, i, -1);
      }
    });
    c.nodeIds.forEach((_, i) => {
      const b = c.batch[i];
      if (b && b.every > 0 && b.offset <= this.horizon) cal.push(b.offset, PRIO_WORK, EV_BATCH_RELEASE, i, 0);
    });
    c.sources.forEach((_, s) => this.scheduleArrival(s, 0));
    if (this.ff) this.ff.start();
    if (this.warmup > 0) cal.push(this.warmup, PRIO_BOOKKEEPING, EV_WARMUP, 0, 0);
    if (this.bucketMinutes < this.horizon) cal.push(this.bucketMinutes, PRIO_BOOKKEEPING, EV_BUCKET, 0, 0);

    const horizon = this.horizon;
    const signal = this.options.signal;
    const onProgress = this.options.onProgress;
    const maxEvents = this.guard.maxEvents;
    let loops = 0;
    let lastProgress = 0;
    while (!this.stopped) {
      if (cal.peekTime() > horizon || !cal.pop()) break;
      this.now = cal.time;
      this.routingSteps = 0;
      const a = cal.a;
      switch (cal.type) {
        case EV_ARRIVAL:
          this.arrival(a);
          break;
        case EV_ACTIVITY_END:
          if (this.tGen[a] === cal.b) this.activityEnd(a);
          break;
        case EV_CALL_END:
          if (this.tGen[a] === cal.b) this.callEnd(a);
          break;
        case EV_DELAY_END:
          this.delayEnd(a);
          break;
        case EV_RETRY:
          this.attempt(a);
          break;
        case EV_BATCH_CALL:
          this.batchRun(a);
          break;
        case EV_BATCH_RELEASE:
          this.releaseBatch(a);
          {
            const b = c.batch[a];
            if (b && b.every > 0) cal.push(this.now + b.every, PRIO_WORK, EV_BATCH_RELEASE, a, 0);
          }
          break;
        case EV_SHIFT:
          this.events++;
          this.shiftChange(a);
          break;
        case EV_OUTAGE_START:
          this.events++;
          this.outageStart(a, cal.b);
          break;
        case EV_OUTAGE_END:
          this.events++;
          this.outageEnd(a, cal.b);
          break;
        case EV_BUCKET:
          this.closeBucket();
          if (this.now + this.bucketMinutes < horizon) cal.push(this.now + this.bucketMinutes, PRIO_BOOKKEEPING, EV_BUCKET, 0, 0);
          break;
        case EV_WARMUP:
          this.startWindow();
          break;
        case FE_REPLENISH:
        case FE_LINE_READY:
        case FE_WAIT_LIMIT:
        case FE_REVIEW:
        case FE_OPENING_PAYMENT:
          this.events++;
          (this.ff as Fulfilment).onEvent(cal.type, a, cal.b);
          break;
        default:
          throw new Error(`Unknown event type ${cal.type} at minute ${this.now}.`);
      }
      if ((++loops & 16383) === 0) {
        if (signal && signal.aborted) {
          this.stop('cancelled', `Cancelled at minute ${Math.round(this.now)} of ${horizon}.`, null);
          break;
        }
        if (this.events > maxEvents) this.stopForEvents();
        if (onProgress && this.now - lastProgress >= horizon / 200) {
          lastProgress = this.now;
          onProgress(Math.min(1, this.now / horizon));
        }
      }
    }
    if (this.status === 'ok' || this.status === 'unstable') {
      if (this.status === 'ok') this.now = horizon;
      if (this.warmup > 0 && this.now < this.warmup) this.startWindow();
    }
    if (this.now > this.bucketStart || this.seriesThroughput.length === 0) this.closeBucket();
    if (onProgress && this.status === 'ok') onProgress(1);
  }

  /** The warm-up ends: time-weighted totals restart from here, maxima restart from the current values. */
  private startWindow(): void {
    this.eTraversalsAtWarmup.set(this.eTraversals);
    this.flushAll();
    if (this.ff) this.ff.startWindow(this.now);
    const n = this.twValue.length;
    for (let i = 0; i < n; i++) {
      this.twBaseline[i] = this.twTotal[i] + this.twBucket[i];
      this.twMax[i] = this.twValue[i];
    }
  }

  private stop(status: ReplicationResult['status'], message: string, info: InstabilityInfo | null): void {
    this.stopped = true;
    this.status = status;
    this.message = message;
    this.instability = info;
  }

  // ------------------------------------------------------------------------------------------ sources

  /**
   * Next arrival of source s after time t: a non-homogeneous Poisson process by inversion of its integrated rate.
   * The rate is piecewise constant (hour of day, day of week, surge windows), so one unit-exponential draw is spent
   * walking segment by segment: exact, and one random number per arrival however peaky the profile.
   */
  private scheduleArrival(s: number, t: number): void {
    const src = this.c.sources[s];
    if (src.maxRatePerMinute <= 0 || src.next < 0) return;
    const rng = this.sourceArrivals[s];
    let need = standardExponential(rng);
    let time = t;
    const horizon = this.horizon;
    if (!src.varying) {
      time += need / src.baseRatePerMinute;
    } else {
      for (;;) {
        const rate = this.rateAt(s, time);
        const end = this.segmentEnd(s, time);
        if (rate > 0 && need <= rate * (end - time)) {
          time += need / rate;
          break;
        }
        if (end > horizon) return;
        need -= rate * (end - time);
        time = end;
      }
    }
    if (time > horizon) return;
    this.cal.push(time, PRIO_WORK, EV_ARRIVAL, s, 0);
  }

  /** End of the constant-rate segment of source s that contains minute t. */
  private segmentEnd(s: number, t: number): number {
    const src = this.c.sources[s];
    let end = src.hourOfDay ? (Math.floor(t / 60) + 1) * 60 : src.dayOfWeek ? (Math.floor(t / 1440) + 1) * 1440 : Infinity;
    for (const surge of src.surges) {
      if (surge.start > t && surge.start < end) end = surge.start;
      else if (surge.end > t && surge.end < end) end = surge.end;
    }
    return end;
  }

  /** Arrival rate of source s at minute t (per minute). */
  rateAt(s: number, t: number): number {
    const src = this.c.sources[s];
    let rate = src.baseRatePerMinute;
    if (src.hourOfDay) rate *= src.hourOfDay[Math.floor(t / 60) % 24];
    if (src.dayOfWeek) rate *= src.dayOfWeek[Math.floor(t / 1440) % 7];
    for (const surge of src.surges) if (t >= surge.start && t < surge.end) rate *= surge.multiplier;
    return rate;
  }

  private arrival(s: number): void {
    const c = this.c;
    const src = c.sources[s];
    this.scheduleArrival(s, this.now);
    this.events++;
    if (this.wip >= this.guard.maxOrdersInSystem) {
      this.stopForOrders();
      return;
    }
    const o = this.newOrder();
    const now = this.now;
    this.oArrival[o] = now;
    this.oCase[o] = ++this.caseCounter;
    const counted = now >= this.warmup ? 1 : 0;
    this.oCounted[o] = counted;
    this.ordersArrived++;
    if (counted) this.ordersArrivedInWindow++;
    const rng = this.sourceAttributes[s];
    this.oSite[o] = src.siteIndex.length === 1 ? src.siteIndex[0] : src.siteIndex[pickCumulative(src.siteCumulative, rng)];
    this.oPrio[o] = src.priorityCumulative ? src.priorityIndex[pickCumulative(src.priorityCumulative, rng)] : this.nClass - 1;
    if (src.constantLines) this.oLines[o] = Math.max(1, Math.round(src.lines.mean));
    else this.oLines[o] = Math.max(1, Math.round(src.lines.sample(rng)));
    this.oValue[o] = src.value.kind === 0 ? src.value.mean : src.value.sample(rng);
    const nAttr = this.nAttr;
    if (nAttr > 0) {
      const base = o * nAttr;
      for (let k = 0; k < nAttr; k++) this.oAttr[base + k] = -1;
      for (const attr of src.attributes) this.oAttr[base + attr.index] = attr.valueIndex[pickCumulative(attr.cumulative, rng)];
    }
    const nSla = this.nSla;
    if (nSla > 0) {
      const base = o * nSla;
      for (let k = 0; k < nSla; k++) this.oSla[base + k] = c.slas[k].from < 0 ? now : NaN;
    }
    this.oLastEnd[o] = -1;
    const nJoin = this.nJoin;
    if (nJoin > 0) {
      const base = o * nJoin;
      for (let k = 0; k < nJoin; k++) {
        this.oJoin[base + k] = 0;
        this.oJoinSum[base + k] = 0;
      }
    }
    this.wip++;
    this.tw(0, this.wip);
    const t = this.newToken(o);
    this.tNode[t] = src.node;
    if (this.ff) {
      const segmentAttribute = this.ff.segmentAttribute;
      const segmentValue = segmentAttribute >= 0 ? this.oAttr[o * nAttr + segmentAttribute] : -1;
      this.tShip[t] = this.ff.newOrder(o, s, this.oSite[o], this.oLines[o], this.oValue[o], counted === 1, segmentValue, this.valueOut);
      this.oValue[o] = this.valueOut[0];
    }
    if (counted) this.nArrivals[src.node]++;
    this.leave(t, src.node, c.nextEdge[src.node]);
  }

  // ------------------------------------------------------------------------------------------ routing

  /** The token leaves `from` (counted, SLA clocks) along edge `edge` (the sentinel edge when there is none) and enters its target. */
  private leave(t: number, from: number, edge: number): void {
    const o = this.tOrder[t];
    if (this.fMilestone[from] !== 0) (this.ff as Fulfilment).milestone(this.tShip[t], this.fMilestone[from]);
    if (this.oCounted[o]) this.nCompletions[from]++;
    if (this.c.slaHook[from]) this.slaAt(o, from);
    // Counted from minute 0; the count at the end of the warm-up is subtracted (no branch here).
    this.eTraversals[edge]++;
    this.enter(t, this.edgeTo[edge]);
  }

  private slaAt(o: number, node: number): void {
    const c = this.c;
    const base = o * this.nSla;
    const oSla = this.oSla;
    const now = this.now;
    const stops = c.slaStopList;
    for (let i = c.slaStopOffset[node], end = c.slaStopOffset[node + 1]; i < end; i++) {
      const k = stops[i];
      const start = oSla[base + k];
      if (start === start && start !== -Infinity) {
        if (this.oCounted[o] === 1) {
          this.slaMeasured[k]++;
          // A relative tolerance of 1e-12 keeps float rounding (arrival + 30 - arrival) from missing an exact target.
          if (now - start <= c.slaTargetMinutes[k] + 1e-12 * now) this.slaMet[k]++;
        }
        oSla[base + k] = -Infinity; // measured once per order
      }
    }
    const starts = c.slaStartList;
    for (let i = c.slaStartOffset[node], end = c.slaStartOffset[node + 1]; i < end; i++) {
      const k = starts[i];
      if (oSla[base + k] !== oSla[base + k]) oSla[base + k] = now;
    }
  }

  private enter(t: number, node: number): void {
    const c = this.c;
    for (;;) {
      if (++this.routingSteps > maxRoutingSteps) {
        this.stop(
          'unstable',
          `Orders loop through "${c.nodeNames[node]}" without spending any time (more than ${groupDigits(maxRoutingSteps)} steps at minute ${Math.round(this.now)}): give a step on the loop a duration.`,
          { limit: 'events', nodeId: c.nodeIds[node], siteId: null, queueLength: 0, offeredLoad: null, atMinutes: this.now },
        );
        return;
      }
      if (this.stopped) return;
      const o = this.tOrder[t];
      this.tNode[t] = node;
      if (this.oCounted[o]) {
        this.nArrivals[node]++;
      }
      const visitCost = c.costPerVisit[node];
      if (visitCost > 0 && this.now >= this.warmup) this.visitCost += visitCost;
      if (this.ff !== null && this.now >= this.warmup) this.ff.visit(this.tShip[t], node, visitCost);
      switch (c.kind[node]) {
        case K_ACTIVITY:
          this.arriveActivity(t, node);
          return;
        case K_INTEGRATION:
          this.arriveIntegration(t, node);
          return;
        case K_DECISION: {
          const edge = this.decide(t, node);
          if (this.fMilestone[node] !== 0) (this.ff as Fulfilment).milestone(this.tShip[t], this.fMilestone[node]);
          if (this.oCounted[o]) this.nCompletions[node]++;
          if (c.slaHook[node]) this.slaAt(o, node);
          this.eTraversals[edge]++;
          node = c.edgeTo[edge];
          continue;
        }
        case K_SPLIT: {
          const targets = c.splitTargets[node];
          const edges = c.splitEdges[node];
          if (this.fMilestone[node] !== 0) (this.ff as Fulfilment).milestone(this.tShip[t], this.fMilestone[node]);
          if (this.oCounted[o]) this.nCompletions[node]++;
          if (c.slaHook[node]) this.slaAt(o, node);
          for (let i = 0; i < edges.length; i++) this.eTraversals[edges[i]]++;
          // Each extra token is a parallel branch until its join merges it (or it reaches an end).
          if (targets.length > 1) this.tw(this.twExtraBranches, this.twValue[this.twExtraBranches] + targets.length - 1);
          for (let i = 1; i < targets.length; i++) {
            const copy = this.newToken(o);
            this.tNode[copy] = node;
            this.tSite[copy] = this.tSite[t];
            this.tShip[copy] = this.tShip[t];
            this.enter(copy, targets[i]);
            if (this.stopped) return;
          }
          node = targets[0];
          continue;
        }
        case K_JOIN:
          if (this.arriveJoin(t, node)) {
            if (this.fMilestone[node] !== 0) (this.ff as Fulfilment).milestone(this.tShip[t], this.fMilestone[node]);
            if (this.oCounted[o]) this.nCompletions[node]++;
            if (c.slaHook[node]) this.slaAt(o, node);
            const edge = c.nextEdge[node];
            this.eTraversals[edge]++;
            node = c.edgeTo[edge];
            continue;
          }
          return;
        case K_DELAY:
        case K_AWAIT_PAYMENT: {
          // A payment wait is a delay drawn from the customer's (or the step's) days to pay.
          const d =
            c.kind[node] === K_DELAY
              ? (c.delay[node * c.siteCount + this.tSite[t]] as NonNullable<CompiledModel['delay'][number]>).sample(this.durationStream[node])
              : (this.ff as Fulfilment).paymentDelay(node, o, this.durationStream[node]);
          this.events++;
          this.tStart[t] = this.now;
          this.cal.push(this.now + d, PRIO_WORK, EV_DELAY_END, t, 0);
          return;
        }
        case K_BATCH:
          this.arriveBatch(t, node);
          return;
        case K_ALLOCATE:
        case K_CREDIT_CHECK: {
          const ff = this.ff as Fulfilment;
          const how = c.kind[node] === K_ALLOCATE ? ff.allocate(t, this.tShip[t], node) : ff.creditCheck(t, this.tShip[t], node);
          if (how === WAIT) {
            this.tEnter[t] = this.now;
            this.waitingAt(node, +1);
            return;
          }
          this.leaveFulfilmentStep(t, node, how, 0);
          return;
        }
        case K_END:
          if (this.fMilestone[node] !== 0) (this.ff as Fulfilment).milestone(this.tShip[t], this.fMilestone[node]);
          if (this.oCounted[o]) this.nCompletions[node]++;
          if (c.slaHook[node]) this.slaAt(o, node);
          this.endToken(t, node);
          return;
        default:
          throw new Error(`Orders cannot enter "${c.nodeNames[node]}" (a source).`);
      }
    }
  }

  /** The branch edge the token takes at decision `node`. */
  private decide(t: number, node: number): number {
    const c = this.c;
    const p = c.decisionProbability[node];
    if (p) return p.edges[pickCumulative(p.cumulative, this.decisionStream[node])];
    const d = c.decisionConditions[node];
    if (!d) throw new Error(`Decision "${c.nodeNames[node]}" has no branches.`);
    const o = this.tOrder[t];
    for (let i = 0; i < d.conditions.length; i++) if (this.holds(d.conditions[i], o)) return d.edges[i];
    if (c.edgeTo[d.otherwiseEdge] < 0) throw new Error(`Decision "${c.nodeNames[node]}": no condition matched and there is no "otherwise" branch.`);
    return d.otherwiseEdge;
  }

  private holds(cond: CompiledCondition, o: number): boolean {
    if (cond.attribute === A_LINES || cond.attribute === A_VALUE) {
      const x = cond.attribute === A_LINES ? this.oLines[o] : this.oValue[o];
      const v = cond.number;
      switch (cond.op) {
        case OP_EQ:
        case OP_IN:
          return x === v;
        case OP_NEQ:
          return x !== v;
        case OP_LT:
          return x < v;
        case OP_LTE:
          return x <= v;
        case OP_GT:
          return x > v;
        case OP_GTE:
          return x >= v;
        default:
          return false;
      }
    }
    if (cond.numericOnCategorical) return false;
    let value: number;
    if (cond.attribute === A_SITE) value = this.oSite[o];
    else if (cond.attribute === A_PRIORITY) value = this.oPrio[o];
    else value = cond.customIndex >= 0 ? this.oAttr[o * this.nAttr + cond.customIndex] : -1;
    const member = value >= 0 && cond.accepted.has(value);
    return cond.op === OP_NEQ ? !member : member;
  }

  private endToken(t: number, node: number): void {
    const o = this.tOrder[t];
    if (this.ff) this.ff.tokenEnded(this.tShip[t], this.c.outcomeOf[node] === this.fulfilledOutcome);
    this.freeToken(t);
    this.oLastEnd[o] = node;
    if (--this.oLive[o] > 0) {
      // A parallel branch ended while others go on.
      this.tw(this.twExtraBranches, this.twValue[this.twExtraBranches] - 1);
      return;
    }
    this.completeOrder(o, node, 1);
  }

  /**
   * The order has no live branch left: it is complete, with the outcome of `endNode`. Branches still held at a join
   * (whose sibling ended on another path, so the join can never fire) are released. `endingToken` is 1 when the
   * order's last live branch ended at `endNode`, 0 when its last branch was absorbed at a join.
   */
  private completeOrder(o: number, endNode: number, endingToken: 0 | 1): void {
    let held = 0;
    if (this.nJoin > 0) {
      const base = o * this.nJoin;
      for (let k = 0; k < this.nJoin; k++) {
        const waiting = this.oJoin[base + k];
        if (waiting === 0) continue;
        this.waitingAt(this.joinNodeBySlot[k], -waiting);
        held += waiting;
        this.oJoin[base + k] = 0;
        this.oJoinSum[base + k] = 0;
      }
    }
    // Extra branches counted = held branches + the ending one - the order's own single branch.
    const extra = held + endingToken - 1;
    if (extra !== 0) this.tw(this.twExtraBranches, this.twValue[this.twExtraBranches] - extra);
    const node = endNode;
    const now = this.now;
    this.ordersCompleted++;
    this.bucketCompletions++;
    if (now >= this.warmup) {
      this.completionsInWindow++;
      this.completedByOutcome[this.c.outcomeOf[node]]++;
      this.completedBySite[this.oSite[o]]++;
    }
    if (this.oCounted[o]) {
      const cycle = now - this.oArrival[o];
      this.cycle.add(cycle);
      this.cycleByOutcome[this.c.outcomeOf[node]].add(cycle);
      this.cycleBySite[this.oSite[o]].add(cycle);
    }
    this.wip--;
    this.tw(0, this.wip);
    if (this.ff) this.ff.orderCompleted(o);
    this.freeOrder(o);
  }

  private recordWait(t: number, node: number, wait: number): void {
    if (this.oCounted[this.tOrder[t]]) this.nWait[this.c.waitSlot[node]].add(wait);
  }

  // ------------------------------------------------------------------------------------------ activities

  private arriveActivity(t: number, node: number): void {
    const c = this.c;
    const o = this.tOrder[t];
    const p = c.activity[node * c.siteCount + this.tSite[t]] as NonNullable<CompiledModel['activity'][number]>;
    const pi = p.poolInstance;
    const q = p.queue;
    this.tRes[t] = pi;
    this.tQty[t] = p.quantity;
    this.tEnter[t] = this.now;
    this.qArrivals[q]++;
    // Work offered (mean duration x lines x units), for the offered load named when a queue explodes.
    this.qWork[q] += p.sampler.mean * p.quantity * (p.perLine ? this.linesOf(t) : 1);
    if (this.pOnShift[pi] === 1 && this.pFree[pi] >= p.quantity && this.poolQueueEmpty(pi)) {
      this.startActivity(t, node, pi, p.quantity);
      return;
    }
    if (this.qLen[q] >= p.queueCapacity) {
      if (this.oCounted[o]) this.nOverflows[node]++;
      this.leave(t, node, c.overflowEdge[node]);
      return;
    }
    // Enqueue at the tail of its class (FIFO queues use one list).
    const slot = q * this.nClass + (p.priority ? this.oPrio[o] : 0);
    this.tNext[t] = -1;
    this.tSeq[t] = this.seq++;
    if (this.qTail[slot] < 0) this.qHead[slot] = t;
    else this.tNext[this.qTail[slot]] = t;
    this.qTail[slot] = t;
    this.qLen[q]++;
    const stat = this.qStat[q];
    this.tw(stat, this.twValue[stat] + 1);
  }

  private poolQueueEmpty(pi: number): boolean {
    const queues = this.pQueues[pi];
    for (let i = 0; i < queues.length; i++) if (this.qLen[queues[i]] > 0) return false;
    return true;
  }

  /** Head token of queue q (first non-empty class), or -1. */
  private queueHead(q: number): number {
    if (this.qLen[q] === 0) return -1;
    const nClass = this.nClass;
    if (this.qPriority[q] === 0) return this.qHead[q * nClass];
    for (let k = 0; k < nClass; k++) {
      const h = this.qHead[q * nClass + k];
      if (h >= 0) return h;
    }
    return -1;
  }

  private dequeue(q: number, t: number): void {
    const nClass = this.nClass;
    const slot = q * nClass + (this.qPriority[q] === 1 ? this.oPrio[this.tOrder[t]] : 0);
    const next = this.tNext[t];
    this.qHead[slot] = next;
    if (next < 0) this.qTail[slot] = -1;
    this.tNext[t] = -1;
    this.qLen[q]--;
    const stat = this.qStat[q];
    this.tw(stat, this.twValue[stat] - 1);
  }

  /** Gives free units of pool instance pi to waiting requests: earliest head first across activities. */
  private dispatchPool(pi: number): void {
    if (this.pOnShift[pi] === 0) return;
    const queues = this.pQueues[pi];
    const c = this.c;
    while (this.pFree[pi] > 0) {
      let bestQ = -1;
      let best = -1;
      if (queues.length === 1) {
        bestQ = queues[0];
        best = this.queueHead(bestQ);
      } else {
        for (let i = 0; i < queues.length; i++) {
          const h = this.queueHead(queues[i]);
          if (h >= 0 && (best < 0 || this.tSeq[h] < this.tSeq[best])) {
            best = h;
            bestQ = queues[i];
          }
        }
      }
      if (best < 0) return;
      const qty = this.tQty[best];
      if (qty > this.pFree[pi]) return; // strict order: a large request is not overtaken
      this.dequeue(bestQ, best);
      this.startActivity(best, c.queues[bestQ].node, pi, qty);
    }
  }

  private startActivity(t: number, node: number, pi: number, qty: number): void {
    const c = this.c;
    const now = this.now;
    this.pFree[pi] -= qty;
    const working = this.twPoolWorking + pi;
    this.tw(working, this.twValue[working] + qty);
    this.events++;
    this.recordWait(t, node, now - this.tEnter[t]);
    const p = c.activity[node * c.siteCount + this.tSite[t]] as NonNullable<CompiledModel['activity'][number]>;
    const rng = this.durationStream[node];
    let d: number;
    if (p.perLine) {
      d = 0;
      const lines = this.linesOf(t);
      for (let i = 0; i < lines; i++) d += p.sampler.sample(rng);
    } else d = p.sampler.sample(rng);
    if (this.ff !== null && this.ff.isException(node) && now >= this.warmup) this.ff.exceptionLabour += (d * qty * c.poolInstances[pi].costPerHour) / 60;
    this.tStart[t] = now;
    this.tEnd[t] = now + d;
    if (this.pTracked[pi] === 1) this.track(this.pList, this.pListLen, pi, t);
    this.cal.push(now + d, PRIO_WORK, EV_ACTIVITY_END, t, this.tGen[t]);
  }

  private activityEnd(t: number): void {
    const c = this.c;
    const node = this.tNode[t];
    const o = this.tOrder[t];
    const pi = this.tRes[t];
    const qty = this.tQty[t];
    this.events++;
    this.pFree[pi] += qty;
    const working = this.twPoolWorking + pi;
    this.tw(working, this.twValue[working] - qty);
    if (this.pTracked[pi] === 1) this.untrack(this.pList, this.pListLen, pi, t);
    const p = c.activity[node * c.siteCount + this.tSite[t]] as NonNullable<CompiledModel['activity'][number]>;
    let failed = false;
    if (p.failureProbability > 0 && this.failureStream[node].next() < p.failureProbability) {
      failed = true;
      if (this.oCounted[o]) this.nFailures[node]++;
    }
    if (this.log) this.logRow(t, node, c.poolInstances[pi].name, 0, failed ? 'failed' : 'ok');
    this.dispatchPool(pi);
    this.leave(t, node, failed ? c.errorEdge[node] : c.nextEdge[node]);
  }

  private logRow(t: number, node: number, resource: string, attempt: number, status: EventLogRow['status']): void {
    const o = this.tOrder[t];
    (this.log as (row: EventLogRow) => void)({
      caseId: this.oCase[o],
      replication: this.options.replication,
      activityId: this.c.nodeIds[node],
      activity: this.c.nodeNames[node],
      startMinutes: this.tStart[t],
      completeMinutes: this.now,
      resource,
      site: this.c.siteIds[this.tSite[t]],
      attempt,
      status,
    });
  }

  /** Adds token t to instance i's list of work in progress (for pausing at shift ends and outages). */
  private track(lists: Array<Int32Array<ArrayBuffer>>, lens: Int32Array, i: number, t: number): void {
    let list = lists[i];
    const n = lens[i];
    if (n === list.length) {
      list = growI32(list, Math.max(16, n * 2));
      lists[i] = list;
    }
    list[n] = t;
    this.tPos[t] = n;
    lens[i] = n + 1;
  }

  private untrack(lists: Int32Array[], lens: Int32Array, i: number, t: number): void {
    const list = lists[i];
    const last = --lens[i];
    const pos = this.tPos[t];
    const moved = list[last];
    list[pos] = moved;
    this.tPos[moved] = pos;
  }

  private shiftChange(k: number): void {
    const c = this.c;
    const on = this.calendarOn[k] === 0;
    this.calendarOn[k] = on ? 1 : 0;
    for (const pi of this.calendarPools[k]) {
      const capacity = c.poolInstances[pi].capacity;
      this.pOnShift[pi] = on ? 1 : 0;
      this.tw(this.twPoolAvailable + pi, on ? capacity : 0);
      const busy = capacity - this.pFree[pi];
      this.tw(this.twPoolWorking + pi, on ? busy : 0);
      const list = this.pList[pi];
      const n = this.pListLen[pi];
      for (let i = 0; i < n; i++) {
        const t = list[i];
        if (on) {
          // Preemptive resume: the remaining work (kept in tWait while paused) continues from the shift start.
          if (this.tWait[t] < 0) continue;
          this.tEnd[t] = this.now + this.tWait[t];
          this.cal.push(this.tEnd[t], PRIO_WORK, EV_ACTIVITY_END, t, this.tGen[t]);
        } else if (this.tEnd[t] > this.now) {
          this.tGen[t]++;
          this.tWait[t] = this.tEnd[t] - this.now;
        } else {
          // Ends this very minute: its end event stands; on resume it must not be rescheduled.
          this.tWait[t] = -1;
        }
      }
      if (on) this.dispatchPool(pi);
    }
    this.scheduleShift(k);
  }

  /**
   * Schedules the next change of calendar k. A shift end runs before work events at the same instant (no new start
   * at the closing minute), a shift start after them; work ending exactly at the shift end is not paused.
   */
  private scheduleShift(k: number): void {
    const next = nextCalendarChange(this.c.calendars[k], this.now);
    if (next > this.horizon) return;
    this.cal.push(next, this.calendarOn[k] === 1 ? PRIO_SHIFT_END : PRIO_CHANGE, EV_SHIFT, k, 0);
  }

  // ------------------------------------------------------------------------------------------ integrations

  private integrationParams(t: number, node: number): IntegrationParams {
    const c = this.c;
    return c.integration[node * c.siteCount + this.tSite[t]] as IntegrationParams;
  }

  private arriveIntegration(t: number, node: number): void {
    const p = this.integrationParams(t, node);
    this.tRes[t] = p.systemInstance;
    this.tAttempt[t] = 0;
    this.tWait[t] = 0;
    this.tEnter[t] = this.now;
    if (p.batch) {
      // Next run at offset + k x interval that is at least `cutoff` after now.
      const k = Math.max(0, Math.ceil((this.now + p.batchCutoffMinutes - p.batchOffsetMinutes) / p.batchIntervalMinutes - 1e-12));
      const run = p.batchOffsetMinutes + k * p.batchIntervalMinutes;
      this.waitingAt(node, +1);
      // One list per (node, site), in arrival order and so in run order; one pending event per list.
      const g = node * this.c.siteCount + this.tSite[t];
      this.tEnd[t] = run;
      this.tNext[t] = -1;
      if (this.gTail[g] < 0) this.gHead[g] = t;
      else this.tNext[this.gTail[g]] = t;
      this.gTail[g] = t;
      if (this.gPending[g] === 0) {
        this.gPending[g] = 1;
        this.cal.push(run, PRIO_WORK, EV_BATCH_CALL, g, 0);
      }
      return;
    }
    this.attempt(t);
  }

  /** A batch run: every order of list g due now makes its call, in arrival order. */
  private batchRun(g: number): void {
    this.gPending[g] = 0;
    const now = this.now;
    let t = this.gHead[g];
    while (t >= 0 && this.tEnd[t] <= now && !this.stopped) {
      const next = this.tNext[t];
      this.gHead[g] = next;
      if (next < 0) this.gTail[g] = -1;
      this.tNext[t] = -1;
      this.tWait[t] += now - this.tEnter[t];
      this.attempt(t);
      t = this.gHead[g];
    }
    if (t >= 0 && this.gPending[g] === 0) {
      this.gPending[g] = 1;
      this.cal.push(this.tEnd[t], PRIO_WORK, EV_BATCH_CALL, g, 0);
    }
  }

  private waitingAt(node: number, delta: number): void {
    const stat = 1 + this.c.waitSlot[node];
    this.tw(stat, this.twValue[stat] + delta);
  }

  /** One attempt of the call: at once, or queued for a free call slot, or failed at once in a `fail` outage. */
  private attempt(t: number): void {
    const node = this.tNode[t];
    const si = this.tRes[t];
    const s = this.c.systemInstances[si];
    if (this.tAttempt[t] === 0 && this.integrationParams(t, node).batch) this.waitingAt(node, -1);
    this.tAttempt[t]++;
    this.tEnter[t] = this.now;
    this.sAttempts[si]++;
    if (this.sDown[si] > 0 && s.failBehaviour) {
      this.tStart[t] = this.now;
      this.attemptFailed(t, node, 'failed');
      return;
    }
    if (this.sDown[si] > 0 || this.sBusy[si] >= s.concurrency || this.sQLen[si] > 0) {
      this.tNext[t] = -1;
      if (this.sTail[si] < 0) this.sHead[si] = t;
      else this.tNext[this.sTail[si]] = t;
      this.sTail[si] = t;
      this.sQLen[si]++;
      this.waitingAt(node, +1);
      return;
    }
    this.startCall(t, node, si);
  }

  private startCall(t: number, node: number, si: number): void {
    const s = this.c.systemInstances[si];
    const p = this.integrationParams(t, node);
    const now = this.now;
    this.events++;
    this.sBusy[si]++;
    this.tw(this.twSystemBusy + si, this.sBusy[si]);
    this.tWait[t] += now - this.tEnter[t];
    if (now >= this.warmup) {
      this.sCalls[si]++;
      if (this.ff !== null) this.ff.call(this.tShip[t], s.costPerCall);
    }
    const latency = p.latency.sample(this.durationStream[node]);
    let d = latency;
    this.tFlag[t] = 0;
    if (latency > p.timeoutMinutes) {
      d = p.timeoutMinutes;
      this.tFlag[t] = FLAG_TIMEOUT;
    }
    this.tStart[t] = now;
    this.tEnd[t] = now + d;
    if (s.hasOutages) this.track(this.sList, this.sListLen, si, t);
    this.cal.push(now + d, PRIO_WORK, EV_CALL_END, t, this.tGen[t]);
  }

  private dispatchSystem(si: number): void {
    const s = this.c.systemInstances[si];
    while (this.sQLen[si] > 0 && !this.stopped) {
      if (this.sDown[si] > 0 && !s.failBehaviour) return;
      if (this.sDown[si] === 0 && this.sBusy[si] >= s.concurrency) return;
      const t = this.sHead[si];
      this.sHead[si] = this.tNext[t];
      if (this.sHead[si] < 0) this.sTail[si] = -1;
      this.tNext[t] = -1;
      this.sQLen[si]--;
      const node = this.tNode[t];
      this.waitingAt(node, -1);
      if (this.sDown[si] > 0) {
        this.tWait[t] += this.now - this.tEnter[t];
        this.tStart[t] = this.now;
        this.attemptFailed(t, node, 'failed');
      } else this.startCall(t, node, si);
    }
  }

  private callEnd(t: number): void {
    const node = this.tNode[t];
    const si = this.tRes[t];
    const s = this.c.systemInstances[si];
    const p = this.integrationParams(t, node);
    this.events++;
    this.sBusy[si]--;
    this.tw(this.twSystemBusy + si, this.sBusy[si]);
    if (s.hasOutages) this.untrack(this.sList, this.sListLen, si, t);
    const timedOut = this.tFlag[t] === FLAG_TIMEOUT;
    let failed = timedOut;
    let probability = p.failureProbability;
    if (s.spikes.length > 0) for (const spike of s.spikes) if (this.now >= spike.start && this.now < spike.end) probability += spike.extra;
    // Always draw when failure is possible, so that the stream stays aligned across variants (common random numbers).
    if (probability > 0 && this.failureStream[node].next() < probability) failed = true;
    this.dispatchSystem(si);
    if (failed) {
      if (timedOut && this.oCounted[this.tOrder[t]]) this.nTimeouts[node]++;
      this.attemptFailed(t, node, timedOut ? 'timeout' : 'failed');
      return;
    }
    if (this.log) this.logRow(t, node, s.name, this.tAttempt[t], 'ok');
    this.recordWait(t, node, this.tWait[t]);
    this.leave(t, node, this.c.nextEdge[node]);
  }

  /** A failed attempt: retry after a backoff, or go down the dead-letter edge after the last one. */
  private attemptFailed(t: number, node: number, status: EventLogRow['status']): void {
    const o = this.tOrder[t];
    const counted = this.oCounted[o] === 1;
    const si = this.tRes[t];
    if (this.now >= this.warmup) this.sFailed[si]++;
    if (counted) this.nFailures[node]++;
    if (this.log) this.logRow(t, node, this.c.systemInstances[si].name, this.tAttempt[t], status);
    const p = this.integrationParams(t, node);
    const attempt = this.tAttempt[t];
    if (attempt < p.maxAttempts) {
      if (counted) this.nRetries[node]++;
      // multiplier^(attempt - 1) by repeated products: exact the same on every engine.
      let growth = 1;
      for (let i = 1; i < attempt; i++) growth *= p.multiplier;
      let backoff = Math.min(p.initialBackoffMinutes * growth, p.maxBackoffMinutes);
      if (p.jitter > 0) backoff *= 1 + p.jitter * (2 * this.retryStream[node].next() - 1);
      this.cal.push(this.now + backoff, PRIO_WORK, EV_RETRY, t, 0);
      return;
    }
    if (counted) this.nDeadLetters[node]++;
    this.recordWait(t, node, this.tWait[t]);
    const to = this.c.deadLetterEdge[node];
    if (this.c.edgeTo[to] < 0) {
      this.stop('unstable', `"${this.c.nodeNames[node]}" failed after ${attempt} attempts and has no dead-letter edge.`, null);
      return;
    }
    this.leave(t, node, to);
  }

  private outageStart(si: number, which: number): void {
    const s = this.c.systemInstances[si];
    const rng = this.outageStream[si];
    let duration: number;
    if (which >= 0) {
      const o = s.scheduled[which];
      duration = o.duration;
      if (o.repeat > 0 && this.now + o.repeat <= this.horizon) this.cal.push(this.now + o.repeat, PRIO_CHANGE, EV_OUTAGE_START, si, which);
    } else {
      duration = (s.randomMttr as NonNullable<typeof s.randomMttr>).sample(rng);
    }
    this.cal.push(this.now + duration, PRIO_CHANGE, EV_OUTAGE_END, si, which);
    if (this.sDown[si]++ > 0) return;
    this.tw(this.twSystemDown + si, 1);
    const n = this.sListLen[si];
    const inFlight = this.sList[si].slice(0, n);
    if (s.failBehaviour) {
      // Calls in flight fail at once; queued calls fail as they are dispatched.
      this.sListLen[si] = 0;
      for (let i = 0; i < n; i++) {
        const t = inFlight[i];
        this.tGen[t]++;
        this.sBusy[si]--;
      }
      this.tw(this.twSystemBusy + si, this.sBusy[si]);
      for (let i = 0; i < n && !this.stopped; i++) this.attemptFailed(inFlight[i], this.tNode[inFlight[i]], 'failed');
      this.dispatchSystem(si);
    } else {
      // Held: calls in flight pause and resume after the outage with the time they had left.
      for (let i = 0; i < n; i++) {
        const t = inFlight[i];
        this.tGen[t]++;
        this.tEnd[t] = this.tEnd[t] - this.now; // remaining time while held
      }
    }
  }

  private outageEnd(si: number, which: number): void {
    const s = this.c.systemInstances[si];
    if (which < 0) {
      // Random outages: the next failure comes an exponential time (mean MTBF) after the repair.
      const next = this.now + s.randomMtbf * standardExponential(this.outageStream[si]);
      if (next <= this.horizon) this.cal.push(next, PRIO_CHANGE, EV_OUTAGE_START, si, -1);
    }
    if (--this.sDown[si] > 0) return;
    this.tw(this.twSystemDown + si, 0);
    if (!s.failBehaviour) {
      const list = this.sList[si];
      const n = this.sListLen[si];
      for (let i = 0; i < n; i++) {
        const t = list[i];
        this.tEnd[t] = this.now + this.tEnd[t];
        this.cal.push(this.tEnd[t], PRIO_WORK, EV_CALL_END, t, this.tGen[t]);
      }
    }
    this.dispatchSystem(si);
  }

  // ------------------------------------------------------------------------------------------ delay, join, batch

  // ------------------------------------------------------------------------------------------ fulfilment host

  /** Lines the token carries: its shipment's (fulfilment models) or the order's. */
  private linesOf(t: number): number {
    return this.ff !== null ? this.ff.lineCount(this.tShip[t]) : this.oLines[this.tOrder[t]];
  }

  private edgeFor(node: number, how: number): number {
    const c = this.c;
    return how === GO_NEXT ? c.nextEdge[node] : how === GO_ERROR ? c.errorEdge[node] : how === GO_HOLD ? c.holdEdge[node] : c.edgeCount;
  }

  schedule(time: number, type: number, a: number, b: number): void {
    if (time <= this.horizon) this.cal.push(time, PRIO_WORK, type, a, b);
  }

  resume(t: number, how: number): void {
    const node = this.tNode[t];
    this.waitingAt(node, -1);
    this.leaveFulfilmentStep(t, node, how, this.now - this.tEnter[t]);
  }

  /** Token t leaves an allocation or credit check after `wait` minutes there, from the site its shipment ships from. */
  private leaveFulfilmentStep(t: number, node: number, how: number, wait: number): void {
    this.recordWait(t, node, wait);
    this.tSite[t] = (this.ff as Fulfilment).siteOf(this.tShip[t]);
    this.leave(t, node, this.edgeFor(node, how));
  }

  spawn(o: number, node: number, shipment: number, site: number, how: number): void {
    const t = this.newToken(o);
    this.tNode[t] = node;
    this.tSite[t] = site;
    this.tShip[t] = shipment;
    this.tw(this.twExtraBranches, this.twValue[this.twExtraBranches] + 1);
    this.leave(t, node, this.edgeFor(node, how));
  }

  pending(o: number, node: number, delta: number): void {
    this.oLive[o] += delta;
    this.tw(this.twExtraBranches, this.twValue[this.twExtraBranches] + delta);
    this.waitingAt(node, delta);
  }

  private delayEnd(t: number): void {
    const node = this.tNode[t];
    this.events++;
    if (this.log) this.logRow(t, node, '', 0, 'ok');
    this.leave(t, node, this.c.nextEdge[node]);
  }

  /** True when this token completes the join (it continues); false when it waits (it is absorbed). */
  private arriveJoin(t: number, node: number): boolean {
    const c = this.c;
    const o = this.tOrder[t];
    const k = o * this.nJoin + c.joinSlot[node];
    const expected = c.joinExpected[node];
    const count = ++this.oJoin[k];
    if (count < expected) {
      this.oJoinSum[k] += this.now;
      this.waitingAt(node, +1);
      this.freeToken(t);
      // Every other branch already ended elsewhere: this join can never fire, and the order is complete.
      if (--this.oLive[o] === 0) {
        if (this.oLastEnd[o] < 0) throw new Error(`Every branch of an order is held at joins and none can fire (at "${c.nodeNames[node]}").`);
        this.completeOrder(o, this.oLastEnd[o], 0);
      }
      return false;
    }
    // Waits of the absorbed tokens: (count - 1) x now - sum of their arrival times.
    const waited = (count - 1) * this.now - this.oJoinSum[k];
    if (count > 1) {
      this.waitingAt(node, -(count - 1));
      // The absorbed branches merge into this one.
      this.tw(this.twExtraBranches, this.twValue[this.twExtraBranches] - (count - 1));
      if (this.oCounted[o]) {
        const h = this.nWait[c.waitSlot[node]];
        // One wait per absorbed branch; their mean is what the histogram needs.
        const mean = waited / (count - 1);
        for (let i = 1; i < count; i++) h.add(mean);
      }
    }
    this.oJoin[k] = 0;
    this.oJoinSum[k] = 0;
    return true;
  }

  private arriveBatch(t: number, node: number): void {
    this.tEnter[t] = this.now;
    this.tNext[t] = -1;
    if (this.bTail[node] < 0) this.bHead[node] = t;
    else this.tNext[this.bTail[node]] = t;
    this.bTail[node] = t;
    this.bLen[node]++;
    this.waitingAt(node, +1);
    const b = this.c.batch[node] as NonNullable<CompiledModel['batch'][number]>;
    if (this.bLen[node] >= b.atCount) this.releaseBatch(node);
  }

  private releaseBatch(node: number): void {
    let t = this.bHead[node];
    const n = this.bLen[node];
    if (n === 0) return;
    this.bHead[node] = -1;
    this.bTail[node] = -1;
    this.bLen[node] = 0;
    // One event per order released (each waiting order resumes, as a waiting process would in SimPy).
    this.events += n;
    this.waitingAt(node, -n);
    const next = this.c.nextEdge[node];
    while (t >= 0 && !this.stopped) {
      const following = this.tNext[t];
      this.tNext[t] = -1;
      this.recordWait(t, node, this.now - this.tEnter[t]);
      this.leave(t, node, next);
      t = following;
    }
  }

  // ------------------------------------------------------------------------------------------ guard rails

  private stopForOrders(): void {
    const info = this.worstQueue('orders');
    const where = info.nodeId ? this.describeQueue(info) : 'no single queue (orders are spread over the workflow)';
    this.stop(
      'unstable',
      `Stopped at minute ${Math.round(this.now)} (day ${(this.now / 1440).toFixed(1)}): more than ${groupDigits(this.guard.maxOrdersInSystem)} orders in the system. ${where}`,
      info,
    );
  }

  private stopForEvents(): void {
    const info = this.worstQueue('events');
    const where = info.nodeId ? this.describeQueue(info) : '';
    this.stop('unstable', `Stopped at minute ${Math.round(this.now)} after ${groupDigits(this.events)} events (the event budget). ${where}`.trim(), info);
  }

  private describeQueue(info: InstabilityInfo): string {
    const c = this.c;
    const node = c.nodeIds.indexOf(info.nodeId as string);
    const name = c.nodeNames[node];
    const site = info.siteId ? ` (site ${c.model.sites.find((s) => s.id === info.siteId)?.name ?? info.siteId})` : '';
    const load = info.offeredLoad !== null ? `: ${this.resourceName(node, info)} offered ${info.offeredLoad.toFixed(2)}x their capacity` : '';
    const why =
      c.kind[node] === K_CREDIT_CHECK
        ? ': orders are held on credit faster than payments free their customers\' limits (raise the limits, add a review path, or check the days to pay)'
        : c.kind[node] === K_ALLOCATE
          ? ': shipments wait for stock that is replenished more slowly than it is ordered (check reorder quantities and lead times)'
          : load;
    return `Queue at '${name}'${site} grew to ${groupDigits(info.queueLength)} orders${why}.`;
  }

  private resourceName(node: number, info: InstabilityInfo): string {
    const c = this.c;
    if (c.kind[node] === K_ACTIVITY) {
      const site = info.siteId ? c.siteIds.indexOf(info.siteId) : 0;
      const p = c.activity[node * c.siteCount + Math.max(0, site)];
      return p ? `'${c.poolInstances[p.poolInstance].name}' are` : 'the pool is';
    }
    if (c.kind[node] === K_INTEGRATION) return 'the system call slots are';
    return 'it is';
  }

  /** The longest queue now, and the offered load of what it waits for. */
  private worstQueue(limit: InstabilityInfo['limit']): InstabilityInfo {
    const c = this.c;
    let best: InstabilityInfo = { limit, nodeId: null, siteId: null, queueLength: 0, offeredLoad: null, atMinutes: this.now };
    const elapsed = Math.max(this.now, 1e-9);
    c.queues.forEach((q, i) => {
      if (this.qLen[i] <= best.queueLength) return;
      const pi = q.poolInstance;
      const instance = c.poolInstances[pi];
      // Work offered to the pool instance by all its queues, per unit of available capacity-time.
      let work = 0;
      for (const qq of instance.queues) work += this.qWork[qq];
      this.flushAll();
      const available = this.twTotal[this.twPoolAvailable + pi] + this.twBucket[this.twPoolAvailable + pi];
      best = {
        limit,
        nodeId: c.nodeIds[q.node],
        siteId: instance.siteId,
        queueLength: this.qLen[i],
        offeredLoad: available > 0 ? work / available : null,
        atMinutes: this.now,
      };
    });
    c.systemInstances.forEach((s, si) => {
      if (this.sQLen[si] <= best.queueLength) return;
      // Name the integration with the most orders queued for this system.
      const head = this.sHead[si];
      if (head < 0) return;
      const node = this.tNode[head];
      const meanLatency = this.integrationParams(head, node).latency.mean;
      const offered = Number.isFinite(s.concurrency) ? (this.sAttempts[si] * meanLatency) / (s.concurrency * elapsed) : null;
      best = { limit, nodeId: c.nodeIds[node], siteId: s.siteId, queueLength: this.sQLen[si], offeredLoad: offered, atMinutes: this.now };
    });
    c.waitNodes.forEach((node) => {
      const kind = c.kind[node];
      if (kind !== K_BATCH && kind !== K_JOIN && kind !== K_ALLOCATE && kind !== K_CREDIT_CHECK) return;
      const waiting = this.twValue[1 + c.waitSlot[node]];
      if (waiting <= best.queueLength) return;
      best = { limit, nodeId: c.nodeIds[node], siteId: null, queueLength: waiting, offeredLoad: null, atMinutes: this.now };
    });
    return best;
  }
}
