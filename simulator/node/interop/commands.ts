/**
 * The interoperability commands of `flowcast` (docs/cli.md, docs/interop.md):
 *   flowcast import bpmn IN.bpmn --out MODEL.flowcast.json
 *   flowcast export bpmn MODEL.flowcast.json --out OUT.bpmn
 *   flowcast calibrate LOG.csv|LOG.xes [--map case=...,activity=...,start=...,end=...,resource=...] --out MODEL.flowcast.json
 * Each is `async (argv, io) => exit code` and never throws for a user's mistake. Exit codes as for the other
 * commands: 0 ok, 1 the input is not valid (BPMN errors, an invalid model, a bad log), 2 usage error.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { hasErrors, loadModelText, type ModelFinding } from '../../../models';
import { exportBpmn, importBpmn, xmlLimits, type BpmnIssue } from '../../../models/bpmn';
import { calibrate, csvLogMaxChars, EventLogError, parseCsvEventLog, parseMappingText, parseXesEventLog, type CalibrationReport, type ColumnMapping } from '../../calibrate';
import { parseFlags, stringFlag, UsageError, type ParsedArgs } from '../args';

/** What the commands need of the CLI's io (a subset of main.ts's CliIO). */
export interface InteropIO {
  stdout: { write: (text: string) => unknown };
  stderr: { write: (text: string) => unknown };
  cwd: string;
}

const ok = 0;
const invalid = 1;
const usage = 2;

/** Help texts, keyed by command, for `flowcast help COMMAND`. */
export const interopHelp: Record<'import' | 'export' | 'calibrate', string> = {
  import: `flowcast import bpmn IN.bpmn --out MODEL.flowcast.json

Imports a BPMN 2.0 file (Camunda Modeler, bpmn.io, Signavio, Bizagi) as a Flowcast model. Every warning is
printed with the id of the BPMN element it concerns: defaults used where the file gives no simulation
parameters (BPSim), elements that are not simulated, gateways and sub-processes rewritten.
Exit 0 when a valid model was written (warnings allowed), 1 when the file cannot be imported.
See docs/interop.md for the mapping.
`,
  export: `flowcast export bpmn MODEL.flowcast.json --out OUT.bpmn

Writes the model as BPMN 2.0 with diagram layout (opens in bpmn.io and Camunda Modeler), BPSim parameters and
Flowcast extension elements, so that "flowcast import bpmn" gives the same model back.
`,
  calibrate: `flowcast calibrate LOG.csv|LOG.xes --out MODEL.flowcast.json [options]

Builds a current-state model from an event log: the activity graph (directly-follows), branch probabilities,
arrival rates by hour and weekday, duration distributions (maximum likelihood, best family by AIC) and teams
from the resource column; then simulates it and compares cycle times and activity frequencies with the log.
  --map case=COL,activity=COL,start=COL,end=COL,resource=COL
                          CSV columns (default: guessed from the header; start and resource optional)
  --report FILE           also write the calibration report as JSON
  --min-edge-share 0.02   drop paths taken by less than this share of the cases leaving a step
  --no-compare            skip the comparison run
`,
};

async function guard(io: InteropIO, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`flowcast: ${error.message}\n`);
      return usage;
    }
    throw error;
  }
}

function fileError(file: string, error: unknown): UsageError {
  const code = (error as { code?: string }).code;
  const reason = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a directory, not a file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : error instanceof Error ? error.message : String(error);
  return new UsageError(`Cannot read ${file}: ${reason}.`);
}

/** Reads a text file after checking its size, so a huge file is refused before it is loaded. */
async function readText(file: string, cwd: string, maxChars: number, what: string): Promise<string> {
  const path = resolve(cwd, file);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw fileError(file, error);
  }
  // UTF-8 bytes >= characters, so a file within the byte limit is within the character limit.
  if (size > maxChars * 4) throw new UsageError(`${file} is ${(size / 1048576).toFixed(0)} MB; a ${what} may be at most ${(maxChars / 1048576).toFixed(0)} MB.`);
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw fileError(file, error);
  }
}

