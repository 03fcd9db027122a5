/**
 * The experiment commands of the `flowcast` CLI. Each is `(argv after the command name, io) => exit code`, like
 * the commands in ../main.ts, which dispatches to them.
 */
export { runSweepCommand, sweepHelp } from './sweepCommand';
export { runStressCommand, stressHelp } from './stressCommand';
export { runRecommendCommand, recommendHelp } from './recommendCommand';
export { runMergeCommand, mergeHelp } from './mergeCommand';
export type { ExperimentIO } from './common';
