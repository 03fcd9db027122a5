/**
 * The event calendar, keyed (time, priority, sequence) as in SimPy, so that events at the same time run by
 * priority and then in the order they were scheduled: deterministic ties. Each event carries an integer type and
 * two integer arguments; no objects are allocated per event.
 *
 * Two levels, because distribution models park thousands of orders in long delays (invoice lag, backorders):
 * - a 4-ary min-heap over typed arrays holds the events before `boundary` (the current 30-minute window);
 * - later events wait unsorted in 30-minute buckets (a ring of 65,536 buckets, about 3.7 years; later ones in an
 *   overflow list, re-sorted into the ring as it reaches them) and enter the heap when the clock reaches their
 *   window.
 * The heap therefore stays small, and the order of events is exactly that of one heap (the heap sorts each
 * window's events by the full key, and windows are visited in time order).
 */
const windowMinutes = 30;
const ringSize = 65536;
const ringMask = ringSize - 1;

export class EventCalendar {
  private times: Float64Array;
  /** priority * 2^40 + sequence: one comparison for both tie-breakers (exact in a double below 2^53). */
  private keys: Float64Array;
  private types: Int32Array;
  private argsA: Int32Array;
  private argsB: Int32Array;
  private count = 0;
  private sequence = 0;

  // Far events: parallel arrays, linked per bucket through `farNext`, with a free list.
  private boundaryBucket = 1;
  private boundary = windowMinutes;
  private readonly bucketHead = new Int32Array(ringSize).fill(-1);
  private farTimes = new Float64Array(256);
  private farKeys = new Float64Array(256);
  private farTypes = new Int32Array(256);
  private farA = new Int32Array(256);
  private farB = new Int32Array(256);
  private farNext = new Int32Array(256);
  private farFree = -1;
  private farUsed = 0;
  private farCount = 0;
  private overflowHead = -1;
  private overflowMinBucket = Infinity;

  /** Popped event (valid after `pop()`). */
  time = 0;
  type = 0;
  a = 0;
  b = 0;

  constructor(initialCapacity = 1024) {
    this.times = new Float64Array(initialCapacity);
    this.keys = new Float64Array(initialCapacity);
    this.types = new Int32Array(initialCapacity);
    this.argsA = new Int32Array(initialCapacity);
    this.argsB = new Int32Array(initialCapacity);
  }

  get size(): number {
    return this.count + this.farCount;
  }

  /** Time of the next event; Infinity when empty. */
  peekTime(): number {
    if (this.count === 0) this.advance();
    return this.count > 0 ? this.times[0] : Infinity;
  }

  /** Schedules an event; lower `priority` runs first among events at the same time (0..8191). */
  push(time: number, priority: number, type: number, a: number, b: number): void {
    if (!(time >= 0)) throw new Error(`Cannot schedule an event at time ${time}.`);
    const key = priority * 1099511627776 + this.sequence++;
    if (time < this.boundary) this.heapPush(time, key, type, a, b);
    else this.farPush(time, key, type, a, b);
  }

  private farPush(time: number, key: number, type: number, a: number, b: number): void {
    let slot = this.farFree;
    if (slot >= 0) this.farFree = this.farNext[slot];
    else {
      if (this.farUsed === this.farTimes.length) this.growFar();
      slot = this.farUsed++;
    }
    this.farTimes[slot] = time;
    this.farKeys[slot] = key;
    this.farTypes[slot] = type;
    this.farA[slot] = a;
    this.farB[slot] = b;
    this.farCount++;
    this.link(slot);
  }

  /** Puts far slot into its bucket, or the overflow list when past the ring. */
  private link(slot: number): void {
    const bucket = Math.floor(this.farTimes[slot] / windowMinutes);
    if (bucket < this.boundaryBucket + ringSize) {
      const ring = bucket & ringMask;
      this.farNext[slot] = this.bucketHead[ring];
      this.bucketHead[ring] = slot;
    } else {
      this.farNext[slot] = this.overflowHead;
      this.overflowHead = slot;
      if (bucket < this.overflowMinBucket) this.overflowMinBucket = bucket;
    }
  }

