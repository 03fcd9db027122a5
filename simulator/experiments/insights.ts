/**
 * Insights: a short ranked list of plain-language findings about a run, a comparison, a sweep, a stress test or a
 * recommendation. Each finding names the numbers it rests on as `evidence` (a JSON path into the report and the
 * value there), so a reader can check every sentence against the report. Ranking is by a score that grows with the
 * size of the effect (SLA shortfall first, then where cycle time goes); ties keep a fixed order.
 */
import type { RunReport } from '../report';
import type { KpiComparison } from '../stats/compare';
import type { RecommendReport } from './recommend';
import type { StressReport } from './stress';
import type { SweepReport } from './sweep';

export interface Insight {
  rank: number;
  /** Stable kind, e.g. `sla-missed`, `bottleneck`, `saturation`; the studio keys icons on it. */
  kind: string;
  text: string;
  /** Larger is more important; comparable within one list. */
  score: number;
  evidence: Array<{ label: string; path: string; value: number | string | null }>;
}

type Draft = Omit<Insight, 'rank'>;

/** Minutes in the unit a planner would say, 3 significant digits ("6.2 h", "41 min"). */
function formatMinutes(minutes: number): string {
  const abs = Math.abs(minutes);
  const [value, unit] = abs >= 2880 ? [minutes / 1440, 'd'] : abs >= 120 ? [minutes / 60, 'h'] : abs >= 1 || abs === 0 ? [minutes, 'min'] : [minutes * 60, 's'];
  return `${Number(value.toPrecision(3))} ${unit}`;
}

const pct = (x: number | null | undefined, digits = 0) => (x === null || x === undefined ? '-' : `${(x * 100).toFixed(digits)}%`);
const num = (x: number | null | undefined) => (x === null || x === undefined ? '-' : Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : Number(x.toPrecision(3)).toString());

function ranked(drafts: Draft[], limit: number): Insight[] {
  return drafts
    .map((d, i) => ({ d, i }))
    .sort((a, b) => b.d.score - a.d.score || a.i - b.i)
    .slice(0, limit)
    .map(({ d }, i) => ({ rank: i + 1, ...d }));
}

/**
 * Findings about one run: unstable runs, SLA goals missed, where orders wait (bottlenecks), teams near or far
 * from their limit, and too few replications for the precision wanted.
 * @example insightsForRun(report).map((i) => i.text)
 */
