import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../simulator/report';
import type { ComparisonDocument } from '../../simulator/node/main';
import { minimalModel, runCli, tempDir, variantsModel } from './helpers';

/** A user's mistake gets exactly one plain line on stderr: no stack trace, no blank lines. */
function expectOneSentence(stderr: string, pattern: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^flowcast: /);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\bat .*:\d+:\d+/);
}

describe('flowcast usage errors (exit 2)', () => {
  it.each([
    [[], /Usage:/],
    [['frob'], /Unknown command "frob"/],
    [['help', 'nope'], /There is no command "nope" to explain/],
    [['run'], /needs a model file/],
    [['run', 'a.json', 'b.json'], /takes one model file, but got 2/],
    [['run', minimalModel, '--bogus'], /Unknown option --bogus for "flowcast run"/],
    [['run', minimalModel, '--horizon', '3x'], /--horizon "3x" is not a duration; write a number and a unit/],
    [['run', minimalModel, '--horizon'], /--horizon needs a value/],
    [['run', minimalModel, '--replications', '0'], /--replications must be a whole number from 1 to 10000/],
    [['run', minimalModel, '--seed', '-4'], /--seed must be a whole number/],
    [['run', minimalModel, '--format', 'xml'], /--format must be table or json, not "xml"/],
    [['run', minimalModel, '--horizon', '1d', '--warmup', '2d'], /--warmup 2d must be shorter than the horizon/],
    [['run', minimalModel, '--variant', 'peak'], /no variant "peak"/],
    [['run', 'does/not/exist.flowcast.json'], /Cannot read does\/not\/exist.flowcast.json: there is no such file\./],
    [['run', 'test'], /Cannot read test: it is a directory, not a file\./],
    [['run', minimalModel, '--out', 'no/such/folder/report.json'], /--out no\/such\/folder\/report.json: the folder no\/such\/folder does not exist\./],
    [['compare', variantsModel], /needs --variants A,B/],
    [['compare', variantsModel, '--variants', 'base,base'], /names "base" twice/],
    [['compare', variantsModel, '--variants', 'base,nope'], /no variant "nope"; its variants are base, two-clerks/],
    [['run', minimalModel, '--out', minimalModel], /is an input file of this command; choose another name so that it is not overwritten\./],
    [['run', minimalModel, '--events', minimalModel], /is an input file of this command/],
    [['compare', minimalModel, variantsModel, '--out', variantsModel], /is an input file of this command/],
  ])('%j', async (argv, pattern) => {
    const { code, stdout, stderr } = await runCli(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    if (argv.length === 0) expect(stderr).toMatch(pattern);
    else expectOneSentence(stderr, pattern);
  });

  it('prints help on --help with exit 0', async () => {
    const general = await runCli(['--help']);
    expect(general.code).toBe(0);
    expect(general.stdout).toMatch(/flowcast compare FILE --variants A,B/);
    const run = await runCli(['run', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/--events FILE/);
  });
});

describe('flowcast validate', () => {
  it('accepts a valid model (exit 0)', async () => {
    const { code, stdout } = await runCli(['validate', minimalModel]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/is valid: "Minimal: one desk", 3 nodes, 2 edges, 0 variants/);
  });

  it('prints findings with their paths for a bad model (exit 1)', async () => {
    const dir = tempDir();
    const model = JSON.parse(readFileSync(minimalModel, 'utf8')) as { nodes: Array<Record<string, unknown>>; edges: Array<Record<string, unknown>> };
    model.nodes[1].duration = { kind: 'exponential', mean: -8, unit: 'min' };
    model.edges[1].to = 'nowhere';
    const file = join(dir, 'bad.flowcast.json');
    writeFileSync(file, JSON.stringify(model));
    const { code, stdout } = await runCli(['validate', file]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/is not valid: \d+ errors?/);
    expect(stdout).toMatch(/nodes\[1\]\.duration\.mean/);
    const json = await runCli(['validate', file, '--format', 'json']);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout) as { valid: boolean; findings: Array<{ path: string }> };
    expect(parsed.valid).toBe(false);
    expect(parsed.findings.map((f) => f.path)).toContain('nodes[1].duration.mean');
  });

  it('reports JSON syntax errors with a position (exit 1)', async () => {
    const dir = tempDir();
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "formatVersion": 2,\n  "metadata": { "name": "x" }\n  "run": {} }');
    const { code, stdout } = await runCli(['validate', file]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/line 3/);
  });

  it('refuses to run an invalid model with exit 1 and the findings on stderr', async () => {
    const dir = tempDir();
    const model = JSON.parse(readFileSync(minimalModel, 'utf8')) as { pools: Array<Record<string, unknown>> };
    model.pools[0].capacity = 1.5;
    const file = join(dir, 'bad.flowcast.json');
    writeFileSync(file, JSON.stringify(model));
    const { code, stdout, stderr } = await runCli(['run', file]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/pools\[0\]\.capacity/);
  });
});

