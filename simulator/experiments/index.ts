/**
 * The experiments layer: sweeps, stress tests, capacity recommendations, insights and sharding, over an injected
 * `RunReplications` (the CLI's worker_threads pool, the studio's Web Workers, or the engine in-process).
 * Pure TypeScript: imports only models/ and simulator/.
 */
export * from './runner';
export * from './parameters';
export * from './sweep';
export * from './stress';
export * from './recommend';
export * from './shard';
export * from './insights';
