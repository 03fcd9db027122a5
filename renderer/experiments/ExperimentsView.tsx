import { useEffect, useId, useMemo, useState } from 'react';
import type { Variant, Workflow } from '../../models';
import RecommendPanel from './RecommendPanel';
import { initialSettings, parseSettings, type SettingsForm } from './settings';
import StressPanel from './StressPanel';
import SweepPanel from './SweepPanel';
import './experiments.css';

export interface ExperimentsViewProps {
  /** The open document's model (validated). */
  model: Workflow;
  onClose: () => void;
  /** Adds a variant (the recommendation) to the document. */
  onApplyVariant: (variant: Variant) => void;
}

type Tab = 'sweep' | 'stress' | 'recommend';
const tabs: Array<{ id: Tab; label: string }> = [
  { id: 'sweep', label: 'Sweep' },
  { id: 'stress', label: 'Stress test' },
  { id: 'recommend', label: 'Capacity recommendation' },
];

/**
 * The Experiments area: sweeps (a KPI against a parameter with confidence bands and the saturation point), stress
 * tests (WIP timeline with and without a shock, time to recover, SLA misses caused) and the capacity
 * recommendation (applied as a new variant). Every panel runs through the studio's simulation workers; all runs of
 * one experiment share seeds (common random numbers).
 */
export default function ExperimentsView({ model, onClose, onApplyVariant }: ExperimentsViewProps) {
  const id = useId();
  const [tab, setTab] = useState<Tab>('sweep');
  const [form, setForm] = useState<SettingsForm>(() => initialSettings(model));
  const settings = useMemo(() => parseSettings(form), [form]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const field = (key: keyof SettingsForm, label: string) => (
    <div className="fc-exp-inline">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input id={`${id}-${key}`} className={`fc-exp-setting-${key}`} value={form[key]} inputMode="decimal" onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))} aria-invalid={typeof settings === 'string' ? true : undefined} />
    </div>
  );

  return (
    <div className="fc-exp" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`}>
      <header className="fc-exp-header">
        <h2 id={`${id}-title`}>Experiments</h2>
        <span className="fc-exp-subtitle">{model.metadata.name}</span>
        <button type="button" className="fc-exp-close" onClick={onClose} title="Close (Esc)">
          Close ×
        </button>
      </header>
      <div className="fc-exp-body">
        <div className="fc-exp-settings" role="group" aria-labelledby={`${id}-settings`}>
          <span id={`${id}-settings`} className="fc-exp-settings-title">
            Run settings
          </span>
          {field('replications', 'Replications per point')}
          {field('seed', 'Seed')}
          {field('horizonDays', 'Horizon (days)')}
          {field('warmupDays', 'Warm-up (days)')}
          <span className="fc-exp-settings-note" title="Every point of a sweep, both sides of a stress test and every configuration a recommendation tries run the same replications with the same seed, so differences come from the change, not from luck.">
            Same seeds in all three tabs (common random numbers).
          </span>
        </div>
        <div role="tablist" className="fc-exp-tabs" aria-label="Experiment">
          {tabs.map((t) => (
            <button key={t.id} type="button" role="tab" id={`${id}-tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`${id}-panel-${t.id}`} className={tab === t.id ? 'is-active' : undefined} onClick={() => setTab(t.id)}>
              {t.label}
            </button>
          ))}
        </div>
        {/* Panels stay mounted so a run keeps going (and its result stays) while another tab is looked at. */}
        {tabs.map((t) => (
          <div key={t.id} role="tabpanel" id={`${id}-panel-${t.id}`} aria-labelledby={`${id}-tab-${t.id}`} hidden={tab !== t.id} className="fc-exp-tabpanel">
            {t.id === 'sweep' && <SweepPanel model={model} settings={settings} />}
            {t.id === 'stress' && <StressPanel model={model} settings={settings} />}
            {t.id === 'recommend' && <RecommendPanel model={model} settings={settings} onApplyVariant={onApplyVariant} />}
          </div>
        ))}
      </div>
    </div>
  );
}
