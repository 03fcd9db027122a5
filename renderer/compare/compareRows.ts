/**
 * The compare view's numbers: which KPIs are compared, their per-replication values paired by replication index
 * (common random numbers: replication i of every variant used the same seed), the paired-t interval of each
 * difference, and the per-step change in queue wait for the delta heat map. Pure, tested headless.
 */
import type { Workflow } from '../../models';
import type { Estimate, ReplicationResult, RunReport } from '../simulation/report';
import { fulfilmentKpis, pairedComparison, type KpiKind, type PairedDifference } from '../simulation/compare';
import { durationUnit, formatDelta, formatInterval, formatRange, formatValue, type ValueKind } from '../results/format';
import { niceCeil } from '../results/colorScale';

/** Something to compare: the open model or one of its variants, or a shipped scenario (or its variant). */
export interface Candidate {
  /** Unique within a comparison, e.g. `open:base`, `open:target`, `scenario:national-acquisition:harmonised`. */
  key: string;
  label: string;
  model: Workflow;
  variantId: string | null;
  source: 'open-model' | 'scenario';
}

/** A finished run of a candidate with its per-replication results (needed to pair replications). */
export interface CandidateRun {
  candidate: Candidate;
  report: RunReport;
  results: ReplicationResult[];
}

/** The table's sections: flow (throughput, times, WIP, cost, SLAs), fulfilment, and the cost per order in parts. */
export type KpiGroup = 'flow' | 'fulfilment' | 'cost';

export const kpiGroupTitles: Record<KpiGroup, string> = { flow: 'Flow', fulfilment: 'Fulfilment (all orders)', cost: 'Cost per order, by part' };

/** A KPI of the comparison table. */
export interface KpiDefinition {
  id: string;
  label: string;
  /** The section it is listed under; `flow` when omitted. */
  group?: KpiGroup;
  kind: ValueKind;
  higherIsBetter: boolean;
  estimate(report: RunReport): Estimate | undefined;
  perReplication(result: ReplicationResult): number | null;
}

/**
 * The KPIs compared: throughput, cycle time mean/p50/p90, WIP, cost per order, each SLA of the baseline, then the
 * fulfilment KPIs any of the runs measured (OTIF, fill rates, backorders, order-to-cash, working capital, credit
 * holds, cost-per-order parts: the list `flowcast compare` uses too).
 */
