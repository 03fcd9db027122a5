import type { Insight } from './engine';

/** Ranked findings; each shows the numbers it rests on (path in the report = value) on hover and to screen readers. */
export default function InsightList({ insights }: { insights: readonly Insight[] }) {
  if (insights.length === 0) return null;
  return (
    <section className="fc-exp-findings" aria-label="Findings">
      <h3>Findings</h3>
      <ol>
        {insights.map((insight) => {
          const evidence = insight.evidence.map((e) => `${e.label}: ${e.path} = ${typeof e.value === 'number' ? Number(e.value.toPrecision(6)) : String(e.value)}`).join('; ');
          return (
            <li key={`${insight.rank}-${insight.kind}`} data-kind={insight.kind} title={evidence}>
              {insight.text}
              <span className="fc-exp-evidence">{evidence}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
