/**
 * The results report as one self-contained HTML document: inline CSS, inline SVG charts drawn from the numbers,
 * no script and no external asset, so it opens anywhere, prints on A4 and is what the desktop shell turns into a
 * PDF (its print window runs with JavaScript off). Pure: the same inputs give the same bytes.
 */
import type { Workflow } from '../../../models';
import type { Estimate, RunReport } from '../../simulation/report';
import { formatDuration, formatInterval, formatMoney, formatNumber, formatPercent, formatValue, type ValueKind } from '../format';
import { costPerOrder, fulfilmentFeatures, fulfilmentMetrics, groupTable, metricApplies, metricEstimate, metricKind, observedDays, oneLine, stockColumns, stockTable, type GroupTable } from '../fulfilment';
import { slaStanding, type SlaStanding } from '../kpis';

/** What the report says about how it was made (not in the engine's report, which holds no wall-clock time). */
export interface ReportMeta {
  /** The document's name as the studio shows it. */
  documentName: string;
  /** When the report was exported (ISO 8601); passed in so the builder stays deterministic. */
  generatedAt: string;
  /** Wall-clock seconds the run took, and the workers it used (0: main thread). */
  wallSeconds?: number;
  workers?: number;
  /** True when the open document changed after the run: the report then says the results are from before. */
  stale?: boolean;
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c]);
}

const dash = '–';

function value(e: Estimate, kind: ValueKind): string {
  return e.mean === null ? dash : formatValue(e.mean, kind);
}

/** "1,234 – 1,300" in the value's own format, or "–" without an interval. */
function ciRange(e: Estimate, kind: ValueKind): string {
  if (e.low === null || e.high === null) return dash;
  // A share cannot leave 0..100%, nor a count, a time or money go below 0: the t interval of a few replications
  // can, so its ends are cut there for reading (the KPI CSV keeps the interval as computed).
  const low = Math.max(0, e.low);
  const high = kind.kind === 'share' ? Math.min(1, e.high) : e.high;
  // Both ends of a time in one unit ("0 d – 3.3 d", not "0 min – 3.3 d").
  const k: ValueKind = kind.kind === 'duration' ? { ...kind, scaleMinutes: Math.max(Math.abs(low), Math.abs(high)) } : kind;
  return `${formatValue(low, k)} ${dash} ${formatValue(high, k)}`;
}

function halfWidth(e: Estimate, kind: ValueKind): string {
  return formatInterval(e, kind) || dash;
}

const standingMark: Record<SlaStanding, string> = { meets: '✓ meets', misses: '✗ misses', uncertain: '≈ too close to call', unknown: 'not measured' };

