import { chain, minutes, model } from './helpers';

/**
 * Models for the population tests (wait shares, group completions, histogram, edges): each report figure is a ratio
 * or a sum over one population of orders, and these models make mismatched populations show.
 */

export const day = 1440;

/**
 * 90% of orders wait at a batch released twice a day and then at a batch that releases after the horizon (so they
 * never finish); 10% take a one-minute fast path. Cycle times of finished orders are tiny next to the waits.
 */
export const longCycle = model({
  nodes: [
    { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 20 } },
    { id: 'route', kind: 'decision', name: 'Route', mode: 'probability' },
    { id: 'gather', kind: 'batch', name: 'Gather', every: { value: 12, unit: 'h' } },
    { id: 'hold', kind: 'batch', name: 'Monthly', every: { value: 30, unit: 'd' }, offset: { value: 30, unit: 'd' } },
    { id: 'fast', kind: 'delay', name: 'Fast path', duration: minutes(1) },
    { id: 'end', kind: 'end', name: 'Done' },
  ],
  edges: [
    { id: 'in', from: 'src', to: 'route' },
    { id: 'slow', from: 'route', to: 'gather', kind: 'branch', probability: 0.9 },
    { id: 'quick', from: 'route', to: 'fast', kind: 'branch', probability: 0.1 },
    ...chain('gather', 'hold', 'end'),
    ...chain('fast', 'end'),
  ],
});

/** Three sites, a parallel split with a slow branch, an error path: long cycles, many groups and edges. */
export const threeSites = model({
  sites: [
    { id: 'north', name: 'North', volumeShare: 3 },
    { id: 'south', name: 'South', volumeShare: 2 },
    { id: 'west', name: 'West', volumeShare: 1 },
  ],
  pools: [{ id: 'desk', name: 'Desk', capacity: 2, scope: 'site' }],
  nodes: [
    { id: 'src', kind: 'source', name: 'Orders', arrivals: { ratePerHour: 9 } },
    { id: 'check', kind: 'activity', name: 'Check', pool: 'desk', duration: { kind: 'exponential', mean: 10, unit: 'min' }, failureProbability: 0.1 },
    { id: 'split', kind: 'split', name: 'Split' },
    { id: 'ship', kind: 'delay', name: 'Ship', duration: { kind: 'uniform', min: 1, max: 3, unit: 'd' } },
    { id: 'bill', kind: 'delay', name: 'Bill', duration: { kind: 'exponential', mean: 6, unit: 'h' } },
    { id: 'join', kind: 'join', name: 'Join', split: 'split' },
    { id: 'end', kind: 'end', name: 'Done' },
    { id: 'rejected', kind: 'end', name: 'Rejected', outcome: 'rejected' },
  ],
  edges: [
    ...chain('src', 'check', 'split'),
    { id: 'err', from: 'check', to: 'rejected', kind: 'error' },
    { id: 'toShip', from: 'split', to: 'ship' },
    { id: 'toBill', from: 'split', to: 'bill' },
    ...chain('ship', 'join'),
    ...chain('bill', 'join'),
    ...chain('join', 'end'),
  ],
});


/** Sum of the values, nulls as 0. */
export const sumOf = (xs: Array<number | null>): number => xs.reduce((a: number, x) => a + (x ?? 0), 0);
