import { useMemo } from 'react';
import {
  distributionKinds,
  distributionMoments,
  distributionParameterProblems,
  timeDistributionSchema,
  timeUnits,
  valueDistributionSchema,
  type AnyDistribution,
  type DistributionKind,
} from '../../models';
import { roundNice } from '../canvas/nodeSummary';
import { pathText, type DocPath } from '../state/documentOps';
import { DensityChart } from './DensityChart';
import { NumberField, NumberListField, SelectField, useFindingsUnder, useSetAt } from './fields';

const kindLabels: Record<DistributionKind, string> = {
  constant: 'Constant',
  uniform: 'Uniform (min, max)',
  triangular: 'Triangular (min, mode, max)',
  exponential: 'Exponential (mean)',
  normal: 'Normal, truncated at 0',
  lognormal: 'Lognormal (mean, sd)',
  gamma: 'Gamma (mean, sd)',
  erlang: 'Erlang-k (k, mean)',
  weibull: 'Weibull (shape, scale)',
  empirical: 'Empirical (values, weights)',
};

type Params = Record<string, number | number[] | string>;

/**
 * Converts a distribution to another kind keeping its mean and spread where the new kind can express them,
 * so switching kinds never throws the numbers away.
 */
export function convertDistribution(current: Params, kind: DistributionKind, timed: boolean): Params {
  const parsed = (timed ? timeDistributionSchema : valueDistributionSchema).safeParse(current);
  const moments = parsed.success ? distributionMoments(parsed.data) : { mean: 1, sd: 0.5 };
  const mean = moments.mean > 0 ? moments.mean : 1;
  const sd = moments.sd > 0 ? moments.sd : mean / 2;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  const unit: Params = timed ? { unit: typeof current.unit === 'string' ? current.unit : 'min' } : {};
  switch (kind) {
    case 'constant':
      return { kind, value: r(mean), ...unit };
    case 'uniform':
      return { kind, min: r(Math.max(0, mean - sd * Math.sqrt(3))), max: r(mean + sd * Math.sqrt(3)), ...unit };
    case 'triangular':
      return { kind, min: r(Math.max(0, mean - 2 * sd)), mode: r(mean), max: r(mean + 2 * sd), ...unit };
    case 'exponential':
      return { kind, mean: r(mean), ...unit };
    case 'normal':
    case 'lognormal':
    case 'gamma':
      return { kind, mean: r(mean), sd: r(sd), ...unit };
    case 'erlang':
      return { kind, k: Math.max(1, Math.round((mean / sd) ** 2)), mean: r(mean), ...unit };
    case 'weibull':
      // Shape 1.5: a right-skewed service time; scale so that the mean stays (Γ(1 + 1/1.5) ≈ 0.9027).
      return { kind, shape: 1.5, scale: r(mean / 0.9027), ...unit };
    case 'empirical':
      return { kind, values: [r(mean)], ...unit };
  }
}

const paramRules: Record<string, { min?: number; exclusiveMin?: boolean; integer?: boolean; max?: number }> = {
  value: { min: 0 },
  min: { min: 0 },
  max: { min: 0 },
  mode: { min: 0 },
  mean: { min: 0, exclusiveMin: true },
  sd: { min: 0 },
  k: { min: 1, integer: true, max: 1000 },
  shape: { min: 0, exclusiveMin: true },
  scale: { min: 0, exclusiveMin: true },
};

const paramLabels: Record<string, string> = { value: 'Value', min: 'Min', max: 'Max', mode: 'Mode', mean: 'Mean', sd: 'Std dev', k: 'k (phases)', shape: 'Shape', scale: 'Scale' };

/**
 * Edits one distribution: kind, parameters and (for time) unit, with a live density plot and its mean and sd.
 * `timed` distributions carry a unit; counts and amounts (order lines, order value) do not.
 */
export function DistributionEditor({
  label,
  path,
  value,
  timed,
  unitLabel,
  compact,
  hint,
}: {
  label: string;
  path: DocPath;
  value: unknown;
  timed: boolean;
  /** For counts and amounts: what the numbers are ("lines", "units", "USD"), shown next to them. */
  unitLabel?: string;
  /** Without the density plot (rows of a table: stock classes, segments); the mean and sd stay. */
  compact?: boolean;
  hint?: string;
}) {
  const setAtPath = useSetAt();
  const current = (value && typeof value === 'object' ? value : { kind: 'constant', value: 0 }) as Params;
  const kind = (distributionKinds as readonly string[]).includes(String(current.kind)) ? (current.kind as DistributionKind) : 'constant';
  const parsed = useMemo(() => (timed ? timeDistributionSchema : valueDistributionSchema).safeParse(value), [value, timed]);
  const valid = parsed.success && distributionParameterProblems(parsed.data as AnyDistribution).length === 0 ? (parsed.data as AnyDistribution) : undefined;
  const moments = valid ? distributionMoments(valid) : undefined;
  const unit = timed && typeof current.unit === 'string' ? current.unit : undefined;
  const shownUnit = unit ?? unitLabel;
  const problems = useFindingsUnder(path);
  const paramNames = paramsOf(kind);
  return (
    <fieldset className={`distribution${problems ? ' invalid' : ''}${compact ? ' compact' : ''}`} data-path={pathText(path)}>
      <legend>{label}</legend>
      {hint && <div className="field-hint distribution-hint">{hint}</div>}
      <div className={`field-row${timed ? ' distribution-head' : ''}`}>
        <SelectField
          label="Distribution"
          path={[...path, 'kind']}
          value={kind}
          options={distributionKinds.map((k) => ({ value: k, label: kindLabels[k] }))}
          onCommit={(k) => k && setAtPath(path, convertDistribution(current, k, timed))}
        />
        {timed && <SelectField label="Unit" path={[...path, 'unit']} value={unit as (typeof timeUnits)[number]} options={timeUnits} />}
      </div>
      <div className="field-row">
        {kind === 'empirical' ? (
          <>
            <NumberListField label="Values" path={[...path, 'values']} value={current.values as number[] | undefined} />
            <NumberListField label="Weights (optional)" path={[...path, 'weights']} value={current.weights as number[] | undefined} optional hint="Same count as values; equal if empty." />
          </>
        ) : (
          paramNames.map((p) => (
            <NumberField key={`${kind}-${p}`} label={paramLabels[p] ?? p} path={[...path, p]} value={typeof current[p] === 'number' ? (current[p] as number) : undefined} rules={paramRules[p]} suffix={p === 'k' || p === 'shape' ? undefined : shownUnit} />
          ))
        )}
      </div>
      {valid ? (
        <>
          {!compact && <DensityChart distribution={valid} unit={unit} />}
          <div className="moments" data-testid="moments">
            mean <b>{roundNice(moments!.mean)}</b>
            {shownUnit ? ` ${shownUnit}` : ''} · sd <b>{roundNice(moments!.sd)}</b>
            {shownUnit ? ` ${shownUnit}` : ''}
          </div>
        </>
      ) : (
        <div className="density-empty">Fix the parameters to see the distribution.</div>
      )}
    </fieldset>
  );
}

function paramsOf(kind: DistributionKind): string[] {
  switch (kind) {
    case 'constant':
      return ['value'];
    case 'uniform':
      return ['min', 'max'];
    case 'triangular':
      return ['min', 'mode', 'max'];
    case 'exponential':
      return ['mean'];
    case 'normal':
    case 'lognormal':
    case 'gamma':
      return ['mean', 'sd'];
    case 'erlang':
      return ['k', 'mean'];
    case 'weibull':
      return ['shape', 'scale'];
    case 'empirical':
      return [];
  }
}
