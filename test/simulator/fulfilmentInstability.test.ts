import { describe, expect, it } from 'vitest';
import { loadModelText, type WorkflowInput } from '../../models';
import { simulateReplication } from '../../simulator/engine/simulation';

/** A model whose customers cannot pay fast enough for their limits: credit holds grow without end. */
function creditBound(creditLimit: number): WorkflowInput {
  return {
    formatVersion: 2,
    metadata: { name: 'credit bound' },
    run: { horizon: { value: 120, unit: 'd' } },
    sites: [{ id: 'a', name: 'A', volumeShare: 1 }],
    customers: { segments: [{ value: 'all', customers: 5, creditLimit, daysToPay: { kind: 'constant', value: 30, unit: 'd' } }] },
    nodes: [
      { id: 'in', name: 'Orders', kind: 'source', arrivals: { ratePerHour: 2 }, value: { per: 'order', distribution: { kind: 'constant', value: 100 } } },
      { id: 'credit', name: 'Credit check', kind: 'creditCheck' },
      { id: 'ship', name: 'Ship', kind: 'delay', duration: { kind: 'constant', value: 1, unit: 'h' }, milestone: 'ship' },
      { id: 'pay', name: 'Await payment', kind: 'awaitPayment' },
      { id: 'cash', name: 'Cash applied', kind: 'delay', duration: { kind: 'constant', value: 1, unit: 'min' }, milestone: 'cash' },
      { id: 'done', name: 'Done', kind: 'end' },
    ],
    edges: [
      { id: 'e1', from: 'in', to: 'credit' },
      { id: 'e2', from: 'credit', to: 'ship' },
      { id: 'e3', from: 'ship', to: 'pay' },
      { id: 'e4', from: 'pay', to: 'cash' },
      { id: 'e5', from: 'cash', to: 'done' },
    ],
  };
}

const run = (limit: number) => {
  const model = loadModelText(JSON.stringify(creditBound(limit))).model;
  if (!model) throw new Error('the test model does not load');
  return simulateReplication(model, { seed: 1, replication: 0, horizonMinutes: 120 * 1440, warmupMinutes: 0, guard: { maxOrdersInSystem: 3000, maxEvents: 1e9 } });
};

describe('credit holds that grow without end', () => {
  // 2 orders/h of 100 each, paid after 30 days: each of the 5 customers carries 0.4 x 720 h x 100 = 28,800 open.
  it('stop the replication and name the credit check and the reason', () => {
    const result = run(5_000);
    expect(result.status).toBe('unstable');
    expect(result.instability?.nodeId).toBe('credit');
    expect(result.message).toMatch(/Credit check/);
    expect(result.message).toMatch(/held on credit/);
  });

  it('do not happen when the limits cover the open exposure', () => {
    const result = run(60_000);
    expect(result.status).toBe('ok');
    expect(result.fulfilment?.all.creditHolds).toBe(0);
  });
});
