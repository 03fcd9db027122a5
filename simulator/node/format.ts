/**
 * Plain-text rendering of reports for the terminal: aligned tables, numbers with sensible precision,
 * estimates as "mean ± half-width" (the half-width of the 95% Student-t interval over replications).
 */
import type { FulfilmentGroupReport, FulfilmentReport } from '../fulfilmentReport';
import type { DurationEstimate, Estimate, RunReport } from '../report';
import { costPartLabels, costPerOrderParts, type KpiComparison } from '../stats/compare';

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

/** `minutes` in the unit `formatDuration` would choose for `like` minutes ("47.7 h" like 3,000 min reads "1.99 d"). */
function formatDurationLike(minutes: number, like: number): string {
  const unit = formatDuration(like).split(' ')[1];
  if (unit === undefined) return formatDuration(minutes);
  const factor = unit === 'd' ? 1440 : unit === 'h' ? 60 : unit === 's' ? 1 / 60 : 1;
  return `${formatNumber(minutes / factor)} ${unit}`;
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

/** A share estimate as "87.3% ± 1.2 pt". */
export function formatPercentEstimate(estimate: Estimate): string {
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

  out.push(...costBreakdownSection(report));
  if (report.fulfilment) out.push(...fulfilmentSection(report.fulfilment, report.model.currency, width));

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

// ---------------------------------------------------------------------------------------------- costs, fulfilment

/**
 * A business span (order-to-ship, order-to-cash, ship-to-cash) in days from one day up ("12.3 ± 0.4 d", where the
 * general rule would say hours up to two days); shorter ones in hours or minutes, which read better than "0.006 d".
 */
function formatDaysEstimate(estimate: Estimate): string {
  if (estimate.mean === null) return '-';
  if (Math.abs(estimate.mean) < 1440) return formatDurationEstimate(estimate);
  return `${formatPair(estimate.mean / 1440, estimate.halfWidth === null ? null : estimate.halfWidth / 1440)} d`;
}

/**
 * The cost per order split into its parts (labour, system calls, visits, line handling, sourcing, carrying), when
 * at least two parts cost something; a single part would only repeat the cost per order.
 */
function costBreakdownSection(report: RunReport): string[] {
  const breakdown = report.costPerOrderBreakdown;
  const parts = costPerOrderParts.filter((part) => (breakdown[part].mean ?? 0) !== 0);
  if (parts.filter((part) => part !== 'exceptionLabour').length < 2) return [];
  const total = breakdown.total.mean;
  const rows = parts.map((part) => {
    const mean = breakdown[part].mean;
    const label = costPartLabels[part];
    return [
      part === 'exceptionLabour' ? `  of which ${label}` : label.charAt(0).toUpperCase() + label.slice(1),
      formatEstimate(breakdown[part]),
      mean === null || total === null || total === 0 ? '-' : formatPercent(mean / total),
    ];
  });
  rows.push(['Total', formatEstimate(breakdown.total), total === null ? '-' : '100.0%']);
  return ['', `Cost per order (${report.model.currency})`, formatTable(['Cost', 'Per order', 'Share'], rows, ['left', 'right', 'right'])];
}

/** "mean ± hw" of a duration in its own unit, and its p90 ("p90 4.0 ± 0.2 d"), for the detail column. */
function durationRow(label: string, d: DurationEstimate, inDays: boolean): string[] | undefined {
  if (d.mean.mean === null) return undefined;
  const show = inDays ? formatDaysEstimate : formatDurationEstimate;
  return [label, show(d.mean), d.p90.mean === null ? '' : `p90 ${show(d.p90)}`];
}

/**
 * The fulfilment section of `flowcast run`: service (OTIF, fill rates, partial shipments, backorders), time
 * (order-to-ship, order-to-cash, invoice lag, ship-to-cash), money (working capital) and credit holds for all
 * orders, then per site, per customer segment and per stock. Figures not measured (a model without promises has
 * no OTIF) are left out.
 */
function fulfilmentSection(f: FulfilmentReport, currency: string, width: number): string[] {
  const a = f.all;
  const rows: Array<string[] | undefined> = [
    ['Orders', formatEstimate(a.orders), `${formatEstimate(a.linesOrdered)} lines`],
    a.otifRate.mean === null ? undefined : ['OTIF (on time, in full)', formatPercentEstimate(a.otifRate), `of ${formatEstimate(a.ordersJudged)} orders judged`],
    a.onTimeRate.mean === null ? undefined : ['  on time', formatPercentEstimate(a.onTimeRate), 'last shipment left by the promise'],
    a.inFullRate.mean === null ? undefined : ['  in full', formatPercentEstimate(a.inFullRate), 'one shipment, nothing cancelled'],
    a.lineFillRate.mean === null ? undefined : ['Line fill rate', formatPercentEstimate(a.lineFillRate), 'lines in the first shipment'],
    a.orderFillRate.mean === null ? undefined : ['Order fill rate', formatPercentEstimate(a.orderFillRate), 'orders complete in the first shipment'],
    a.partialShipmentRate.mean === null ? undefined : ['Partial shipments', formatPercentEstimate(a.partialShipmentRate), 'orders shipped more than once'],
    ['Backorders', formatEstimate(a.backorders), 'follow-on shipments for short lines'],
    ['  their lines', formatEstimate(a.backorderLines), ''],
    durationRow('  backorder age', a.backorderAge, false),
    // Lines rows only when something happened: most models never source, cancel or end with open backorders.
    (a.openBackorderLinesAtEnd.mean ?? 0) > 0 ? ['  open at the end', `${formatEstimate(a.openBackorderLinesAtEnd)} lines`, 'still waiting when the run ended'] : undefined,
    (a.sourcedLines.mean ?? 0) > 0 ? ['Sourced elsewhere', `${formatEstimate(a.sourcedLines)} lines`, 'supplied by another site'] : undefined,
    (a.cancelledLines.mean ?? 0) > 0 ? ['Cancelled', `${formatEstimate(a.cancelledLines)} lines`, 'short longer than the allowed wait'] : undefined,
    durationRow('Order-to-ship', a.orderToShip, true),
    durationRow('Order-to-cash', a.orderToCash, true),
    durationRow('Invoice lag', a.invoiceLag, false),
    durationRow('Ship-to-cash', a.shipToCash, true),
    ['Working capital', `${formatEstimate(a.workingCapital.total)} ${currency}`, 'time-weighted mean'],
    ['  shipped, not invoiced', `${formatEstimate(a.workingCapital.shippedNotInvoiced)} ${currency}`, ''],
    ['  invoiced, not paid', `${formatEstimate(a.workingCapital.invoicedNotPaid)} ${currency}`, ''],
    ['Credit holds', `${formatEstimate(a.creditHolds)} orders`, (a.creditReviews.mean ?? 0) > 0 ? `${formatEstimate(a.creditReviews)} to manual review` : ''],
    durationRow('  hold time', a.creditHoldTime, false),
  ];
  const out = ['', 'Fulfilment (orders that arrived after the warm-up)', formatTable(['Figure', 'Value', 'Detail'], rows.filter((r) => r !== undefined), ['left', 'right', 'left'])];
  if (f.bySite.length > 1) out.push('', 'Fulfilment by site', ...groupTable('Site', f.bySite, width));
  if (f.bySegment.length > 1) out.push('', 'Fulfilment by customer segment', ...groupTable('Segment', f.bySegment, width));
  if (f.stock.length > 0) {
    out.push('', 'Stock');
    const stockTable = (withCi: boolean) =>
      formatTable(
        ['Site', 'Class', 'Model', 'Lines', 'Filled at once', 'Mean on hand', 'Replenishments'],
        f.stock.map((s) => [
          s.siteName,
          s.productClass === '*' ? 'all' : s.productClass,
          s.model === 'fillRate' ? 'fill rate' : 'inventory',
          compactNumber(s.linesDemanded, withCi),
          compactShare(s.fillRate, withCi),
          s.model === 'inventory' ? compactNumber(s.meanOnHand, withCi) : '-',
          compactNumber(s.replenishments, withCi),
        ]),
        ['left', 'left', 'left', 'right', 'right', 'right', 'right'],
      );
    out.push(...fitTable(stockTable, width));
  }
  return out;
}

/**
 * A table with the 95% half-widths when it fits the terminal; otherwise the means alone and a note saying where
 * the intervals are (the JSON report), rather than lines that wrap into each other.
 */
function fitTable(build: (withCi: boolean) => string, width: number): string[] {
  const withCi = build(true);
  if (withCi.split('\n').every((line) => line.length <= width)) return [withCi];
  return [build(false), '(Means; the JSON report (--out) has the 95% intervals.)'];
}

/** A compact "mean ±hw" for the group tables ("87.3 ±1.2%", "12.3 ±0.4 d"), or the mean alone. */
function compactShare(e: Estimate, withCi: boolean): string {
  if (e.mean === null) return '-';
  if (!withCi || e.halfWidth === null) return formatPercent(e.mean);
  return `${(e.mean * 100).toFixed(1)} ±${(e.halfWidth * 100).toFixed(1)}%`;
}

function compactNumber(e: Estimate, withCi: boolean, scale = 1): string {
  if (e.mean === null) return '-';
  const mean = e.mean / scale;
  if (!withCi || e.halfWidth === null) return formatNumber(mean);
  return `${formatNumber(mean)} ±${fixed(e.halfWidth / scale, decimalsFor(mean))}`;
}

/**
 * One row per site (or segment): orders, OTIF, fill rates, backorders, order-to-cash in days, each with its 95%
 * half-width; when that is wider than the terminal, the means alone (the JSON report has the intervals).
 */
function groupTable(heading: string, groups: readonly FulfilmentGroupReport[], width: number): string[] {
  const build = (withCi: boolean) =>
    formatTable(
      [heading, 'Orders', 'OTIF', 'Line fill', 'Order fill', 'Backorders', 'Order-to-cash d'],
      groups.map((g) => [
        g.name,
        compactNumber(g.orders, withCi),
        compactShare(g.otifRate, withCi),
        compactShare(g.lineFillRate, withCi),
        compactShare(g.orderFillRate, withCi),
        compactNumber(g.backorders, withCi),
        compactNumber(g.orderToCash.mean, withCi, 1440),
      ]),
      ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
    );
  return fitTable(build, width);
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
  // A difference and its interval share one duration unit (the one of the largest of the three), so that
  // "[-2.14 d, -47.7 h]" reads "[-2.14 d, -1.99 d]".
  const diffUnitMinutes = (k: KpiComparison) => (k.unit === 'min' ? Math.max(Math.abs(k.meanDifference), Math.abs(k.ciLow ?? 0), Math.abs(k.ciHigh ?? 0)) : 0);
  const showDiff = (k: KpiComparison, x: number | null) => {
    if (x === null) return '-';
    const sign = x > 0 ? '+' : x < 0 ? '-' : '';
    if (k.unit === 'min') return sign + formatDurationLike(Math.abs(x), diffUnitMinutes(k));
    return sign + show(k, Math.abs(x)).replace(/%$/, ' pt');
  };
  const rows = comparison.kpis.map((k) => {
    const label = k.unit && k.unit !== 'min' && k.unit !== '%' ? `${k.label} (${k.unit})` : k.label;
    // No pair at all: one side never measured it (a model with fulfilment against one without); its means are no figures.
    if (k.n === 0) return [label, '-', '-', '-', '-', 'not in both'];
    return [
      label,
      show(k, k.meanA),
      show(k, k.meanB),
      showDiff(k, k.meanDifference),
      k.ciLow === null || k.ciHigh === null ? '-' : `[${showDiff(k, k.ciLow)}, ${showDiff(k, k.ciHigh)}]`,
      k.verdict === 'significant' ? k.direction : k.verdict === 'no-difference' ? 'identical' : k.verdict === 'too-few' ? 'too few runs' : 'same',
    ];
  });
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
