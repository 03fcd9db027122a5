/**
 * The JSON documents the experiment commands print: the report with its ranked findings. One builder per kind, used
 * both by the single-machine commands and by `flowcast merge`, so a merged run prints exactly the same bytes.
 */
import { insightsForStress, insightsForSweep, type ExperimentReport, type Insight, type StressReport, type SweepReport } from '../../experiments';
import { formatStress, formatSweep } from './formatExperiments';

export type SweepDocument = SweepReport & { insights: Insight[] };
export type StressDocument = StressReport & { insights: Insight[] };

export function sweepDocument(report: SweepReport): SweepDocument {
  return { ...report, insights: insightsForSweep(report) };
}

export function stressDocument(report: StressReport): StressDocument {
  return { ...report, insights: insightsForStress(report) };
}

/** The document and its table for a sweep or stress report. */
export function renderExperiment(result: ExperimentReport, width: number): { document: SweepDocument | StressDocument; table: string } {
  if (result.kind === 'sweep') {
    const document = sweepDocument(result.report);
    return { document, table: formatSweep(result.report, document.insights, width) };
  }
  const document = stressDocument(result.report);
  return { document, table: formatStress(result.report, document.insights, width) };
}
