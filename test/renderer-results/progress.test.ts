import { describe, expect, it } from 'vitest';
import { ProgressTracker } from '../../renderer/simulation/progress';

describe('ProgressTracker', () => {
  it('averages the progress of every replication', () => {
    const t = new ProgressTracker(4, 2, 0);
    t.update(0, 0.5, 100);
    t.update(1, 0.5, 100);
    expect(t.fraction()).toBeCloseTo(0.25, 12);
    t.complete(0, 200);
    const s = t.snapshot(200);
    expect(s.fraction).toBeCloseTo(0.375, 12);
    expect(s.completedReplications).toBe(1);
    expect(s.totalReplications).toBe(4);
    expect(s.workers).toBe(2);
  });
  it('never goes backwards and ignores unknown replications', () => {
    const t = new ProgressTracker(2, 1, 0);
    t.update(0, 0.8, 10);
    t.update(0, 0.3, 20);
    t.update(5, 1, 20);
    expect(t.fraction()).toBeCloseTo(0.4, 12);
  });
  it('waits for enough progress before estimating, then extrapolates the average speed', () => {
    const t = new ProgressTracker(1, 1, 0);
    t.update(0, 0.005, 100);
    expect(t.snapshot(100).etaSeconds).toBeUndefined();
    t.update(0, 0.5, 10_000);
    // Half done after 10 s: about 10 s left.
    expect(t.snapshot(10_000).etaSeconds).toBeCloseTo(10, 6);
    t.complete(0, 20_000);
    expect(t.snapshot(20_000).etaSeconds).toBe(0);
  });
  it('smooths the estimate so a burst of progress does not make it jump', () => {
    const t = new ProgressTracker(1, 1, 0);
    t.update(0, 0.5, 10_000); // raw estimate 10 s
    t.update(0, 0.9, 10_500); // raw estimate 1.17 s
    const eta = t.snapshot(10_500).etaSeconds ?? NaN;
    expect(eta).toBeGreaterThan(1.17);
    expect(eta).toBeLessThan(10);
  });
  it('refuses an empty run', () => {
    expect(() => new ProgressTracker(0, 1, 0)).toThrow(/at least 1 replication/);
  });
});
