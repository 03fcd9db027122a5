import { distributionMoments, timeDistributionSchema, valueDistributionSchema, type Duration } from '../../models';
import { policyInfo } from '../panels/fulfilment';
import type { DocNode } from '../state/documentOps';

/** Short text for the mean of a distribution as written in the document ("6 min", "2 s"), or "?" when invalid. */
export function meanText(distribution: unknown, withUnit = true): string {
  const parsed = (withUnit ? timeDistributionSchema : valueDistributionSchema).safeParse(distribution);
  if (!parsed.success) return '?';
  const { mean } = distributionMoments(parsed.data);
  const unit = 'unit' in parsed.data ? ` ${parsed.data.unit}` : '';
  return `${roundNice(mean)}${unit}`;
}

/** Text of a duration ("15 min"), or "?". */
export function durationText(d: Duration | undefined): string {
  return d && typeof d.value === 'number' ? `${roundNice(d.value)} ${d.unit}` : '?';
}

/** Rounds for display: 3 significant digits, no trailing zeros. */
export function roundNice(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const abs = Math.abs(x);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return String(Math.round(x * 10 ** digits) / 10 ** digits);
}

function pct(p: unknown): string {
  return typeof p === 'number' ? `${roundNice(p * 100)}%` : '?';
}

/** What a node's summary needs from the rest of the document. */
export interface SummaryContext {
  pool?: string;
  system?: string;
  /** A credit check has a `hold` path (to manual review). */
  holdEdge?: boolean;
}

/**
 * The key parameters of a node, one short line each, as shown on the canvas (pool and quantity, mean duration,
 * failure rate, batch interval, system, allocation policy, credit review, days to pay).
 */
export function nodeSummary(node: DocNode, names: SummaryContext = {}): string[] {
  switch (node.kind) {
    case 'source': {
      const rate = node.arrivals?.ratePerHour;
      const mult = node.arrivals?.volumeMultiplier;
      const lines = node.lines;
      const oneLine = lines === undefined || (lines.kind === 'constant' && lines.value === 1);
      // The box is narrow: lines per order share the rate's line, the promise gets its own.
      const out = [`${typeof rate === 'number' ? roundNice(rate) : '?'} orders/h${typeof mult === 'number' && mult !== 1 ? ` × ${roundNice(mult)}` : ''}${oneLine ? '' : ` · ~${meanText(lines, false)} lines`}`];
      if (node.promise) out.push(`cut-off ${node.promise.cutoff ?? '15:00'}${node.promise.leadDays ? ` · +${node.promise.leadDays} workday${node.promise.leadDays === 1 ? '' : 's'}` : ' · same day'}`);
      return out;
    }
    case 'activity': {
      const lines = [`${names.pool ?? node.pool} × ${node.quantity ?? 1}`, `mean ${meanText(node.duration)}${node.durationPer === 'line' ? ' per line' : ''}`];
      const extras: string[] = [];
      if (node.failureProbability) extras.push(`fails ${pct(node.failureProbability)}`);
      if (node.queue?.capacity !== undefined) extras.push(`queue ≤ ${node.queue.capacity}`);
      if (node.queue?.discipline === 'priority') extras.push('priority queue');
      if (extras.length) lines.push(extras.join(' · '));
      return lines;
    }
    case 'integration': {
      const lines = [`${names.system ?? node.system} · mean ${meanText(node.latency)}`];
      const extras: string[] = [];
      if (node.mode === 'batch') extras.push(`batch every ${durationText(node.batch?.interval)}`);
      if (node.failureProbability) extras.push(`fails ${pct(node.failureProbability)}`);
      if (node.retry?.maxAttempts && node.retry.maxAttempts > 1) extras.push(`${node.retry.maxAttempts} tries`);
      if (node.timeout) extras.push(`timeout ${durationText(node.timeout)}`);
      if (extras.length) lines.push(extras.join(' · '));
      return lines;
    }
    case 'decision':
      return [node.mode === 'condition' ? 'first matching condition' : 'by probability'];
    case 'split':
      return ['all branches in parallel'];
    case 'join':
      return [`waits for ${node.split}`];
    case 'delay':
      return [`mean ${meanText(node.duration)}`];
    case 'batch': {
      const parts: string[] = [];
      if (node.every) parts.push(`every ${durationText(node.every)}`);
      if (node.atCount !== undefined) parts.push(`at ${node.atCount} orders`);
      return [parts.join(' or ') || 'no release rule'];
    }
    case 'allocate': {
      const policy = node.policy ?? 'shipComplete';
      const out = [policyInfo[policy]?.summary ?? policy];
      if (policy === 'sourceElsewhere') {
        const rule = node.sourcing?.rule ?? 'nearest';
        const fulfil = node.sourcing?.fulfil ?? 'transfer';
        out[0] = `Source ${rule === 'priorityList' ? 'by priority list' : rule === 'mostStock' ? 'from most stock' : 'from nearest site'}`;
        out.push(fulfil === 'transfer' ? `transfer ~${meanText(node.sourcing?.transferTime ?? { kind: 'constant', value: 1, unit: 'd' })}` : 'second shipment');
      }
      if (node.maxBackorderWait) out.push(`cancel after ${durationText(node.maxBackorderWait)}`);
      return out;
    }
    case 'creditCheck':
      // Two short lines: the node box is narrow, and "what happens to held orders" is the point of the step.
      if (!names.holdEdge) return ['Limit check', 'held until paid'];
      return ['Limit check', node.reviewAfter && node.reviewAfter.value > 0 ? `review after ${durationText(node.reviewAfter)}` : 'review at once'];
    case 'awaitPayment':
      return [node.daysToPay ? `Pays in ~${meanText(node.daysToPay)}` : 'Pays per segment terms'];
    case 'end':
      return [node.outcome ?? 'fulfilled'];
    default:
      return [];
  }
}
