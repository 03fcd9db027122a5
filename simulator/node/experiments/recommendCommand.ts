/** `flowcast recommend`: the cheapest pool sizes and concurrency meeting every SLA goal with confidence. */
import { insightsForRecommendation, recommendCapacity, type RecommendSpec, type ResourceSpec } from '../../experiments';
import { choiceFlag, integerFlag, parseFlags, simulationFlags, singleFile, stringFlag, UsageError } from '../args';
import { exitCodes, reportJson } from '../main';
import { checkWritable, guarded, loadModelArg, numberFlag, runnerFor, settingsFrom, writeText, type ExperimentIO } from './common';
import { formatRecommendation } from './formatExperiments';

export const recommendHelp = `flowcast recommend FILE [options]

Searches pool sizes (and system concurrency) for the cheapest configuration that meets every SLA goal with
confidence: the lower bound of the 95% interval of each SLA's attainment over replications reaches its goal, no
replication runs away, and no sized team or system is busier than --max-utilisation. Deterministic for a seed; prints the recommendation, its cost and SLA attainment against
the model as written, and every configuration tried. People cost their pool's costPerHour for the paid hours of
their calendar; concurrency slots cost --slot-cost per hour (default 0).

  --resources LIST        what to size, comma-separated: pool.ID, pool.ID@SITE, system.ID, each optionally with
                          bounds ID:MIN:MAX (default: every pool, per site for site teams, and every system with a
                          concurrency; lower bound: the smallest stable size; upper: twice the size, at least +20)
  --slas LIST             the SLA ids whose goals must be met, comma-separated (default: every SLA)
  --max-utilisation 0.9   headroom: no sized team or system may be busier than this on average (1: no cap)
  --slot-cost X           cost of one concurrency slot per hour
  --confidence 0.95       level of the attainment interval
  --max-evaluations 60    most configurations to simulate
  --write-model FILE      write the model with the recommendation added as variant "recommended-capacity"
  --variant NAME --replications N --seed S --horizon 30d --warmup 2d --workers N   as for "flowcast sweep"
  --format table|json     --out FILE     --no-progress
`;

const recommendFlags = {
  ...simulationFlags,
  resources: 'string',
  slas: 'string',
  'slot-cost': 'string',
  'max-utilisation': 'string',
  confidence: 'string',
  'max-evaluations': 'string',
  'write-model': 'string',
  variant: 'string',
} as const;

/** Parses "pool.a:2:8,system.b" into resource specs. */
export function parseResources(text: string): ResourceSpec[] {
  return text.split(',').map((item) => {
    const parts = item.trim().split(':');
    if (parts.length !== 1 && parts.length !== 3) throw new UsageError(`--resources "${item}": write ID or ID:MIN:MAX, e.g. pool.analysts:2:8.`);
    const spec: ResourceSpec = { resource: parts[0] };
    if (parts.length === 3) {
      if (!/^\d+$/.test(parts[1]) || !/^\d+$/.test(parts[2])) throw new UsageError(`--resources "${item}": the bounds must be whole numbers.`);
      spec.min = Number(parts[1]);
      spec.max = Number(parts[2]);
    }
    return spec;
  });
}

/**
 * Runs `flowcast recommend` (argv after the command name) and resolves with the exit code.
 * @example await runRecommendCommand(['model.json', '--resources', 'pool.analysts,pool.clerks'], io);
 */
export async function runRecommendCommand(argv: string[], io: ExperimentIO): Promise<number> {
  return guarded('recommend', io, async () => {
    const args = parseFlags(argv, recommendFlags, 'recommend');
    if (args.flags.has('help')) {
      io.stdout.write(recommendHelp);
      return exitCodes.ok;
    }
    const file = singleFile(args, 'recommend');
    const format = choiceFlag(args, 'format', ['table', 'json'] as const, 'table');
    const outPath = await checkWritable(stringFlag(args, 'out'), 'out', io.cwd, [file]);
    const modelOut = await checkWritable(stringFlag(args, 'write-model'), 'write-model', io.cwd);
    if (modelOut && stringFlag(args, 'variant') !== undefined) throw new UsageError('--write-model adds a variant to the model as written; leave out --variant.');
    const { model } = await loadModelArg(file, stringFlag(args, 'variant'), io);
    const settings = settingsFrom(args, model);
    const slotCost = numberFlag(args, 'slot-cost', 0, 1e9);
    const resourcesText = stringFlag(args, 'resources');
    const spec: RecommendSpec = {
      replications: settings.replications,
      seed: settings.seed,
      horizonMinutes: settings.horizonMinutes,
      warmupMinutes: settings.warmupMinutes,
      confidence: numberFlag(args, 'confidence', 0.5, 0.9999) ?? 0.95,
      maxEvaluations: integerFlag(args, 'max-evaluations', 2, 10_000) ?? 60,
      maxUtilisation: numberFlag(args, 'max-utilisation', 0.01, 1) ?? 0.9,
    };
    if (resourcesText !== undefined) spec.resources = parseResources(resourcesText);
    if (slotCost !== undefined) spec.costPerSlotHour = slotCost;
    const slas = stringFlag(args, 'slas');
    if (slas !== undefined) spec.slas = slas.split(',').map((s) => s.trim());
    const { run, concurrency } = runnerFor(io, settings);
    const quiet = args.flags.has('no-progress');
    const report = await recommendCapacity(model, spec, run, {
      concurrency,
      signal: io.signal,
      onEvaluation: quiet ? undefined : (e, count, max) => io.stderr.write(`recommend: ${count}/${max} ${e.step}: sizes ${e.sizes.join(' ')}, ${e.feasible ? 'meets every goal' : `shortfall ${e.shortfall.toFixed(3)}`}\n`),
    });
    const insights = insightsForRecommendation(report);
    const json = reportJson({ ...report, insights });
    if (outPath) await writeText(outPath, json, 'out');
    if (modelOut && report.variant && report.variant.patches.length === 0) io.stderr.write(`The sizes as modelled are already the cheapest found; ${stringFlag(args, 'write-model')} was not written.\n`);
    else if (modelOut && report.variant) {
      await writeText(modelOut, reportJson({ ...model, variants: [...model.variants, report.variant] }), 'write-model');
      io.stderr.write(`Model with variant "${report.variant.id}" written to ${stringFlag(args, 'write-model')}.\n`);
    }
    if (format === 'json') {
      if (outPath) io.stderr.write(`Recommendation written to ${stringFlag(args, 'out')}.\n`);
      else io.stdout.write(json);
    } else io.stdout.write(formatRecommendation(report, insights, io.stderr.columns ?? 100));
    // No configuration found is an answer, not a failure: the JSON has "recommended": null and says why.
    return exitCodes.ok;
  });
}

