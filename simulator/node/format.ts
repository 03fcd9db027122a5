/**
 * Plain-text rendering of reports for the terminal: aligned tables, numbers with sensible precision,
 * estimates as "mean ± half-width" (the half-width of the 95% Student-t interval over replications).
 */
import type { Estimate, RunReport } from '../report';
import type { KpiComparison } from '../stats/compare';

/** Column alignment of a table. */
export type Align = 'left' | 'right';

/**
 * Lays out rows under headers with two spaces between columns.
 * @example formatTable(['Pool', 'Utilisation'], [['clerks', '81%']], ['left', 'right'])
 */
export function formatTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, align: readonly Align[] = []): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (align[c] === 'right' ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** A number with about 3 significant digits, thousands separated (12,345; 123; 12.3; 1.23; 0.0123). */
export function formatNumber(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '-';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  const decimals = abs >= 10 ** (digits - 1) ? 0 : Math.min(6, digits - 1 - Math.floor(Math.log10(abs)));
  const rounded = Number(value.toFixed(decimals));
  return rounded.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** A share (0..1) as a percentage with one decimal. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '-';
  return `${(value * 100).toFixed(1)}%`;
}

/** Minutes in the unit a planner would use (s, min, h, d), about 3 significant digits. */
export function formatDuration(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '-';
  const abs = Math.abs(minutes);
  if (abs >= 2880) return `${formatNumber(minutes / 1440)} d`;
  if (abs >= 120) return `${formatNumber(minutes / 60)} h`;
  if (abs >= 1 || abs === 0) return `${formatNumber(minutes)} min`;
  return `${formatNumber(minutes * 60)} s`;
}

/** Decimals that show `value` with about `digits` significant digits (0..6). */
function decimalsFor(value: number, digits = 3): number {
  const abs = Math.abs(value);
  if (abs === 0 || !Number.isFinite(abs)) return 0;
  return Math.max(0, Math.min(6, digits - 1 - Math.floor(Math.log10(abs))));
}

function fixed(value: number, decimals: number): string {
  const rounded = Number(value.toFixed(decimals));
  if (rounded === 0) return '0';
  return rounded.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/**
 * "mean ± half-width", both at the precision of the mean (3 significant digits), so that float noise in a
 * half-width never shows as a long tail of zeros.
 */
function formatPair(mean: number, halfWidth: number | null): string {
  const decimals = decimalsFor(mean);
  const m = formatNumber(mean);
  return halfWidth === null ? m : `${m} ± ${fixed(halfWidth, decimals)}`;
}

/** An estimate as "mean ± half-width". */
export function formatEstimate(estimate: Estimate): string {
  if (estimate.mean === null) return '-';
  return formatPair(estimate.mean, estimate.halfWidth);
}

/** A duration estimate, e.g. "2.30 ± 0.01 d" (the unit chosen from the mean). */
export function formatDurationEstimate(estimate: Estimate): string {
  if (estimate.mean === null) return '-';
  const mean = formatDuration(estimate.mean);
  const unit = mean.slice(mean.lastIndexOf(' ') + 1);
  const factor = unit === 'd' ? 1440 : unit === 'h' ? 60 : unit === 's' ? 1 / 60 : 1;
  return `${formatPair(estimate.mean / factor, estimate.halfWidth === null ? null : estimate.halfWidth / factor)} ${unit}`;
}

function formatPercentEstimate(estimate: Estimate): string {
  if (estimate.mean === null) return '-';
  if (estimate.halfWidth === null) return formatPercent(estimate.mean);
  return `${formatPercent(estimate.mean)} ± ${(estimate.halfWidth * 100).toFixed(1)} pt`;
}

/** Wraps text at `width` columns with an indent on every line. */
export function wrap(text: string, width: number, indent: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    if (current && indent.length + current.length + 1 + word.length > width) {
      lines.push(indent + current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(indent + current);
  return lines.join('\n');
}

/** The readable summary of a run report. */
export function formatRunReport(report: RunReport, options: { width?: number } = {}): string {
  const width = Math.max(60, Math.min(options.width ?? 100, 140));
  const s = report.settings;
  const out: string[] = [];
  out.push(`${report.model.name}${report.model.variant ? ` (variant ${report.model.variant})` : ''}`);
  out.push(
    `${s.replications} replication${s.replications === 1 ? '' : 's'}, seed ${s.seed}, horizon ${formatDuration(s.horizonMinutes)}, warm-up ${formatDuration(s.warmupMinutes)}; ` +
      `${formatNumber(report.totals.events)} model events, ${formatNumber(report.totals.ordersCompleted)} orders completed. Status: ${report.status}.`,
  );
  out.push('Figures are means over replications ± the half-width of the 95% confidence interval.');
  out.push('');

  const ct = report.cycleTime;
  out.push(
    formatTable(
      ['Key figure', 'Value'],
      [
        ['Throughput', `${formatEstimate(report.throughputPerDay)} orders/day (${formatNumber(report.throughputPerHour.mean)}/h)`],
        ['Cycle time mean', formatDurationEstimate(ct.mean)],
        ['Cycle time p50', formatDurationEstimate(ct.p50)],
        ['Cycle time p90', formatDurationEstimate(ct.p90)],
        ['Cycle time p95', formatDurationEstimate(ct.p95)],
        ['Cycle time max', formatDuration(ct.max)],
        ['WIP (time-weighted mean)', `${formatEstimate(report.wipMean)} orders`],
        ['WIP max', `${formatEstimate(report.wipMax)} orders`],
        ['Cost per order', report.costPerOrder.mean === null ? '-' : `${formatEstimate(report.costPerOrder)} ${report.model.currency}`],
      ],
    ),
  );

  if (report.slas.length > 0) {
    out.push('');
    out.push('SLA attainment');
    out.push(
      formatTable(
        ['SLA', 'Target', 'Goal', 'Attainment', 'Meets goal'],
        report.slas.map((sla) => [sla.name, formatDuration(sla.targetMinutes), formatPercent(sla.goal), formatPercentEstimate(sla.attainment), sla.meetsGoal === null ? '-' : sla.meetsGoal ? 'yes' : 'NO']),
        ['left', 'right', 'right', 'right', 'left'],
      ),
    );
  }

  if (report.outcomes.length > 1 || report.sites.length > 1) {
    out.push('');
    out.push('Outcomes and sites');
    const rows = [
      ...report.outcomes.map((g) => [`outcome ${g.key}`, formatPercentEstimate(g.share), formatEstimate(g.completedPerDay), formatDurationEstimate(g.cycleTime.mean), formatDurationEstimate(g.cycleTime.p90)]),
      ...(report.sites.length > 1
        ? report.sites.map((g) => [`site ${g.key}`, formatPercentEstimate(g.share), formatEstimate(g.completedPerDay), formatDurationEstimate(g.cycleTime.mean), formatDurationEstimate(g.cycleTime.p90)])
        : []),
    ];
    out.push(formatTable(['Group', 'Share', 'Completed/day', 'Cycle mean', 'Cycle p90'], rows, ['left', 'right', 'right', 'right', 'right']));
  }

  const bottlenecks = report.bottlenecks.slice(0, 5);
  if (bottlenecks.length > 0) {
    out.push('');
    out.push('Top bottlenecks');
    for (const b of bottlenecks) {
      const utilisation = b.utilisation === null ? '' : `utilisation ${formatPercent(b.utilisation)}${b.resource ? ` (${b.resource})` : ''}, `;
      const headline = `${b.rank}. ${b.name}: ${utilisation}${formatPercent(b.waitShare)} of cycle time spent waiting here${b.meanWaitMinutes === null ? '' : `, mean wait ${formatDuration(b.meanWaitMinutes)}`}.`;
      out.push(wrap(headline, width, '').replace(/\n/g, '\n   '));
      if (b.explanation) out.push(wrap(b.explanation, width, '   '));
    }
  }

  if (report.pools.length > 0) {
    out.push('');
    out.push('Utilisation per pool and site');
    out.push(
      formatTable(
        ['Pool', 'Site', 'Capacity', 'Utilisation', 'Labour cost'],
        report.pools.map((p) => [p.name, p.siteId ?? 'shared', String(p.capacity), formatPercentEstimate(p.utilisation), formatEstimate(p.labourCost)]),
        ['left', 'left', 'right', 'right', 'right'],
      ),
    );
  }

  if (report.systems.length > 0) {
    out.push('');
    out.push('Systems');
    out.push(
      formatTable(
        ['System', 'Site', 'Calls', 'Failed calls', 'Outage', 'Utilisation'],
        report.systems.map((sys) => [sys.name, sys.siteId ?? 'shared', formatEstimate(sys.calls), formatEstimate(sys.failedCalls), formatDurationEstimate(sys.outageMinutes), formatPercentEstimate(sys.utilisation)]),
        ['left', 'left', 'right', 'right', 'right', 'right'],
      ),
    );
  }

  const advice: string[] = [];
  // The engine's own messages may already give this advice; do not say it twice.
  const said = (word: string) => report.messages.some((m) => m.toLowerCase().includes(word));
  if (!said('warm-up') && report.warmup.suggestedMinutes !== null && report.warmup.suggestedMinutes > report.warmup.usedMinutes)
    advice.push(`Warm-up: the output suggests deleting about ${formatDuration(report.warmup.suggestedMinutes)} (MSER-5); this run used ${formatDuration(report.warmup.usedMinutes)}.`);
  const need = report.precision.suggestedReplications;
  const needMax = Math.max(need.cycleTimeMean ?? 0, need.throughput ?? 0);
  if (!said('replications') && needMax > s.replications)
    advice.push(`Precision: about ${needMax} replications would bring the 95% interval of mean cycle time and throughput within ±${formatPercent(report.precision.target)} of the mean.`);
  if (report.messages.length > 0 || advice.length > 0) {
    out.push('');
    out.push('Messages');
    for (const message of [...report.messages, ...advice]) out.push(wrap(`- ${message}`, width, '').replace(/\n/g, '\n  '));
  }
  return out.join('\n') + '\n';
}

/** The readable table of a two-variant comparison. */
export function formatComparison(
  comparison: { modelName: string; variantA: string; variantB: string; replications: number; seed: number; horizonMinutes: number; warmupMinutes: number; kpis: readonly KpiComparison[] },
  options: { width?: number } = {},
): string {
  const width = Math.max(60, Math.min(options.width ?? 100, 140));
  const { variantA: a, variantB: b } = comparison;
  const out: string[] = [];
  out.push(`"${comparison.modelName}": ${b} compared with ${a}`);
  out.push(
    `${comparison.replications} paired replications (common random numbers: replication i of both sides uses the same streams of seed ${comparison.seed}), horizon ${formatDuration(comparison.horizonMinutes)}, warm-up ${formatDuration(comparison.warmupMinutes)}.`,
  );
  out.push(`Difference = ${b} - ${a}, with the 95% paired-t confidence interval; "same" means the interval contains 0.`);
  out.push('');
  const show = (k: KpiComparison, x: number | null) => (x === null ? '-' : k.unit === 'min' ? formatDuration(x) : k.unit === '%' ? formatPercent(x) : formatNumber(x));
  const showDiff = (k: KpiComparison, x: number | null) => {
    if (x === null) return '-';
    const sign = x > 0 ? '+' : x < 0 ? '-' : '';
    return sign + show(k, Math.abs(x)).replace(/%$/, ' pt');
  };
  const rows = comparison.kpis.map((k) => [
    k.unit && k.unit !== 'min' && k.unit !== '%' ? `${k.label} (${k.unit})` : k.label,
    show(k, k.meanA),
    show(k, k.meanB),
    showDiff(k, k.meanDifference),
    k.ciLow === null || k.ciHigh === null ? '-' : `[${showDiff(k, k.ciLow)}, ${showDiff(k, k.ciHigh)}]`,
    k.verdict === 'significant' ? k.direction : k.verdict === 'no-difference' ? 'identical' : k.verdict === 'too-few' ? 'too few runs' : 'same',
  ]);
  out.push(formatTable(['KPI', a, b, 'Difference', '95% CI', 'Verdict'], rows, ['left', 'right', 'right', 'right', 'right', 'left']));
  const undecided = comparison.kpis.filter((k) => k.verdict === 'undecided');
  if (undecided.length > 0) {
    out.push('');
    for (const k of undecided) {
      const text = k.suggestedReplications !== null
        ? `- ${k.label}: no significant difference yet; about ${k.suggestedReplications} replications would decide a difference of the size observed.`
        : k.suggestionCapped
          ? `- ${k.label}: no significant difference; the observed difference is too small to decide with a practical number of replications.`
          : `- ${k.label}: no difference observed.`;
      out.push(wrap(text, width, '').replace(/\n/g, '\n  '));
    }
  }
  return out.join('\n') + '\n';
}
