/**
 * Terminal tables of the experiment reports, built on the CLI's own formatting helpers (../format.ts), so that
 * numbers, durations and "mean ± half-width" read the same as in `flowcast run`.
 */
import type { Insight, RecommendReport, StressReport, SweepReport } from '../../experiments';
import { formatComparison, formatDuration, formatDurationEstimate, formatEstimate, formatNumber, formatPercent, formatTable, wrap } from '../format';

function settingsLine(s: { replications: number; seed: number; horizonMinutes: number; warmupMinutes: number }): string {
  return `${s.replications} replications per point, seed ${s.seed}, horizon ${formatDuration(s.horizonMinutes)}, warm-up ${formatDuration(s.warmupMinutes)}; common random numbers across points.`;
}

/** The ranked findings, one numbered paragraph each. */
export function formatInsights(insights: readonly Insight[], width = 100): string {
  if (insights.length === 0) return '';
  const lines = ['Findings'];
  for (const i of insights) lines.push(wrap(`${i.rank}. ${i.text}`, width, '').replace(/\n/g, '\n   '));
  return lines.join('\n') + '\n';
}

function value(v: number, unit: string): string {
  // Swept values are the user's own numbers: show them as given (float noise trimmed), durations in their unit.
  return unit === 'min' ? formatDuration(v) : String(Number(v.toPrecision(6)));
}

/** A sweep: one row per point, then the saturation point(s) and findings. */
export function formatSweep(report: SweepReport, insights: readonly Insight[], width = 100): string {
  const out: string[] = [];
  const names = report.parameters.map((p) => p.label);
  out.push(`Sweep of "${report.model.name}": ${names.join(' x ')}`);
  out.push(settingsLine(report.settings));
  out.push('Figures are means over replications ± the half-width of the 95% confidence interval.');
  out.push('');
  const slas = report.points[0]?.slas ?? [];
  const headers = [...report.parameters.map((p) => (p.unit && p.unit !== 'x' ? `${p.id} (${p.unit})` : p.id)), 'Arrivals/day', 'Throughput/day', 'Thr/Arr', 'Cycle mean', 'Cycle p90', 'WIP', ...slas.map((s) => s.slaId), 'Saturated'];
  const rows = report.points.map((p) => [
    ...p.values.map((v, i) => value(v, report.parameters[i].unit)),
    formatNumber(p.arrivalsPerHour.mean === null ? null : p.arrivalsPerHour.mean * 24),
    formatEstimate(p.throughputPerDay),
    formatPercent(p.throughputToArrivals),
    formatDurationEstimate(p.cycleTimeMean),
    formatDurationEstimate(p.cycleTimeP90),
    formatEstimate(p.wipMean),
    ...p.slas.map((s) => formatPercent(s.attainment.mean)),
    p.saturated ? 'YES' : 'no',
  ]);
  out.push(formatTable(headers, rows, headers.map((_, i) => (i === headers.length - 1 ? 'left' : 'right'))));
  out.push('');
  const first = report.parameters[0];
  for (const s of report.saturation) {
    const series = s.seriesValue === null ? '' : ` [${report.parameters[1].label} = ${value(s.seriesValue, report.parameters[1].unit)}]`;
    const at = (v: number) => value(v, first.unit);
    const stable = s.lastStableAt === null ? '' : s.stableSide === 'above' ? ` (stable from ${at(s.lastStableAt)})` : ` (last stable: ${at(s.lastStableAt)})`;
    const text =
      s.saturatedAt === null
        ? `Saturation${series}: none in the range (the process keeps up up to ${first.label} = ${s.lastStableAt === null ? '-' : at(s.lastStableAt)}).`
        : `Saturation${series}: ${s.stableSide === 'above' ? 'still saturated at' : 'at'} ${first.label} = ${at(s.saturatedAt)}${stable}: ${s.reason}.${s.capacityPerHour === null ? '' : ` Estimated capacity: ${formatNumber(s.capacityPerHour * 24)} orders/day (${formatNumber(s.capacityPerHour)}/h).`}`;
    out.push(wrap(text, width, '').replace(/\n/g, '\n  '));
  }
  const findings = formatInsights(insights, width);
  if (findings) out.push('', findings.trimEnd());
  return out.join('\n') + '\n';
}