async function writeText(file: string, cwd: string, text: string): Promise<void> {
  const path = resolve(cwd, file);
  try {
    await writeFile(path, text);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(`Cannot write ${file}: ${code === 'ENOENT' ? `the folder ${dirname(file)} does not exist` : error instanceof Error ? error.message : String(error)}.`);
  }
}

function outFlag(args: ParsedArgs, command: string, example: string): string {
  const out = stringFlag(args, 'out');
  if (!out) throw new UsageError(`"flowcast ${command}" needs --out FILE, e.g. ${example}.`);
  return out;
}

function oneInput(args: ParsedArgs, command: string, what: string): string {
  if (args.positionals.length !== 1) throw new UsageError(`"flowcast ${command}" takes one ${what}, but got ${args.positionals.length}${args.positionals.length > 0 ? `: ${args.positionals.join(', ')}` : ''}.`);
  return args.positionals[0];
}

/** One line per issue: severity, the BPMN element id, the message and its code. */
export function formatBpmnIssues(issues: readonly BpmnIssue[]): string {
  return issues.map((i) => `${i.severity}: [${i.elementId ?? 'file'}] ${i.message} (${i.code})\n`).join('');
}

function formatFindings(findings: readonly ModelFinding[]): string {
  return findings.map((f) => `${f.severity}: ${f.path || '(file)'}: ${f.message}${f.nodeId ? ` [node ${f.nodeId}]` : ''} (${f.code})\n`).join('');
}

/**
 * `flowcast import bpmn IN.bpmn --out MODEL.flowcast.json`; argv starts after "import".
 * @example await runImportCommand(['bpmn', 'in.bpmn', '--out', 'm.flowcast.json'], io)
 */
export async function runImportCommand(argv: string[], io: InteropIO): Promise<number> {
  return guard(io, async () => {
    const [format, ...rest] = argv;
    if (format === '--help' || format === '-h' || format === undefined) {
      io.stdout.write(interopHelp.import);
      return format === undefined ? usage : ok;
    }
    if (format !== 'bpmn') throw new UsageError(`"flowcast import" knows one format, bpmn, not "${format}" (flowcast import bpmn IN.bpmn --out MODEL.flowcast.json).`);
    const args = parseFlags(rest, { out: 'string' }, 'import bpmn');
    if (args.flags.has('help')) {
      io.stdout.write(interopHelp.import);
      return ok;
    }
    const file = oneInput(args, 'import bpmn', 'BPMN file');
    const out = outFlag(args, 'import bpmn', 'flowcast import bpmn process.bpmn --out process.flowcast.json');
    const xml = await readText(file, io.cwd, xmlLimits.bpmnChars, 'BPMN file');
    const stem = file.replace(/^.*[\\/]/, '').replace(/\.(bpmn|xml)$/i, '');
    const result = await importBpmn(xml, { fallbackName: stem });
    io.stderr.write(formatBpmnIssues(result.issues));
    if (!result.model) {
      const errors = result.issues.filter((i) => i.severity === 'error').length;
      io.stderr.write(`flowcast: ${file} could not be imported (${errors} error${errors === 1 ? '' : 's'}).\n`);
      return invalid;
    }
    await writeText(out, io.cwd, `${JSON.stringify(result.model, null, 2)}\n`);
    const warnings = result.issues.filter((i) => i.severity === 'warning').length;
    io.stdout.write(`Imported ${file}: ${result.model.nodes.length} nodes, ${result.model.edges.length} edges, ${result.model.pools.length} pools, ${result.model.systems.length} systems; ${warnings} warning${warnings === 1 ? '' : 's'}. Written to ${out}.\n`);
    return ok;
  });
}

/**
 * `flowcast export bpmn MODEL --out OUT.bpmn`; argv starts after "export".
 */
