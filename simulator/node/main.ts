/**
 * The `flowcast` command line: `validate`, `run` and `compare`. `main(argv, io)` holds all of it so that tests can
 * call it in-process; simulator/node/cli.ts is the thin executable around it.
 *
 * Exit codes: 0 ok, 1 invalid model (findings printed with paths), 2 usage error (bad flag, unreadable file),
 * 3 the simulation itself failed, 130 cancelled (Ctrl-C). A user's mistake prints one plain sentence, never a
 * stack trace.
 */
import { readFileSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { applyVariant, hasErrors, loadModelText, toMinutes, type ModelFinding, type Workflow } from '../../models';
import type { ReplicationResult, RunReport } from '../report';
import { compareKpis, fulfilmentKpis, kpiUnit, type KpiComparison, type KpiSeries } from '../stats/compare';
import { RunCancelledError, type PoolProgress, type PoolSignal } from '../worker/pool';
import { choiceFlag, durationFlag, integerFlag, type ParsedArgs, parseFlags, simulationFlags, singleFile, stringFlag, UsageError } from './args';
import { formatComparison, formatDuration, formatRunReport, formatTable } from './format';
import { createProgressBar, type ProgressStream } from './progress';
import { defaultWorkerCount, runReportOnWorkerThreads } from './workerThreadsPool';
// The experiment and interop commands live in their own folders and are dispatched from here. They import
// `exitCodes`/`formatFindings` back from this module: the cycle is harmless because neither side touches the
// other's exports while the modules load (help texts are looked up when a command runs).
import { mergeHelp, recommendHelp, runMergeCommand, runRecommendCommand, runStressCommand, runSweepCommand, stressHelp, sweepHelp } from './experiments';
import { eventLogTarget, interopHelp, runCalibrateCommand, runExportCommand, runImportCommand } from './interop';

/** Where the CLI reads and writes; process streams in the executable, buffers in tests. */
export interface CliIO {
  stdout: { write: (text: string) => unknown };
  stderr: ProgressStream & { isTTY?: boolean };
  /** Relative paths are resolved against this directory. */
  cwd: string;
  /** Aborts a run (Ctrl-C). */
  signal?: PoolSignal;
}

const commandList = 'the commands are validate, run, compare, sweep, stress, recommend, merge, import, export and calibrate (flowcast --help)';

export const exitCodes = { ok: 0, invalidModel: 1, usage: 2, runFailed: 3, cancelled: 130 } as const;

/** Thrown to end a command with an exit code after its message was printed. */
class ExitError extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

const generalHelp = `flowcast: simulate distribution order-to-cash workflows (Flowcast model files).

Usage:
  flowcast validate FILE [--format table|json]
  flowcast run FILE [--variant NAME] [--replications N] [--seed S] [--horizon 30d] [--warmup 2d]
                    [--workers N] [--format table|json] [--out report.json] [--events log.csv] [--no-progress]
  flowcast compare FILE --variants A,B [--replications N] [--seed S] [--horizon 30d] [--warmup 2d]
                    [--workers N] [--format table|json] [--out comparison.json] [--no-progress]
  flowcast compare FILE_A FILE_B [--variants A,B] [same options as above]
  flowcast sweep | stress | recommend FILE [options]     what-if experiments (docs/experiments.md)
  flowcast merge PARTIAL.json...                          joins sharded experiment results
  flowcast import bpmn IN.bpmn --out MODEL.flowcast.json  flowcast export bpmn MODEL --out OUT.bpmn
  flowcast calibrate LOG.csv|LOG.xes --out MODEL.flowcast.json   (docs/interop.md)
  flowcast help [COMMAND]        flowcast --version

Exit codes: 0 ok, 1 invalid model, 2 usage error, 3 simulation failed, 130 cancelled.
Documentation: docs/cli.md.
`;

const commandHelp: Record<string, string> = {
  validate: `flowcast validate FILE [--format table|json]

Checks a model file (shape, references, graph, variants) and prints every finding with its path.
Exit 0 when the model is valid (warnings allowed), 1 when it has errors.
`,
  run: `flowcast run FILE [options]

Simulates the model and prints the key figures with 95% confidence intervals: throughput, cycle time, WIP,
cost per order (by part), fulfilment (OTIF, fill rates, backorders, order-to-cash, working capital, credit holds,
by site, segment and stock; for models with lines, stock, credit or milestones), SLAs, bottlenecks, pools, systems.
  --variant NAME      apply a variant of the model ("base": the model without patches)
  --replications N    independent replications (default: the model's run.replications)
  --seed S            seed of the random streams, 0..4294967295 (default: the model's run.seed)
  --horizon 30d       simulated time per replication (s, min, h, d; default: the model's)
  --warmup 2d         initial period left out of the statistics (default: the model's)
  --workers N         worker threads (default: one per core)
  --format table|json what to print on stdout (default table)
  --out FILE          also write the JSON report to FILE
  --events FILE       write the event log of every step for process mining: CSV, or XES when FILE ends in .xes
  --no-progress       no progress bar on stderr
`,
  compare: `flowcast compare FILE --variants A,B [options]
flowcast compare FILE_A FILE_B [--variants A,B] [options]

Runs A and B with common random numbers (replication i of both uses the same seed) and reports, per KPI, the
mean difference B - A with a 95% paired-t confidence interval and whether it is significant (fulfilment KPIs
included when measured: OTIF, fill rates, backorders, order-to-cash, working capital, credit holds, cost per
order by part). A and B are two variants of one model ("base" names the model without patches), or two model
files (current and target state), each optionally with a variant. Options as for "run": --replications --seed
--horizon --warmup --workers --format --out --no-progress.
`,
};

const runFlags = { ...simulationFlags, variant: 'string', events: 'string' } as const;

const compareFlags = { ...simulationFlags, variants: 'string' } as const;

/**
 * Runs the command line and resolves with the exit code. Never throws for a user's mistake.
 * @example process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
 */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case undefined:
        io.stderr.write(generalHelp);
        return exitCodes.usage;
      case 'help':
      case '--help':
      case '-h': {
        const topic = command === 'help' ? rest[0] : undefined;
        const text = topic ? helpFor(topic) : generalHelp;
        if (!text) throw new UsageError(`There is no command "${topic}" to explain; ${commandList}.`);
        io.stdout.write(text);
        return exitCodes.ok;
      }
      case '--version':
      case '-v':
        io.stdout.write(`${packageVersion()}\n`);
        return exitCodes.ok;
      case 'validate':
        return await validateCommand(rest, io);
      case 'run':
        return await runCommand(rest, io);
      case 'compare':
        return await compareCommand(rest, io);
      case 'sweep':
        return await runSweepCommand(rest, io);
      case 'stress':
        return await runStressCommand(rest, io);
      case 'recommend':
        return await runRecommendCommand(rest, io);
      case 'merge':
        return await runMergeCommand(rest, io);
      case 'import':
        return await runImportCommand(rest, io);
      case 'export':
        return await runExportCommand(rest, io);
      case 'calibrate':
        return await runCalibrateCommand(rest, io);
      default:
        throw new UsageError(`Unknown command "${command}"; ${commandList}.`);
    }
  } catch (error) {
    if (error instanceof ExitError) return error.code;
    if (error instanceof UsageError) {
      io.stderr.write(`flowcast: ${error.message}\n`);
      return exitCodes.usage;
    }
    if (error instanceof RunCancelledError) {
      io.stderr.write('flowcast: cancelled.\n');
      return exitCodes.cancelled;
    }
    // Not a user's mistake: the engine or a worker failed. Say so plainly; the message names the replication.
    io.stderr.write(`flowcast: the simulation failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return exitCodes.runFailed;
  }
}

/** The help text of a command, or undefined for an unknown topic. */
function helpFor(topic: string): string | undefined {
  switch (topic) {
    case 'sweep':
      return sweepHelp;
    case 'stress':
      return stressHelp;
    case 'recommend':
      return recommendHelp;
    case 'merge':
      return mergeHelp;
    case 'import':
    case 'export':
    case 'calibrate':
      return interopHelp[topic];
    default:
      return Object.hasOwn(commandHelp, topic) ? commandHelp[topic] : undefined;
  }
}

function packageVersion(): string {
  try {
    // The same relative path works from simulator/node/*.ts and from the bundled dist/cli/cli.js.
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------------------------------------- validate

async function validateCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseFlags(argv, { format: 'string' }, 'validate');
  if (args.flags.has('help')) return help('validate', io);
  const file = singleFile(args, 'validate');
  const format = choiceFlag(args, 'format', ['table', 'json'] as const, 'table');
  const text = await readModelFile(file, io.cwd);
  const { model, findings, migrated } = loadModelText(text);
  const valid = model !== undefined && !hasErrors(findings);
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify({ file, valid, migrated, findings }, null, 2)}\n`);
  } else if (valid) {
    const variants = model.variants.length === 0 ? '' : ` (${model.variants.map((v) => v.id).join(', ')})`;
    io.stdout.write(`${file} is valid: "${model.metadata.name}", ${model.nodes.length} nodes, ${model.edges.length} edges, ${model.variants.length} variant${model.variants.length === 1 ? '' : 's'}${variants}.\n`);
    if (migrated.length > 0) io.stdout.write(`It was written in an older format; loading migrated it (${migrated.join(', ')}).\n`);
    if (findings.length > 0) io.stdout.write(formatFindings(findings) + '\n');
  } else {
    io.stdout.write(`${file} is not valid: ${countFindings(findings)}.\n${formatFindings(findings)}\n`);
  }
  return valid ? exitCodes.ok : exitCodes.invalidModel;
}