/** A stress test: shocks, recovery, SLA misses, the paired KPI table, findings. */
export function formatStress(report: StressReport, insights: readonly Insight[], width = 100): string {
  const out: string[] = [];
  out.push(`Stress test of "${report.model.name}"`);
  for (const s of report.shocks) out.push(`Shock: ${s.description}.`);
  const st = report.settings;
  out.push(`${st.replications} paired replications (seed ${st.seed}; with and without the shock on the same random streams), horizon ${formatDuration(st.horizonMinutes)}, warm-up ${formatDuration(st.warmupMinutes)}, ${st.bucketMinutes}-minute buckets.`);
  out.push('');
  const r = report.recovery;
  const recovery = report.window === null
    ? 'not measured (sustained shock)'
    : r.minutesAfterShock.mean === null
      ? `not recovered by the end of the run in any of ${r.perReplication.length} replications`
      : `${formatDurationEstimate(r.minutesAfterShock)} after the shock ends (${r.recovered} of ${r.perReplication.length} replications recovered)`;
  out.push(
    formatTable(
      ['Measure', 'Value'],
      [
        ['Time to recover', recovery],
        ['WIP before the shock', report.preShockWip === null ? '-' : `${formatNumber(report.preShockWip)} orders`],
        ['Peak extra WIP', `${formatEstimate(report.peakExtraWip)} orders`],
        ...report.backlogAt.slice(0, 3).map((b) => [`Extra queue at ${b.name}`, `up to ${formatNumber(b.peakExtraQueue)} orders`]),
      ],
    ),
  );
  out.push(wrap(r.note, width, ''));
  if (report.slaMisses.length > 0) {
    out.push('');
    out.push('SLA misses attributable to the shock (per replication, shocked minus no shock, 95% paired-t interval)');
    out.push(
      formatTable(
        ['SLA', 'Misses without', 'Misses with', 'Extra misses', '95% CI', 'Significant'],
        report.slaMisses.map((m) => [
          m.name,
          formatNumber(m.baselineMisses),
          formatNumber(m.shockedMisses),
          formatNumber(m.extra.meanDifference),
          m.extra.ciLow === null || m.extra.ciHigh === null ? '-' : `[${formatNumber(m.extra.ciLow)}, ${formatNumber(m.extra.ciHigh)}]`,
          m.extra.verdict === 'no-difference' ? 'identical' : m.extra.significant ? 'yes' : 'no',
        ]),
        ['left', 'right', 'right', 'right', 'right', 'left'],
      ),
    );
  }
  out.push('');
  out.push(
    formatComparison(
      { modelName: report.model.name, variantA: 'no shock', variantB: 'shocked', replications: st.replications, seed: st.seed, horizonMinutes: st.horizonMinutes, warmupMinutes: st.warmupMinutes, kpis: report.comparison },
      { width },
    ).trimEnd(),
  );
  const findings = formatInsights(insights, width);
  if (findings) out.push('', findings.trimEnd());
  return out.join('\n') + '\n';
}

/** A recommendation: resources, the answer against the model as written, and what the search tried. */
export function formatRecommendation(report: RecommendReport, insights: readonly Insight[], width = 100): string {
  const out: string[] = [];
  const st = report.settings;
  out.push(`Capacity recommendation for "${report.model.name}"`);
  out.push(
    wrap(
      `Goals (${report.targets.join(', ')}) must be met by the lower bound of the ${formatPercent(st.confidence)} interval of attainment over ${st.replications} replications (seed ${st.seed}, horizon ${formatDuration(st.horizonMinutes)}, warm-up ${formatDuration(st.warmupMinutes)}), with every sized resource at most ${formatPercent(st.maxUtilisation)} busy.`,
      width,
      '',
    ),
  );
  out.push('');
  const rec = report.recommended;
  out.push(
    formatTable(
      ['Resource', 'Bounds', 'Cost/unit/week', 'As modelled', 'Busy', 'Recommended', 'Busy'],
      report.resources.map((r, i) => [r.label, `${r.min}..${r.max}`, formatNumber(r.unitCostPerWeek), String(r.current), formatPercent(report.asModelled.utilisation[i]), rec ? String(rec.sizes[i]) : '-', rec ? formatPercent(rec.utilisation[i]) : '-']),
      ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
  out.push('');
  const slaRows = report.asModelled.slas.map((s, i) => {
    const r = rec?.slas[i];
    const show = (x: { mean: number | null; low: number | null } | undefined) => (x ? `${formatPercent(x.mean)} (low ${formatPercent(x.low)})` : '-');
    return [s.slaId, formatPercent(s.goal), show(s), show(r)];
  });
  slaRows.push(['Cost per week', '', formatNumber(report.asModelled.costPerWeek), rec ? formatNumber(rec.costPerWeek) : '-']);
  out.push(formatTable(['SLA', 'Goal', 'As modelled', 'Recommended'], slaRows, ['left', 'right', 'right', 'right']));
  out.push('');
  out.push(`The search tried ${report.tried.length} configurations:`);
  out.push(
    formatTable(
      ['#', 'Step', 'Sizes', 'Cost/week', 'Shortfall', 'Meets all'],
      report.tried.map((e, i) => [String(i + 1), e.step, e.sizes.join(' '), formatNumber(e.costPerWeek), e.feasible ? '0' : formatNumber(e.shortfall, 3), e.feasible ? 'yes' : e.status === 'unstable' ? 'no (unstable)' : 'no']),
      ['right', 'left', 'left', 'right', 'right', 'left'],
    ),
  );
  for (const m of report.messages) out.push(wrap(`- ${m}`, width, ''));
  const findings = formatInsights(insights, width);
  if (findings) out.push('', findings.trimEnd());
  return out.join('\n') + '\n';
}
