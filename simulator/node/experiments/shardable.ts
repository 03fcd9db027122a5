/**
 * The flow shared by `flowcast sweep` and `flowcast stress`: run the whole experiment, or with `--shard i/n` only
 * its slice, writing a partial result for `flowcast merge`.
 */
import type { Workflow } from '../../../models';
import { parseShard, runExperiment, runShard, type ShardableExperiment } from '../../experiments';
import { choiceFlag, stringFlag, type ParsedArgs } from '../args';
import { exitCodes, reportJson } from '../main';
import { checkWritable, progressFor, runnerFor, writeText, type ExperimentIO, type Settings } from './common';
import { renderExperiment } from './documents';

/** Runs a sweep or stress experiment as the flags say and prints or writes its output. */
export async function runShardableCommand(args: ParsedArgs, io: ExperimentIO, model: Workflow, experiment: ShardableExperiment, settings: Settings): Promise<number> {
  const format = choiceFlag(args, 'format', ['table', 'json'] as const, 'table');
  const outFlag = stringFlag(args, 'out');
  const outPath = await checkWritable(outFlag, 'out', io.cwd, args.positionals);
  const shardText = stringFlag(args, 'shard');
  const shard = shardText === undefined ? undefined : parseShard(shardText);
  const { run, concurrency } = runnerFor(io, settings);
  const label = shard ? `${experiment.kind} shard ${shard.index}/${shard.count}` : experiment.kind === 'sweep' ? 'Sweeping' : 'Stress test';
  const progress = progressFor(io, args, label);
  const options = { concurrency, onProgress: progress.onProgress, signal: io.signal };
  try {
    if (shard) {
      const partial = await runShard(model, experiment, run, shard, options);
      progress.done();
      const json = reportJson(partial);
      if (outPath) {
        await writeText(outPath, json, 'out');
        io.stderr.write(`Shard ${shard.index}/${shard.count}: work items ${partial.items.start}..${partial.items.end - 1} of ${partial.items.total} written to ${outFlag}. Join all shards with "flowcast merge".\n`);
      } else io.stdout.write(json);
      return exitCodes.ok;
    }
    const result = await runExperiment(model, experiment, run, options);
    progress.done();
    const { document, table } = renderExperiment(result, io.stderr.columns ?? 100);
    const json = reportJson(document);
    if (outPath) await writeText(outPath, json, 'out');
    if (format === 'json') {
      if (outPath) io.stderr.write(`Report written to ${outFlag}.\n`);
      else io.stdout.write(json);
    } else io.stdout.write(table);
    return exitCodes.ok;
  } finally {
    progress.done();
  }
}
