import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { timeUnits, type Duration, type TimeUnit } from '../../models';
import { useStudio, useStudioStore } from '../state';
import { pathText, setAt, type DocPath } from '../state/documentOps';

/**
 * Form fields of the inspector. Every field names its document path (`data-path="nodes[3].duration.mean"`), so
 * a finding at that path shows under the field and the problems panel can focus it. Numbers are checked as they
 * are typed: text that is not a number stays in the field with a message and never reaches the document.
 */

/** Writes one value into the document; typing into the same field merges into one undo step. */
export function useSetAt(): (path: DocPath, value: unknown) => void {
  const store = useStudioStore();
  return useCallback((path: DocPath, value: unknown) => store.getState().updateDocument((doc) => setAt(doc, path, value), { coalesce: pathText(path) }), [store]);
}

/** The first finding at exactly this path (message), or undefined. Subscribes to that path only. */
export function useFindingAt(path: DocPath): string | undefined {
  const key = pathText(path);
  return useStudio((s) => s.validation.byPath.get(key)?.[0]?.message);
}

/** Every finding at exactly this path (severity and message); subscribes to that path only. */
export function useFindingsAt(path: DocPath): string {
  const key = pathText(path);
  // Joined into one string so the selector returns a primitive (no re-render when other findings change).
  return useStudio((s) => (s.validation.byPath.get(key) ?? []).map((f) => `${f.severity}\u0000${f.message}`).join('\u0001'));
}

/**
 * Findings about a whole object or list (a duration, a location, the stock rows, the sourcing block) that no single
 * field owns: shown where the object is edited, with its path so the problems panel can focus it.
 */
export function FindingNote({ path }: { path: DocPath }) {
  const joined = useFindingsAt(path);
  if (!joined) return null;
  return (
    <div className="finding-note" data-path={pathText(path)} tabIndex={-1}>
      {joined.split('\u0001').map((entry, i) => {
        const [severity, message] = entry.split('\u0000');
        return (
          <div key={i} className={severity === 'error' ? 'field-error' : 'field-warning'} role={severity === 'error' ? 'alert' : undefined}>
            {message}
          </div>
        );
      })}
    </div>
  );
}

/** Messages of findings under a path prefix (`sites[2]` covers `sites[2].overrides[0].set`), joined. */
export function useFindingsUnder(prefix: DocPath): string {
  const key = pathText(prefix);
  return useStudio((s) => {
    const out: string[] = [];
    for (const f of s.validation.findings) {
      if (f.path === key || f.path.startsWith(`${key}.`) || f.path.startsWith(`${key}[`) || f.path.startsWith(`${key} `)) out.push(f.message);
    }
    return out.join('\n');
  });
}

interface FieldShellProps {
  label: string;
  path: DocPath;
  error?: string;
  hint?: string;
  children: (id: string) => ReactNode;
  wide?: boolean;
}

