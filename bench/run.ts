/**
 * `npm run bench [-- --quick]`: the standard benchmark of the simulator. Prints a table of model events per
 * second, wall time and peak memory, and writes bench/results/latest.json.
 *
 * (a) the 5-station tandem line of M/M/1 stations at 90% load, 1,000,000 orders, one core;
 * (b) the same model in SimPy 3 (bench/tandem_simpy.py, /usr/bin/python3), measured in the same run, and the
 *     ratio of Flowcast's speed to it;
 * (c) every shipped scenario (scenarios/*.flowcast.json) for one simulated year, one replication, one core;
 * (d) national-acquisition, one year x 10 replications on 2 worker threads (target < 30 s);
 * (e) memory flatness: peak RSS of one replication for 1 year vs 5 years (target within 10%).
 * Every case runs in a fresh child process, so that peaks of memory never mix. `--quick` shrinks every case;
 * `--only a,d` runs some cases only.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTable } from '../simulator/node/format';
import type { CaseResult } from './case';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
/** `--only a,d`: run only some cases (SimPy needs (a) for its ratio). */
const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? (process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined);
const only = onlyArg ? new Set(onlyArg.split(',').map((c) => c.trim().toLowerCase())) : undefined;
const want = (c: string) => !only || only.has(c);
const python = '/usr/bin/python3';

const plan = quick
  ? { tandemOrders: 100_000, scenarioDays: 30, nationalDays: 60, nationalReplications: 4, memoryDays: [60, 300] as const }
  : { tandemOrders: 1_000_000, scenarioDays: 365, nationalDays: 365, nationalReplications: 10, memoryDays: [365, 1825] as const };

const targets = { tandemEventsPerSecond: 10e6, scenarioEventsPerSecond: 5e6, nationalWallSeconds: 30, memoryGrowth: 0.1 };

interface Row {
  case: string;
  events: number | null;
  /** Events per wall-clock second. */
  eventsPerSecond: number | null;
  /** Events per CPU second of the case's process: the per-core speed, robust to other load on the machine. */
  eventsPerCpuSecond: number | null;
  wallSeconds: number | null;
  cpuSeconds: number | null;
  peakRssMb: number | null;
  target: string;
  verdict: string;
  note: string;
}

function runCase(args: string[]): CaseResult {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/case.ts'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`bench/case.ts ${args.join(' ')} failed: ${(child.stderr || child.stdout).trim().split('\n').slice(-3).join(' ')}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '') as CaseResult;
}

function millions(x: number | null): string {
  return x === null ? '-' : `${(x / 1e6).toFixed(2)} M`;
}

function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

const loadAtStart = loadavg();
const rows: Row[] = [];
const results: Record<string, unknown> = {};
const notes: string[] = [];

// ---------------------------------------------------------------------------------------------- (a) tandem line
let tandemEps: number | null = null;
if (want('a')) try {
  log(`(a) tandem line, ${plan.tandemOrders.toLocaleString('en-US')} orders, one core ...`);
  const r = runCase(['tandem', String(plan.tandemOrders)]);
  // The engine's own count; for this model it is exactly arrivals + service starts + service ends, which the
  // note cross-checks against the engine's per-node counters.
  tandemEps = r.engineEvents / r.cpuSeconds;
  results.tandem = { ...r, eventsPerSecond: r.engineEvents / r.wallSeconds, eventsPerCpuSecond: tandemEps };
  rows.push({
    case: `(a) tandem 5 x M/M/1 @ 90%, ${plan.tandemOrders.toLocaleString('en-US')} orders`,
    events: r.engineEvents,
    eventsPerSecond: r.engineEvents / r.wallSeconds,
    eventsPerCpuSecond: tandemEps,
    wallSeconds: r.wallSeconds,
    cpuSeconds: r.cpuSeconds,
    peakRssMb: r.maxRssMb,
    target: '>= 10 M/s',
    verdict: tandemEps >= targets.tandemEventsPerSecond ? 'met' : 'MISSED',
    note: `mean cycle ${r.meanCycleMinutes?.toFixed(1) ?? '-'} min (theory 45.0); arrivals + 2 x services completed = ${r.standardEvents.toLocaleString('en-US')}`,
  });
} catch (error) {
  notes.push(`(a) failed: ${(error as Error).message}`);
}

