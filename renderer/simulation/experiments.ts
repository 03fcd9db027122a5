/** The experiments layer (sweeps, stress tests, recommendations) as the studio may use it: the one gateway to simulator/experiments. */
export * from '../../simulator/experiments';
