import type { Workflow } from '../../models';
import type { ReplicationResult } from '../report';
import type { ReplicationOptions } from '../run';

/** Runs one replication (the engine is being committed in steps; this entry point is the stable one). */
export function simulateReplication(model: Workflow, options: ReplicationOptions): ReplicationResult {
  throw new Error(`The engine is not built yet (model "${model.metadata.name}", replication ${options.replication}).`);
}
