/**
 * The event calendar: a 4-ary min-heap over typed arrays (half the depth of a binary heap, so fewer moves when
 * thousands of orders sit in long delays), keyed (time, priority, sequence) as in SimPy, so that
 * events at the same time run by priority and then in the order they were scheduled: deterministic ties.
 * Each event carries an integer type and two integer arguments; no objects are allocated per event.
 */
export class EventCalendar {
  private times: Float64Array;
  /** priority * 2^40 + sequence: one comparison for both tie-breakers (exact in a double below 2^53). */
  private keys: Float64Array;
  private types: Int32Array;
  private argsA: Int32Array;
  private argsB: Int32Array;
  private count = 0;
  private sequence = 0;

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
    return this.count;
  }

  /** Time of the next event; Infinity when empty. */
  peekTime(): number {
    return this.count > 0 ? this.times[0] : Infinity;
  }

  /** Schedules an event; lower `priority` runs first among events at the same time (0..8191). */
  push(time: number, priority: number, type: number, a: number, b: number): void {
    if (this.count === this.times.length) this.grow();
    const key = priority * 1099511627776 + this.sequence++;
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
    if (this.count === 0) return false;
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