function countFindings(findings: readonly ModelFinding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const parts = [`${errors} error${errors === 1 ? '' : 's'}`];
  if (warnings > 0) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
  return parts.join(', ');
}

/** Findings as a table: severity, path, message (with the node id when there is one). */
export function formatFindings(findings: readonly ModelFinding[]): string {
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...findings].sort((a, b) => order[a.severity] - order[b.severity]);
  return formatTable(
    ['Severity', 'Path', 'Finding'],
    sorted.map((f) => [f.severity, f.path || '(file)', `${f.message}${f.nodeId ? ` [node ${f.nodeId}]` : ''} (${f.code})`]),
  );
}

function help(command: string, io: CliIO): number {
  io.stdout.write(commandHelp[command]);
  return exitCodes.ok;
}

/** Reads a model file, turning file-system errors into one-sentence usage errors. */
async function readModelFile(file: string, cwd: string): Promise<string> {
  const path = resolve(cwd, file);
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${fileErrorText(error)}.`);
  }
}

function fileErrorText(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return 'there is no such file';
    case 'EISDIR':
      return 'it is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** Loads and validates; prints findings and ends with exit 1 when invalid. */
async function loadValidModel(file: string, io: CliIO): Promise<Workflow> {
  const { model, findings } = loadModelText(await readModelFile(file, io.cwd));
  if (!model || hasErrors(findings)) {
    io.stderr.write(`${file} is not valid: ${countFindings(findings)}.\n${formatFindings(findings)}\nRun "flowcast validate ${file}" for the same list.\n`);
    throw new ExitError(exitCodes.invalidModel);
  }
  return model;
}

/** The model with a variant applied; `base` (or none) is the model without patches. */
function variantModel(model: Workflow, variant: string | undefined): { model: Workflow; variant: string | null } {
  if (variant === undefined || variant === 'base') return { model, variant: null };
  if (!model.variants.some((v) => v.id === variant)) {
    const known = model.variants.map((v) => v.id);
    throw new UsageError(`The model has no variant "${variant}"; its variants are ${known.length > 0 ? ['base', ...known].join(', ') : 'none besides base'}.`);
  }
  const applied = applyVariant(model, variant);
  if (!applied.model) {
    // loadModel already checks every variant, so this is a safety net that still names the place.
    throw new UsageError(`The variant "${variant}" does not apply: ${applied.findings.map((f) => `${f.path}: ${f.message}`).join('; ')}`);
  }
  return { model: applied.model, variant };
}

/** Run settings from flags, falling back to the model's `run` block. */
interface RunSettings {
  replications: number;
  seed: number;
  horizonMinutes: number;
  warmupMinutes: number;
  workers: number;
}

function runSettings(args: ParsedArgs, model: Workflow): RunSettings {
  const replications = integerFlag(args, 'replications', 1, 10_000) ?? model.run.replications;
  const seed = integerFlag(args, 'seed', 0, 2 ** 32 - 1) ?? model.run.seed;
  const horizonMinutes = durationFlag(args, 'horizon') ?? toMinutes(model.run.horizon);
  if (horizonMinutes <= 0) throw new UsageError('--horizon must be longer than 0.');
  const warmupGiven = durationFlag(args, 'warmup');
  const warmupMinutes = warmupGiven ?? toMinutes(model.run.warmup);
  if (warmupMinutes >= horizonMinutes) {
    throw new UsageError(
      warmupGiven === undefined
        ? `The horizon (${stringFlag(args, 'horizon') ?? 'from the model'}) must be longer than the model's warm-up (${formatDuration(warmupMinutes)}); give a shorter --warmup too.`
        : `--warmup ${stringFlag(args, 'warmup')} must be shorter than the horizon.`,
    );
  }
  const workers = integerFlag(args, 'workers', 1, 256) ?? defaultWorkerCount();
  return { replications, seed, horizonMinutes, warmupMinutes, workers: Math.min(workers, replications) };
}

