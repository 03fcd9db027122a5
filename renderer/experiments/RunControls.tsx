import type { ExperimentRunState } from './useExperimentRun';

/** The Run / Cancel buttons, the progress bar and the outcome line of a panel. */
export default function RunControls({ state, label, disabled, problem, onRun, onCancel }: { state: ExperimentRunState<unknown>; label: string; disabled: boolean; problem: string | null; onRun: () => void; onCancel: () => void }) {
  const running = state.status === 'running';
  return (
    <div className="fc-exp-run">
      {running ? (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      ) : (
        <button type="button" className="fc-exp-primary" onClick={onRun} disabled={disabled || problem !== null}>
          {label}
        </button>
      )}
      {running && (state.progress === null ? <progress aria-label="Experiment progress" /> : <progress max={1} value={state.progress} aria-label="Experiment progress" />)}
      {running && state.progress !== null && <span>{Math.round(state.progress * 100)}%</span>}
      {problem && !running && <span className="fc-exp-problem">{problem}</span>}
      {state.status === 'failed' && <span className="fc-exp-problem" role="alert">{state.error}</span>}
      {state.status === 'cancelled' && <span>Cancelled.</span>}
    </div>
  );
}
