/**
 * Speed and memory of one replication of each shipped scenario over a simulated year (or N days), in engine events
 * per CPU second (CPU time, so other processes on the machine do not distort it) and wall time.
 * Run: node --import tsx test/simulator/tools/scenarioSpeed.ts [days]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModelText, toMinutes } from '../../../models';
import { runReplication } from '../../../simulator';

const days = Number(process.argv[2] ?? 365);
const folder = join(import.meta.dirname, '..', '..', '..', 'scenarios');
for (const file of readdirSync(folder).filter((f) => f.endsWith('.flowcast.json'))) {
  const model = loadModelText(readFileSync(join(folder, file), 'utf8')).model;
  if (!model) {
    console.log(`${file}: invalid`);
    continue;
  }
  const cpuStart = process.cpuUsage();
  const started = process.hrtime.bigint();
  const r = runReplication(model, { replication: 0, seed: 1, horizonMinutes: days * 1440, warmupMinutes: toMinutes(model.run.warmup) });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    `${file}: ${r.events} events in ${days} d, CPU ${cpuSeconds.toFixed(2)} s (${(r.events / cpuSeconds / 1e6).toFixed(2)} M/CPU-s), ` +
      `wall ${wall.toFixed(2)} s, RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB, status ${r.status}`,
  );
}
