import { useEffect, useId, useRef, useState } from 'react';
import { runAction } from '../../actions/register';
import type { ActionName } from '../../actions/types';
import { desktopApi } from '../../platform/desktopBridge';
import { useStudioStore } from '../../state';
import { useExportResults } from './useExportResults';

const entries: Array<{ action: ActionName; label: string; hint: string }> = [
  { action: 'exportReport', label: 'Report (HTML)', hint: 'One self-contained page: KPIs with 95% intervals, SLAs, bottlenecks, utilisation, steps, settings and assumptions.' },
  { action: 'exportReportPdf', label: 'Report (PDF)', hint: 'The same report on A4 pages.' },
  { action: 'exportCsv', label: 'KPI tables (CSV)', hint: 'Every figure with its 95% interval, one row each, for a spreadsheet.' },
  { action: 'exportEventLog', label: 'Event log (CSV)', hint: 'Every step of replication 1 of this run (case, activity, start, complete, resource, site) for process-mining tools.' },
  { action: 'exportEventLogXes', label: 'Event log (XES)', hint: 'The same steps as an IEEE 1849 XES log (one trace per order, start and complete events) for ProM, PM4Py, Disco and Celonis.' },
];

/** The results panel's Export menu: each entry runs the named export action, as the File menu does. */
export default function ExportMenu() {
  const store = useStudioStore();
  const exportResults = useExportResults();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const inBrowser = !desktopApi();

  useEffect(() => {
    if (!open) return;
    const onDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    window.addEventListener('pointerdown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointerdown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const run = async (action: ActionName) => {
    setOpen(false);
    setBusy(true);
    try {
      await runAction(action, { store, services: { exportResults } });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="fc-res-export" ref={root} data-testid="results-export">
      <button type="button" className="fc-res-expand" aria-haspopup="menu" aria-expanded={open} aria-controls={menuId} disabled={busy} onClick={() => setOpen(!open)} title="Export these results">
        {busy ? 'Exporting…' : 'Export ▾'}
      </button>
      {open && (
        <div className="fc-res-export-menu" role="menu" id={menuId}>
          {entries.map((entry) => (
            <button key={entry.action} type="button" role="menuitem" title={entry.hint} data-testid={`export-${entry.action}`} onClick={() => void run(entry.action)}>
              {entry.label}
              {entry.action === 'exportReportPdf' && inBrowser ? <span className="fc-res-export-note"> · print dialog</span> : null}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
