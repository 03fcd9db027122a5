/** `flowcast stress`: a scripted shock against the same seeds without it; recovery time and SLA misses. */
import type { Shock, StressSpec } from '../../experiments';
import { choiceFlag, durationFlag, integerFlag, type ParsedArgs, parseFlags, simulationFlags, singleFile, stringFlag, UsageError } from '../args';
import { exitCodes } from '../main';
import { guarded, loadModelArg, numberFlag, requiredFlag, settingsFrom, type ExperimentIO } from './common';
import { runShardableCommand } from './shardable';

export const stressHelp = `flowcast stress FILE --shock KIND [shock options] [options]

Runs the model with and without a shock on the same seeds (common random numbers) and reports the time to
recover (WIP back within tolerance of the no-shock run and staying there), the SLA misses the shock causes (paired
per replication, with a 95% interval), where the backlog built up, and the KPIs side by side.

Shocks (times from the start of the run, Monday 00:00; write 10d, 36h, 90min):
  --shock outage        --system ID --at 10d --for 4h        the system is down (calls wait or fail, as modelled)
  --shock failure-spike --system ID --at 10d --for 6h --extra 0.3   every call fails with 30% more probability
  --shock surge         --at 10d --for 2d --multiplier 2.5 [--source ID]   demand x2.5 (all sources, or one)
  --shock staff-loss    --pool ID [--site ID] --lost 2       two fewer people for the whole run (the model format
                        has no dated capacity, so the loss is sustained and no recovery time is measured)

  --variant NAME --replications N --seed S --horizon 30d --warmup 2d --workers N   as for "flowcast sweep"
  --bucket 15min        width of the time buckets recovery is measured in (default 15 min)
  --tolerance 0.1       WIP within max(0.1 x pre-shock WIP, 0.5 orders) of the no-shock run counts as recovered
  --hold 24h            how long WIP must stay within tolerance (default 24 h)
  --shard I/N           run only slice I of N and write a partial result (see flowcast merge)
  --format table|json   --out FILE   --no-progress
`;

const stressFlags = {
  ...simulationFlags,
  shock: 'string',
  system: 'string',
  pool: 'string',
  site: 'string',
  source: 'string',
  at: 'string',
  for: 'string',
  extra: 'string',
  multiplier: 'string',
  lost: 'string',
  variant: 'string',
  bucket: 'string',
  tolerance: 'string',
  hold: 'string',
  shard: 'string',
} as const;

function window(args: ParsedArgs): { startMinutes: number; durationMinutes: number } {
  const startMinutes = durationFlag(args, 'at');
  const durationMinutes = durationFlag(args, 'for');
  if (startMinutes === undefined) throw new UsageError('--at is needed: when the shock starts, from the start of the run (e.g. --at 10d or --at 250h).');
  if (durationMinutes === undefined || durationMinutes <= 0) throw new UsageError('--for is needed: how long the shock lasts (e.g. --for 4h).');
  return { startMinutes, durationMinutes };
}

function unused(args: ParsedArgs, kind: string, names: readonly string[]): void {
  for (const name of names) if (args.flags.has(name)) throw new UsageError(`--${name} does not apply to --shock ${kind}.`);
}

/** The shock the flags describe. */
export function shockFromFlags(args: ParsedArgs): Shock {
  const kind = choiceFlag(args, 'shock', ['outage', 'failure-spike', 'surge', 'staff-loss'] as const, 'outage');
  if (!args.flags.has('shock')) throw new UsageError('--shock is needed: outage, failure-spike, surge or staff-loss.');
  switch (kind) {
    case 'outage':
      unused(args, kind, ['pool', 'site', 'source', 'extra', 'multiplier', 'lost']);
      return { kind, system: requiredFlag(args, 'system', 'for an outage (the system id)'), ...window(args) };
    case 'failure-spike':
      unused(args, kind, ['pool', 'site', 'source', 'multiplier', 'lost']);
      return { kind, system: requiredFlag(args, 'system', 'for a failure spike (the system id)'), ...window(args), extraFailureProbability: numberFlag(args, 'extra', 0, 1) ?? requiredNumber('extra', 'for a failure spike: the extra failure probability, e.g. --extra 0.3') };
    case 'surge': {
      unused(args, kind, ['system', 'pool', 'site', 'extra', 'lost']);
      const shock: Shock = { kind, ...window(args), multiplier: numberFlag(args, 'multiplier', 0, 1000) ?? requiredNumber('multiplier', 'for a surge, e.g. --multiplier 2.5') };
      const source = stringFlag(args, 'source');
      return source === undefined ? shock : { ...shock, source };
    }
    case 'staff-loss':
      unused(args, kind, ['system', 'source', 'extra', 'multiplier', 'at', 'for']);
      return { kind, pool: requiredFlag(args, 'pool', 'for a staff loss (the pool id)'), site: stringFlag(args, 'site') ?? null, lost: integerFlag(args, 'lost', 1, 100_000) ?? requiredNumber('lost', 'for a staff loss: how many people, e.g. --lost 2') };
  }
}

function requiredNumber(flag: string, why: string): never {
  throw new UsageError(`--${flag} is needed ${why}.`);
}

/**
 * Runs `flowcast stress` (argv after the command name) and resolves with the exit code.
 * @example await runStressCommand(['model.json', '--shock', 'outage', '--system', 'erp', '--at', '10d', '--for', '4h'], io);
 */
export async function runStressCommand(argv: string[], io: ExperimentIO): Promise<number> {
  return guarded('stress', io, async () => {
    const args = parseFlags(argv, stressFlags, 'stress');
    if (args.flags.has('help')) {
      io.stdout.write(stressHelp);
      return exitCodes.ok;
    }
    const file = singleFile(args, 'stress');
    const shock = shockFromFlags(args);
    const { model } = await loadModelArg(file, stringFlag(args, 'variant'), io);
    const settings = settingsFrom(args, model);
    const spec: StressSpec = {
      shocks: [shock],
      replications: settings.replications,
      seed: settings.seed,
      horizonMinutes: settings.horizonMinutes,
      warmupMinutes: settings.warmupMinutes,
      bucketMinutes: durationFlag(args, 'bucket') ?? 15,
      relativeTolerance: numberFlag(args, 'tolerance', 0, 10) ?? 0.1,
      holdMinutes: durationFlag(args, 'hold') ?? 1440,
    };
    return runShardableCommand(args, io, model, { kind: 'stress', spec }, settings);
  });
}