/** Fails early (before a long run) when an output file cannot be written. */
/**
 * Fails early, before a long run, when an output file's folder does not exist, when it is a directory, or when it
 * is one of the command's input files (writing there would destroy the user's model).
 */
export async function checkWritable(file: string | undefined, flag: string, cwd: string, inputs: readonly string[] = []): Promise<string | undefined> {
  if (file === undefined) return undefined;
  const path = resolve(cwd, file);
  if (inputs.some((input) => resolve(cwd, input) === path))
    throw new UsageError(`--${flag} ${file} is an input file of this command; choose another name so that it is not overwritten.`);
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new UsageError(`--${flag} ${file} is a directory; give a file name.`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
  }
  try {
    const info = await stat(dirname(path));
    if (!info.isDirectory()) throw new Error('not a directory');
  } catch {
    throw new UsageError(`--${flag} ${file}: the folder ${dirname(file) || '.'} does not exist.`);
  }
  return path;
}

async function writeOutput(path: string, text: string, flag: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (error) {
    throw new UsageError(`Cannot write --${flag} ${path}: ${fileErrorText(error)}.`);
  }
}

/**
 * The progress bar on a terminal; when it is erased at the end, one line says what ran and how long it took
 * (only on a terminal, so that piped stderr stays empty on success).
 */
