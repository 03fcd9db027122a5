import type { Workflow } from '../../models';
import type { ReplicationResult, RunReport } from '../report';
import type { AggregateMeta } from '../run';

/** Aggregates replications sorted by index (filled in with the engine). */
export function aggregate(model: Workflow, results: ReplicationResult[], meta: AggregateMeta): RunReport {
  throw new Error(`Aggregation is not built yet (model "${model.metadata.name}", ${results.length} replications, seed ${meta.seed}).`);
}
