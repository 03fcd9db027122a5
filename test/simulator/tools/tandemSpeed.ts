/**
 * Speed check of the engine on the reference model: a 5-station tandem line of M/M/1 stations at 90% load,
 * about 1,000,000 orders (11 model events per order: arrival, 5 starts, 5 ends).
 * Run: node --import tsx test/simulator/tools/tandemSpeed.ts [orders]
 */
import { loadModel } from '../../../models';
import { runReplication } from '../../../simulator';
import { tandemModel } from '../theory/models';

const orders = Number(process.argv[2] ?? 1_000_000);
const ratePerMinute = 0.9;
const model = loadModel(tandemModel(5, ratePerMinute * 60, 1)).model;
if (!model) throw new Error('tandem model invalid');
const horizonMinutes = orders / ratePerMinute;
// One short run first so that the timed run measures optimised code.
runReplication(model, { replication: 99, seed: 7, horizonMinutes: horizonMinutes / 20, warmupMinutes: 0 });
const started = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
const result = runReplication(model, { replication: 0, seed: 1, horizonMinutes, warmupMinutes: 0 });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const modelEvents = result.ordersArrived + 10 * result.ordersCompleted;
console.log(
  `orders arrived ${result.ordersArrived}, completed ${result.ordersCompleted}, engine events ${result.events}, ` +
    `wall ${seconds.toFixed(3)} s, ${(modelEvents / seconds / 1e6).toFixed(2)} M model events/s (11 per order); ` +
    `CPU ${cpuSeconds.toFixed(3)} s, ${(modelEvents / cpuSeconds / 1e6).toFixed(2)} M/CPU-s; ` +
    `mean cycle ${result.cycleTime.mean?.toFixed(3)} min (theory ${(5 * 1 / (1 - ratePerMinute)).toFixed(3)}), ` +
    `heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(1)} MB`,
);
