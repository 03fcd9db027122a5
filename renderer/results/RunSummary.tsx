import { formatMinutes } from '../../models';
import type { CompletedRun } from '../simulation/runStore';
import { formatElapsed } from './format';

/** One line on what produced the results: model, variant, horizon, replications, seed, wall time and workers. */
export default function RunSummary({ run }: { run: CompletedRun }) {
  const { report } = run;
  const variant = run.settings.variantId === null ? 'base model' : (run.model.variants.find((v) => v.id === run.settings.variantId)?.name ?? run.settings.variantId);
  const where = run.workers > 0 ? `on ${run.workers} worker${run.workers === 1 ? '' : 's'}` : 'on the main thread';
  return (
    <span className="fc-res-summary" data-testid="results-summary">
      {report.model.name} · {variant} · {formatMinutes(report.settings.horizonMinutes)} × {report.settings.replications} replication
      {report.settings.replications === 1 ? '' : 's'} · seed {report.settings.seed} · {formatElapsed(run.wallSeconds)} {where}
    </span>
  );
}

