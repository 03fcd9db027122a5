import { formatMinutes, type Workflow } from '../../models';
import type { Bottleneck, ReplicationResult } from '../report';

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/**
 * Ranks the nodes where orders wait: by the share of all order time after the warm-up spent waiting there
 * (`NodeReplication.waitShare`: time-weighted orders waiting at the node over order branches in the system, so the
 * numerator and the denominator cover the same orders over the same window and the shares add up to at most 1),
 * then by the utilisation of what the node needs (its pool at the busiest site, or its system's call slots).
 * Each gets a sentence built from those numbers. Nodes with under 1% of cycle time and under 80% utilisation
 * are not bottlenecks and are left out; at most 5 are listed.
 */
export function findBottlenecks(model: Workflow, results: readonly ReplicationResult[]): Bottleneck[] {
  const usable = results.filter((r) => r.cycleTime.count > 0);
  if (usable.length === 0) return [];
  const poolNames = new Map(model.pools.map((p) => [p.id, p.name] as const));
  const siteNames = new Map(model.sites.map((s) => [s.id, s.name] as const));
  const systemNames = new Map(model.systems.map((s) => [s.id, s.name] as const));
  const candidates: Bottleneck[] = [];
  model.nodes.forEach((node, i) => {
    if (node.kind !== 'activity' && node.kind !== 'integration' && node.kind !== 'batch' && node.kind !== 'join') return;
    let share = 0;
    let shareCount = 0;
    let waitSum = 0;
    let waitCount = 0;
    for (const r of usable) {
      const n = r.nodes[i];
      if (n.waitShare !== null) {
        share += n.waitShare;
        shareCount++;
      }
      if (n.queueWaitMean !== null) {
        waitSum += n.queueWaitMean;
        waitCount++;
      }
    }
    share = shareCount > 0 ? share / shareCount : 0;
    const meanWait = waitCount > 0 ? waitSum / waitCount : null;
    let utilisation: number | null = null;
    let resource: string | null = null;
    if (node.kind === 'activity') {
      // The busiest instance of the pool this activity draws on (per site for site-scoped pools).
      const byInstance = new Map<string, number[]>();
      for (const r of usable)
        for (const p of r.pools) {
          if (p.poolId !== node.pool || p.utilisation === null) continue;
          const key = p.siteId ?? '';
          byInstance.set(key, [...(byInstance.get(key) ?? []), p.utilisation]);
        }
      for (const [site, values] of byInstance) {
        const u = values.reduce((a, b) => a + b, 0) / values.length;
        if (utilisation === null || u > utilisation) {
          utilisation = u;
          const where = site && model.sites.length > 1 ? ` at ${siteNames.get(site) ?? site}` : '';
          resource = `pool '${poolNames.get(node.pool) ?? node.pool}'${where}`;
        }
      }
    } else if (node.kind === 'integration') {
      const values: number[] = [];
      for (const r of usable) for (const s of r.systems) if (s.systemId === node.system && s.utilisation !== null) values.push(s.utilisation);
      if (values.length > 0) {
        utilisation = values.reduce((a, b) => a + b, 0) / values.length;
        resource = `the call slots of '${systemNames.get(node.system) ?? node.system}'`;
      }
    }
    if (share < 0.01 && (utilisation === null || utilisation < 0.8)) return;
    candidates.push({ rank: 0, nodeId: node.id, name: node.name, utilisation, resource, waitShare: share, meanWaitMinutes: meanWait, explanation: '' });
  });
  candidates.sort((a, b) => b.waitShare - a.waitShare || (b.utilisation ?? 0) - (a.utilisation ?? 0) || (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0));
  const kindOf = new Map(model.nodes.map((n) => [n.id, n.kind] as const));
  return candidates.slice(0, 5).map((b, k) => ({ ...b, rank: k + 1, explanation: explain(b, kindOf.get(b.nodeId) ?? '') }));
}

function explain(b: Bottleneck, kind: string): string {
  const wait = b.meanWaitMinutes !== null ? formatMinutes(b.meanWaitMinutes) : 'no measurable time';
  let text = `Orders wait ${wait} on average at '${b.name}', ${pct(b.waitShare)} of all cycle time.`;
  if (b.utilisation !== null && b.resource) {
    text += ` ${capitalise(b.resource)} is busy ${pct(b.utilisation)} of its available time`;
    if (b.utilisation >= 0.9) text += ': it runs near capacity, so more capacity (or less work per order) here shortens the cycle most.';
    else if (b.utilisation >= 0.7) text += ': queues grow quickly with more volume.';
    else text += ', so the wait comes from peaks, shifts or variable work times rather than from a lack of capacity.';
  } else if (kind === 'batch') text += ' The wait comes from the release schedule of the batch, not from capacity.';
  else if (kind === 'join') text += ' The wait is for the slowest parallel branch to finish.';
  else if (kind === 'integration') text += ' The wait comes from batch runs, outages or retries rather than call capacity.';
  return text;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
