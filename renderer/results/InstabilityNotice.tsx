import type { CompletedRun } from '../simulation/runStore';
import type { Instability } from '../simulation/simulationClient';

/** The engine's guard message when a run was unstable: which node's queue exploded and why, with a link to it. */
export default function InstabilityNotice({ run, onSelectNode }: { run: CompletedRun; onSelectNode: (nodeId: string) => void }) {
  if (run.report.status !== 'unstable') return null;
  // One line per step that exploded (replications usually agree), with how many replications stopped there.
  const byNode = new Map<string, { first: Instability; count: number }>();
  for (const i of run.instabilities) {
    const key = i.nodeId ?? i.message;
    const entry = byNode.get(key);
    if (entry) entry.count++;
    else byNode.set(key, { first: i, count: 1 });
  }
  const distinct = [...byNode.values()];
  const total = run.report.settings.replications;
  return (
    <div className="fc-res-alert" role="alert" data-testid="unstable-notice">
      <strong>
        Unstable: {run.instabilities.length} of {total} replication{total === 1 ? '' : 's'} stopped early because orders piled up without limit.
      </strong>
      <ul>
        {distinct.slice(0, 3).map(({ first, count }) => (
          <li key={first.replication}>
            {first.message}
            {count > 1 && <span className="fc-res-muted"> (similar in {count - 1} other replication{count === 2 ? '' : 's'})</span>}
            {first.nodeId && (
              <button type="button" className="fc-res-link" onClick={() => onSelectNode(first.nodeId as string)}>
                Show the step
              </button>
            )}
          </li>
        ))}
        {distinct.length === 0 && run.report.messages.map((m) => <li key={m}>{m}</li>)}
      </ul>
      <p>The figures below cover only the time before each stop: add capacity where the queue explodes, or lower the volume, and run again.</p>
    </div>
  );
}

