/**
 * Where an export goes: the desktop shell's save dialog (through renderer/platform/desktopBridge.ts, which owns
 * `window.flowcast`), or, in a browser, a download; a PDF in a browser goes through the print dialog, where
 * "Save as PDF" is one of the printers.
 */
import type { DesktopExportKind } from '../../../models/desktop';
import { desktopApi } from '../../platform/desktopBridge';

export type ExportKind = DesktopExportKind;

/** How an export ended; `canceled` when the person closed the dialog (not an error). */
export type ExportOutcome = { ok: true; path?: string; printed?: boolean } | { ok: false; canceled?: boolean; error: string };

/** The download's type: an event log is CSV or XES (XML), told apart by the name, as the desktop shell does. */
function mimeType(kind: Exclude<ExportKind, 'report-pdf'>, name: string): string {
  if (kind === 'report-html') return 'text/html;charset=utf-8';
  if (kind === 'event-log' && /\.xes$/i.test(name)) return 'application/xml;charset=utf-8';
  return 'text/csv;charset=utf-8';
}

/**
 * Saves `content` (for `report-pdf`: the report's HTML) as `suggestedName`.
 * @example await saveExport('csv', 'Regional current KPIs.csv', kpiCsv(report));
 */
export async function saveExport(kind: ExportKind, suggestedName: string, content: string): Promise<ExportOutcome> {
  const api = desktopApi();
  if (api) {
    const result = await api.exportFile({ kind, suggestedName, content });
    if (result.ok) return { ok: true, ...(result.path ? { path: result.path } : {}) };
    return { ok: false, canceled: result.canceled, error: result.error ?? 'The export was not written.' };
  }
  if (kind === 'report-pdf') return printHtml(content);
  // CSV gets a byte-order mark, as the desktop shell writes it, so spreadsheets read accented names correctly;
  // HTML and XES (XML, which declares its encoding) do not.
  const type = mimeType(kind, suggestedName);
  const bytes = type.startsWith('text/csv') ? `\uFEFF${content}` : content;
  download(suggestedName, bytes, type);
  return { ok: true, path: suggestedName };
}

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: the browser reads the blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Opens the browser's print dialog on the report, in a hidden frame so the studio itself is not printed. */
function printHtml(html: string): Promise<ExportOutcome> {
  return new Promise((resolve) => {
    const frame = document.createElement('iframe');
    frame.setAttribute('aria-hidden', 'true');
    frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;visibility:hidden';
    // The report has no scripts; the sandbox still keeps them off (allow-modals lets print() open its dialog).
    frame.setAttribute('sandbox', 'allow-same-origin allow-modals');
    frame.addEventListener('load', () => {
      const view = frame.contentWindow;
      if (!view) {
        frame.remove();
        resolve({ ok: false, error: 'The browser could not prepare the report for printing.' });
        return;
      }
      view.addEventListener('afterprint', () => setTimeout(() => frame.remove(), 0), { once: true });
      view.focus();
      view.print();
      resolve({ ok: true, printed: true });
    });
    frame.srcdoc = html;
    document.body.appendChild(frame);
  });
}