/** Label, control and the message under it. */
export function FieldShell({ label, path, error, hint, children, wide }: FieldShellProps) {
  const id = useId();
  const finding = useFindingAt(path);
  const message = error ?? finding;
  return (
    <div className={`field${message ? ' invalid' : ''}${wide ? ' wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {message ? (
        <div className="field-error" role="alert">
          {message}
        </div>
      ) : hint ? (
        <div className="field-hint">{hint}</div>
      ) : null}
    </div>
  );
}

export function TextField(props: {
  label: string;
  path: DocPath;
  value: string | undefined;
  optional?: boolean;
  placeholder?: string;
  hint?: string;
  multiline?: boolean;
  wide?: boolean;
  /** A check before the value goes in: a message keeps it in the field only. */
  validate?: (value: string) => string | undefined;
  onCommit?: (value: string | undefined) => void;
}) {
  const setAtPath = useSetAt();
  const commit = props.onCommit ?? ((v: string | undefined) => setAtPath(props.path, v));
  const [text, setText] = useState(props.value ?? '');
  const [error, setError] = useState<string>();
  const sent = useRef(props.value);
  // Follow outside changes (undo, another field renaming) without fighting the user's typing.
  useEffect(() => {
    if (props.value !== sent.current) {
      sent.current = props.value;
      setText(props.value ?? '');
      setError(undefined);
    }
  }, [props.value]);
  const onChange = (next: string) => {
    setText(next);
    if (next === '' && !props.optional) {
      setError('Required.');
      return;
    }
    const problem = next === '' ? undefined : props.validate?.(next);
    setError(problem);
    if (problem) return;
    const value = next === '' ? undefined : next;
    sent.current = value;
    commit(value);
  };
  return (
    <FieldShell label={props.label} path={props.path} error={error} hint={props.hint} wide={props.wide || props.multiline}>
      {(id) =>
        props.multiline ? (
          <textarea id={id} data-path={pathText(props.path)} value={text} placeholder={props.placeholder} rows={3} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input id={id} data-path={pathText(props.path)} type="text" value={text} placeholder={props.placeholder} onChange={(e) => onChange(e.target.value)} />
        )
      }
    </FieldShell>
  );
}

export interface NumberRules {
  min?: number;
  max?: number;
  integer?: boolean;
  /** Strictly greater than min. */
  exclusiveMin?: boolean;
}

/** Checks a typed number against its rules; returns a message or undefined. */
export function numberProblem(text: string, rules: NumberRules, optional: boolean): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return optional ? undefined : 'Enter a number.';
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return `"${trimmed}" is not a number.`;
  if (rules.integer && !Number.isInteger(value)) return 'Enter a whole number.';
  if (rules.min !== undefined && (rules.exclusiveMin ? value <= rules.min : value < rules.min)) return `Must be ${rules.exclusiveMin ? 'more than' : 'at least'} ${rules.min}.`;
  if (rules.max !== undefined && value > rules.max) return `Must be at most ${rules.max}.`;
  return undefined;
}

export function NumberField(props: {
  label: string;
  path: DocPath;
  value: number | undefined;
  rules?: NumberRules;
  optional?: boolean;
  suffix?: string;
  hint?: string;
  /** Shown and typed as a percentage, stored as a share (0.05 <-> "5"). */
  percent?: boolean;
  /** A finding about the object this number belongs to (a duration's, a location's), shown under it. */
  ownerFinding?: string;
  onCommit?: (value: number | undefined) => void;
}) {
  const setAtPath = useSetAt();
  const commit = props.onCommit ?? ((v: number | undefined) => setAtPath(props.path, v));
  const scale = props.percent ? 100 : 1;
  const show = (v: number | undefined) => (v === undefined || typeof v !== 'number' ? '' : String(Math.round(v * scale * 1e9) / 1e9));
  const [text, setText] = useState(show(props.value));
  const [error, setError] = useState<string>();
  const sent = useRef(props.value);
  useEffect(() => {
    if (props.value !== sent.current) {
      sent.current = props.value;
      setText(show(props.value));
      setError(undefined);
    }
    // `show` depends only on `scale`, fixed per field.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.value]);
  const rules = props.percent ? scaleRules(props.rules ?? {}, 100) : (props.rules ?? {});
  const onChange = (next: string) => {
    setText(next);
    const problem = numberProblem(next, rules, props.optional ?? false);
    const parsed = next.trim() === '' ? undefined : Number(next.trim());
    const typedNumber = parsed === undefined || Number.isFinite(parsed);
    setError(problem);
    // A number out of range still goes in (the model shows what it breaks); text that is no number does not.
    if (!typedNumber || (parsed === undefined && !props.optional)) return;
    const value = parsed === undefined ? undefined : parsed / scale;
    sent.current = value;
    commit(value);
  };
  return (
    <FieldShell label={props.label} path={props.path} error={error ?? props.ownerFinding} hint={props.hint}>
      {(id) => (
        <div className="input-with-suffix">
          <input id={id} data-path={pathText(props.path)} type="text" inputMode="decimal" value={text} onChange={(e) => onChange(e.target.value)} />
          {(props.suffix || props.percent) && <span className="suffix">{props.percent ? '%' : props.suffix}</span>}
        </div>
      )}
    </FieldShell>
  );
}

function scaleRules(rules: NumberRules, scale: number): NumberRules {
  return { ...rules, min: rules.min === undefined ? undefined : rules.min * scale, max: rules.max === undefined ? undefined : rules.max * scale };
}

export function SelectField<T extends string>(props: {
  label: string;
  path: DocPath;
  value: T | undefined;
  options: ReadonlyArray<T | { value: T; label: string }>;
  optional?: boolean;
  emptyLabel?: string;
  hint?: string;
  onCommit?: (value: T | undefined) => void;
}) {
  const setAtPath = useSetAt();
  const commit = props.onCommit ?? ((v: T | undefined) => setAtPath(props.path, v));
  const options = props.options.map((o) => (typeof o === 'string' ? { value: o, label: o } : o));
  const known = props.value === undefined || options.some((o) => o.value === props.value);
  return (
    <FieldShell label={props.label} path={props.path} hint={props.hint}>
      {(id) => (
        <select id={id} data-path={pathText(props.path)} value={props.value ?? ''} onChange={(e) => commit(e.target.value === '' ? undefined : (e.target.value as T))}>
          {(props.optional || props.value === undefined) && <option value="">{props.emptyLabel ?? '(none)'}</option>}
          {!known && <option value={props.value}>{`${props.value} (not defined)`}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

export function CheckboxField(props: { label: string; path: DocPath; value: boolean | undefined; onCommit?: (value: boolean) => void }) {
  const setAtPath = useSetAt();
  const commit = props.onCommit ?? ((v: boolean) => setAtPath(props.path, v || undefined));
  const id = useId();
  return (
    <div className="field checkbox">
      <input id={id} type="checkbox" data-path={pathText(props.path)} checked={props.value ?? false} onChange={(e) => commit(e.target.checked)} />
      <label htmlFor={id}>{props.label}</label>
    </div>
  );
}

/** A duration: number and unit; optional durations can be cleared. */
export function DurationField(props: { label: string; path: DocPath; value: Duration | undefined; optional?: boolean; hint?: string; defaultUnit?: TimeUnit }) {
  const setAtPath = useSetAt();
  // Checks about the duration as a whole ("must be shorter than the horizon") sit at its own path.
  const ownerFinding = useFindingAt(props.path);
  const unit = props.value?.unit ?? props.defaultUnit ?? 'min';
  // The hint goes under the whole row: in the number's column it would wrap into a narrow strip.
  return (
    <div className="duration-field-wrap">
      <div className="field-row duration-field">
        <NumberField
          label={props.label}
          path={[...props.path, 'value']}
          value={props.value?.value}
          optional={props.optional}
          rules={{ min: 0 }}
          ownerFinding={ownerFinding}
          onCommit={(v) => setAtPath(props.path, v === undefined ? undefined : { value: v, unit })}
        />
        <SelectField label="Unit" path={[...props.path, 'unit']} value={unit} options={timeUnits} onCommit={(u) => setAtPath(props.path, { value: props.value?.value ?? 0, unit: u ?? 'min' })} />
      </div>
      {props.hint && <div className="field-hint duration-hint">{props.hint}</div>}
    </div>
  );
}

/** Numbers typed as a comma-separated list (an hourly profile, empirical values). */
export function NumberListField(props: { label: string; path: DocPath; value: number[] | undefined; optional?: boolean; length?: number; hint?: string }) {
  const setAtPath = useSetAt();
  const show = (v: number[] | undefined) => (Array.isArray(v) ? v.join(', ') : '');
  const [text, setText] = useState(show(props.value));
  const [error, setError] = useState<string>();
  const sent = useRef(props.value);
  useEffect(() => {
    if (props.value !== sent.current) {
      sent.current = props.value;
      setText(show(props.value));
      setError(undefined);
    }
  }, [props.value]);
  const onChange = (next: string) => {
    setText(next);
    if (next.trim() === '') {
      if (!props.optional) return setError('Enter at least one number.');
      setError(undefined);
      sent.current = undefined;
      return setAtPath(props.path, undefined);
    }
    const parts = next.split(/[,;\s]+/).filter((p) => p !== '');
    const values = parts.map(Number);
    const bad = parts.find((p, i) => !Number.isFinite(values[i]));
    if (bad !== undefined) return setError(`"${bad}" is not a number.`);
    setError(props.length !== undefined && values.length !== props.length ? `Needs ${props.length} values; has ${values.length}.` : undefined);
    sent.current = values;
    setAtPath(props.path, values);
  };
  return (
    <FieldShell label={props.label} path={props.path} error={error} hint={props.hint} wide>
      {(id) => <input id={id} data-path={pathText(props.path)} type="text" value={text} onChange={(e) => onChange(e.target.value)} />}
    </FieldShell>
  );
}

/** Free JSON for a part of the format that is itself a patch (overrides, variant patches). */
export function JsonField(props: { label: string; path: DocPath; value: unknown; hint?: string; expect: 'object' | 'array' }) {
  const setAtPath = useSetAt();
  const show = (v: unknown) => JSON.stringify(v ?? (props.expect === 'array' ? [] : {}), null, 2);
  const [text, setText] = useState(show(props.value));
  const [error, setError] = useState<string>();
  const sent = useRef(props.value);
  useEffect(() => {
    if (props.value !== sent.current) {
      sent.current = props.value;
      setText(show(props.value));
      setError(undefined);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.value]);
  const findings = useFindingsUnder(props.path);
  const onChange = (next: string) => {
    setText(next);
    let parsed: unknown;
    try {
      parsed = JSON.parse(next);
    } catch (e) {
      return setError(`Not valid JSON yet: ${e instanceof Error ? e.message : String(e)}`);
    }
    const ok = props.expect === 'array' ? Array.isArray(parsed) : parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
    if (!ok) return setError(props.expect === 'array' ? 'Must be a JSON list: [ … ].' : 'Must be a JSON object: { … }.');
    setError(undefined);
    sent.current = parsed;
    setAtPath(props.path, parsed);
  };
  return (
    <div className={`field wide${error || findings ? ' invalid' : ''}`}>
      <label>{props.label}</label>
      <textarea className="code" data-path={pathText(props.path)} spellCheck={false} rows={Math.min(12, Math.max(3, text.split('\n').length))} value={text} onChange={(e) => onChange(e.target.value)} />
      {error || findings ? (
        <div className="field-error" role="alert">
          {error ?? findings}
        </div>
      ) : props.hint ? (
        <div className="field-hint">{props.hint}</div>
      ) : null}
    </div>
  );
}

/** A titled group of fields that can be folded. */
export function Section(props: { title: string; children: ReactNode; defaultOpen?: boolean; count?: number; problems?: string; actions?: ReactNode; testId?: string }) {
  return (
    <details className="section" open={props.defaultOpen ?? true} data-testid={props.testId}>
      <summary>
        <span className="section-title">{props.title}</span>
        {props.count !== undefined && <span className="section-count">{props.count}</span>}
        {props.problems ? (
          <span className="section-problem" title={props.problems}>
            !
          </span>
        ) : null}
        {props.actions && <span className="section-actions">{props.actions}</span>}
      </summary>
      <div className="section-body">{props.children}</div>
    </details>
  );
}

/** A card for one item of a list (a pool, a site), with a remove button. */
export function ItemCard(props: { title: string; onRemove?: () => void; children: ReactNode; problems?: string; testId?: string }) {
  return (
    <div className={`item-card${props.problems ? ' invalid' : ''}`} data-testid={props.testId}>
      <div className="item-card-head">
        <span>{props.title}</span>
        {props.onRemove && (
          <button type="button" className="btn-icon" title="Remove" aria-label={`Remove ${props.title}`} onClick={props.onRemove}>
            ×
          </button>
        )}
      </div>
      <div className="item-card-body">{props.children}</div>
    </div>
  );
}

/** A list with a title and an add button (`addLabel` says what it adds: "+ product class"). */
export function ListBlock<T>(props: { title: string; items: readonly T[]; onAdd: () => void; render: (item: T, index: number) => ReactNode; addLabel?: string; hint?: string; testId?: string }) {
  const { title, items, onAdd, render } = props;
  return (
    <div className="list-block" data-testid={props.testId}>
      <div className="list-block-head">
        <span>{title}</span>
        <button type="button" className="btn-link" onClick={onAdd}>
          + {props.addLabel ?? 'add'}
        </button>
      </div>
      {props.hint && <div className="field-hint list-block-hint">{props.hint}</div>}
      {items.map((item, i) => render(item, i))}
    </div>
  );
}

export function RemoveButton({ onClick, label = 'Remove' }: { onClick: () => void; label?: string }) {
  return (
    <button type="button" className="btn-icon remove" title={label} aria-label={label} onClick={onClick}>
      ×
    </button>
  );
}

/**
 * Several on/off choices stored as one list (workdays, candidate sites). The group carries the list's path, so
 * a finding about the list shows under it and the problems panel can focus it. The last checked box cannot be
 * cleared when `atLeastOne` (the format needs one).
 */
export function CheckboxGroup<T extends string>(props: {
  label: string;
  path: DocPath;
  options: ReadonlyArray<{ value: T; label: string; title?: string }>;
  checked: readonly T[];
  onChange: (next: T[]) => void;
  atLeastOne?: boolean;
  hint?: string;
  testId?: string;
}) {
  const finding = useFindingsUnder(props.path);
  const groupId = useId();
  return (
    <div className={`field checkbox-group${finding ? ' invalid' : ''}`} data-testid={props.testId}>
      <span className="field-label" id={groupId}>
        {props.label}
      </span>
      <div className="checkbox-row" role="group" aria-labelledby={groupId} data-path={pathText(props.path)} tabIndex={-1}>
        {props.options.map((o) => {
          const on = props.checked.includes(o.value);
          const locked = on && props.atLeastOne === true && props.checked.length === 1;
          return (
            <label key={o.value} className={`check${on ? ' on' : ''}`} title={locked ? 'At least one is needed.' : o.title}>
              <input
                type="checkbox"
                checked={on}
                disabled={locked}
                onChange={(e) => props.onChange(e.target.checked ? props.options.map((x) => x.value).filter((v) => v === o.value || props.checked.includes(v)) : props.checked.filter((v) => v !== o.value))}
              />
              {o.label}
            </label>
          );
        })}
      </div>
      {finding ? (
        <div className="field-error" role="alert">
          {finding}
        </div>
      ) : props.hint ? (
        <div className="field-hint">{props.hint}</div>
      ) : null}
    </div>
  );
}

/** A sentence that explains the section it sits in, or warns of what it lacks (`tone="warning"`), with an optional action. */
export function Note(props: { children: ReactNode; tone?: 'info' | 'warning'; action?: { label: string; onClick: () => void }; testId?: string }) {
  return (
    <div className={`note note-${props.tone ?? 'info'}`} data-testid={props.testId} role={props.tone === 'warning' ? 'status' : undefined}>
      <span>{props.children}</span>
      {props.action && (
        <button type="button" className="btn-link" onClick={props.action.onClick}>
          {props.action.label}
        </button>
      )}
    </div>
  );
}