/** A table; `text` lists the columns that are text (left-aligned), the others are figures (right-aligned). */
function table(head: string[], rows: string[][], options: { className?: string; text?: number[] } = {}): string {
  const text = new Set(options.text ?? [0]);
  const cls = (i: number) => (text.has(i) ? '' : ' class="num"');
  const th = head.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table${options.className ? ` class="${options.className}"` : ''}><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const e = escapeHtml;

// ---------------------------------------------------------------------------------------------- charts (inline SVG)

/** Horizontal bars with 95% interval whiskers, one per row, on a 0..100% axis (utilisation). */
function utilisationChart(items: Array<{ label: string; estimate: Estimate }>): string {
  const shown = items.filter((i) => i.estimate.mean !== null);
  if (shown.length === 0) return '';
  const labelWidth = 220;
  const plotWidth = 400;
  const rowHeight = 20;
  const top = 8;
  const height = top + shown.length * rowHeight + 26;
  const x = (share: number) => labelWidth + Math.max(0, Math.min(1, share)) * plotWidth;
  const parts: string[] = [];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${x(tick)}" y1="${top - 4}" x2="${x(tick)}" y2="${height - 20}" class="grid"/>`);
    parts.push(`<text x="${x(tick)}" y="${height - 6}" text-anchor="middle" class="axis">${tick * 100}%</text>`);
  }
  shown.forEach((item, i) => {
    const mean = item.estimate.mean ?? 0;
    const y = top + i * rowHeight;
    const tone = mean >= 0.85 ? 'hot' : mean >= 0.7 ? 'warm' : 'cool';
    parts.push(`<text x="${labelWidth - 8}" y="${y + 13}" text-anchor="end" class="label">${e(truncate(item.label, 34))}</text>`);
    parts.push(`<rect x="${labelWidth}" y="${y + 3}" width="${(x(mean) - labelWidth).toFixed(1)}" height="${rowHeight - 7}" class="bar ${tone}"/>`);
    const { low, high } = item.estimate;
    if (low !== null && high !== null) {
      const cy = y + 3 + (rowHeight - 7) / 2;
      parts.push(`<line x1="${x(low).toFixed(1)}" y1="${cy}" x2="${x(high).toFixed(1)}" y2="${cy}" class="whisker"/>`);
      parts.push(`<line x1="${x(low).toFixed(1)}" y1="${cy - 4}" x2="${x(low).toFixed(1)}" y2="${cy + 4}" class="whisker"/>`);
      parts.push(`<line x1="${x(high).toFixed(1)}" y1="${cy - 4}" x2="${x(high).toFixed(1)}" y2="${cy + 4}" class="whisker"/>`);
    }
    // In a column right of the axis, so the label never sits on the interval's whisker.
    parts.push(`<text x="${labelWidth + plotWidth + 50}" y="${y + 13}" text-anchor="end" class="value">${e(formatPercent(mean))}</text>`);
  });
  const width = labelWidth + plotWidth + 60;
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Utilisation per pool and site, with 95% intervals">${parts.join('')}</svg>`;
}

