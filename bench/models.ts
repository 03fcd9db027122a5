/** Models of the benchmark that are not shipped scenarios. */
import { loadModel, type Workflow } from '../models';

/** Stations of the tandem line, arrival rate (per minute) and mean service time (minutes): load 0.9 everywhere. */
export const tandem = { stations: 5, arrivalsPerMinute: 1, serviceMeanMinutes: 0.9 } as const;

/**
 * The 5-station tandem line of M/M/1 stations at 90% load, the same model as bench/tandem_simpy.py: Poisson
 * arrivals at 1 per minute, five single-server FIFO stations with exponential service of mean 0.9 min.
 * The horizon is `orders` minutes, so about `orders` orders arrive (Poisson count); no warm-up.
 */
export function tandemModel(orders: number): Workflow {
  const stations = Array.from({ length: tandem.stations }, (_, i) => i + 1);
  const document = {
    formatVersion: 2,
    metadata: { name: `Tandem line: ${tandem.stations} M/M/1 stations at 90% load` },
    run: { horizon: { value: orders / tandem.arrivalsPerMinute, unit: 'min' }, warmup: { value: 0, unit: 'min' }, replications: 1, seed: 1 },
    sites: [{ id: 'line', name: 'Line', volumeShare: 1 }],
    pools: stations.map((s) => ({ id: `server${s}`, name: `Server ${s}`, capacity: 1 })),
    nodes: [
      { id: 'arrivals', kind: 'source', name: 'Arrivals', arrivals: { ratePerHour: tandem.arrivalsPerMinute * 60 } },
      ...stations.map((s) => ({
        id: `station${s}`,
        kind: 'activity',
        name: `Station ${s}`,
        pool: `server${s}`,
        duration: { kind: 'exponential', mean: tandem.serviceMeanMinutes, unit: 'min' },
      })),
      { id: 'done', kind: 'end', name: 'Done' },
    ],
    edges: [
      { id: 'e0', from: 'arrivals', to: 'station1' },
      ...stations.map((s) => ({ id: `e${s}`, from: `station${s}`, to: s === tandem.stations ? 'done' : `station${s + 1}` })),
    ],
  };
  const loaded = loadModel(document);
  if (!loaded.model) throw new Error(`The tandem benchmark model is invalid: ${loaded.findings.map((f) => `${f.path}: ${f.message}`).join('; ')}`);
  return loaded.model;
}
