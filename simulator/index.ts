/** The public surface of the simulation engine. */
export * from './report';
export * from './fulfilmentReport';
export {
  runReplication,
  aggregateReplications,
  runScenario,
  modelForVariant,
  defaultGuardLimits,
  type ReplicationOptions,
  type AggregateMeta,
  type ScenarioOptions,
} from './run';
export { seriesBucketMinutes } from './stats/series';
export { studentTQuantile, estimate } from './stats/estimate';
export { checkOfferedLoad } from './engine/loadCheck';
export { xesLogText, eventLogEpochMs, minutesToTimestamp } from './eventLogXes';
export { csvCell, eventLogColumns, eventLogHeader, eventLogLine } from './eventLogCsvFormat';
