import { describe, expect, it } from 'vitest';
import type { CompletedRun } from '../../renderer/simulation/runStore';
import { exportResults, exportStem, noResultsMessage } from '../../renderer/results/export/exportResults';
import type { ExportKind } from '../../renderer/results/export/saveExport';
import { branchingModelInput, buildModel, simulate } from './helpers';

const model = buildModel(branchingModelInput);
const { report } = simulate(model, { replications: 2, days: 1, warmupDays: 0.25, seed: 5 });
const run: CompletedRun = {
  report,
  settings: { variantId: null, horizonMinutes: 1440, warmupMinutes: 360, replications: 2, seed: 5 },
  model,
  simulatedModel: model,
  wallSeconds: 0.4,
  workers: 1,
  instabilities: [],
};

function harness(current = run.model) {
  const statuses: Array<[string, string | undefined]> = [];
  const saved: Array<{ kind: ExportKind; name: string; content: string }> = [];
  return {
    statuses,
    saved,
    context: {
      run,
      documentName: 'Regional: current',
      currentModel: current,
      setStatus: (text: string, tone?: 'info' | 'error') => void statuses.push([text, tone]),
      save: (kind: ExportKind, name: string, content: string) => {
        saved.push({ kind, name, content });
        return Promise.resolve({ ok: true as const, path: `/tmp/${name}` });
      },
      now: () => new Date('2026-11-27T10:00:00Z'),
    },
  };
}

describe('exportResults', () => {
  it('says to run first when there are no results, and saves nothing', async () => {
    const h = harness();
    expect(await exportResults('csv', { ...h.context, run: null })).toBeUndefined();
    expect(h.statuses).toEqual([[noResultsMessage, undefined]]);
    expect(h.saved).toEqual([]);
  });

  it('saves each kind under a file name made from the document name', async () => {
    const h = harness();
    for (const kind of ['report-html', 'report-pdf', 'csv', 'event-log', 'event-log-xes'] as const) await exportResults(kind, h.context);
    expect(h.saved.map((s) => [s.kind, s.name])).toEqual([
      ['report-html', 'Regional- current report.html'],
      ['report-pdf', 'Regional- current report.pdf'],
      ['csv', 'Regional- current KPIs.csv'],
      ['event-log', 'Regional- current event log.csv'],
      // The shell knows one event-log kind and picks CSV or XES from the name.
      ['event-log', 'Regional- current event log.xes'],
    ]);
    expect(h.saved[0].content).toContain('2026-11-27 10:00:00 UTC');
    expect(h.saved[1].content).toBe(h.saved[0].content);
    expect(h.saved[2].content.startsWith('section,item,')).toBe(true);
    expect(h.saved[3].content.startsWith('case_id,activity,start,complete,resource,site,')).toBe(true);
    expect(h.statuses.at(-3)?.[0]).toMatch(/^Exported the event log \(CSV\) to \/tmp\/Regional- current event log\.csv \([\d,]+ steps of replication 1\)\.$/);
    expect(h.saved[4].content).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<log xes\.version="1849-2016"/);
    const csvRows = h.saved[3].content.trimEnd().split('\n').length - 1;
    expect(h.saved[4].content.match(/<event>/g)?.length).toBe(2 * csvRows);
    expect(h.statuses.at(-1)?.[0]).toBe(`Exported the event log (XES) to /tmp/Regional- current event log.xes (${csvRows.toLocaleString('en-US')} steps of replication 1).`);
  });

  it('marks the report when the document changed after the run, and reports a failed save as an error', async () => {
    const h = harness(buildModel(branchingModelInput));
    await exportResults('report-html', h.context);
    expect(h.saved[0].content).toContain('The model was changed after this run');
    const failing = { ...h.context, save: () => Promise.resolve({ ok: false as const, error: 'disk full' }) };
    await exportResults('csv', failing);
    expect(h.statuses.at(-1)).toEqual(['Could not export the KPI tables (CSV): disk full', 'error']);
  });

  it('makes safe file-name stems', () => {
    expect(exportStem('a/b\\c*?')).toBe('a-b-c-');
    expect(exportStem('   ')).toBe('Flowcast');
  });
});