// ---------------------------------------------------------------------------------------------- (b) SimPy
const hasSimpy = existsSync(python) && spawnSync(python, ['-c', 'import simpy'], { encoding: 'utf8' }).status === 0;
if (!want('b')) {
  // not asked for
} else if (!hasSimpy) {
  notes.push(`(b) skipped: SimPy is not installed for ${python} ("import simpy" fails); install Debian's python3-simpy3 to compare.`);
} else {
  log('(b) the same tandem line in SimPy 3 ...');
  const child = spawnSync(python, [join(root, 'bench/tandem_simpy.py'), String(plan.tandemOrders), '1'], { encoding: 'utf8' });
  if (child.status !== 0) {
    notes.push(`(b) SimPy run failed: ${child.stderr.trim().split('\n').pop() ?? ''}`);
  } else {
    const s = JSON.parse(child.stdout.trim()) as { simpyVersion: string; events: number; wallSeconds: number; cpuSeconds: number; eventsPerSecond: number; eventsPerCpuSecond: number; meanCycleMinutes: number };
    const ratio = tandemEps === null ? null : tandemEps / s.eventsPerCpuSecond;
    results.simpy = { ...s, flowcastRatio: ratio };
    rows.push({
      case: `(b) same line in SimPy ${s.simpyVersion}`,
      events: s.events,
      eventsPerSecond: s.eventsPerSecond,
      eventsPerCpuSecond: s.eventsPerCpuSecond,
      wallSeconds: s.wallSeconds,
      cpuSeconds: s.cpuSeconds,
      peakRssMb: null,
      target: '-',
      verdict: ratio === null ? '-' : `Flowcast ${ratio.toFixed(1)}x`,
      note: `mean cycle ${s.meanCycleMinutes.toFixed(1)} min`,
    });
  }
}

// ---------------------------------------------------------------------------------------------- (c) scenarios
const scenarioDir = join(root, 'scenarios');
const scenarioFiles = existsSync(scenarioDir) ? readdirSync(scenarioDir).filter((f) => f.endsWith('.flowcast.json')).sort() : [];
if (scenarioFiles.length === 0) notes.push('(c) skipped: there is no scenarios/*.flowcast.json yet.');
const scenarioResults: Record<string, unknown> = {};
for (const file of want('c') ? scenarioFiles : []) {
  log(`(c) ${file}, ${plan.scenarioDays} days, one core ...`);
  try {
    const r = runCase(['scenario', join(scenarioDir, file), String(plan.scenarioDays)]);
    const eps = r.engineEvents / r.cpuSeconds;
    scenarioResults[file] = { ...r, eventsPerSecond: r.engineEvents / r.wallSeconds, eventsPerCpuSecond: eps, standardEventsPerCpuSecond: r.standardEvents / r.cpuSeconds };
    rows.push({
      case: `(c) ${basename(file, '.flowcast.json')}, ${plan.scenarioDays} d`,
      events: r.engineEvents,
      eventsPerSecond: r.engineEvents / r.wallSeconds,
      eventsPerCpuSecond: eps,
      wallSeconds: r.wallSeconds,
      cpuSeconds: r.cpuSeconds,
      peakRssMb: r.maxRssMb,
      target: '>= 5 M/s',
      verdict: eps >= targets.scenarioEventsPerSecond ? 'met' : 'MISSED',
      note: `${r.ordersCompleted.toLocaleString('en-US')} orders; arrivals + activity starts/ends only: ${millions(r.standardEvents / r.cpuSeconds)}/CPU-s${r.status === 'ok' ? '' : `; status ${r.status}`}`,
    });
  } catch (error) {
    notes.push(`(c) ${file} failed: ${(error as Error).message}`);
  }
}
results.scenarios = scenarioResults;

// ---------------------------------------------------------------------------------------------- (d) national-acquisition
const national = join(scenarioDir, 'national-acquisition.flowcast.json');
if (!want('d')) {
  // not asked for
} else if (!existsSync(national)) {
  notes.push('(d) skipped: scenarios/national-acquisition.flowcast.json does not exist yet.');
} else {
  log(`(d) national-acquisition, ${plan.nationalDays} days x ${plan.nationalReplications} replications on 2 workers ...`);
  try {
    const r = runCase(['pool', national, String(plan.nationalDays), String(plan.nationalReplications), '2']);
    results.national = r;
    rows.push({
      case: `(d) national-acquisition ${plan.nationalDays} d x ${plan.nationalReplications} reps, 2 workers`,
      events: r.engineEvents,
      eventsPerSecond: r.engineEvents / r.wallSeconds,
      eventsPerCpuSecond: r.engineEvents / r.cpuSeconds,
      wallSeconds: r.wallSeconds,
      cpuSeconds: r.cpuSeconds,
      peakRssMb: r.maxRssMb,
      target: quick ? '(quick run)' : '< 30 s wall',
      verdict: quick ? '-' : r.wallSeconds < targets.nationalWallSeconds ? 'met' : 'MISSED',
      note: `wall includes worker start-up and aggregation; CPU / 2 = ${(r.cpuSeconds / 2).toFixed(1)} s (2 idle cores)${r.status === 'ok' ? '' : `; status ${r.status}`}`,
    });
  } catch (error) {
    notes.push(`(d) failed: ${(error as Error).message}`);
  }
}