function progressFor(io: CliIO, args: ParsedArgs, label: string, summary: string): { onProgress?: (p: PoolProgress) => void; done: () => void } {
  if (!io.stderr.isTTY || args.flags.has('no-progress')) return { done: () => undefined };
  const bar = createProgressBar(io.stderr, label);
  const started = performance.now();
  return {
    onProgress: (p) => bar.update(p.fraction, p.replicationsDone, p.replications),
    done: () => {
      bar.done();
      io.stderr.write(`${summary} in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
    },
  };
}

/** Report JSON: stable key order and indentation, so the same run gives the same bytes. */
export function reportJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------- run

async function runCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseFlags(argv, runFlags, 'run');
  if (args.flags.has('help')) return help('run', io);
  const file = singleFile(args, 'run');
  const format = choiceFlag(args, 'format', ['table', 'json'] as const, 'table');
  const outPath = await checkWritable(stringFlag(args, 'out'), 'out', io.cwd, [file]);
  const eventsPath = await checkWritable(stringFlag(args, 'events'), 'events', io.cwd, [file]);
  const base = await loadValidModel(file, io);
  const chosen = variantModel(base, stringFlag(args, 'variant'));
  const settings = runSettings(args, chosen.model);
  // A .xes event log is written as CSV first (streamed by the workers) and converted at the end.
  const events = eventsPath ? eventLogTarget(eventsPath) : undefined;
  const progress = progressFor(io, args, 'Simulating', `Simulated ${settings.replications} replication${settings.replications === 1 ? '' : 's'} on ${settings.workers} worker thread${settings.workers === 1 ? '' : 's'}`);
  let report: RunReport;
  try {
    ({ report } = await runReportOnWorkerThreads({
      model: chosen.model,
      variant: chosen.variant,
      replications: settings.replications,
      seed: settings.seed,
      horizonMinutes: settings.horizonMinutes,
      warmupMinutes: settings.warmupMinutes,
      workers: settings.workers,
      eventLogPath: events?.csvPath,
      onProgress: progress.onProgress,
      signal: io.signal,
    }));
    await events?.finish();
  } catch (error) {
    events?.discard();
    throw error;
  } finally {
    progress.done();
  }
  const json = reportJson(report);
  if (outPath) await writeOutput(outPath, json, 'out');
  if (format === 'json') {
    if (!outPath) io.stdout.write(json);
  } else {
    io.stdout.write(formatRunReport(report, { width: io.stderr.columns }));
  }
  if (outPath && format === 'json') io.stderr.write(`Report written to ${stringFlag(args, 'out')}.\n`);
  if (eventsPath) io.stderr.write(`Event log written to ${stringFlag(args, 'events')}.\n`);
  if (report.status !== 'ok') io.stderr.write(`flowcast: warning: the run is ${report.status}; see the messages in the report.\n`);
  // A queue can grow without bound yet stay under the guard within the horizon: say so even when status is ok.
  else for (const check of report.loadCheck) if (check.offeredLoad >= 1 && !check.approximate) io.stderr.write(`flowcast: warning: ${check.message}\n`);
  return exitCodes.ok;
}

// ---------------------------------------------------------------------------------------------- compare

/** The JSON document of `flowcast compare`. */
export interface ComparisonDocument {
  comparisonFormatVersion: 1;
  model: string;
  variants: { a: string; b: string };
  settings: { replications: number; seed: number; horizonMinutes: number; warmupMinutes: number };
  status: { a: RunReport['status']; b: RunReport['status'] };
  messages: { a: string[]; b: string[] };
  kpis: KpiComparison[];
}

async function compareCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseFlags(argv, compareFlags, 'compare');
  if (args.flags.has('help')) return help('compare', io);
  if (args.positionals.length === 0 || args.positionals.length > 2)
    throw new UsageError(`"flowcast compare" takes one model file (with --variants A,B) or two model files, but got ${args.positionals.length}.`);
  const files = args.positionals;
  const format = choiceFlag(args, 'format', ['table', 'json'] as const, 'table');
  const variantsText = stringFlag(args, 'variants');
  if (files.length === 1 && variantsText === undefined) throw new UsageError('"flowcast compare" needs --variants A,B: two variant names separated by a comma ("base" is the model without patches).');
  const names = (variantsText ?? 'base,base').split(',').map((s) => s.trim());
  if (names.length !== 2 || names.some((n) => n === '')) throw new UsageError('--variants needs two variant names separated by a comma, e.g. --variants base,peak ("base" is the model without patches).');
  if (files.length === 1 && names[0] === names[1]) throw new UsageError(`--variants names "${names[0]}" twice; compare two different variants.`);
  const outPath = await checkWritable(stringFlag(args, 'out'), 'out', io.cwd, files);
  const base = await loadValidModel(files[0], io);
  const other = files.length === 2 ? await loadValidModel(files[1], io) : base;
  const a = variantModel(base, names[0]);
  const b = variantModel(other, names[1]);
  // Labels: the variant names for one file; the file names (and variant, when not base) for two.
  const label = (file: string, variant: string) => {
    if (files.length === 1) return variant;
    const stem = basename(file).replace(/\.flowcast\.json$|\.json$/, '');
    return variant === 'base' ? stem : `${stem}:${variant}`;
  };
  const labelA = label(files[0], names[0]);
  const labelB = label(files[files.length - 1], names[1]);
  if (labelA === labelB) throw new UsageError(`Both sides of the comparison are "${labelA}"; compare two different models or variants.`);
  // Both sides run with the same settings (the first model's run block unless flags say otherwise), so that
  // replication i of each uses the same random streams: common random numbers. Streams are keyed by the ids of
  // sources and nodes, so two files share them wherever their ids agree.
  const settings = runSettings(args, base);
  const progress = progressFor(io, args, 'Simulating', `Simulated 2 x ${settings.replications} paired replications on ${settings.workers} worker thread${settings.workers === 1 ? '' : 's'}`);
  const runs: Array<{ report: RunReport; results: ReplicationResult[] }> = [];
  try {
    for (const [index, chosen] of [a, b].entries()) {
      runs.push(
        await runReportOnWorkerThreads({
          model: chosen.model,
          variant: chosen.variant,
          replications: settings.replications,
          seed: settings.seed,
          horizonMinutes: settings.horizonMinutes,
          warmupMinutes: settings.warmupMinutes,
          workers: settings.workers,
          onProgress: progress.onProgress
            ? (p) => progress.onProgress?.({ fraction: (index + p.fraction) / 2, replicationsDone: index * settings.replications + p.replicationsDone, replications: 2 * settings.replications })
            : undefined,
          signal: io.signal,
        }),
      );
    }
  } finally {
    progress.done();
  }
  const [runA, runB] = runs;
  const kpis = compareKpis(kpiSeries(base, runA.results, runB.results, [runA.report, runB.report]));
  const document: ComparisonDocument = {
    comparisonFormatVersion: 1,
    model: base.metadata.name === other.metadata.name ? base.metadata.name : `${base.metadata.name} / ${other.metadata.name}`,
    variants: { a: labelA, b: labelB },
    settings: { replications: settings.replications, seed: settings.seed, horizonMinutes: settings.horizonMinutes, warmupMinutes: settings.warmupMinutes },
    status: { a: runA.report.status, b: runB.report.status },
    messages: { a: runA.report.messages, b: runB.report.messages },
    kpis,
  };
  const json = reportJson(document);
  if (outPath) await writeOutput(outPath, json, 'out');
  if (format === 'json') {
    if (!outPath) io.stdout.write(json);
    else io.stderr.write(`Comparison written to ${stringFlag(args, 'out')}.\n`);
  } else {
    io.stdout.write(
      formatComparison(
        { modelName: document.model, variantA: labelA, variantB: labelB, replications: settings.replications, seed: settings.seed, horizonMinutes: settings.horizonMinutes, warmupMinutes: settings.warmupMinutes, kpis },
        { width: io.stderr.columns },
      ),
    );
  }
  for (const [name, run] of [[labelA, runA], [labelB, runB]] as const) {
    if (run.report.status !== 'ok') io.stderr.write(`flowcast: warning: variant ${name} is ${run.report.status}: ${run.report.messages.join(' ')}\n`);
  }
  return exitCodes.ok;
}

/**
 * The KPIs compared, one value per replication of each variant. Pairs where either value is missing (no order
 * completed, nothing measured) are left out of that KPI, keeping the pairing of the others. With the runs'
 * reports, the fulfilment KPIs they measured follow (OTIF, fill rates, backorders, order-to-cash, working
 * capital, credit holds, cost-per-order parts: `fulfilmentKpis`).
 */
export function kpiSeries(model: Workflow, a: readonly ReplicationResult[], b: readonly ReplicationResult[], reports: readonly RunReport[] = []): KpiSeries[] {
  const pairs = Math.min(a.length, b.length);
  const series = (id: string, label: string, unit: string, higherIsBetter: boolean, pick: (r: ReplicationResult) => number | null): KpiSeries => {
    const xa: number[] = [];
    const xb: number[] = [];
    for (let i = 0; i < pairs; i++) {
      const va = pick(a[i]);
      const vb = pick(b[i]);
      if (va === null || vb === null || !Number.isFinite(va) || !Number.isFinite(vb)) continue;
      xa.push(va);
      xb.push(vb);
    }
    return { id, label, unit, higherIsBetter, a: xa, b: xb };
  };
  const list: KpiSeries[] = [
    series('throughputPerDay', 'Throughput', 'orders/day', true, (r) => r.throughputPerDay),
    series('cycleTimeMean', 'Cycle time mean', 'min', false, (r) => r.cycleTime.mean),
    series('cycleTimeP50', 'Cycle time p50', 'min', false, (r) => r.cycleTime.p50),
    series('cycleTimeP90', 'Cycle time p90', 'min', false, (r) => r.cycleTime.p90),
    series('cycleTimeP95', 'Cycle time p95', 'min', false, (r) => r.cycleTime.p95),
    series('wipMean', 'WIP mean', 'orders', false, (r) => r.wipMean),
    series('costPerOrder', 'Cost per order', model.currency, false, (r) => r.cost.perOrder),
  ];
  for (const sla of model.slas) {
    const pick = (r: ReplicationResult) => r.slas.find((s) => s.slaId === sla.id)?.attainment ?? null;
    list.push(series(`sla:${sla.id}`, `SLA ${sla.name}`, '%', true, pick));
  }
  for (const kpi of fulfilmentKpis(reports)) list.push(series(kpi.id, kpi.label, kpiUnit(kpi, model.currency), kpi.higherIsBetter, kpi.perReplication));
  return list;
}

