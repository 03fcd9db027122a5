/**
 * The engine's report types as the renderer sees them. Everything in renderer/ reads simulator types through
 * renderer/simulation/ (house style: the renderer imports simulator/ only there).
 */
export type {
  Bottleneck,
  DurationEstimate,
  Estimate,
  NodeReport,
  PoolReport,
  ReplicationResult,
  ReplicationSummary,
  RunReport,
  SlaReport,
  SystemReport,
} from '../../simulator/report';
export { reportFormatVersion } from '../../simulator/report';