describe('flowcast run', () => {
  it('warns on stderr of a pool offered more than its capacity, even before the guard stops a run', async () => {
    const dir = tempDir();
    const file = join(dir, 'overloaded.flowcast.json');
    const model = JSON.parse(readFileSync(minimalModel, 'utf8')) as { nodes: Array<{ arrivals?: { ratePerHour: number } }> };
    model.nodes[0].arrivals!.ratePerHour = 60;
    writeFileSync(file, JSON.stringify(model));
    const { code, stderr } = await runCli(['run', file, '--replications', '1', '--horizon', '2d', '--format', 'json', '--no-progress']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/warning: 'Order clerks' at site .* is offered \d+\.\d\dx its on-shift capacity: its queue will grow without bound\./);
  });

  it('prints a JSON report with --format json', async () => {
    const { code, stdout, stderr } = await runCli(['run', minimalModel, '--format', 'json', '--replications', '3', '--horizon', '3d', '--warmup', '12h', '--workers', '2']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as RunReport;
    expect(report.settings).toMatchObject({ seed: 42, replications: 3, horizonMinutes: 3 * 1440, warmupMinutes: 720 });
    expect(report.model.name).toBe('Minimal: one desk');
    expect(report.status).toBe('ok');
    expect(report.replications).toHaveLength(3);
    // 6 orders/h for 2.5 observed days: about 360 orders a replication.
    expect(report.throughputPerDay.mean).toBeGreaterThan(100);
    expect(report.throughputPerDay.mean).toBeLessThan(200);
  });

  it('prints the readable table by default, and writes --out', async () => {
    const dir = tempDir();
    const out = join(dir, 'report.json');
    const { code, stdout } = await runCli(['run', variantsModel, '--replications', '2', '--out', out, '--workers', '1']);
    expect(code).toBe(0);
    for (const heading of ['Throughput', 'Cycle time p50', 'Cycle time p90', 'Cycle time p95', 'WIP', 'SLA attainment', 'Entered within 30 min', 'Utilisation per pool and site', 'Order clerks']) {
      expect(stdout).toContain(heading);
    }
    expect(stdout).toMatch(/±/);
    const written = JSON.parse(readFileSync(out, 'utf8')) as RunReport;
    expect(written.settings.replications).toBe(2);
  });

  it('applies a variant', async () => {
    const { code, stdout } = await runCli(['run', variantsModel, '--variant', 'two-clerks', '--format', 'json', '--replications', '2']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as RunReport;
    expect(report.model.variant).toBe('two-clerks');
    expect(report.pools[0].capacity).toBe(2);
  });

  it('writes the event log as CSV with a header, one row per step, guarded cells', async () => {
    const dir = tempDir();
    const events = join(dir, 'log.csv');
    const { code, stdout } = await runCli(['run', variantsModel, '--replications', '3', '--workers', '2', '--horizon', '1d', '--warmup', '0d', '--events', events, '--format', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as RunReport;
    const lines = readFileSync(events, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('case_id,activity,start,complete,resource,site,replication,activity_id,start_minutes,complete_minutes,attempt,status');
    const rows = lines.slice(1);
    // One row per completed entry step: at least the orders completed (all arrivals count; no warm-up here).
    expect(rows.length).toBeGreaterThanOrEqual(report.totals.ordersCompleted);
    // The activity name "=Order entry, "manual"" is guarded against formula injection and quoted.
    expect(rows[0]).toMatch(/^0-\d+,"'=Order entry, ""manual""",2024-01-01T\d\d:\d\d:\d\d\.\d{3}Z,2024-01-01T/);
    // Rows come in replication order, whatever the worker that ran them.
    const replicationColumn = rows.map((r) => Number(/,(\d+),entry,/.exec(r)?.[1]));
    expect(replicationColumn.every((r, i) => i === 0 || r >= replicationColumn[i - 1])).toBe(true);
    expect(new Set(replicationColumn)).toEqual(new Set([0, 1, 2]));
  });
});

describe('commands of other folders, dispatched by main', () => {
  it('prints their help and runs them (export bpmn; run --events .xes)', async () => {
    for (const topic of ['sweep', 'stress', 'recommend', 'merge', 'import', 'export', 'calibrate']) {
      const { code, stdout } = await runCli(['help', topic]);
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`^flowcast ${topic}`));
    }
    const dir = tempDir();
    const bpmn = await runCli(['export', 'bpmn', minimalModel, '--out', join(dir, 'm.bpmn')]);
    expect(bpmn.code).toBe(0);
    expect(readFileSync(join(dir, 'm.bpmn'), 'utf8')).toMatch(/<bpmn:definitions|<definitions/);
    const xes = await runCli(['run', minimalModel, '--replications', '2', '--horizon', '1d', '--warmup', '0d', '--events', join(dir, 'log.xes'), '--format', 'json']);
    expect(xes.code).toBe(0);
    const log = readFileSync(join(dir, 'log.xes'), 'utf8');
    expect(log).toMatch(/^<\?xml/);
    expect(log).toMatch(/<trace>/);
  });
});

describe('progress bar', () => {
  it('draws on a terminal and clears itself; --no-progress and pipes get none', async () => {
    const argv = ['run', minimalModel, '--replications', '2', '--workers', '2', '--horizon', '2d', '--warmup', '0d', '--format', 'json'];
    const tty = await runCli(argv, { tty: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toMatch(/\rSimulating \[[#-]+\] +\d+% {2}\d\/2 replications/);
    const [erase, summary] = tty.stderr.split('\x1b[K').slice(-2);
    expect(erase.endsWith('\r')).toBe(true);
    expect(summary).toMatch(/^Simulated 2 replications on 2 worker threads in \d+\.\d s\.\n$/);
    expect((await runCli([...argv, '--no-progress'], { tty: true })).stderr).toBe('');
    expect((await runCli(argv, { tty: false })).stderr).toBe('');
  });
});

describe('flowcast compare', () => {
  it('finds a second clerk significantly better with common random numbers', async () => {
    const { code, stdout, stderr } = await runCli(['compare', variantsModel, '--variants', 'base,two-clerks', '--format', 'json', '--replications', '5', '--horizon', '2d', '--warmup', '6h']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as ComparisonDocument;
    expect(doc.variants).toEqual({ a: 'base', b: 'two-clerks' });
    const cycle = doc.kpis.find((k) => k.id === 'cycleTimeMean');
    expect(cycle?.significant).toBe(true);
    expect(cycle?.direction).toBe('better');
    expect(cycle?.n).toBe(5);
    // Same arrivals in both variants (CRN): throughput differs by the few orders still in the system.
    const throughput = doc.kpis.find((k) => k.id === 'throughputPerDay');
    expect(Math.abs(throughput?.relativeDifference ?? 1)).toBeLessThan(0.02);
    expect(doc.kpis.some((k) => k.id === 'sla:fast')).toBe(true);
  });

  it('compares two model files (current and target state), pairing replications', async () => {
    const dir = tempDir();
    const target = JSON.parse(readFileSync(variantsModel, 'utf8')) as { pools: Array<{ capacity: number }>; variants: unknown[] };
    target.pools[0].capacity = 2;
    target.variants = [];
    const targetFile = join(dir, 'desk-target.flowcast.json');
    writeFileSync(targetFile, JSON.stringify(target));
    const { code, stdout } = await runCli(['compare', variantsModel, targetFile, '--format', 'json', '--replications', '4', '--horizon', '2d', '--warmup', '6h']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as ComparisonDocument;
    expect(doc.variants).toEqual({ a: 'desk-variants', b: 'desk-target' });
    // The same change as the two-clerks variant, so the same numbers as comparing the variant of one file.
    const sameAsVariant = JSON.parse((await runCli(['compare', variantsModel, '--variants', 'base,two-clerks', '--format', 'json', '--replications', '4', '--horizon', '2d', '--warmup', '6h'])).stdout) as ComparisonDocument;
    expect(doc.kpis.map((k) => k.meanB)).toEqual(sameAsVariant.kpis.map((k) => k.meanB));
    const same = await runCli(['compare', variantsModel, variantsModel]);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/Both sides of the comparison are "desk-variants"/);
  });

  it('prints a readable comparison table', async () => {
    const { code, stdout } = await runCli(['compare', variantsModel, '--variants', 'base,two-clerks', '--replications', '3', '--horizon', '2d', '--warmup', '6h']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/two-clerks compared with base/);
    expect(stdout).toMatch(/Cycle time mean/);
    expect(stdout).toMatch(/better/);
  });
});