export function insightsForRun(report: RunReport, limit = 6): Insight[] {
  const out: Draft[] = [];
  if (report.status === 'unstable') {
    out.push({ kind: 'unstable', text: `Queues grow without bound in some replications: ${report.messages[0] ?? 'see the report messages'}`, score: 100, evidence: [{ label: 'status', path: 'status', value: report.status }] });
  }
  report.slas.forEach((sla, i) => {
    const mean = sla.attainment.mean;
    if (mean === null || mean >= sla.goal) return;
    out.push({
      kind: 'sla-missed',
      text: `${sla.name}: ${pct(mean)} of orders meet the ${formatMinutes(sla.targetMinutes)} target against a goal of ${pct(sla.goal)} (${((sla.goal - mean) * 100).toFixed(1)} points short).`,
      score: 10 + 100 * (sla.goal - mean),
      evidence: [
        { label: 'attainment', path: `slas[${i}].attainment.mean`, value: mean },
        { label: 'goal', path: `slas[${i}].goal`, value: sla.goal },
      ],
    });
  });
  report.bottlenecks.slice(0, 3).forEach((b, i) => {
    if (b.waitShare < 0.05) return;
    const busy = b.utilisation === null ? '' : `${b.resource ?? 'its resource'} ${pct(b.utilisation)} busy; `;
    out.push({
      kind: 'bottleneck',
      text: `${b.name}: ${busy}orders wait ${formatMinutes(b.meanWaitMinutes ?? 0)} there on average, ${pct(b.waitShare)} of their cycle time.`,
      score: 5 + 20 * b.waitShare,
      evidence: [
        { label: 'wait share', path: `bottlenecks[${i}].waitShare`, value: b.waitShare },
        { label: 'mean wait (min)', path: `bottlenecks[${i}].meanWaitMinutes`, value: b.meanWaitMinutes },
        { label: 'utilisation', path: `bottlenecks[${i}].utilisation`, value: b.utilisation },
      ],
    });
  });
  report.pools.forEach((p, i) => {
    const u = p.utilisation.mean;
    if (u === null) return;
    const where = p.siteId ? ` at ${p.siteId}` : '';
    if (u >= 0.9) {
      out.push({ kind: 'pool-near-limit', text: `${p.name}${where} is ${pct(u)} busy with ${p.capacity}: a small rise in volume makes its queue grow fast.`, score: 3 + 10 * (u - 0.9), evidence: [{ label: 'utilisation', path: `pools[${i}].utilisation.mean`, value: u }] });
    } else if (u < 0.4 && p.capacity > 1) {
      out.push({ kind: 'pool-idle', text: `${p.name}${where} is only ${pct(u)} busy with ${p.capacity}: capacity that could move elsewhere.`, score: 1 + (0.4 - u), evidence: [{ label: 'utilisation', path: `pools[${i}].utilisation.mean`, value: u }] });
    }
  });
  const suggested = report.precision.suggestedReplications;
  const key = (suggested.cycleTimeMean ?? 0) >= (suggested.throughput ?? 0) ? 'cycleTimeMean' : 'throughput';
  const need = suggested[key] ?? 0;
  if (need > report.settings.replications) {
    out.push({
      kind: 'precision',
      text: `About ${need} replications (not ${report.settings.replications}) would bring mean cycle time and throughput within ±${pct(report.precision.target)} of their means.`,
      score: 0.5,
      evidence: [{ label: 'suggested replications', path: `precision.suggestedReplications.${key}`, value: need }],
    });
  }
  return ranked(out, limit);
}

/** Findings of a paired comparison: significant differences by relative size, then undecided KPIs that need runs. */
export function insightsForComparison(kpis: readonly KpiComparison[], labels: { a: string; b: string }, limit = 6): Insight[] {
  const out: Draft[] = [];
  kpis.forEach((k, i) => {
    const evidence = [
      { label: `${labels.a} mean`, path: `kpis[${i}].meanA`, value: k.meanA },
      { label: `${labels.b} mean`, path: `kpis[${i}].meanB`, value: k.meanB },
      { label: '95% CI low', path: `kpis[${i}].ciLow`, value: k.ciLow },
      { label: '95% CI high', path: `kpis[${i}].ciHigh`, value: k.ciHigh },
    ];
    const show = (x: number) => (k.unit === 'min' ? formatMinutes(x) : k.unit === '%' ? pct(x, 1) : `${num(x)} ${k.unit}`);
    if (k.verdict === 'significant') {
      const rel = k.relativeDifference === null ? '' : ` (${k.relativeDifference > 0 ? '+' : ''}${(k.relativeDifference * 100).toFixed(1)}%)`;
      out.push({ kind: `comparison-${k.direction}`, text: `${k.label}: ${labels.b} is ${k.direction} than ${labels.a}, ${show(k.meanA)} → ${show(k.meanB)}${rel}; the 95% interval of the difference excludes 0.`, score: 2 + Math.min(10, Math.abs(k.relativeDifference ?? 0) * 10), evidence });
    } else if (k.verdict === 'undecided' && k.suggestedReplications !== null) {
      out.push({ kind: 'comparison-undecided', text: `${k.label}: no significant difference yet; about ${k.suggestedReplications} replications would decide a difference of the size observed.`, score: 0.5, evidence });
    }
  });
  return ranked(out, limit);
}