export function kpiDefinitions(baseline: RunReport, model: Workflow, others: readonly RunReport[] = []): KpiDefinition[] {
  const money: ValueKind = { kind: 'money', currency: baseline.model.currency };
  const defs: KpiDefinition[] = [
    { id: 'throughput', label: 'Throughput (orders/day)', kind: { kind: 'number' }, higherIsBetter: true, estimate: (r) => r.throughputPerDay, perReplication: (x) => x.throughputPerDay },
    { id: 'cycle-mean', label: 'Cycle time, mean', kind: { kind: 'duration' }, higherIsBetter: false, estimate: (r) => r.cycleTime.mean, perReplication: (x) => x.cycleTime.mean },
    { id: 'cycle-p50', label: 'Cycle time, p50', kind: { kind: 'duration' }, higherIsBetter: false, estimate: (r) => r.cycleTime.p50, perReplication: (x) => x.cycleTime.p50 },
    { id: 'cycle-p90', label: 'Cycle time, p90', kind: { kind: 'duration' }, higherIsBetter: false, estimate: (r) => r.cycleTime.p90, perReplication: (x) => x.cycleTime.p90 },
    { id: 'wip', label: 'Orders in progress (WIP)', kind: { kind: 'number' }, higherIsBetter: false, estimate: (r) => r.wipMean, perReplication: (x) => x.wipMean },
    { id: 'cost', label: 'Cost per order', kind: money, higherIsBetter: false, estimate: (r) => r.costPerOrder, perReplication: (x) => x.cost.perOrder },
  ];
  for (const sla of baseline.slas) {
    const name = model.slas.find((s) => s.id === sla.slaId)?.name ?? sla.name;
    defs.push({
      id: `sla-${sla.slaId}`,
      label: `SLA: ${name}`,
      kind: { kind: 'share' },
      higherIsBetter: true,
      estimate: (r) => r.slas.find((s) => s.slaId === sla.slaId)?.attainment,
      perReplication: (x) => x.slas.find((s) => s.slaId === sla.slaId)?.attainment ?? null,
    });
  }
  for (const kpi of fulfilmentKpis([baseline, ...others])) {
    // The cost parts read "Cost per order: labour" in the CLI; under their own heading here, just "Labour".
    const costPart = kpi.id.startsWith('costPerOrder:');
    const part = kpi.label.replace(/^Cost per order: /, '');
    // Exception labour is inside labour: say so, or the parts seem to add up to more than the total.
    const label = !costPart ? kpi.label : kpi.id === 'costPerOrder:exceptionLabour' ? `${capitalise(part)} (part of labour)` : capitalise(part);
    defs.push({ id: kpi.id, label, group: costPart ? 'cost' : 'fulfilment', kind: valueKindOf(kpi.kind, kpi.unit, money), higherIsBetter: kpi.higherIsBetter, estimate: kpi.estimate, perReplication: kpi.perReplication });
  }
  return defs;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** How the studio writes a shared KPI kind; fulfilment durations (order-to-cash) are business spans, read in days. */
function valueKindOf(kind: KpiKind, unit: string | undefined, money: ValueKind): ValueKind {
  switch (kind) {
    case 'share':
      return { kind: 'share' };
    case 'duration':
      return { kind: 'duration', days: true };
    case 'money':
      return money;
    case 'count':
      return unit === undefined ? { kind: 'number' } : { kind: 'number', unit };
  }
}

/**
 * Pairs two runs' values by replication index, keeping only pairs where both were measured.
 * @example pairValues(a, b, (r) => r.throughputPerDay)
 */
export function pairValues(a: readonly ReplicationResult[], b: readonly ReplicationResult[], pick: (r: ReplicationResult) => number | null): { a: number[]; b: number[] } {
  const byIndex = new Map(b.map((r) => [r.replication, r]));
  const out = { a: [] as number[], b: [] as number[] };
  for (const ra of [...a].sort((x, y) => x.replication - y.replication)) {
    const rb = byIndex.get(ra.replication);
    if (!rb || ra.status !== 'ok' || rb.status !== 'ok') continue;
    const va = pick(ra);
    const vb = pick(rb);
    if (va === null || vb === null || !Number.isFinite(va) || !Number.isFinite(vb)) continue;
    out.a.push(va);
    out.b.push(vb);
  }
  return out;
}

export type Verdict = 'better' | 'worse' | 'not-significant' | 'no-difference' | 'too-few';

/** One cell of a compared candidate: its value and the paired difference against the baseline. */
export interface CompareCell {
  value: string;
  interval: string;
  /** B - A, formatted in the KPI's unit ("+1.2 h", "−4.1 pp"); '' when it cannot be formed. */
  delta: string;
  /** The 95% interval of the paired difference, e.g. "[−1.4 h, −0.9 h]". */
  deltaInterval: string;
  /** Relative change of the means, e.g. "−23%". */
  relative: string;
  verdict: Verdict;
  /** Plain words for the marker: "Significantly better", "Not significant", ... */
  verdictText: string;
  /** Replications that might settle an undecided difference. */
  suggestion: string;
  paired: PairedDifference | null;
}

export interface CompareRow {
  id: string;
  label: string;
  group: KpiGroup;
  baseline: { value: string; interval: string };
  cells: CompareCell[];
}

function valueText(e: Estimate | undefined, kind: ValueKind): { value: string; interval: string } {
  if (!e || e.mean === null) return { value: '–', interval: '' };
  return { value: formatValue(e.mean, kind), interval: formatInterval(e, kind) };
}

/** The verdict of a paired difference in the KPI's own direction. */
export function verdictOf(paired: PairedDifference, higherIsBetter: boolean): Verdict {
  switch (paired.verdict) {
    case 'significant':
      return paired.meanDifference > 0 === higherIsBetter ? 'better' : 'worse';
    case 'undecided':
      return 'not-significant';
    case 'no-difference':
      return 'no-difference';
    case 'too-few':
      return 'too-few';
  }
}

export const verdictTexts: Record<Verdict, string> = {
  better: 'Significantly better',
  worse: 'Significantly worse',
  'not-significant': 'Not significant',
  'no-difference': 'No difference',
  'too-few': 'Too few replications',
};

/** The comparison table: one row per KPI, one cell per compared candidate (baseline first, not repeated). */
export function compareRows(baseline: CandidateRun, others: readonly CandidateRun[]): CompareRow[] {
  return kpiDefinitions(
    baseline.report,
    baseline.candidate.model,
    others.map((o) => o.report),
  ).map((def) => ({
    id: def.id,
    label: def.label,
    group: def.group ?? 'flow',
    baseline: valueText(def.estimate(baseline.report), def.kind),
    cells: others.map((other) => compareCell(def, baseline, other)),
  }));
}

function compareCell(def: KpiDefinition, baseline: CandidateRun, other: CandidateRun): CompareCell {
  const own = valueText(def.estimate(other.report), def.kind);
  const pairs = pairValues(baseline.results, other.results, def.perReplication);
  if (pairs.a.length === 0) {
    return { ...own, delta: '', deltaInterval: '', relative: '', verdict: 'too-few', verdictText: 'Not measured in both', suggestion: '', paired: null };
  }
  const paired = pairedComparison(pairs.a, pairs.b);
  const verdict = verdictOf(paired, def.higherIsBetter);
  const deltaInterval = formatRange(paired.ciLow, paired.ciHigh, def.kind);
  const relative = paired.relativeDifference === null || def.kind.kind === 'share' ? '' : `${paired.relativeDifference > 0 ? '+' : paired.relativeDifference < 0 ? '−' : ''}${formatValue(Math.abs(paired.relativeDifference) * 100, { kind: 'number' })}%`;
  const suggestion =
    verdict === 'not-significant'
      ? paired.suggestedReplications !== null
        ? `about ${paired.suggestedReplications} replications might decide it`
        : paired.suggestionCapped
          ? 'too small a difference to resolve'
          : ''
      : '';
  return {
    ...own,
    delta: formatDelta(paired.meanDifference, def.kind),
    deltaInterval,
    relative,
    verdict,
    verdictText: verdict === 'too-few' ? 'Needs 2+ replications' : verdictTexts[verdict],
    suggestion,
    paired,
  };
}

// ---------------------------------------------------------------------------------------------- delta heat map

/** The change at one step of the compared model (B), against the baseline (A). */
export interface NodeDelta {
  nodeId: string;
  name: string;
  /** Mean queue wait in B minus A (minutes); null for a step only B has, or when not measured. */
  deltaMinutes: number | null;
  waitA: number | null;
  waitB: number | null;
  paired: PairedDifference | null;
  status: 'changed' | 'new';
}

export interface DeltaMap {
  nodes: Map<string, NodeDelta>;
  /** Steps of A that B no longer has. */
  removed: Array<{ nodeId: string; name: string }>;
  /** The colour scale spans [-maxAbsMinutes, +maxAbsMinutes]. */
  maxAbsMinutes: number;
}

/** Mean queue wait of each step of B against A (steps matched by id), paired by replication. */
export function nodeDeltas(a: CandidateRun, b: CandidateRun): DeltaMap {
  const nodes = new Map<string, NodeDelta>();
  const aIds = new Set(a.candidate.model.nodes.map((n) => n.id));
  const reportWait = (run: CandidateRun, id: string) => run.report.nodes.find((n) => n.nodeId === id)?.queueWaitMean.mean ?? null;
  let maxAbs = 0;
  for (const node of b.candidate.model.nodes) {
    if (!aIds.has(node.id)) {
      nodes.set(node.id, { nodeId: node.id, name: node.name, deltaMinutes: null, waitA: null, waitB: reportWait(b, node.id), paired: null, status: 'new' });
      continue;
    }
    const waitA = reportWait(a, node.id);
    const waitB = reportWait(b, node.id);
    const pairs = pairValues(a.results, b.results, (r) => r.nodes.find((n) => n.nodeId === node.id)?.queueWaitMean ?? null);
    const paired = pairs.a.length > 0 ? pairedComparison(pairs.a, pairs.b) : null;
    const deltaMinutes = paired ? paired.meanDifference : waitA !== null && waitB !== null ? waitB - waitA : null;
    if (deltaMinutes !== null) maxAbs = Math.max(maxAbs, Math.abs(deltaMinutes));
    nodes.set(node.id, { nodeId: node.id, name: node.name, deltaMinutes, waitA, waitB, paired, status: 'changed' });
  }
  const bIds = new Set(b.candidate.model.nodes.map((n) => n.id));
  const removed = a.candidate.model.nodes.filter((n) => !bIds.has(n.id)).map((n) => ({ nodeId: n.id, name: n.name }));
  // Round the scale in the unit the legend will print ("10 h", not "8.33 h" from 500 min).
  const { factor } = durationUnit(maxAbs);
  return { nodes, removed, maxAbsMinutes: maxAbs > 0 ? niceCeil(maxAbs / factor) * factor : 1 };
}

/** The steps whose wait changed most, largest change first (at most `limit`): the list beside the diagram. */
export function largestChanges(deltas: DeltaMap, limit = 6): NodeDelta[] {
  return [...deltas.nodes.values()]
    .filter((d) => d.deltaMinutes !== null && Math.abs(d.deltaMinutes) > 0)
    .sort((a, b) => Math.abs(b.deltaMinutes ?? 0) - Math.abs(a.deltaMinutes ?? 0))
    .slice(0, limit);
}
