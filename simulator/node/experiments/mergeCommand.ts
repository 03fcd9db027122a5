/** `flowcast merge`: joins the partial results of `--shard i/n` runs into the single-machine report. */
import { mergePartials } from '../../experiments';
import { choiceFlag, parseFlags, stringFlag, UsageError } from '../args';
import { exitCodes, reportJson } from '../main';
import { checkWritable, guarded, readText, writeText, type ExperimentIO } from './common';
import { renderExperiment } from './documents';

export const mergeHelp = `flowcast merge PARTIAL.json... [--format table|json] [--out FILE]

Joins the partial results written by "flowcast sweep --shard I/N" or "flowcast stress --shard I/N" (one file per
shard, in any order) into the report a single-machine run prints: the same JSON, byte for byte. Fails naming the
file when a shard is missing or given twice, or when the files come from different experiments or models.
`;

/**
 * Runs `flowcast merge` (argv after the command name) and resolves with the exit code.
 * @example await runMergeCommand(['part-0.json', 'part-1.json', '--format', 'json'], io);
 */
export async function runMergeCommand(argv: string[], io: ExperimentIO): Promise<number> {
  return guarded('merge', io, async () => {
    const args = parseFlags(argv, { format: 'string', out: 'string' }, 'merge');
    if (args.flags.has('help')) {
      io.stdout.write(mergeHelp);
      return exitCodes.ok;
    }
    if (args.positionals.length === 0) throw new UsageError('"flowcast merge" needs the partial result files of every shard, e.g. flowcast merge parts/*.json.');
    const format = choiceFlag(args, 'format', ['table', 'json'] as const, 'table');
    const outFlag = stringFlag(args, 'out');
    const outPath = await checkWritable(outFlag, 'out', io.cwd, args.positionals);
    const partials = await Promise.all(
      args.positionals.map(async (file) => {
        const text = await readText(file, io.cwd);
        try {
          return JSON.parse(text) as unknown;
        } catch {
          throw new UsageError(`${file} is not JSON; give the files written by --shard.`);
        }
      }),
    );
    const merged = mergePartials(partials, args.positionals);
    const { document, table } = renderExperiment(merged, io.stderr.columns ?? 100);
    const json = reportJson(document);
    if (outPath) await writeText(outPath, json, 'out');
    if (format === 'json') {
      if (outPath) io.stderr.write(`Report written to ${outFlag}.\n`);
      else io.stdout.write(json);
    } else io.stdout.write(table);
    return exitCodes.ok;
  });
}
