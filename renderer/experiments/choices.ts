/**
 * What the Experiments forms offer for a model: the parameters worth sweeping (with a sensible default range around
 * the value in the model), the resources a recommendation can size, and a default shock time. Pure, tested headless.
 */
import { toMinutes, type Workflow } from '../../models';

export interface ParameterChoice {
  parameter: string;
  label: string;
  /** A default value list around the current value, in the syntax of `parseValues`. */
  defaultValues: string;
}

const clean = (x: number) => Number(x.toPrecision(6));

/** Sweepable parameters of a model, most common first. */
export function parameterChoices(model: Workflow): ParameterChoice[] {
  const out: ParameterChoice[] = [{ parameter: 'volume', label: 'Order volume (multiplier)', defaultValues: '0.6:2:0.2' }];
  const multiSite = model.sites.length > 1;
  for (const pool of model.pools) {
    const capacityRange = (c: number) => `${Math.max(1, c - 2)}:${c + 3}:1`;
    if (pool.scope === 'site' && multiSite) {
      for (const site of model.sites) {
        const override = site.overrides.find((o) => o.target === 'pool' && o.id === pool.id)?.set.capacity;
        const c = typeof override === 'number' ? override : pool.capacity;
        out.push({ parameter: `pool.${pool.id}@${site.id}.capacity`, label: `${pool.name} at ${site.name} (people)`, defaultValues: capacityRange(c) });
      }
    } else out.push({ parameter: `pool.${pool.id}.capacity`, label: `${pool.name} (people)`, defaultValues: capacityRange(pool.capacity) });
  }
  for (const system of model.systems) {
    if (system.concurrency !== undefined) out.push({ parameter: `system.${system.id}.concurrency`, label: `${system.name} concurrency (calls)`, defaultValues: `${Math.max(1, system.concurrency - 2)}:${system.concurrency + 4}:1` });
    if (model.nodes.some((n) => n.kind === 'integration' && n.system === system.id)) out.push({ parameter: `system.${system.id}.failureProbability`, label: `${system.name} failure rate (share of calls)`, defaultValues: '0:0.3:0.05' });
  }
  for (const node of model.nodes) {
    if (node.kind === 'integration' && node.mode === 'batch' && node.batch) {
      const m = toMinutes(node.batch.interval);
      out.push({ parameter: `node.${node.id}.batch.interval`, label: `${node.name} batch interval (min)`, defaultValues: [0.25, 0.5, 1, 2].map((f) => clean(m * f)).join(',') });
    }
    if (node.kind === 'batch' && node.every) {
      const m = toMinutes(node.every);
      out.push({ parameter: `node.${node.id}.every`, label: `${node.name} release interval (min)`, defaultValues: [0.25, 0.5, 1, 2].map((f) => clean(m * f)).join(',') });
    }
  }
  if (multiSite) for (const site of model.sites) out.push({ parameter: `site.${site.id}.share`, label: `${site.name} volume share`, defaultValues: [0.5, 0.75, 1, 1.25, 1.5].map((f) => clean(site.volumeShare * f)).join(',') });
  return out;
}

/** Resources a recommendation sizes by default (as `resolveResources` does), with labels. */
export function resourceChoices(model: Workflow): Array<{ resource: string; label: string }> {
  const multiSite = model.sites.length > 1;
  return [
    ...model.pools.flatMap((p) => (p.scope === 'site' && multiSite ? model.sites.map((s) => ({ resource: `pool.${p.id}@${s.id}`, label: `${p.name} at ${s.name}` })) : [{ resource: `pool.${p.id}`, label: p.name }])),
    ...model.systems.filter((s) => s.concurrency !== undefined).map((s) => ({ resource: `system.${s.id}`, label: `${s.name} concurrency` })),
  ];
}

/** A default shock start: a quarter of the way through the observed period, on the hour (minutes). */
export function defaultShockStartMinutes(horizonMinutes: number, warmupMinutes: number): number {
  return Math.round((warmupMinutes + (horizonMinutes - warmupMinutes) / 4) / 60) * 60;
}
