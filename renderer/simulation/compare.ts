/**
 * The paired comparison of simulator/stats/compare.ts as the renderer sees it (renderer/ reaches simulator/ only
 * through renderer/simulation/).
 */
export { fulfilmentKpis, pairedComparison, type KpiKind, type PairedDifference, type PairedOptions, type ReplicationKpi } from '../../simulator/stats/compare';
