/**
 * Progress of a run spread over workers: the share of simulated time done over all replications, and an
 * estimate of the wall-clock time left. Pure (the clock is passed in), tested headless.
 */

/** What the run panel shows while a run is going. */
export interface RunProgress {
  /** Share of the whole run done, 0..1 (each replication weighs the same). */
  fraction: number;
  completedReplications: number;
  totalReplications: number;
  elapsedSeconds: number;
  /** Undefined until there is enough progress to extrapolate from. */
  etaSeconds: number | undefined;
  /** Parallel workers in use; 0 when running on the main thread. */
  workers: number;
}

/** Progress below this share (or before this many seconds) is too little to extrapolate from without jitter. */
const MIN_FRACTION_FOR_ETA = 0.01;
const MIN_SECONDS_FOR_ETA = 0.5;
/** Weight of the newest rate measurement in the exponential smoothing of the ETA. */
const SMOOTHING = 0.3;

/**
 * Tracks per-replication progress and extrapolates the time left from the average speed so far, smoothed so the
 * display does not jump when a worker reports in bursts.
 * @example const t = new ProgressTracker(10, 2, 0); t.update(0, 0.5, 1000); t.snapshot(1000).fraction // 0.05
 */
export class ProgressTracker {
  private readonly fractions: Float64Array;
  private completed = 0;
  private smoothedEta: number | undefined;

  constructor(
    readonly totalReplications: number,
    /** Parallel workers in use; 0 on the main thread. Changes when workers fail and the run falls back. */
    public workers: number,
    private readonly startedAtMs: number,
  ) {
    if (!(totalReplications >= 1)) throw new RangeError(`A run needs at least 1 replication (got ${totalReplications}).`);
    this.fractions = new Float64Array(totalReplications);
  }

  /** Records that replication `replication` has done `fraction` (0..1) of its simulated time. */
  update(replication: number, fraction: number, nowMs: number): void {
    if (replication < 0 || replication >= this.totalReplications) return;
    const f = Math.min(1, Math.max(0, fraction));
    // Progress never goes backwards (late messages from a worker can arrive out of order).
    if (f > this.fractions[replication]) this.fractions[replication] = f;
    this.refreshEta(nowMs);
  }

  /** Records that a replication has finished. */
  complete(replication: number, nowMs: number): void {
    if (replication < 0 || replication >= this.totalReplications) return;
    this.fractions[replication] = 1;
    this.completed = 0;
    for (const f of this.fractions) if (f >= 1) this.completed++;
    this.refreshEta(nowMs);
  }

  /** The share of the run done, 0..1. */
  fraction(): number {
    let sum = 0;
    for (const f of this.fractions) sum += f;
    return sum / this.totalReplications;
  }

  snapshot(nowMs: number): RunProgress {
    return {
      fraction: this.fraction(),
      completedReplications: this.completed,
      totalReplications: this.totalReplications,
      elapsedSeconds: Math.max(0, (nowMs - this.startedAtMs) / 1000),
      etaSeconds: this.smoothedEta,
      workers: this.workers,
    };
  }

  private refreshEta(nowMs: number): void {
    const elapsed = (nowMs - this.startedAtMs) / 1000;
    const done = this.fraction();
    if (done >= 1) {
      this.smoothedEta = 0;
      return;
    }
    if (done < MIN_FRACTION_FOR_ETA || elapsed < MIN_SECONDS_FOR_ETA) return;
    const raw = (elapsed * (1 - done)) / done;
    this.smoothedEta = this.smoothedEta === undefined ? raw : SMOOTHING * raw + (1 - SMOOTHING) * this.smoothedEta;
  }
}
