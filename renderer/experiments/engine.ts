/**
 * The experiments layer as the studio sees it, and the runner that feeds it: replications go through the studio's
 * own simulation client (Web Workers with a main-thread fallback, renderer/simulation/simulationClient.ts), one
 * batch (one sweep point, one side of a stress test, one configuration) at a time. This file is the one place in
 * renderer/experiments that reaches the experiments layer (through renderer/simulation/experiments.ts).
 */
import { ExperimentCancelledError, type RunReplications } from '../simulation/experiments';
import { startRun } from '../simulation/simulationClient';

export * from '../simulation/experiments';

/**
 * A `RunReplications` over the studio's worker client. `onPartial` receives how much of the replications still
 * running is done, in replications (for a smooth progress bar); aborting `signal` cancels the running batch.
 */
export function studioRunner(signal: AbortSignal, onPartial?: (replicationsInFlight: number) => void): RunReplications {
  return async (batch, onReplicationDone) => {
    // The studio never shards: every batch starts at replication 0 (the client numbers replications from 0).
    if (batch.firstReplication !== 0) throw new Error(`The studio runs whole batches; replication ${batch.firstReplication} as a first replication is for the CLI's --shard.`);
    if (signal.aborted) throw new ExperimentCancelledError();
    let reported = 0;
    const handle = startRun(
      { model: batch.model, variantId: null, replications: batch.replications, seed: batch.seed, horizonMinutes: batch.horizonMinutes, warmupMinutes: batch.warmupMinutes },
      {
        onProgress: (p) => {
          onPartial?.(Math.max(0, p.fraction * p.totalReplications - p.completedReplications));
          while (reported < p.completedReplications) {
            reported++;
            onReplicationDone?.();
          }
        },
      },
    );
    const abort = () => handle.cancel();
    signal.addEventListener('abort', abort, { once: true });
    try {
      const outcome = await handle.outcome;
      if (outcome.kind === 'cancelled') throw new ExperimentCancelledError();
      while (reported < outcome.results.length) {
        reported++;
        onReplicationDone?.();
      }
      return outcome.results;
    } finally {
      signal.removeEventListener('abort', abort);
    }
  };
}
