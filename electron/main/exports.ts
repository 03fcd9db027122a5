import path from 'node:path';
import type { DesktopExportKind } from '../../models/desktop';

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface ExportSpec {
  /** File name offered in the save dialog, with the extension the kind requires. */
  defaultName: string;
  filters: FileFilter[];
  /** Extensions accepted for the chosen path (without dot); the first is added when the person typed none. */
  extensions: string[];
}

const eventLogFormats: Record<string, FileFilter> = {
  csv: { name: 'CSV event log', extensions: ['csv'] },
  xes: { name: 'XES event log (IEEE 1849)', extensions: ['xes'] },
  jsonl: { name: 'JSON Lines event log', extensions: ['jsonl'] },
};

/** Removes folders and characters Windows forbids from a suggested name, so it is only ever a file name. */
export function safeFileName(suggested: string): string {
  const base = suggested.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is being removed
  const cleaned = base.replace(/[<>:"|?*\u0000-\u001f]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  return cleaned === '' ? 'export' : cleaned.slice(0, 200);
}

/**
 * Save-dialog settings per export kind: an HTML or PDF report, the KPI tables as CSV, or the event log as CSV,
 * XES or JSON Lines (the suggested name's extension picks the format).
 */
export function exportSpec(kind: DesktopExportKind, suggestedName: string): ExportSpec {
  const name = safeFileName(suggestedName);
  const stem = name.replace(/\.[^.]*$/, '') || name;
  switch (kind) {
    case 'report-html':
      return { defaultName: `${stem}.html`, filters: [{ name: 'HTML report', extensions: ['html'] }], extensions: ['html', 'htm'] };
    case 'report-pdf':
      return { defaultName: `${stem}.pdf`, filters: [{ name: 'PDF report', extensions: ['pdf'] }], extensions: ['pdf'] };
    case 'csv':
      return { defaultName: `${stem}.csv`, filters: [{ name: 'CSV table', extensions: ['csv'] }], extensions: ['csv'] };
    case 'event-log': {
      const ext = path.extname(name).slice(1).toLowerCase();
      const format = eventLogFormats[ext] ?? eventLogFormats.csv;
      return { defaultName: `${stem}.${format.extensions[0]}`, filters: [format], extensions: format.extensions };
    }
  }
}

/** Adds the kind's extension when the chosen path has none of the accepted ones. */
export function withExportExtension(filePath: string, spec: ExportSpec): string {
  const ext = path.extname(filePath).slice(1).toLowerCase();
  return spec.extensions.includes(ext) ? filePath : `${filePath}.${spec.extensions[0]}`;
}

/**
 * The bytes written for a text export. CSV gets a UTF-8 byte-order mark so that spreadsheet programs read
 * accented names correctly (cell contents, including the formula-injection guard, are the renderer's).
 */
export function exportText(kind: DesktopExportKind, filePath: string, content: string): string {
  const csv = kind === 'csv' || (kind === 'event-log' && filePath.toLowerCase().endsWith('.csv'));
  return csv && !content.startsWith('\uFEFF') ? `\uFEFF${content}` : content;
}
