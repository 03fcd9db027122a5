import { useState } from 'react';
import type { Workflow } from '../../models';
import ResultsPanel from '../results/ResultsPanel';
import RunPanel from '../simulation/RunPanel';
import { useSelectNode, useStudio } from '../state';
import { JsonPanel } from './JsonPanel';
import { ProblemsPanel } from './ProblemsPanel';

/** The bottom dock: the run panel, and tabs for problems, results and the JSON text. */
export function Dock({ model }: { model: Workflow | undefined }) {
  const tab = useStudio((s) => s.dockTab);
  const setUi = useStudio((s) => s.setUi);
  const errors = useStudio((s) => s.validation.findings.filter((f) => f.severity === 'error').length);
  const warnings = useStudio((s) => s.validation.findings.length) - errors;
  const selectNode = useSelectNode();
  // Folded, the dock keeps only its tab bar and gives the canvas the height (on small screens).
  const [folded, setFolded] = useState(false);
  const tabButton = (id: 'problems' | 'results' | 'json', label: React.ReactNode) => (
    <button
      type="button"
      role="tab"
      aria-selected={tab === id}
      className={tab === id ? 'active' : ''}
      onClick={() => {
        setUi({ dockTab: id });
        setFolded(false);
      }}
      data-testid={`dock-${id}`}
    >
      {label}
    </button>
  );
  return (
    <section className={`dock${folded ? ' folded' : ''}`} aria-label="Run, problems and results">
      <div className="dock-run" hidden={folded}>
        <RunPanel model={model} blocked={errors > 0} />
      </div>
      <div className="dock-main">
        <div className="tabs" role="tablist">
          {tabButton(
            'problems',
            <>
              Problems
              {errors > 0 && <span className="count error">{errors}</span>}
              {warnings > 0 && <span className="count warning">{warnings}</span>}
            </>,
          )}
          {tabButton('results', 'Results')}
          {tabButton('json', 'JSON')}
          <span className="tabs-spacer" />
          <button type="button" className="btn-link" onClick={() => setUi({ compareOpen: true })} data-testid="dock-compare">
            Compare variants →
          </button>
          <button type="button" className="btn-icon" onClick={() => setFolded(!folded)} aria-label={folded ? 'Show the dock' : 'Fold the dock'} title={folded ? 'Show the dock' : 'Fold the dock'} data-testid="dock-fold">
            {folded ? '▴' : '▾'}
          </button>
        </div>
        <div className="dock-body" hidden={folded}>
          {tab === 'problems' && <ProblemsPanel />}
          {tab === 'results' && <ResultsPanel onSelectNode={selectNode} />}
          {tab === 'json' && <JsonPanel />}
        </div>
      </div>
    </section>
  );
}