  /** Moves the next non-empty window of far events into the (empty) heap. */
  private advance(): void {
    while (this.count === 0 && this.farCount > 0) {
      const ring = this.boundaryBucket & ringMask;
      let slot = this.bucketHead[ring];
      this.bucketHead[ring] = -1;
      while (slot >= 0) {
        const next = this.farNext[slot];
        this.heapPush(this.farTimes[slot], this.farKeys[slot], this.farTypes[slot], this.farA[slot], this.farB[slot]);
        this.farNext[slot] = this.farFree;
        this.farFree = slot;
        this.farCount--;
        slot = next;
      }
      this.boundaryBucket++;
      this.boundary = this.boundaryBucket * windowMinutes;
      if (this.overflowMinBucket < this.boundaryBucket + ringSize) this.relinkOverflow();
    }
  }

  /** The ring moved on: overflow events that now fit go to their buckets. */
  private relinkOverflow(): void {
    let slot = this.overflowHead;
    this.overflowHead = -1;
    this.overflowMinBucket = Infinity;
    while (slot >= 0) {
      const next = this.farNext[slot];
      this.link(slot);
      slot = next;
    }
  }

  private growFar(): void {
    const n = this.farTimes.length * 2;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.farTimes = f64(this.farTimes);
    this.farKeys = f64(this.farKeys);
    this.farTypes = i32(this.farTypes);
    this.farA = i32(this.farA);
    this.farB = i32(this.farB);
    this.farNext = i32(this.farNext);
  }

  private heapPush(time: number, key: number, type: number, a: number, b: number): void {
    if (this.count === this.times.length) this.grow();
    const times = this.times;
    const keys = this.keys;
    const types = this.types;
    const argsA = this.argsA;
    const argsB = this.argsB;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pt = times[parent];
      if (pt < time || (pt === time && keys[parent] < key)) break;
      times[i] = pt;
      keys[i] = keys[parent];
      types[i] = types[parent];
      argsA[i] = argsA[parent];
      argsB[i] = argsB[parent];
      i = parent;
    }
    times[i] = time;
    keys[i] = key;
    types[i] = type;
    argsA[i] = a;
    argsB[i] = b;
  }

  /** Removes the earliest event into `time`, `type`, `a`, `b`; returns false when empty. */
  pop(): boolean {
    if (this.count === 0) {
      this.advance();
      if (this.count === 0) return false;
    }
    const times = this.times;
    const keys = this.keys;
    const types = this.types;
    const argsA = this.argsA;
    const argsB = this.argsB;
    this.time = times[0];
    this.type = types[0];
    this.a = argsA[0];
    this.b = argsB[0];
    const last = --this.count;
    if (last === 0) return true;
    const time = times[last];
    const key = keys[last];
    const type = types[last];
    const a = argsA[last];
    const b = argsB[last];
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= last) break;
      // The smallest of up to four children.
      let child = first;
      let ct = times[first];
      let ck = keys[first];
      const end = first + 4 < last ? first + 4 : last;
      for (let j = first + 1; j < end; j++) {
        const jt = times[j];
        if (jt < ct || (jt === ct && keys[j] < ck)) {
          child = j;
          ct = jt;
          ck = keys[j];
        }
      }
      if (time < ct || (time === ct && key < ck)) break;
      times[i] = ct;
      keys[i] = ck;
      types[i] = types[child];
      argsA[i] = argsA[child];
      argsB[i] = argsB[child];
      i = child;
    }
    times[i] = time;
    keys[i] = key;
    types[i] = type;
    argsA[i] = a;
    argsB[i] = b;
    return true;
  }

  private grow(): void {
    const n = this.times.length * 2;
    const times = new Float64Array(n);
    times.set(this.times);
    this.times = times;
    const keys = new Float64Array(n);
    keys.set(this.keys);
    this.keys = keys;
    const types = new Int32Array(n);
    types.set(this.types);
    this.types = types;
    const argsA = new Int32Array(n);
    argsA.set(this.argsA);
    this.argsA = argsA;
    const argsB = new Int32Array(n);
    argsB.set(this.argsB);
    this.argsB = argsB;
  }
}
