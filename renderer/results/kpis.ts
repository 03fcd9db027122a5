/**
 * The KPI cards of a run, derived from the engine's report: which figures, in which unit, with which interval,
 * and how an SLA is judged against its goal. Pure, tested headless.
 */
import type { Estimate, RunReport, SlaReport } from '../simulation/report';
import { formatInterval, formatPercent, formatValue, type ValueKind } from './format';
import { costPerOrder } from './fulfilment';

/** How an SLA's attainment stands against its goal, taking the confidence interval into account. */
export type SlaStanding = 'meets' | 'misses' | 'uncertain' | 'unknown';

export interface KpiCard {
  /** Stable id, used as `data-kpi` for tests and as the React key. */
  id: string;
  label: string;
  /** The main figure, formatted ("2,480", "3.4 h", "93.4%"); "–" when nothing was measured. */
  value: string;
  /** A unit shown smaller after a plain number ("orders/day"); '' when the value carries its own. */
  unit: string;
  /** "± 31" (95% confidence interval half width), or '' when there is none. */
  interval: string;
  /** A second line: what it is measured against ("goal 95% within 24 h"). */
  detail: string;
  /** What the figure means, for the card's tooltip. */
  help: string;
  /** For SLA cards. */
  standing?: SlaStanding;
  /** The raw mean (for tests and sorting); null when not measured. */
  mean: number | null;
}

/** The KPI cards of a report, in display order: throughput, cycle time p50 and p90, WIP, cost, then each SLA. */
export function kpiCards(report: RunReport): KpiCard[] {
  const days = (report.settings.horizonMinutes - report.settings.warmupMinutes) / 1440;
  const observed = `${formatValue(days, { kind: 'number' })} simulated day${days === 1 ? '' : 's'} after warm-up, ${report.settings.replications} replication${report.settings.replications === 1 ? '' : 's'}`;
  const cards: KpiCard[] = [
    card('throughput', 'Throughput', report.throughputPerDay, { kind: 'number', unit: 'orders/day' }, observed, 'Orders that reached an end node per simulated day (any outcome), averaged over replications. The ± figure is the half width of the 95% confidence interval.'),
    card('cycle-p50', 'Cycle time p50', report.cycleTime.p50, { kind: 'duration' }, 'median, intake to end', 'Half of the orders took less than this from arrival to their end node. The mean over replications of each replication\'s median, with its 95% confidence interval.'),
    card('cycle-p90', 'Cycle time p90', report.cycleTime.p90, { kind: 'duration' }, '9 in 10 orders finish within', 'Nine orders in ten took less than this from arrival to their end node: the figure a customer promise should be built on.'),
    card('wip', 'WIP', report.wipMean, { kind: 'number', unit: 'orders' }, maxWipDetail(report), 'Work in progress: the time-weighted mean number of orders in the system (arrived, not yet at an end). By Little\'s law it equals throughput times mean cycle time.'),
    card('cost', 'Cost per order', report.costPerOrder, { kind: 'money', currency: report.model.currency }, report.fulfilment ? 'labour, freight, lines, carrying…' : 'labour + system calls + fees', 'Labour paid (capacity × hours on shift × cost per hour, busy or idle) plus system call costs, per-visit fees and freight, per-line handling, sourcing and carrying cost, divided by orders completed. The Fulfilment tab splits it by part.'),
  ];
  // The cost card's tooltip lists the parts (the Fulfilment tab draws them), so a plain model's breakdown is seen too.
  const parts = costPerOrder(report).parts.filter((p) => p.mean > 0);
  const costCard = cards.find((c) => c.id === 'cost');
  if (costCard && parts.length > 0) costCard.help += ` Per order: ${parts.map((p) => `${p.label.toLowerCase()} ${p.value}`).join(', ')}.`;
  for (const sla of report.slas) cards.push(slaCard(sla));
  return cards;
}

function card(id: string, label: string, estimate: Estimate, kind: ValueKind, detail: string, help: string): KpiCard {
  // A plain number's unit is shown apart (smaller), so long units do not push the interval off the card.
  const unit = kind.kind === 'number' && kind.unit ? kind.unit : '';
  const valueKind: ValueKind = kind.kind === 'number' ? { kind: 'number' } : kind;
  return {
    id,
    label,
    unit: estimate.mean === null ? '' : unit,
    value: estimate.mean === null ? '–' : formatValue(estimate.mean, valueKind),
    interval: estimate.mean === null ? '' : formatInterval(estimate, kind),
    detail,
    help,
    mean: estimate.mean,
  };
}

function maxWipDetail(report: RunReport): string {
  return report.wipMax.mean === null ? 'orders in progress, time-weighted' : `orders in progress · peak ${formatValue(report.wipMax.mean, { kind: 'number' })}`;
}

/**
 * Judges an SLA: `meets` when the whole 95% interval is at or above the goal, `misses` when it is all below,
 * `uncertain` when the interval straddles the goal (more replications would tell), `unknown` when nothing was
 * measured. With a single replication the mean alone decides.
 */
export function slaStanding(sla: SlaReport): SlaStanding {
  const { mean, low, high } = sla.attainment;
  if (mean === null) return 'unknown';
  if (low === null || high === null) return mean >= sla.goal ? 'meets' : 'misses';
  if (low >= sla.goal) return 'meets';
  if (high < sla.goal) return 'misses';
  return 'uncertain';
}

const standingText: Record<SlaStanding, string> = {
  meets: 'meets',
  misses: 'misses',
  uncertain: 'too close to call:',
  unknown: 'not measured:',
};

function slaCard(sla: SlaReport): KpiCard {
  const standing = slaStanding(sla);
  const target = formatValue(sla.targetMinutes, { kind: 'duration' });
  return {
    id: `sla-${sla.slaId}`,
    label: sla.name,
    value: sla.attainment.mean === null ? '–' : formatPercent(sla.attainment.mean),
    unit: '',
    interval: sla.attainment.mean === null ? '' : formatInterval(sla.attainment, { kind: 'share' }),
    detail: `${standingText[standing]} goal ${formatPercent(sla.goal)} ≤ ${target}`,
    help: `Share of orders whose clock for "${sla.name}" stopped within ${target}. Green: the whole 95% interval is at or above the goal of ${formatPercent(sla.goal)}; red: all of it is below; amber: the interval contains the goal, so the run cannot tell (add replications).`,
    standing,
    mean: sla.attainment.mean,
  };
}