/** The pooled cycle-time histogram as columns, with the p50 and p90 marked. */
function cycleTimeChart(report: RunReport): string {
  const h = report.cycleTime.histogram;
  if (h.total === 0 || h.counts.length === 0) return '';
  const left = 48;
  const plotWidth = 600;
  const plotHeight = 150;
  const top = 10;
  const lo = h.edgesMinutes[0];
  const hi = h.edgesMinutes[h.edgesMinutes.length - 1];
  const span = hi - lo || 1;
  const x = (minutes: number) => left + ((minutes - lo) / span) * plotWidth;
  const maxCount = Math.max(...h.counts);
  const y = (count: number) => top + plotHeight - (count / maxCount) * plotHeight;
  const parts: string[] = [];
  parts.push(`<line x1="${left}" y1="${top + plotHeight}" x2="${left + plotWidth}" y2="${top + plotHeight}" class="axisline"/>`);
  h.counts.forEach((count, i) => {
    const x0 = x(h.edgesMinutes[i]);
    const x1 = x(h.edgesMinutes[i + 1]);
    if (count > 0) parts.push(`<rect x="${x0.toFixed(1)}" y="${y(count).toFixed(1)}" width="${Math.max(0.5, x1 - x0 - 0.6).toFixed(1)}" height="${(top + plotHeight - y(count)).toFixed(1)}" class="bar cool"/>`);
  });
  for (const i of [0, 0.25, 0.5, 0.75, 1]) {
    const minutes = lo + i * span;
    parts.push(`<text x="${x(minutes).toFixed(1)}" y="${top + plotHeight + 14}" text-anchor="middle" class="axis">${e(formatDuration(minutes))}</text>`);
  }
  parts.push(`<text x="${left - 6}" y="${top + 8}" text-anchor="end" class="axis">${e(formatNumber(maxCount))}</text>`);
  parts.push(`<text x="${left - 6}" y="${top + plotHeight}" text-anchor="end" class="axis">0</text>`);
  const marks: Array<[string, number | null]> = [
    ['p50', report.cycleTime.p50.mean],
    ['p90', report.cycleTime.p90.mean],
  ];
  for (const [label, minutes] of marks) {
    if (minutes === null || minutes < lo || minutes > hi) continue;
    parts.push(`<line x1="${x(minutes).toFixed(1)}" y1="${top}" x2="${x(minutes).toFixed(1)}" y2="${top + plotHeight}" class="mark"/>`);
    parts.push(`<text x="${(x(minutes) + 4).toFixed(1)}" y="${top + 10}" class="marklabel">${label} ${e(formatDuration(minutes))}</text>`);
  }
  const width = left + plotWidth + 20;
  const height = top + plotHeight + 22;
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Cycle time distribution, all replications pooled">${parts.join('')}</svg>`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

// ---------------------------------------------------------------------------------------------- fulfilment and cost

/** A table of figures with their intervals under each value, the clearly worst cells marked (▼ and colour). */
function figureTable(head: string[], rows: Array<{ label: string[]; cells: Array<{ value: string; interval: string; worst: boolean }> }>, textColumns: number): string {
  const th = head.map((h, i) => `<th${i < textColumns ? '' : ' class="num"'}>${e(h)}</th>`).join('');
  const body = rows
    .map((r) => {
      const text = r.label.map((l) => `<td>${e(l)}</td>`).join('');
      const cells = r.cells.map((c) => `<td class="num${c.worst ? ' worst' : ''}">${c.worst ? '▼ ' : ''}${e(c.value)}${c.interval ? `<br><span class="ci">${e(c.interval)}</span>` : ''}</td>`).join('');
      return `<tr>${text}${cells}</tr>`;
    })
    .join('\n');
  return `<table class="figures"><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** Columns of the first by-group table in the report (service and stock); the rest (times, money, credit) follow in a second, so each fits A4. */
const serviceColumns = new Set<string>(['orders', 'otif', 'onTime', 'inFull', 'lineFill', 'orderFill', 'partial', 'backorders', 'backorderAge']);

function groupFigureTable(title: string, first: string, t: GroupTable): string {
  const part = (columns: GroupTable['columns'], caption: string) =>
    columns.length === 0
      ? ''
      : `<h3 style="font-size:10.5pt;margin:10px 0 4px">${e(caption)}</h3>${figureTable(
          [first, ...columns.map((c) => oneLine(c.short))],
          t.rows.map((r) => ({ label: [r.label], cells: columns.map((c) => r.cells[c.id] ?? { value: dash, interval: '', worst: false }) })),
          1,
        )}`;
  return part(
    t.columns.filter((c) => serviceColumns.has(c.id)),
    `${title}: service`,
  ) + part(
    t.columns.filter((c) => !serviceColumns.has(c.id)),
    `${title}: time, money and credit`,
  );
}

/** The fulfilment section: all orders' figures with intervals, by site, by segment, stock. Empty without fulfilment. */
function fulfilmentSection(model: Workflow, report: RunReport): string {
  const f = report.fulfilment;
  if (!f) return '';
  const features = fulfilmentFeatures(model, f);
  const days = observedDays(report);
  const currency = report.model.currency;
  const rows: string[][] = [];
  for (const metric of fulfilmentMetrics) {
    if (!metricApplies(metric, features)) continue;
    const kind = metricKind(metric, currency);
    const label = metric.value === 'perDay' ? `${metric.label} (per day)` : metric.value === 'count' ? `${metric.label} (${metric.unit ?? 'count'})` : metric.label;
    const est = metricEstimate(metric, f.all, days);
    rows.push([e(metric.p90 ? `${label}, mean` : label), e(value(est, kind)), e(ciRange(est, kind)), e(halfWidth(est, kind)), String(est.n)]);
    const p90 = metric.p90?.(f.all);
    if (p90) rows.push([e(`${label}, p90`), e(value(p90, kind)), e(ciRange(p90, kind)), e(halfWidth(p90, kind)), String(p90.n)]);
  }
  const headline = table(['Figure (all orders)', 'Mean', '95% interval', '±', 'Replications'], rows);
  const sites = f.bySite.length > 1 ? groupFigureTable("By site (the order's home site)", 'Site', groupTable(f.bySite, report, features)) : '';
  const segments = f.bySegment.length > 1 ? groupFigureTable('By customer segment', 'Segment', groupTable(f.bySegment, report, features)) : '';
  const stock = stockTable(report);
  const stockHtml =
    stock.length === 0
      ? ''
      : `<h3 style="font-size:10.5pt;margin:10px 0 4px">Stock by site and product class</h3>${figureTable(
          ['Site', 'Class', 'Stock model', ...stockColumns.map((c) => oneLine(c.id === 'carryingCost' ? `${c.label} (${formatNumber(days)} d)` : c.label))],
          stock.map((r) => ({ label: [r.site, r.productClass, r.model], cells: stockColumns.map((c) => r.cells[c.id]) })),
          3,
        )}`;
  return `<section class="section"><h2>Fulfilment</h2>
<p class="sub">Orders arriving after the warm-up. Counts are per simulated day (${e(formatNumber(days))} observed days per replication); order-to-cash, ship-to-cash and backorder age read in days; working capital is the time-weighted mean money tied up. ▼ marks a site, segment or stock clearly worse than the best (95% intervals apart); figures that grow with volume are not compared.</p>
${headline}
${sites}
${segments}
${stockHtml}
</section>`;
}

/** The cost per order split by part: a stacked bar (inline SVG) and a table with the intervals. */
function costSection(report: RunReport): string {
  const cost = costPerOrder(report);
  const shown = cost.parts.filter((p) => p.mean > 0);
  const total = shown.reduce((sum, p) => sum + p.mean, 0);
  let bar = '';
  if (total > 0) {
    const width = 640;
    let x = 0;
    const rects = shown.map((p) => {
      const w = (p.mean / total) * width;
      const rect = `<rect x="${x.toFixed(1)}" y="0" width="${Math.max(0.5, w).toFixed(1)}" height="22" fill="${p.color}"><title>${e(`${p.label}: ${p.value}`)}</title></rect>${w >= 90 ? `<text x="${(x + w / 2).toFixed(1)}" y="15" text-anchor="middle" class="seg" fill="${p.ink}">${e(truncate(p.label, Math.floor(w / 7)))}</text>` : ''}`;
      x += w;
      return rect;
    });
    bar = `<svg class="chart" viewBox="0 0 ${width} 22" width="${width}" height="22" role="img" aria-label="Cost per order by part">${rects.join('')}</svg>`;
  }
  const money: ValueKind = { kind: 'money', currency: report.model.currency };
  const rows = cost.parts.map((p) => [`<span class="swatch" style="background:${p.color}"></span>${e(p.label)}`, e(p.value), e(p.interval || dash), e(formatPercent(p.share))]);
  rows.push(['<strong>Total</strong>', `<strong>${e(cost.total.value)}</strong>`, e(cost.total.interval || dash), cost.total.mean === null ? dash : '100%']);
  return `<section class="section"><h2>Cost per order</h2>
<p class="sub">Each part divided by the orders completed, per replication; the parts add up to the total of ${e(value(report.costPerOrderBreakdown.total, money))}. Labour is shown without the exception labour split off from it (so it has no interval of its own).</p>
${bar}
${table(['Part', 'Per order', '±', 'Share'], rows)}
</section>`;
}

// ---------------------------------------------------------------------------------------------- the document

const css = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font: 10pt/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2933; margin: 0 auto; max-width: 190mm; padding: 12px; }
h1 { font-size: 18pt; margin: 0 0 2px; }
h2 { font-size: 12.5pt; margin: 18px 0 6px; padding-bottom: 2px; border-bottom: 1.5px solid #2f6fb3; color: #17406b; break-after: avoid; }
p { margin: 4px 0; }
.sub { color: #52606d; margin: 0 0 8px; }
.note { background: #fff7e0; border-left: 3px solid #d69e00; padding: 5px 8px; margin: 6px 0; }
.note.stale { background: #fdecea; border-color: #c0392b; }
ul { margin: 4px 0; padding-left: 18px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; font-size: 9pt; }
th, td { padding: 3px 6px; border-bottom: 1px solid #d9e2ec; text-align: left; vertical-align: top; }
th { background: #eef2f7; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr { break-inside: avoid; }
.meets, .misses, .uncertain { white-space: nowrap; }
.meets { color: #1e7b34; font-weight: 600; }
.misses { color: #b42318; font-weight: 600; }
.uncertain { color: #a15c00; font-weight: 600; }
ol.bottlenecks { padding-left: 22px; margin: 4px 0; }
ol.bottlenecks li { margin: 0 0 8px; break-inside: avoid; }
ol.bottlenecks .facts { color: #52606d; font-size: 9pt; }
.explain { color: #3e4c59; margin: 2px 0 0; }
table.steps { font-size: 8.5pt; }
table.steps td, table.steps th { padding: 3px 4px; }
table.steps th.num { white-space: normal; }
.chart { display: block; max-width: 100%; height: auto; margin: 4px 0 8px; font-family: inherit; }
.chart .grid { stroke: #e4e7eb; stroke-width: 1; }
.chart .axisline { stroke: #9aa5b1; stroke-width: 1; }
.chart .axis { font-size: 10px; fill: #616e7c; }
.chart .label { font-size: 11px; fill: #1f2933; }
.chart .value { font-size: 10px; fill: #1f2933; }
.chart .bar.cool { fill: #5b8fc7; }
.chart .bar.warm { fill: #e0a030; }
.chart .bar.hot { fill: #d0453a; }
.chart .whisker { stroke: #1f2933; stroke-width: 1.2; }
.chart .mark { stroke: #1f2933; stroke-width: 1; stroke-dasharray: 3 2; }
.chart .marklabel { font-size: 10px; fill: #1f2933; }
dl.settings { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 4px 0; }
dl.settings dt { color: #52606d; }
dl.settings dd { margin: 0; }
.section { break-inside: avoid-page; }
table.figures { font-size: 8pt; }
table.figures td, table.figures th { padding: 2px 4px; }
table.figures th.num { white-space: normal; }
table.figures .ci { color: #616e7c; font-size: 7.5pt; }
table.figures td.worst { background: #fdecea; color: #b42318; font-weight: 600; }
.chart .seg { font-size: 10px; font-weight: 600; }
.swatch { display: inline-block; width: 9px; height: 9px; border-radius: 2px; margin-right: 5px; }
footer { margin-top: 16px; color: #7b8794; font-size: 8.5pt; }
@media print { body { padding: 0; max-width: none; } h2 { break-after: avoid; } }
`;

/**
 * The report of a run as a self-contained HTML document (A4 when printed): key figures with 95% confidence
 * intervals, SLA attainment against the goal, the fulfilment figures (when the model has them: all orders, by site,
 * by segment, stock), the cost per order by part, ranked bottlenecks with the engine's explanation, utilisation per
 * pool and site, the per-step table, sites and outcomes, the run settings and seed, and the model's assumptions.
 * @example const html = reportHtml(run.simulatedModel, run.report, { documentName: 'Regional current', generatedAt: new Date().toISOString() });
 */
export function reportHtml(model: Workflow, report: RunReport, meta: ReportMeta): string {
  const money: ValueKind = { kind: 'money', currency: report.model.currency };
  const duration: ValueKind = { kind: 'duration' };
  const share: ValueKind = { kind: 'share' };
  const num = (unit?: string): ValueKind => ({ kind: 'number', ...(unit ? { unit } : {}) });
  const s = report.settings;
  const observedDays = (s.horizonMinutes - s.warmupMinutes) / 1440;
  const siteName = (id: string | null) => (id === null ? 'shared' : (model.sites.find((site) => site.id === id)?.name ?? id));

  const kpiRows: Array<[string, Estimate, ValueKind]> = [
    ['Throughput (orders per day)', report.throughputPerDay, num()],
    ['Throughput (orders per hour)', report.throughputPerHour, num()],
    ['Cycle time, mean', report.cycleTime.mean, duration],
    ['Cycle time, p50 (median)', report.cycleTime.p50, duration],
    ['Cycle time, p90', report.cycleTime.p90, duration],
    ['Cycle time, p95', report.cycleTime.p95, duration],
    ['Cycle time, p99', report.cycleTime.p99, duration],
    ['Work in progress, mean (orders)', report.wipMean, num()],
    ['Work in progress, peak (orders)', report.wipMax, num()],
    ['Cost per order', report.costPerOrder, money],
  ];
  const kpiTable = table(
    ['Figure', 'Mean', '95% interval', '±', 'Replications'],
    kpiRows.map(([label, est, kind]) => [e(label), e(value(est, kind)), e(ciRange(est, kind)), e(halfWidth(est, kind)), String(est.n)]),
  );

  const slaTable =
    report.slas.length === 0
      ? '<p>The model defines no service levels.</p>'
      : table(
          ['Service level', 'Target', 'Goal', 'Attainment', '95% interval', 'Standing'],
          report.slas.map((sla) => {
            const standing = slaStanding(sla);
            return [e(sla.name), e(`within ${formatDuration(sla.targetMinutes)}`), e(formatPercent(sla.goal)), e(value(sla.attainment, share)), e(ciRange(sla.attainment, share)), `<span class="${standing}">${e(standingMark[standing])}</span>`];
          }),
          { text: [0, 5] },
        );

  // One block per bottleneck: the engine's explanation is a paragraph, too long for a table cell.
  const bottlenecks =
    report.bottlenecks.length === 0
      ? '<p>No step held orders long enough to rank as a bottleneck.</p>'
      : `<ol class="bottlenecks">${report.bottlenecks
          .map((b) => {
            const facts = [
              b.resource ? `limited by ${b.resource}` : null,
              b.utilisation === null ? null : `utilisation ${formatPercent(b.utilisation)}`,
              `${formatPercent(b.waitShare)} of order time spent waiting here`,
              b.meanWaitMinutes === null ? null : `mean wait ${formatDuration(b.meanWaitMinutes)}`,
            ].filter((f): f is string => f !== null);
            return `<li value="${b.rank}"><strong>${e(b.name)}</strong> <span class="facts">${e(facts.join(' · '))}</span><p class="explain">${e(b.explanation)}</p></li>`;
          })
          .join('\n')}</ol>`;

  const oneSite = new Set(report.pools.map((p) => p.siteId)).size <= 1;
  const poolItems = report.pools.map((p) => ({ label: oneSite ? p.name : `${p.name} · ${siteName(p.siteId)}`, estimate: p.utilisation }));
  const poolTable =
    report.pools.length === 0
      ? '<p>The model has no resource pools.</p>'
      : table(
          ['Pool', 'Site', 'Capacity', 'Utilisation', '95% interval', 'Labour cost'],
          report.pools.map((p) => [e(p.name), e(siteName(p.siteId)), String(p.capacity), e(value(p.utilisation, share)), e(ciRange(p.utilisation, share)), e(value(p.labourCost, money))]),
          { text: [0, 1] },
        );
  const systemTable =
    report.systems.length === 0
      ? ''
      : `<h3 style="font-size:10.5pt;margin:10px 0 4px">Systems</h3>${table(
          ['System', 'Site', 'Calls', 'Failed calls', 'Outage', 'Utilisation', '95% interval'],
          report.systems.map((sys) => [e(sys.name), e(siteName(sys.siteId)), e(value(sys.calls, num())), e(value(sys.failedCalls, num())), e(value(sys.outageMinutes, duration)), e(sys.utilisation.mean === null ? 'unlimited' : value(sys.utilisation, share)), e(ciRange(sys.utilisation, share))]),
          { text: [0, 1] },
        )}`;

  const nodeTable = table(
    ['Step', 'Kind', 'Arrivals', 'Mean wait', '± 95%', 'p90 wait', 'Mean queue', 'Max queue', 'Waiting share', 'Failures'],
    report.nodes
      .filter((n) => n.kind !== 'end' && n.kind !== 'source')
      .map((n) => [
        e(n.name),
        e(n.kind),
        e(value(n.arrivals, num())),
        e(value(n.queueWaitMean, duration)),
        e(halfWidth(n.queueWaitMean, duration).replace(/^± /, '')),
        e(value(n.queueWaitP90, duration)),
        e(value(n.meanQueueLength, num())),
        String(n.maxQueueLength),
        e(value(n.waitShare, share)),
        e(value(n.failures, num())),
      ]),
    { text: [0, 1], className: 'steps' },
  );

  const groupTable = (title: string, groups: RunReport['sites'], label: (key: string) => string) =>
    groups.length === 0
      ? ''
      : `<h3 style="font-size:10.5pt;margin:10px 0 4px">${e(title)}</h3>${table(
          [title.replace(/s$/, ''), 'Share', 'Completed per day', 'Cycle time p50', 'Cycle time p90', '95% interval (p90)'],
          groups.map((g) => [e(label(g.key)), e(value(g.share, share)), e(value(g.completedPerDay, num())), e(value(g.cycleTime.p50, duration)), e(value(g.cycleTime.p90, duration)), e(ciRange(g.cycleTime.p90, duration))]),
        )}`;

  const little = report.littlesLaw;
  const settings: Array<[string, string]> = [
    ['Model', `${model.metadata.name}${report.model.variant ? ` · variant ${report.model.variant}` : ''}`],
    ['Seed', String(s.seed)],
    ['Replications', String(s.replications)],
    ['Horizon', `${formatDuration(s.horizonMinutes)} from Monday 00:00`],
    ['Warm-up', `${formatDuration(s.warmupMinutes)}${report.warmup.suggestedMinutes !== null ? ` (MSER-5 suggests ${formatDuration(report.warmup.suggestedMinutes)})` : ''}`],
    ['Observed per replication', `${formatNumber(observedDays)} simulated day${observedDays === 1 ? '' : 's'} after the warm-up`],
    ['Orders', `${formatNumber(report.totals.ordersArrived)} arrived, ${formatNumber(report.totals.ordersCompleted)} completed (all replications)`],
    ['Model events', formatNumber(report.totals.events)],
    ["Little's law check", little.relativeError === null ? dash : `WIP ${formatNumber(little.wip ?? 0)} vs arrival rate × cycle time: ${formatPercent(little.relativeError)} apart`],
    ['Precision', replicationAdvice(report)],
    ['Run status', report.status],
    ['Report format', `version ${report.reportFormatVersion}`],
    ...(meta.wallSeconds !== undefined ? ([['Computed in', `${formatNumber(meta.wallSeconds)} s${meta.workers ? ` on ${meta.workers} worker${meta.workers === 1 ? '' : 's'}` : ' on the main thread'}`]] as Array<[string, string]>) : []),
  ];

  const assumptions = model.metadata.assumptions.length === 0 ? '<p>The model states no assumptions (Model settings › Assumptions).</p>' : `<ul>${model.metadata.assumptions.map((a) => `<li>${e(a)}</li>`).join('')}</ul>`;
  const resourcesTable =
    model.pools.length === 0
      ? ''
      : table(
          ['Pool', 'Scope', 'Capacity', 'Shift calendar', 'Cost per hour'],
          model.pools.map((p) => [e(p.name), e(p.scope === 'shared' ? 'shared by all sites' : 'one team per site'), String(p.capacity), e(p.calendar === undefined ? 'around the clock' : (model.calendars.find((c) => c.id === p.calendar)?.name ?? p.calendar)), e(formatMoney(p.costPerHour, report.model.currency))]),
          { text: [0, 1, 3] },
        );
  const sitesList = model.sites.length === 0 ? '' : `<p>Sites: ${model.sites.map((site) => `${e(site.name)} (${e(formatPercent(site.volumeShare / (model.sites.reduce((sum, x) => sum + x.volumeShare, 0) || 1)))} of orders)`).join(', ')}.</p>`;

  const notes = [
    ...(meta.stale ? ['<div class="note stale">The model was changed after this run: these results are from the model as it was when the run started.</div>'] : []),
    ...report.messages.map((m) => `<div class="note">${e(m)}</div>`),
  ].join('\n');

  const title = `${meta.documentName || model.metadata.name} — simulation report`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Flowcast">
<title>${e(title)}</title>
<style>${css}</style>
</head>
<body>
<header>
<h1>${e(meta.documentName || model.metadata.name)}</h1>
<p class="sub">Flowcast simulation report · ${e(model.metadata.name)}${report.model.variant ? ` · variant <strong>${e(report.model.variant)}</strong>` : ' · base model'} · seed ${s.seed} · ${s.replications} replication${s.replications === 1 ? '' : 's'} of ${e(formatDuration(s.horizonMinutes))} · exported ${e(meta.generatedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'))}</p>
${model.metadata.description ? `<p>${e(model.metadata.description)}</p>` : ''}
</header>
${notes}
<section class="section"><h2>Key figures</h2>
<p class="sub">Means over replications with their 95% confidence intervals (Student t, n − 1 degrees of freedom). Only orders arriving after the warm-up count. Intervals of shares are shown cut at 0% and 100%, of counts, times and money at 0.</p>
${kpiTable}
</section>
<section class="section"><h2>Service levels</h2>
<p class="sub">Meets: the whole interval is at or above the goal. Misses: all of it is below. Too close to call: the interval contains the goal.</p>
${slaTable}
</section>
${fulfilmentSection(model, report)}
${costSection(report)}
<section class="section"><h2>Cycle time distribution</h2>
${cycleTimeChart(report) || '<p>No order completed after the warm-up.</p>'}
</section>
<section><h2>Bottlenecks</h2>
${bottlenecks}
</section>
<section class="section"><h2>Utilisation</h2>
${utilisationChart(poolItems)}
${poolTable}
${systemTable}
</section>
<section><h2>Steps</h2>
${nodeTable}
</section>
<section class="section"><h2>Sites and outcomes</h2>
${groupTable('Sites', report.sites, siteName)}
${groupTable('Outcomes', report.outcomes, (key) => key.charAt(0).toUpperCase() + key.slice(1))}
</section>
<section class="section"><h2>Run settings</h2>
<dl class="settings">${settings.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('')}</dl>
</section>
<section class="section"><h2>Model and assumptions</h2>
${sitesList}
${resourcesTable}
<h3 style="font-size:10.5pt;margin:10px 0 4px">Assumptions</h3>
${assumptions}
</section>
<footer>Steps: ${model.nodes.length} · connections: ${model.edges.length}. Times are simulated; the same model, variant, settings and seed give the same figures. Made by Flowcast.</footer>
</body>
</html>
`;
}

function replicationAdvice(report: RunReport): string {
  const { achieved, target, suggestedReplications } = report.precision;
  const parts: string[] = [];
  if (achieved.cycleTimeMean !== null) parts.push(`mean cycle time ± ${formatPercent(achieved.cycleTimeMean)}`);
  if (achieved.throughput !== null) parts.push(`throughput ± ${formatPercent(achieved.throughput)}`);
  const wanted = Math.max(suggestedReplications.cycleTimeMean ?? 0, suggestedReplications.throughput ?? 0);
  const advice = wanted > report.settings.replications ? `; about ${wanted} replications would reach ± ${formatPercent(target)}` : '';
  return parts.length === 0 ? `${dash} (one replication gives no interval)` : `${parts.join(', ')} (relative 95% half width)${advice}`;
}