/** Findings of a sweep: where the process saturates and what one step of each parameter buys from its current value. */
export function insightsForSweep(sweep: SweepReport, limit = 6): Insight[] {
  const out: Draft[] = [];
  const first = sweep.parameters[0];
  sweep.saturation.forEach((s, i) => {
    const series = s.seriesValue === null ? '' : ` (with ${sweep.parameters[1]?.label} = ${num(s.seriesValue)})`;
    if (s.saturatedAt === null) {
      out.push({ kind: 'no-saturation', text: `No saturation up to ${first.label} = ${num(s.lastStableAt)}${series}: throughput keeps up with arrivals over the whole range.`, score: 1, evidence: [{ label: 'last value', path: `saturation[${i}].lastStableAt`, value: s.lastStableAt }] });
      return;
    }
    const capacity = s.capacityPerHour === null ? '' : `; the process tops out at about ${num(s.capacityPerHour * 24)} orders/day`;
    const where =
      s.stableSide === 'above'
        ? `The process cannot keep up at ${first.label} = ${num(s.saturatedAt)}${series}${s.lastStableAt === null ? ' or anywhere in the range' : ` and keeps up from ${num(s.lastStableAt)}`}`
        : `The process saturates at ${first.label} = ${num(s.saturatedAt)}${series}${s.lastStableAt === null ? '' : ` (still keeps up at ${num(s.lastStableAt)})`}`;
    out.push({
      kind: 'saturation',
      text: `${where}: ${s.reason}${capacity}.`,
      score: 8,
      evidence: [
        { label: 'saturated at', path: `saturation[${i}].saturatedAt`, value: s.saturatedAt },
        { label: 'last stable at', path: `saturation[${i}].lastStableAt`, value: s.lastStableAt },
        { label: 'capacity (orders/h)', path: `saturation[${i}].capacityPerHour`, value: s.capacityPerHour },
      ],
    });
  });
  // What the step after the current value buys (one-parameter sweeps; the issue's "one more analyst" finding).
  if (sweep.parameters.length === 1) {
    const values = [...first.values].sort((a, b) => a - b);
    const at = values.indexOf(first.current);
    if (at >= 0 && at + 1 < values.length) {
      const find = (v: number) => sweep.points.findIndex((p) => p.values[0] === v);
      const i0 = find(values[at]);
      const i1 = find(values[at + 1]);
      const a = sweep.points[i0].cycleTimeP90.mean;
      const b = sweep.points[i1].cycleTimeP90.mean;
      if (a !== null && b !== null && a > 0) {
        const change = (b - a) / a;
        const step = first.integer && values[at + 1] - values[at] === 1 ? `One more (${first.label} ${num(values[at])} → ${num(values[at + 1])})` : `${first.label} ${num(values[at])} → ${num(values[at + 1])}`;
        const effect =
          Math.abs(change) < 0.01
            ? 'barely changes p90 cycle time'
            : change >= 1
              ? `multiplies p90 cycle time by about ${num(b / a)}`
              : `${change < 0 ? 'cuts' : 'raises'} p90 cycle time by an estimated ${pct(Math.abs(change))}`;
        out.push({
          kind: 'step-effect',
          text: `${step} ${effect}, from ${formatMinutes(a)} to ${formatMinutes(b)} (this sweep, ${sweep.settings.replications} replications per point).`,
          score: 3 + 4 * Math.min(1, Math.abs(change)),
          evidence: [
            { label: 'p90 now', path: `points[${i0}].cycleTimeP90.mean`, value: a },
            { label: 'p90 after the step', path: `points[${i1}].cycleTimeP90.mean`, value: b },
          ],
        });
      }
    }
  }
  return ranked(out, limit);
}

