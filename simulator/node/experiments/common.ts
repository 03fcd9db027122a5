/**
 * What the experiment commands (sweep, stress, recommend, merge) share: reading and validating the model, run
 * settings from flags, the worker_threads runner, progress on stderr, writing JSON, and turning errors into exit
 * codes the way `flowcast run` does (0 ok, 1 invalid model, 2 usage, 3 simulation failed, 130 cancelled).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { applyVariant, hasErrors, loadModelText, toMinutes, type Workflow } from '../../../models';
import { ExperimentCancelledError, ExperimentError, type RunReplications } from '../../experiments';
import { RunCancelledError, type PoolSignal } from '../../worker/pool';
import { durationFlag, integerFlag, stringFlag, UsageError, type ParsedArgs } from '../args';
import { exitCodes, formatFindings } from '../main';
import { createProgressBar, type ProgressStream } from '../progress';
import { defaultWorkerCount, runOnWorkerThreads } from '../workerThreadsPool';

/** Where an experiment command reads and writes (the CLI's own io; tests pass buffers). */
export interface ExperimentIO {
  stdout: { write: (text: string) => unknown };
  stderr: ProgressStream & { isTTY?: boolean };
  cwd: string;
  signal?: PoolSignal;
  /**
   * Replaces the worker_threads pool (tests run the engine in-process with it). Receives the worker count the
   * command would use.
   */
  createRunner?: (workers: number) => RunReplications;
}

/** Ends a command with an exit code after its message was printed. */
export class CommandExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Runs a command body and maps its errors to exit codes with one plain sentence on stderr. */
export async function guarded(name: string, io: ExperimentIO, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof CommandExit) return error.code;
    if (error instanceof UsageError || error instanceof ExperimentError) {
      io.stderr.write(`flowcast ${name}: ${error.message}\n`);
      return exitCodes.usage;
    }
    if (error instanceof RunCancelledError || error instanceof ExperimentCancelledError) {
      io.stderr.write(`flowcast ${name}: cancelled.\n`);
      return exitCodes.cancelled;
    }
    io.stderr.write(`flowcast ${name}: the simulation failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return exitCodes.runFailed;
  }
}

function fileErrorText(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'there is no such file';
  if (code === 'EISDIR') return 'it is a directory, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** Reads a text file relative to the working directory; a failure is a usage error naming the file. */
export async function readText(file: string, cwd: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${fileErrorText(error)}.`);
  }
}

/** Loads and validates a model, applying `--variant` ("base" or none: the model as written). Exit 1 when invalid. */
export async function loadModelArg(file: string, variant: string | undefined, io: ExperimentIO): Promise<{ model: Workflow; variant: string | null }> {
  const { model, findings } = loadModelText(await readText(file, io.cwd));
  if (!model || hasErrors(findings)) {
    io.stderr.write(`${file} is not valid.\n${formatFindings(findings)}\nRun "flowcast validate ${file}" for the same list.\n`);
    throw new CommandExit(exitCodes.invalidModel);
  }
  if (variant === undefined || variant === 'base') return { model, variant: null };
  if (!model.variants.some((v) => v.id === variant)) throw new UsageError(`The model has no variant "${variant}"; its variants are ${['base', ...model.variants.map((v) => v.id)].join(', ')}.`);
  const applied = applyVariant(model, variant);
  if (!applied.model) throw new UsageError(`The variant "${variant}" does not apply: ${applied.findings.map((f) => `${f.path}: ${f.message}`).join('; ')}`);
  return { model: applied.model, variant };
}

/** Replications, seed, horizon, warm-up and workers from flags, else the model's run settings. */
export interface Settings {
  replications: number;
  seed: number;
  horizonMinutes: number;
  warmupMinutes: number;
  workers: number;
}

export function settingsFrom(args: ParsedArgs, model: Workflow): Settings {
  const replications = integerFlag(args, 'replications', 2, 10_000) ?? Math.max(2, model.run.replications);
  const seed = integerFlag(args, 'seed', 0, 2 ** 32 - 1) ?? model.run.seed;
  const horizonMinutes = durationFlag(args, 'horizon') ?? toMinutes(model.run.horizon);
  const warmupMinutes = durationFlag(args, 'warmup') ?? toMinutes(model.run.warmup);
  if (horizonMinutes <= 0) throw new UsageError('--horizon must be longer than 0.');
  if (warmupMinutes >= horizonMinutes) throw new UsageError(`The warm-up (${warmupMinutes} min) must be shorter than the horizon (${horizonMinutes} min); give --warmup or --horizon.`);
  const workers = integerFlag(args, 'workers', 1, 256) ?? defaultWorkerCount();
  return { replications, seed, horizonMinutes, warmupMinutes, workers };
}

/** A number flag (decimal) within bounds, or undefined. */
export function numberFlag(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const raw = stringFlag(args, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^-?\d+(\.\d+)?$/.test(raw.trim()) || !(value >= min && value <= max)) throw new UsageError(`--${name} must be a number from ${min} to ${max}, not "${raw}".`);
  return value;
}

/** A required string flag. */
export function requiredFlag(args: ParsedArgs, name: string, why: string): string {
  const value = stringFlag(args, name);
  if (value === undefined) throw new UsageError(`--${name} is needed ${why}.`);
  return value;
}

/**
 * The runner and how many batches to run at once: each batch gets min(workers, replications) threads, and enough
 * batches run side by side to keep every worker busy.
 */
export function runnerFor(io: ExperimentIO, settings: Settings): { run: RunReplications; concurrency: number } {
  const perBatch = Math.max(1, Math.min(settings.workers, settings.replications));
  const concurrency = Math.max(1, Math.floor(settings.workers / perBatch));
  if (io.createRunner) return { run: io.createRunner(settings.workers), concurrency };
  const run: RunReplications = async (batch, onDone) => {
    let reported = 0;
    return runOnWorkerThreads(
      {
        model: batch.model,
        replications: batch.replications,
        firstReplication: batch.firstReplication,
        seed: batch.seed,
        horizonMinutes: batch.horizonMinutes,
        warmupMinutes: batch.warmupMinutes,
        bucketMinutes: batch.bucketMinutes,
        signal: io.signal,
        onProgress: (p) => {
          while (reported < p.replicationsDone) {
            reported++;
            onDone?.();
          }
        },
      },
      { workers: perBatch },
    );
  };
  return { run, concurrency };
}

/**
 * Progress on stderr: a bar on a terminal; otherwise a line at every 10% (batch logs, Kubernetes), unless
 * --no-progress.
 */
export function progressFor(io: ExperimentIO, args: ParsedArgs, label: string): { onProgress?: (done: number, total: number) => void; done: () => void } {
  if (args.flags.has('no-progress')) return { done: () => undefined };
  if (io.stderr.isTTY) {
    const bar = createProgressBar(io.stderr, label);
    return { onProgress: (done, total) => bar.update(total > 0 ? done / total : 1, done, total), done: () => bar.done() };
  }
  let lastDecile = -1;
  return {
    onProgress: (done, total) => {
      const decile = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (decile === lastDecile) return;
      lastDecile = decile;
      io.stderr.write(`${label}: ${done}/${total} replications\n`);
    },
    done: () => undefined,
  };
}

/** The CLI's one output-path check (folder exists, not a directory, not an input file). */
export { checkWritable } from '../main';

export async function writeText(path: string, text: string, flag: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (error) {
    throw new UsageError(`Cannot write --${flag} ${path}: ${fileErrorText(error)}.`);
  }
}
