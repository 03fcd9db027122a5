// Speed of one replication of a model over one simulated year: `node --import tsx test/simulator/tools/modelSpeed.ts MODEL.json`.
// Prints model events per CPU-second (the engine's event definition is in docs/report-format.md).
import { readFileSync } from 'node:fs';
import { loadModelText } from '../../../models';
import { simulateReplication } from '../../../simulator/engine/simulation';

const loaded = loadModelText(readFileSync(process.argv[2], 'utf8'));
if (!loaded.model) throw new Error(loaded.findings.map((f) => `${f.path}: ${f.message}`).join('\n'));
const start = process.cpuUsage();
const result = simulateReplication(loaded.model, { seed: 1, replication: 0, horizonMinutes: Number(process.argv[3] ?? 365) * 1440, warmupMinutes: 0 });
const cpu = process.cpuUsage(start);
const seconds = (cpu.user + cpu.system) / 1e6;
console.log(`${result.status}: ${result.events} model events, ${result.ordersArrived} orders, ${seconds.toFixed(2)} CPU-s, ${(result.events / seconds / 1e6).toFixed(2)} M model events/CPU-s`);