// ---------------------------------------------------------------------------------------------- (e) memory flatness
const memoryModel = existsSync(national) ? national : scenarioFiles.length > 0 ? join(scenarioDir, scenarioFiles[0]) : undefined;
if (!want('e')) {
  // not asked for
} else if (!memoryModel) {
  notes.push('(e) skipped: no scenario to measure memory on.');
} else {
  const [shortDays, longDays] = plan.memoryDays;
  log(`(e) memory of ${basename(memoryModel)}: ${shortDays} vs ${longDays} days, each in a fresh process ...`);
  try {
    const short = runCase(['scenario', memoryModel, String(shortDays)]);
    const long = runCase(['scenario', memoryModel, String(longDays)]);
    const growth = long.maxRssMb / short.maxRssMb - 1;
    results.memory = { model: basename(memoryModel), short: { days: shortDays, ...short }, long: { days: longDays, ...long }, growth };
    for (const [days, r] of [[shortDays, short], [longDays, long]] as const) {
      rows.push({
        case: `(e) ${basename(memoryModel, '.flowcast.json')}, ${days} d`,
        events: r.engineEvents,
        eventsPerSecond: r.engineEvents / r.wallSeconds,
        eventsPerCpuSecond: r.engineEvents / r.cpuSeconds,
        wallSeconds: r.wallSeconds,
        cpuSeconds: r.cpuSeconds,
        peakRssMb: r.maxRssMb,
        target: days === longDays ? 'peak within 10%' : '-',
        verdict: days === longDays ? `${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}% ${Math.abs(growth) <= targets.memoryGrowth ? 'met' : 'MISSED'}` : '-',
        note: `baseline RSS before the run ${r.baselineRssMb.toFixed(0)} MB`,
      });
    }
  } catch (error) {
    notes.push(`(e) failed: ${(error as Error).message}`);
  }
}

// ---------------------------------------------------------------------------------------------- report
const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform, loadAverageAtStart: loadAtStart, loadAverageAtEnd: loadavg() };
const table = formatTable(
  ['Case', 'Model events', 'Events/CPU-s', 'Events/s wall', 'CPU', 'Wall', 'Peak RSS', 'Target', 'Verdict', 'Note'],
  rows.map((r) => [
    r.case,
    r.events === null ? '-' : r.events.toLocaleString('en-US'),
    millions(r.eventsPerCpuSecond),
    millions(r.eventsPerSecond),
    r.cpuSeconds === null ? '-' : `${r.cpuSeconds.toFixed(2)} s`,
    r.wallSeconds === null ? '-' : `${r.wallSeconds.toFixed(2)} s`,
    r.peakRssMb === null ? '-' : `${r.peakRssMb.toFixed(0)} MB`,
    r.target,
    r.verdict,
    r.note,
  ]),
  ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left', 'left', 'left'],
);
process.stdout.write(
  `Flowcast benchmark${quick ? ' (--quick)' : ''}: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; ` +
    `load average ${loadAtStart[0].toFixed(1)} at start, ${machine.loadAverageAtEnd[0].toFixed(1)} at end\n\n${table}\n`,
);
if (notes.length > 0) process.stdout.write(`\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
process.stdout.write(
  '\nModel events are counted by the engine (ReplicationResult.events: 1 per arrival, per start and per end of work,\n' +
    'calls and delays, per routing step); for the tandem line that is 1 per arrival, service start and service end,\n' +
    'as SimPy counts them in (b). Events/CPU-s divides by the CPU time of the case\'s process (all its threads): the per-core\n' +
    'speed, far less sensitive than wall time to other load on the machine (not immune: shared caches and cores\n' +
    'slow it too); per-core targets are judged on it. Wall time is what a\n' +
    'user waits, and grows when other processes share the cores (see the load average). Peak RSS is the maxRSS of\n' +
    'the case\'s own process (worker threads included).\n',
);
mkdirSync(join(root, 'bench/results'), { recursive: true });
// A reduced run (--quick, --only) must not overwrite the figures of the last full run.
const file = join(root, quick || only ? 'bench/results/latest-partial.json' : 'bench/results/latest.json');
writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), quick, machine, plan, targets, rows, notes, results }, null, 2)}\n`);
process.stdout.write(`\nWrote ${file}.\n`);