/** Findings of a stress test: recovery time, SLA misses caused, and where the backlog built up. */
export function insightsForStress(stress: StressReport, limit = 6): Insight[] {
  const out: Draft[] = [];
  const shock = stress.shocks.map((s) => s.description).join('; ');
  const r = stress.recovery;
  if (stress.window) {
    if (r.minutesAfterShock.mean !== null) {
      const ci = r.minutesAfterShock.halfWidth === null ? '' : ` ± ${formatMinutes(r.minutesAfterShock.halfWidth)}`;
      out.push({
        kind: 'recovery',
        text: `After ${shock}, WIP is back to the no-shock level ${formatMinutes(r.minutesAfterShock.mean)}${ci} after the shock ends${r.notRecovered > 0 ? ` (${r.notRecovered} of ${r.perReplication.length} replications had not recovered by the end of the run)` : ''}.`,
        score: 6,
        evidence: [{ label: 'mean minutes to recover', path: 'recovery.minutesAfterShock.mean', value: r.minutesAfterShock.mean }],
      });
    } else {
      out.push({ kind: 'no-recovery', text: `After ${shock}, WIP had not returned to the no-shock level by the end of the run in any replication.`, score: 9, evidence: [{ label: 'not recovered', path: 'recovery.notRecovered', value: r.notRecovered }] });
    }
  }
  stress.slaMisses.forEach((m, i) => {
    // Only misses the paired interval attributes to the shock; noise-sized differences are left to the table.
    if (!(m.extra.meanDifference > 0) || !m.extra.significant) return;
    out.push({
      kind: 'sla-misses',
      text: `${m.name}: the shock makes about ${num(m.extra.meanDifference)} more orders per run miss the target (${num(m.baselineMisses)} → ${num(m.shockedMisses)}).`,
      score: 4 + Math.log10(1 + m.extra.meanDifference),
      evidence: [
        { label: 'extra misses', path: `slaMisses[${i}].extra.meanDifference`, value: m.extra.meanDifference },
        { label: 'CI low', path: `slaMisses[${i}].extra.ciLow`, value: m.extra.ciLow },
      ],
    });
  });
  const top = stress.backlogAt[0];
  if (top) {
    out.push({ kind: 'backlog', text: `The backlog builds up at ${top.name}: up to ${num(top.peakExtraQueue)} more orders waiting there than without the shock (mean over replications per time bucket).`, score: 3, evidence: [{ label: 'peak extra queue', path: 'backlogAt[0].peakExtraQueue', value: top.peakExtraQueue }] });
  }
  return ranked(out, limit);
}

/** Findings of a recommendation: what to change, what it costs, and goals that cannot be met. */
export function insightsForRecommendation(rec: RecommendReport, limit = 6): Insight[] {
  const out: Draft[] = [];
  const money = (x: number) => `${Math.round(x).toLocaleString('en-US')} ${rec.model.currency}`;
  if (!rec.recommended) {
    out.push({ kind: 'no-recommendation', text: `No configuration within the bounds met every SLA goal with confidence after ${rec.tried.length} tries. ${rec.messages.join(' ')}`.trim(), score: 10, evidence: [{ label: 'configurations tried', path: 'tried', value: rec.tried.length }] });
    return ranked(out, limit);
  }
  const best = rec.recommended;
  const changes = rec.resources.map((r, i) => ({ r, from: r.current, to: best.sizes[i] })).filter((c) => c.from !== c.to);
  const delta = best.costPerWeek - rec.asModelled.costPerWeek;
  out.push({
    kind: 'recommendation',
    text: changes.length === 0
      ? `The sizes as modelled are already the cheapest found that meet every SLA goal with confidence (${money(best.costPerWeek)} per week).`
      : `Change ${changes.map((c) => `${c.r.label} ${c.from} → ${c.to}`).join(', ')}: every SLA goal is met with confidence at ${money(best.costPerWeek)} per week (${delta >= 0 ? '+' : '−'}${money(Math.abs(delta))} against the model as written).`,
    score: 8,
    evidence: [
      { label: 'cost per week', path: 'recommended.costPerWeek', value: best.costPerWeek },
      { label: 'cost as modelled', path: 'asModelled.costPerWeek', value: rec.asModelled.costPerWeek },
    ],
  });
  if (!rec.asModelled.feasible) {
    const missed = rec.asModelled.slas.map((s, i) => ({ s, i })).filter(({ s }) => s.low === null || s.low < s.goal);
    const names = missed.map(({ s }) => s.slaId).join(', ');
    out.push({ kind: 'as-modelled-misses', text: `As modelled, ${missed.length} SLA goal${missed.length === 1 ? ' is' : 's are'} not met with confidence (${names}).`, score: 6, evidence: missed.map(({ s, i }) => ({ label: `${s.slaId} lower bound`, path: `asModelled.slas[${i}].low`, value: s.low })) });
  }
  return ranked(out, limit);
}
