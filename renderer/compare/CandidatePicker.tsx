import { useMemo, useState } from 'react';
import type { Workflow } from '../../models';
import { seriesColors } from '../results/charts/chartOptions';
import type { Candidate } from './compareRows';
import { loadShippedScenario, shippedScenarios } from './scenarioCatalog';

/** Candidates at most: more columns would not stay readable on a projector. */
export const MAX_CANDIDATES = 4;

/** The open model (base or one of its variants) as a candidate. */
export function openModelCandidate(model: Workflow, variantId: string | null): Candidate {
  const variant = variantId === null ? undefined : model.variants.find((v) => v.id === variantId);
  return {
    key: `open:${variantId ?? 'base'}`,
    label: variant ? variant.name : `${model.metadata.name} (base)`,
    model,
    variantId,
    source: 'open-model',
  };
}

/**
 * The list of candidates to compare (the first is the baseline) and the controls that add a variant of the open
 * model or a shipped scenario (and its variant), at most MAX_CANDIDATES.
 */
export default function CandidatePicker({ model, candidates, onChange, disabled }: { model: Workflow; candidates: Candidate[]; onChange: (c: Candidate[]) => void; disabled: boolean }) {
  const scenarios = useMemo(() => shippedScenarios(), []);
  const [scenarioId, setScenarioId] = useState('');
  const [loaded, setLoaded] = useState<{ id: string; model: Workflow } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [scenarioVariant, setScenarioVariant] = useState('');
  const keys = new Set(candidates.map((c) => c.key));
  const full = candidates.length >= MAX_CANDIDATES;
  const openOptions = [null, ...model.variants.map((v) => v.id)].filter((v) => !keys.has(`open:${v ?? 'base'}`));

  const add = (c: Candidate) => {
    if (!keys.has(c.key) && !full) onChange([...candidates, c]);
  };
  const move = (index: number) => {
    // Make this candidate the baseline (first).
    const next = [...candidates];
    const [c] = next.splice(index, 1);
    onChange([c, ...next]);
  };

  const pickScenario = (id: string) => {
    setScenarioId(id);
    setLoaded(null);
    setLoadError(null);
    setScenarioVariant('');
    if (!id) return;
    loadShippedScenario(id).then(
      (m) => setLoaded({ id, model: m }),
      (e: unknown) => setLoadError(e instanceof Error ? e.message : String(e)),
    );
  };

  const addScenario = () => {
    if (!loaded) return;
    const variantId = scenarioVariant || null;
    const variant = variantId ? loaded.model.variants.find((v) => v.id === variantId) : undefined;
    add({
      key: `scenario:${loaded.id}:${variantId ?? 'base'}`,
      label: variant ? `${loaded.model.metadata.name}: ${variant.name}` : loaded.model.metadata.name,
      model: loaded.model,
      variantId,
      source: 'scenario',
    });
  };

  return (
    <fieldset className="fc-cmp-candidates" disabled={disabled}>
      <legend>Variants ({candidates.length} of at most {MAX_CANDIDATES})</legend>
      <ol className="fc-cmp-candidate-list" data-testid="compare-candidates">
        {candidates.map((c, i) => (
          <li key={c.key} className={i === 0 ? 'is-baseline' : undefined}>
            <span className="fc-cmp-swatch" style={{ background: seriesColors[i % seriesColors.length] }} aria-hidden="true" />
            <span className="fc-cmp-candidate-label">{c.label}</span>
            {c.source === 'scenario' && <span className="fc-cmp-tag">other scenario</span>}
            {i === 0 ? (
              <span className="fc-cmp-tag is-baseline">baseline</span>
            ) : (
              <button type="button" className="fc-cmp-small" onClick={() => move(i)} title="Measure the others against this one">
                Make baseline
              </button>
            )}
            <button type="button" className="fc-cmp-small" onClick={() => onChange(candidates.filter((x) => x.key !== c.key))} aria-label={`Remove ${c.label}`}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      <div className="fc-cmp-add">
        <label>
          Add from this model
          <select
            value=""
            disabled={full || openOptions.length === 0}
            onChange={(e) => {
              const v = e.target.value;
              if (v) add(openModelCandidate(model, v === '__base' ? null : v));
            }}
            data-testid="compare-add-variant"
          >
            <option value="">{openOptions.length === 0 ? 'all added' : 'choose a variant…'}</option>
            {openOptions.map((v) => (
              <option key={v ?? '__base'} value={v ?? '__base'}>
                {v === null ? 'Base model' : (model.variants.find((x) => x.id === v)?.name ?? v)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Add a shipped scenario
          <select value={scenarioId} disabled={full} onChange={(e) => pickScenario(e.target.value)} data-testid="compare-add-scenario">
            <option value="">choose a scenario…</option>
            {scenarios.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
        {loaded && loaded.model.variants.length > 0 && (
          <label>
            Its variant
            <select value={scenarioVariant} onChange={(e) => setScenarioVariant(e.target.value)} data-testid="compare-scenario-variant">
              <option value="">Base</option>
              {loaded.model.variants.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {scenarioId && (
          <button type="button" className="fc-cmp-small" disabled={!loaded || full} onClick={addScenario} data-testid="compare-add-scenario-button">
            {loaded ? 'Add' : loadError ? 'Cannot load' : 'Loading…'}
          </button>
        )}
      </div>
      {loadError && <p className="fc-cmp-error">{loadError}</p>}
    </fieldset>
  );
}

