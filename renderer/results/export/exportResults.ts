/**
 * The results exports as one function the named actions call (export report HTML / PDF, KPI CSV, event log CSV
 * or XES): builds the file from the last run and hands it to `saveExport`. Says in plain words when there is
 * nothing to export yet.
 */
import type { Workflow } from '../../../models';
import type { CompletedRun } from '../../simulation/runStore';
import { buildEventLogOffThread } from './eventLogClient';
import { kpiCsv } from './kpiCsv';
import { reportHtml } from './reportHtml';
import { saveExport, type ExportKind, type ExportOutcome } from './saveExport';

/** What an export needs from the studio. */
export interface ExportContext {
  /** The last finished run, or null. */
  run: CompletedRun | null;
  /** The document's name (file names and the report title). */
  documentName: string;
  /** The open document's model now (undefined when it has errors): flags a report of an older model. */
  currentModel: Workflow | null | undefined;
  setStatus(text: string, tone?: 'info' | 'error'): void;
  /** Injectable for tests; defaults to the desktop shell or a browser download. */
  save?: typeof saveExport;
  now?: () => Date;
}

/** Shown when an export is asked for before any run finished. */
export const noResultsMessage = 'Nothing to export yet: run the simulation first (Run in the Run panel), then export its results.';

/**
 * What the studio exports: the desktop shell's kinds, plus the event log as XES, which goes to the shell as an
 * `event-log` whose suggested name ends in `.xes` (the shell picks the format from the name).
 */
export type ResultsExportKind = ExportKind | 'event-log-xes';

const what: Record<ResultsExportKind, string> = {
  'report-html': 'the report (HTML)',
  'report-pdf': 'the report (PDF)',
  csv: 'the KPI tables (CSV)',
  'event-log': 'the event log (CSV)',
  'event-log-xes': 'the event log (XES)',
};

/** A file-name stem from the document's name: "Regional: current" -> "Regional- current". */
export function exportStem(documentName: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is being removed
  return documentName.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').trim().slice(0, 120) || 'Flowcast';
}

/**
 * Builds and saves one export of the last run; reports the outcome through `setStatus`.
 * @example await exportResults('csv', { run, documentName: 'Regional current', currentModel: model, setStatus });
 */
export async function exportResults(kind: ResultsExportKind, context: ExportContext): Promise<ExportOutcome | undefined> {
  const { run, setStatus } = context;
  if (!run) {
    setStatus(noResultsMessage);
    return undefined;
  }
  const save = context.save ?? saveExport;
  const stem = exportStem(context.documentName);
  const stale = context.currentModel !== undefined && context.currentModel !== null && context.currentModel !== run.model;
  let name: string;
  let content: string;
  let rowsNote = '';
  if (kind === 'report-html' || kind === 'report-pdf') {
    name = `${stem} report.${kind === 'report-pdf' ? 'pdf' : 'html'}`;
    content = reportHtml(run.simulatedModel, run.report, {
      documentName: context.documentName,
      generatedAt: (context.now?.() ?? new Date()).toISOString(),
      wallSeconds: run.wallSeconds,
      workers: run.workers,
      stale: stale || context.currentModel === undefined,
    });
  } else if (kind === 'csv') {
    name = `${stem} KPIs.csv`;
    content = kpiCsv(run.report);
  } else {
    const format = kind === 'event-log-xes' ? 'xes' : 'csv';
    name = `${stem} event log.${format}`;
    setStatus('Making the event log: simulating replication 1 of the last run with its seed and settings…');
    const s = run.settings;
    const outcome = await buildEventLogOffThread({ model: run.simulatedModel, seed: s.seed, horizonMinutes: s.horizonMinutes, warmupMinutes: s.warmupMinutes, replication: 0, format });
    if (!outcome.ok) {
      setStatus(outcome.error, 'error');
      return { ok: false, error: outcome.error };
    }
    content = outcome.text;
    rowsNote = ` (${outcome.rows.toLocaleString('en-US')} steps of replication 1${outcome.replicationStatus === 'ok' ? '' : `, which stopped early: ${outcome.replicationStatus}`})`;
  }
  let result: ExportOutcome;
  try {
    result = await save(kind === 'event-log-xes' ? 'event-log' : kind, name, content);
  } catch (error) {
    result = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  if (result.ok) setStatus(result.printed ? 'The report is in the print dialog: choose "Save as PDF" as the printer.' : `Exported ${what[kind]} to ${result.path ?? name}${rowsNote}.`);
  else if (result.canceled) setStatus(`Export of ${what[kind]} cancelled.`);
  else setStatus(`Could not export ${what[kind]}: ${result.error}`, 'error');
  return result;
}
