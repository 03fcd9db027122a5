/**
 * Command-line parsing for `flowcast`: strict (an unknown flag or a missing value is a usage error with one
 * plain sentence), `--flag value` and `--flag=value` both accepted.
 */
import { limits, parseDurationText, toMinutes } from '../../models';

/** A user's mistake on the command line: printed as one sentence, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** How a flag takes its value. */
export type FlagKind = 'string' | 'boolean';

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

/**
 * Splits argv (after the command) into positionals and known flags.
 * @example parseFlags(['model.json', '--seed', '3'], { seed: 'string' }, 'run')
 */
export function parseFlags(argv: readonly string[], known: Readonly<Record<string, FlagKind>>, command: string): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      flags.set('help', true);
      continue;
    }
    if (!arg.startsWith('--') || arg === '--') {
      if (arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) throw new UsageError(`Unknown option ${arg} for "flowcast ${command}"; run "flowcast ${command} --help" for the options.`);
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const kind = name === 'help' ? 'boolean' : known[name];
    if (kind === undefined) throw new UsageError(`Unknown option --${name} for "flowcast ${command}"; run "flowcast ${command} --help" for the options.`);
    if (flags.has(name)) throw new UsageError(`The option --${name} is given twice.`);
    if (kind === 'boolean') {
      if (eq >= 0) throw new UsageError(`The option --${name} takes no value.`);
      flags.set(name, true);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
    if (value === undefined || value === '') throw new UsageError(`The option --${name} needs a value.`);
    flags.set(name, value);
  }
  return { positionals, flags };
}

/** Exactly one positional FILE. */
export function singleFile(args: ParsedArgs, command: string): string {
  if (args.positionals.length === 0) throw new UsageError(`"flowcast ${command}" needs a model file, e.g. flowcast ${command} model.flowcast.json.`);
  if (args.positionals.length > 1) throw new UsageError(`"flowcast ${command}" takes one model file, but got ${args.positionals.length}: ${args.positionals.join(', ')}.`);
  return args.positionals[0];
}

/** A whole number flag within bounds, or undefined when absent. */
export function integerFlag(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const raw = args.flags.get(name);
  if (raw === undefined || raw === true) return undefined;
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${raw}".`);
  const value = Number(raw);
  if (value < min || value > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not ${raw}.`);
  return value;
}

/** A duration flag ("30d", "12h", "90min", "45s") in minutes, or undefined when absent. */
export function durationFlag(args: ParsedArgs, name: string): number | undefined {
  const raw = args.flags.get(name);
  if (raw === undefined || raw === true) return undefined;
  const parsed = parseDurationText(raw);
  if (!parsed) throw new UsageError(`--${name} "${raw}" is not a duration; write a number and a unit (s, min, h or d), e.g. 30d, 12h or 90min.`);
  const minutes = toMinutes(parsed);
  if (minutes > limits.horizonDays * 1440) throw new UsageError(`--${name} ${raw} is longer than the longest horizon allowed (${limits.horizonDays} days).`);
  return minutes;
}

/** A flag whose value is one of a few words. */
export function choiceFlag<T extends string>(args: ParsedArgs, name: string, choices: readonly T[], fallback: T): T {
  const raw = args.flags.get(name);
  if (raw === undefined || raw === true) return fallback;
  if (!(choices as readonly string[]).includes(raw)) throw new UsageError(`--${name} must be ${choices.join(' or ')}, not "${raw}".`);
  return raw as T;
}

/** A string flag, or undefined. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const raw = args.flags.get(name);
  return raw === undefined || raw === true ? undefined : raw;
}

/** The options every simulating command takes (run, compare, sweep, stress, recommend). */
export const simulationFlags = {
  replications: 'string',
  seed: 'string',
  horizon: 'string',
  warmup: 'string',
  workers: 'string',
  format: 'string',
  out: 'string',
  'no-progress': 'boolean',
} as const;
