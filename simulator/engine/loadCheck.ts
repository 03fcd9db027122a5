import { minutesPerUnit, resolveSite, type TimeDistribution, type Workflow } from '../../models';
import { portableMean } from '../core/sampling';
import type { LoadCheck } from '../report';
import { compileCalendar } from './shifts';

/** Mean in minutes, with portable functions only (the report must have the same bits on every engine). */
function meanMinutes(d: TimeDistribution): number {
  return portableMean(d) * minutesPerUnit[d.unit];
}

/**
 * Static offered load per pool and system, before running: the traffic equations
 * lambda_j = external_j + sum_i lambda_i P(i -> j), solved per site by fixed-point iteration over the routing
 * probabilities (activity error shares, expected dead-letter shares, decision branch probabilities, split copies,
 * join merges). Condition decisions on the site are exact per site; other conditions are approximated by equal
 * branch shares (the check is then flagged `approximate`). Offered load = work arriving per minute / capacity
 * available per minute (capacity x share of the week on shift).
 *
 * @example checkOfferedLoad(model).filter((c) => c.offeredLoad >= 1) // what cannot keep up
 */
export function checkOfferedLoad(model: Workflow): LoadCheck[] {
  const n = model.nodes.length;
  const index = new Map(model.nodes.map((node, i) => [node.id, i] as const));
  const sites = model.sites;
  let approximate = false;
  const siteResolved = sites.map((s) => resolveSite(model, s.id));
  // rates[s][i]: visits per minute of node i by orders of site s.
  const rates: Float64Array[] = [];
  let meanLinesWeighted = 0;
  let totalRate = 0;
  for (let s = 0; s < sites.length; s++) {
    const m = siteResolved[s];
    const external = new Float64Array(n);
    model.nodes.forEach((node, i) => {
      if (node.kind !== 'source') return;
      const a = node.arrivals;
      const avg = (xs: number[] | undefined) => (xs ? xs.reduce((x, y) => x + y, 0) / xs.length : 1);
      const perMinute = (a.ratePerHour * a.volumeMultiplier * avg(a.hourOfDay) * avg(a.dayOfWeek)) / 60;
      const shares = node.siteShares ?? sites.map((site) => ({ site: site.id, share: site.volumeShare }));
      const total = shares.reduce((x, y) => x + y.share, 0);
      const mine = shares.filter((x) => x.site === sites[s].id).reduce((x, y) => x + y.share, 0);
      const rate = total > 0 ? (perMinute * mine) / total : 0;
      external[i] += rate;
      meanLinesWeighted += rate * Math.max(1, portableMean(node.lines));
      totalRate += rate;
    });
    const transitions: Array<Array<[number, number]>> = m.nodes.map((node) => {
      const out = model.edges.filter((e) => e.from === node.id);
      const to = (kind: string) => out.filter((e) => e.kind === kind).map((e) => index.get(e.to) as number);
      switch (node.kind) {
        case 'source':
        case 'delay':
        case 'batch':
          return to('next').map((j) => [j, 1] as [number, number]);
        case 'activity': {
          const list: Array<[number, number]> = to('next').map((j) => [j, 1 - node.failureProbability]);
          for (const j of to('error')) list.push([j, node.failureProbability]);
          return list;
        }
        case 'integration': {
          let dead = 1;
          for (let k = 0; k < node.retry.maxAttempts; k++) dead *= node.failureProbability;
          const list: Array<[number, number]> = to('next').map((j) => [j, 1 - dead]);
          for (const j of to('deadLetter')) list.push([j, dead]);
          return list;
        }
        case 'split':
          return to('next').map((j) => [j, 1] as [number, number]);
        case 'join': {
          const split = model.nodes.find((x) => x.id === node.split);
          const branches = split ? model.edges.filter((e) => e.from === split.id && e.kind === 'next').length : 1;
          return to('next').map((j) => [j, 1 / Math.max(1, branches)] as [number, number]);
        }
        case 'decision': {
          const branches = out.filter((e) => e.kind === 'branch');
          if (node.mode === 'probability') return branches.map((e) => [index.get(e.to) as number, e.probability ?? 0] as [number, number]);
          const siteOnly = branches.every((e) => e.otherwise || e.condition?.attribute === 'site');
          if (siteOnly) {
            const siteId = sites[s].id;
            const hit = branches.find((e) => {
              const c = e.condition;
              if (!c || e.otherwise) return false;
              const values = Array.isArray(c.value) ? c.value : [String(c.value)];
              const member = values.includes(siteId);
              return c.op === 'neq' ? !member : c.op === 'eq' || c.op === 'in' ? member : false;
            }) ?? branches.find((e) => e.otherwise);
            return hit ? [[index.get(hit.to) as number, 1]] : [];
          }
          approximate = true;
          return branches.map((e) => [index.get(e.to) as number, 1 / branches.length] as [number, number]);
        }
        default:
          return [];
      }
    });
    let lambda = Float64Array.from(external);
    for (let iteration = 0; iteration < 5000; iteration++) {
      const nextLambda = Float64Array.from(external);
      for (let i = 0; i < n; i++) for (const [j, p] of transitions[i]) nextLambda[j] += lambda[i] * p;
      let change = 0;
      for (let i = 0; i < n; i++) change = Math.max(change, Math.abs(nextLambda[i] - lambda[i]));
      lambda = nextLambda;
      if (change < 1e-12) break;
    }
    rates.push(lambda);
  }
  const meanLines = totalRate > 0 ? meanLinesWeighted / totalRate : 1;

  const checks: LoadCheck[] = [];
  const calendars = new Map(model.calendars.map((c) => [c.id, compileCalendar(c)] as const));
  const onShare = (calendarId: string | undefined) => {
    if (calendarId === undefined) return 1;
    const c = calendars.get(calendarId);
    return c ? c.minutesOnPerWeek / 10080 : 1;
  };
  model.pools.forEach((pool, p) => {
    const groups = pool.scope === 'shared' ? [sites.map((_, s) => s)] : sites.map((_, s) => [s]);
    for (const group of groups) {
      let work = 0;
      for (const s of group) {
        siteResolved[s].nodes.forEach((node, i) => {
          if (node.kind !== 'activity' || node.pool !== pool.id) return;
          work += rates[s][i] * meanMinutes(node.duration) * node.quantity * (node.durationPer === 'line' ? meanLines : 1);
        });
      }
      const instance = pool.scope === 'shared' ? pool : siteResolved[group[0]].pools[p];
      const capacity = instance.capacity * onShare(instance.calendar);
      if (work === 0) continue;
      const load = capacity > 0 ? work / capacity : Infinity;
      const siteId = pool.scope === 'shared' ? null : sites[group[0]].id;
      const where = siteId ? ` at site ${sites[group[0]].name}` : '';
      checks.push({
        resource: 'pool',
        id: pool.id,
        siteId,
        offeredLoad: load,
        approximate,
        message:
          !Number.isFinite(load)
            ? `'${pool.name}'${where} gets work but has no capacity on shift: its queue will grow without bound.`
            : load >= 1
            ? `'${pool.name}'${where} is offered ${load.toFixed(2)}x its on-shift capacity: its queue will grow without bound.`
            : `'${pool.name}'${where} is offered ${(load * 100).toFixed(0)}% of its on-shift capacity.`,
      });
    }
  });
  model.systems.forEach((system) => {
    if (system.concurrency === undefined) return;
    let work = 0;
    sites.forEach((_, s) =>
      siteResolved[s].nodes.forEach((node, i) => {
        if (node.kind !== 'integration' || node.system !== system.id) return;
        let attempts = 0;
        for (let k = 0, power = 1; k < node.retry.maxAttempts; k++, power *= node.failureProbability) attempts += power;
        work += rates[s][i] * attempts * meanMinutes(node.latency);
      }),
    );
    if (work === 0) return;
    const load = work / system.concurrency;
    checks.push({
      resource: 'system',
      id: system.id,
      siteId: null,
      offeredLoad: load,
      approximate,
      message:
        load >= 1
          ? `'${system.name}' is offered ${load.toFixed(2)}x its ${system.concurrency} concurrent calls: calls will queue without bound.`
          : `'${system.name}' is offered ${(load * 100).toFixed(0)}% of its ${system.concurrency} concurrent calls.`,
    });
  });
  return checks;
}
