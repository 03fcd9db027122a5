/** `flowcast sweep`: one or two parameters over a range, KPIs with confidence intervals, the saturation point. */
import { parseValues, type SweepSpec } from '../../experiments';
import { durationFlag, parseFlags, simulationFlags, singleFile, stringFlag, UsageError } from '../args';
import { exitCodes } from '../main';
import { guarded, loadModelArg, numberFlag, requiredFlag, settingsFrom, type ExperimentIO } from './common';
import { runShardableCommand } from './shardable';

export const sweepHelp = `flowcast sweep FILE --param NAME --values LIST [--param2 NAME --values2 LIST] [options]

Runs the model at every value of one parameter (or every pair of values of two), the same replications and seeds
at every point, and prints throughput, cycle time, WIP and SLA attainment with 95% confidence intervals, then the
saturation point: the first value at which throughput stops following arrivals (below 1 - tolerance of them), a
replication runs away, or the p90 cycle time passes --p90-threshold.

Parameters: volume (a multiplier of every source's volume), pool.ID.capacity, pool.ID@SITE.capacity,
system.ID.concurrency, system.ID.failureProbability (every step calling the system), site.ID.share,
node.ID.PATH (a number or a duration of a step, e.g. node.sync.batch.interval; durations take minutes or 15min).
Values: 1,2,3 or FROM:TO:STEP (inclusive), e.g. 0.8:2:0.1.

  --variant NAME          apply a variant first ("base": the model as written)
  --replications N        per point (default: the model's, at least 2)
  --seed S --horizon 30d --warmup 2d   as for "flowcast run"
  --tolerance 0.02        throughput below (1 - tolerance) x arrivals counts as saturated
  --p90-threshold 8h      p90 cycle time above this counts as saturated
  --workers N             worker threads (default: one per core)
  --shard I/N             run only slice I (0-based) of N and write a partial result (see flowcast merge)
  --format table|json     stdout format (default table)     --out FILE   also write the JSON
  --no-progress           no progress on stderr
`;

const sweepFlags = {
  ...simulationFlags,
  param: 'string',
  values: 'string',
  param2: 'string',
  values2: 'string',
  variant: 'string',
  tolerance: 'string',
  'p90-threshold': 'string',
  shard: 'string',
} as const;

/**
 * Runs `flowcast sweep` (argv after the command name) and resolves with the exit code.
 * @example await runSweepCommand(['model.json', '--param', 'volume', '--values', '1:2:0.25'], { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
 */
export async function runSweepCommand(argv: string[], io: ExperimentIO): Promise<number> {
  return guarded('sweep', io, async () => {
    const args = parseFlags(argv, sweepFlags, 'sweep');
    if (args.flags.has('help')) {
      io.stdout.write(sweepHelp);
      return exitCodes.ok;
    }
    const file = singleFile(args, 'sweep');
    const parameters = [{ parameter: requiredFlag(args, 'param', 'to say what to vary, e.g. --param volume'), values: parseValues(requiredFlag(args, 'values', 'with the values of --param, e.g. --values 0.8:1.6:0.2')) }];
    const second = stringFlag(args, 'param2');
    if (second !== undefined) parameters.push({ parameter: second, values: parseValues(requiredFlag(args, 'values2', 'with --param2')) });
    else if (stringFlag(args, 'values2') !== undefined) throw new UsageError('--values2 needs --param2.');
    const { model } = await loadModelArg(file, stringFlag(args, 'variant'), io);
    const settings = settingsFrom(args, model);
    const spec: SweepSpec = {
      parameters,
      replications: settings.replications,
      seed: settings.seed,
      horizonMinutes: settings.horizonMinutes,
      warmupMinutes: settings.warmupMinutes,
      throughputTolerance: numberFlag(args, 'tolerance', 0, 0.5) ?? 0.02,
    };
    const threshold = durationFlag(args, 'p90-threshold');
    if (threshold !== undefined) spec.p90ThresholdMinutes = threshold;
    return runShardableCommand(args, io, model, { kind: 'sweep', spec }, settings);
  });
}