export async function runExportCommand(argv: string[], io: InteropIO): Promise<number> {
  return guard(io, async () => {
    const [format, ...rest] = argv;
    if (format === '--help' || format === '-h' || format === undefined) {
      io.stdout.write(interopHelp.export);
      return format === undefined ? usage : ok;
    }
    if (format !== 'bpmn') throw new UsageError(`"flowcast export" knows one format, bpmn, not "${format}" (flowcast export bpmn MODEL.flowcast.json --out OUT.bpmn).`);
    const args = parseFlags(rest, { out: 'string' }, 'export bpmn');
    if (args.flags.has('help')) {
      io.stdout.write(interopHelp.export);
      return ok;
    }
    const file = oneInput(args, 'export bpmn', 'model file');
    const out = outFlag(args, 'export bpmn', 'flowcast export bpmn model.flowcast.json --out model.bpmn');
    const text = await readText(file, io.cwd, 20 * 1024 * 1024, 'model file');
    const { model, findings } = loadModelText(text);
    if (!model || hasErrors(findings)) {
      io.stderr.write(`${file} is not valid:\n${formatFindings(findings.filter((f) => f.severity === 'error'))}Run "flowcast validate ${file}" for the same list.\n`);
      return invalid;
    }
    const result = await exportBpmn(model);
    io.stderr.write(formatBpmnIssues(result.issues));
    await writeText(out, io.cwd, result.xml);
    io.stdout.write(`Exported "${model.metadata.name}" (${model.nodes.length} nodes, ${model.edges.length} edges) as BPMN 2.0 with diagram to ${out}.\n`);
    return ok;
  });
}

/**
 * `flowcast calibrate LOG.csv|LOG.xes [--map ...] --out MODEL.flowcast.json`; argv starts after "calibrate".
 */
export async function runCalibrateCommand(argv: string[], io: InteropIO): Promise<number> {
  return guard(io, async () => {
    const args = parseFlags(argv, { out: 'string', map: 'string', report: 'string', 'min-edge-share': 'string', 'no-compare': 'boolean' }, 'calibrate');
    if (args.flags.has('help')) {
      io.stdout.write(interopHelp.calibrate);
      return ok;
    }
    const file = oneInput(args, 'calibrate', 'event log (.csv or .xes)');
    const out = outFlag(args, 'calibrate', 'flowcast calibrate log.csv --out current.flowcast.json');
    let mapping: Partial<ColumnMapping> = {};
    const mapText = stringFlag(args, 'map');
    const xes = /\.xes$/i.test(file);
    if (mapText !== undefined) {
      if (xes) throw new UsageError('--map is for CSV logs; an XES log names its own attributes (concept:name, time:timestamp, org:resource).');
      try {
        mapping = parseMappingText(mapText);
      } catch (error) {
        throw new UsageError(`--map: ${error instanceof Error ? error.message : String(error)}.`);
      }
    }
    const shareText = stringFlag(args, 'min-edge-share');
    const minEdgeShare = shareText === undefined ? undefined : Number(shareText);
    if (minEdgeShare !== undefined && !(minEdgeShare >= 0 && minEdgeShare < 1)) throw new UsageError(`--min-edge-share must be a number from 0 to below 1, not "${shareText}".`);
    const text = await readText(file, io.cwd, xes ? xmlLimits.xesChars : csvLogMaxChars, 'event log');
    let result: ReturnType<typeof calibrate>;
    try {
      const log = xes ? parseXesEventLog(text) : parseCsvEventLog(text, mapping);
      result = calibrate(log, { minEdgeShare, compare: !args.flags.has('no-compare'), name: `Current state from ${file.replace(/^.*[\\/]/, '')}`.slice(0, 200) });
    } catch (error) {
      if (error instanceof EventLogError) {
        io.stderr.write(`flowcast: ${file} cannot be read:\n${error.problems.map((p) => `  ${p.row > 0 ? `row ${p.row}: ` : ''}${p.message}\n`).join('')}`);
        return invalid;
      }
      if (error instanceof Error && /calibration needs|distinct activities/.test(error.message)) {
        io.stderr.write(`flowcast: ${error.message}\n`);
        return invalid;
      }
      throw error;
    }
    await writeText(out, io.cwd, `${JSON.stringify(result.model, null, 2)}\n`);
    const reportPath = stringFlag(args, 'report');
    if (reportPath) await writeText(reportPath, io.cwd, `${JSON.stringify(result.report, null, 2)}\n`);
    io.stdout.write(formatCalibrationReport(result.report));
    io.stdout.write(`Model written to ${out}${reportPath ? `, report to ${reportPath}` : ''}.\n`);
    return ok;
  });
}

