/**
 * One benchmark case, run in its own process by bench/run.ts so that its peak memory (maxRSS) is its own.
 * Prints one JSON line on stdout.
 *
 *   node --import tsx bench/case.ts tandem ORDERS
 *   node --import tsx bench/case.ts scenario FILE DAYS
 *   node --import tsx bench/case.ts pool FILE DAYS REPLICATIONS WORKERS
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadModelText, toMinutes, type Workflow } from '../models';
import type { ReplicationResult } from '../simulator/report';
import { runReplication } from '../simulator/run';
import { runReportOnWorkerThreads } from '../simulator/node/workerThreadsPool';
import { tandemModel } from './models';

/** What a case reports. */
export interface CaseResult {
  /** Events as counted by the engine (`ReplicationResult.events`, summed). */
  engineEvents: number;
  /**
   * Model events in the benchmark's standard count: 1 per arrival, 1 per service start, 1 per service end,
   * taken from the engine's counters (orders arrived + 2 x visits completed at activity nodes; a visit still in
   * service at the horizon, at most one per server, is not counted).
   */
  standardEvents: number;
  ordersArrived: number;
  ordersCompleted: number;
  meanCycleMinutes: number | null;
  wallSeconds: number;
  /**
   * CPU seconds this process spent on the simulation (user + system, all its threads): the work itself,
   * unaffected by other processes competing for the cores, so events per CPU second is a per-core speed.
   */
  cpuSeconds: number;
  /** Peak resident set size of this process (KB -> MB), worker threads included. */
  maxRssMb: number;
  /** Resident set size before the simulation started (Node, tsx, the model). */
  baselineRssMb: number;
  status: string;
}

function loadScenario(file: string): Workflow {
  const loaded = loadModelText(readFileSync(file, 'utf8'));
  if (!loaded.model) throw new Error(`${file} is not valid: ${loaded.findings.map((f) => `${f.path}: ${f.message}`).join('; ')}`);
  return loaded.model;
}

function standardEvents(model: Workflow, result: ReplicationResult): number {
  const activities = new Set(model.nodes.filter((n) => n.kind === 'activity').map((n) => n.id));
  let visits = 0;
  for (const node of result.nodes) if (activities.has(node.nodeId)) visits += node.completions;
  return result.ordersArrived + 2 * visits;
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function warmupWithin(model: Workflow, horizonMinutes: number): number {
  return Math.min(toMinutes(model.run.warmup), horizonMinutes / 10);
}

async function main(): Promise<CaseResult> {
  const [kind, ...args] = process.argv.slice(2);
  const baselineRssMb = process.memoryUsage().rss / 1048576;
  const started = performance.now();
  if (kind === 'tandem' || kind === 'scenario') {
    const model = kind === 'tandem' ? tandemModel(Number(args[0])) : loadScenario(args[0]);
    const horizonMinutes = kind === 'tandem' ? toMinutes(model.run.horizon) : Number(args[1]) * 1440;
    const warmupMinutes = kind === 'tandem' ? 0 : warmupWithin(model, horizonMinutes);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const result = runReplication(model, { replication: 0, seed: model.run.seed, horizonMinutes, warmupMinutes });
    const wallSeconds = (performance.now() - t0) / 1000;
    const cpuSeconds = cpuSecondsSince(cpu0);
    return {
      engineEvents: result.events,
      standardEvents: standardEvents(model, result),
      ordersArrived: result.ordersArrived,
      ordersCompleted: result.ordersCompleted,
      meanCycleMinutes: result.cycleTime.mean,
      wallSeconds,
      cpuSeconds,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      baselineRssMb,
      status: result.status,
    };
  }
  if (kind === 'pool') {
    const model = loadScenario(args[0]);
    const horizonMinutes = Number(args[1]) * 1440;
    const cpu0 = process.cpuUsage();
    const { report, results } = await runReportOnWorkerThreads({
      model,
      variant: null,
      replications: Number(args[2]),
      seed: model.run.seed,
      horizonMinutes,
      warmupMinutes: warmupWithin(model, horizonMinutes),
      workers: Number(args[3]),
    });
    const wallSeconds = (performance.now() - started) / 1000;
    const cpuSeconds = cpuSecondsSince(cpu0);
    return {
      engineEvents: report.totals.events,
      standardEvents: results.reduce((sum, r) => sum + standardEvents(model, r), 0),
      ordersArrived: report.totals.ordersArrived,
      ordersCompleted: report.totals.ordersCompleted,
      meanCycleMinutes: report.cycleTime.mean.mean,
      wallSeconds,
      cpuSeconds,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      baselineRssMb,
      status: report.status,
    };
  }
  throw new Error(`Unknown benchmark case "${kind}".`);
}

main().then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
