import type { ReactNode } from 'react';

/** A form field with its label above the control and an optional hint below (the control carries `id`). */
export function Field({ id, label, hint, wide, children }: { id: string; label: string; hint?: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? 'fc-exp-field is-wide' : 'fc-exp-field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <span className="fc-exp-hint">{hint}</span>}
    </div>
  );
}

/** The one-paragraph description of what a tab answers: the question in bold, then how. */
export function Intro({ question, children }: { question: string; children: ReactNode }) {
  return (
    <p className="fc-exp-intro">
      <strong>{question}</strong> {children}
    </p>
  );
}

/** What the results column shows before a run: what to do, and what will appear. */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="fc-exp-empty" data-testid="exp-empty">
      <p className="fc-exp-empty-title">{title}</p>
      {children}
    </div>
  );
}

/** What the results column shows while a run is in flight (the bar and Cancel are beside the Run button). */
export function RunningState({ what, children }: { what: string; children: ReactNode }) {
  return (
    <div className="fc-exp-empty is-running" data-testid="exp-running">
      <p className="fc-exp-empty-title">
        <span className="fc-exp-spinner" aria-hidden="true" />
        {what}
      </p>
      {children}
    </div>
  );
}

/** "2 replications" / "1 replication" (or an irregular plural: "3 tries"). */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}
