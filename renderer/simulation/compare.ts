/**
 * The paired comparison of simulator/stats/compare.ts as the renderer sees it (renderer/ reaches simulator/ only
 * through renderer/simulation/).
 */
export { pairedComparison, type PairedDifference, type PairedOptions } from '../../simulator/stats/compare';
