import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { calibrate, parseCsvEventLog } from '../../simulator/calibrate';
import CalibrationReportView from '../../renderer/interop/CalibrationReportView';
import ExportBpmnDialog from '../../renderer/interop/ExportBpmnDialog';
import ImportBpmnDialog from '../../renderer/interop/ImportBpmnDialog';
import ImportEventLogDialog from '../../renderer/interop/ImportEventLogDialog';

const noop = () => undefined;

describe('interop dialogs (server-rendered: markup only, no DOM)', () => {
  it('render nothing while closed', () => {
    expect(renderToStaticMarkup(createElement(ImportBpmnDialog, { open: false, onClose: noop, onImport: noop }))).toBe('');
    expect(renderToStaticMarkup(createElement(ImportEventLogDialog, { open: false, onClose: noop, onImport: noop }))).toBe('');
    expect(renderToStaticMarkup(createElement(ExportBpmnDialog, { open: false, model: undefined, name: 'x', onClose: noop }))).toBe('');
  });

  it('open as labelled modal dialogs with a file picker, and export says when the model is invalid', () => {
    const bpmn = renderToStaticMarkup(createElement(ImportBpmnDialog, { open: true, onClose: noop, onImport: noop }));
    expect(bpmn).toMatch(/role="dialog" aria-modal="true"/);
    expect(bpmn).toMatch(/<input type="file" accept="\.bpmn/);
    const log = renderToStaticMarkup(createElement(ImportEventLogDialog, { open: true, onClose: noop, onImport: noop }));
    expect(log).toMatch(/accept="\.csv,\.xes/);
    const exported = renderToStaticMarkup(createElement(ExportBpmnDialog, { open: true, model: undefined, name: 'x', onClose: noop }));
    expect(exported).toMatch(/only a valid model can be exported/);
  });

  it('the calibration report shows the comparison, fits, paths and teams', () => {
    const text = readFileSync(new URL('../fixtures/logs/small.csv', import.meta.url), 'utf8');
    const { report } = calibrate(parseCsvEventLog(text, { case: 'Case ID', activity: 'Task', start: 'Started', end: 'Finished', resource: 'Who' }), { replications: 2 });
    const html = renderToStaticMarkup(createElement(CalibrationReportView, { report }));
    expect(html).toMatch(/Simulated vs observed/);
    expect(html).toMatch(/<td>Enter order<\/td><td>Credit check<\/td><td class="num">3<\/td><td class="num">75\.0%<\/td>/);
    expect(html).toMatch(/<td>Credit check<\/td><td class="num">3<\/td><td class="num">30\.00<\/td>/);
    expect(html).toMatch(/anna, bob/);
  });
});

describe('calibration job of the studio', () => {
  it('runs on this thread where there is no Worker (Node) and reports problems with rows', async () => {
    const { startCalibration } = await import('../../renderer/interop/calibrationClient');
    const good = startCalibration({ fileName: 'small.xes', text: readFileSync(new URL('../fixtures/logs/small.xes', import.meta.url), 'utf8'), format: 'xes', mapping: {}, minEdgeShare: 0.02 });
    const outcome = await good.outcome;
    expect(outcome.ok && outcome.result.report.cases).toBe(2);
    const bad = await startCalibration({ fileName: 'bad.csv', text: readFileSync(new URL('../fixtures/logs/out-of-order.csv', import.meta.url), 'utf8'), format: 'csv', mapping: {}, minEdgeShare: 0.02 }).outcome;
    expect(bad).toEqual({ ok: false, problems: [expect.stringMatching(/^Row 3: out of order/)] });
  });
});
