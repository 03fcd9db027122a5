import type { ExperimentRunState } from './useExperimentRun';

/**
 * The Run / Cancel buttons, the progress bar and the outcome line of a panel. `hint` says what a run will do (how
 * many simulations); `problem` (a sentence saying what to fix) disables Run.
 */
export default function RunControls({ state, label, disabled, problem, hint, onRun, onCancel }: { state: ExperimentRunState<unknown>; label: string; disabled: boolean; problem: string | null; hint?: string; onRun: () => void; onCancel: () => void }) {
  const running = state.status === 'running';
  return (
    <div className="fc-exp-run">
      {problem && !running && <p className="fc-exp-problem">{problem}</p>}
      {state.status === 'failed' && (
        <p className="fc-exp-problem" role="alert">
          {state.error}
        </p>
      )}
      <div className="fc-exp-run-row">
        {running ? (
          <button type="button" className="fc-exp-button is-cancel" onClick={onCancel}>
            Cancel
          </button>
        ) : (
          <button type="button" className="fc-exp-button" onClick={onRun} disabled={disabled || problem !== null}>
            {label}
          </button>
        )}
      </div>
      {!running && hint && problem === null && <span className="fc-exp-hint">{hint}</span>}
      {running && (
        <div className="fc-exp-progress" role="status">
          {state.progress === null ? <progress aria-label="Experiment progress" /> : <progress max={1} value={state.progress} aria-label="Experiment progress" />}
          <span className="fc-exp-progress-text">{state.progress === null ? 'Running…' : `Running… ${Math.round(state.progress * 100)}%`}</span>
        </div>
      )}
      {state.status === 'cancelled' && <p className="fc-exp-note">Cancelled: nothing was kept. Press {label} to start again.</p>}
    </div>
  );
}