function num(x: number | null, digits = 1): string {
  return x === null ? '-' : x.toFixed(digits);
}

/** The calibration report as plain text: what was found and how the simulated model compares with the log. */
export function formatCalibrationReport(report: CalibrationReport): string {
  const lines: string[] = [];
  lines.push(`Event log: ${report.cases} cases, ${report.events} events, ${report.firstEvent} to ${report.lastEvent}${report.hasStartTimes ? '' : ' (no start times)'}.`);
  lines.push(`Arrivals: ${report.arrivals.ratePerHour} cases/hour (95% CI ${report.arrivals.low} to ${report.arrivals.high})${report.arrivals.hourOfDay ? ', with an hour-of-day profile' : ''}${report.arrivals.dayOfWeek ? ' and a weekday profile' : ''}.`);
  lines.push('', 'Activity durations (minutes; best family by AIC, KS distance of the fit):');
  for (const a of report.activities) {
    const best = a.fits[0];
    lines.push(`  ${a.activity}: ${a.count} steps, mean ${num(a.meanMinutes, 2)}, sd ${num(a.sdMinutes, 2)} -> ${a.best}${best ? ` (KS ${best.ks.toFixed(3)})` : ''}, ${a.pool === null ? 'a wait (delay)' : `pool ${a.pool}`}`);
  }
  lines.push('', 'Paths (share of cases leaving a step, 95% interval):');
  for (const b of report.branches) if (b.probability < 1) lines.push(`  ${b.from} -> ${b.to}: ${(b.probability * 100).toFixed(1)}% (${(b.low * 100).toFixed(1)}-${(b.high * 100).toFixed(1)}%), ${b.count} cases`);
  if (report.dropped.length > 0) lines.push(`  ${report.dropped.length} rare path${report.dropped.length === 1 ? '' : 's'} dropped (${report.dropped.reduce((a, d) => a + d.count, 0)} cases).`);
  lines.push('', 'Pools:');
  for (const p of report.pools) lines.push(`  ${p.name} (${p.poolId}): capacity ${p.capacity}; ${p.activities.join(', ')}`);
  if (report.comparison) {
    const { observed: o, simulated: s } = report.comparison;
    lines.push('', 'Simulated vs observed cycle time (first start to last completion, minutes):');
    lines.push(`  observed:  ${o.cases} cases, mean ${num(o.meanMinutes)}, p50 ${num(o.p50Minutes)}, p90 ${num(o.p90Minutes)}`);
    lines.push(`  simulated: ${s.cases} cases, mean ${num(s.meanMinutes)}, p50 ${num(s.p50Minutes)}, p90 ${num(s.p90Minutes)}`);
    lines.push(`  KS distance between the two distributions: ${report.comparison.ks.toFixed(3)}`);
    lines.push('  Steps per case (observed / simulated):');
    for (const f of report.comparison.activityFrequency) lines.push(`    ${f.activity}: ${f.observedPerCase.toFixed(3)} / ${f.simulatedPerCase.toFixed(3)}`);
  }
  if (report.warnings.length > 0) lines.push('', 'Warnings:', ...report.warnings.map((w) => `  ${w}`));
  return `${lines.join('\n')}\n`;
}
