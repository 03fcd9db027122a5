import { describe, expect, it } from 'vitest';
import { exportSpec, exportText, safeFileName, withExportExtension } from '../../electron/main/exports';

describe('exports', () => {
  it('offers the right file type per kind', () => {
    expect(exportSpec('report-html', 'North report.html')).toMatchObject({ defaultName: 'North report.html', extensions: ['html', 'htm'] });
    expect(exportSpec('report-pdf', 'North report.html').defaultName).toBe('North report.pdf');
    expect(exportSpec('csv', 'kpis').defaultName).toBe('kpis.csv');
    expect(exportSpec('event-log', 'run.xes')).toMatchObject({ defaultName: 'run.xes', extensions: ['xes'] });
    expect(exportSpec('event-log', 'run.jsonl').defaultName).toBe('run.jsonl');
    expect(exportSpec('event-log', 'run.exe').defaultName).toBe('run.csv');
  });

  it('keeps only a file name from the suggestion', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Windows\\a:b?.csv')).toBe('a_b_.csv');
    expect(safeFileName('...')).toBe('export');
  });

  it('adds the extension when the person typed none', () => {
    const spec = exportSpec('report-pdf', 'r');
    expect(withExportExtension('/d/report', spec)).toBe('/d/report.pdf');
    expect(withExportExtension('/d/report.PDF', spec)).toBe('/d/report.PDF');
  });

  it('marks CSV as UTF-8 for spreadsheets, once, and leaves other formats alone', () => {
    expect(exportText('csv', '/d/k.csv', 'a,b')).toBe('\uFEFFa,b');
    expect(exportText('csv', '/d/k.csv', '\uFEFFa,b')).toBe('\uFEFFa,b');
    expect(exportText('event-log', '/d/log.csv', 'x')).toBe('\uFEFFx');
    expect(exportText('event-log', '/d/log.xes', '<log/>')).toBe('<log/>');
    expect(exportText('report-html', '/d/r.html', '<html>')).toBe('<html>');
  });
});
