import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DesktopDocument } from '../../models/desktop';
import { createRecentDocuments } from '../../electron/main/recent';
import { createRecoveryStore, type RecoveryStore } from '../../electron/main/recovery';
import { createDocumentSession, type SessionDialogs, type SessionOptions } from '../../electron/main/session';
import type { CloseChoice, RestoreChoice } from '../../electron/main/windows';
import { faultyFs, fsError, makeTempDir, manualTimers, minimalModelText, realFs } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

/** Dialogs with scripted answers, recording what was asked. */
function scriptedDialogs() {
  const asked: string[] = [];
  const answers = { open: [] as Array<string | undefined>, save: [] as Array<string | undefined>, unsaved: [] as CloseChoice[], restore: [] as RestoreChoice[] };
  const errors: string[] = [];
  const dialogs: SessionDialogs = {
    showOpen: async () => (asked.push('open'), answers.open.shift()),
    showSave: async ({ defaultPath }) => (asked.push(`save ${path.basename(defaultPath)}`), answers.save.shift()),
    askUnsaved: async (name) => (asked.push(`unsaved ${name}`), answers.unsaved.shift() ?? 'cancel'),
    askRestore: async (entries) => (asked.push(`restore ${entries.length}`), answers.restore.shift() ?? 'later'),
    showError: (title, message) => void errors.push(`${title}: ${message}`),
  };
  return { dialogs, asked, answers, errors };
}

function setup(overrides: Partial<SessionOptions> = {}) {
  const script = scriptedDialogs();
  const timers = manualTimers();
  const sent: DesktopDocument[] = [];
  const recovery = createRecoveryStore({ fs: realFs, dir: path.join(dir, 'userData', 'recovery'), now: () => new Date('2026-11-27T08:00:00Z') });
  const recent = createRecentDocuments({ fs: realFs, file: path.join(dir, 'userData', 'recent.json') });
  const pdfCalls: string[] = [];
  const session = createDocumentSession({
    fs: realFs,
    recent,
    recovery,
    dialogs: script.dialogs,
    appInfo: { name: 'Flowcast', version: '0.1.0', platform: 'linux' },
    sessionId: 'run-now',
    documentsDir: dir,
    sendDocument: (d) => void sent.push(d),
    printToPdf: async (html) => (pdfCalls.push(html), new TextEncoder().encode('%PDF-1.7 fake')),
    timers,
    platform: 'linux',
    ...overrides,
  });
  return { session, handlers: session.handlers, ...script, timers, sent, recovery, recent, pdfCalls };
}

async function writeModel(name: string, text?: string): Promise<string> {
  const p = path.join(dir, name);
  await fsp.writeFile(p, text ?? (await minimalModelText()));
  return p;
}

describe('document session', () => {
  it('opens through the dialog, grants the path, and saves back to it', async () => {
    const s = setup();
    const file = await writeModel('north.flowcast.json');
    s.answers.open.push(file);
    const document = await s.handlers.openModel();
    expect(document?.path).toBe(file);
    expect(await s.handlers.recentDocuments()).toEqual([file]);
    const edited = (await minimalModelText()).replace('Minimal: one desk', 'North');
    const result = await s.handlers.saveModel({ ...document!, text: edited });
    expect(result).toMatchObject({ ok: true, path: file });
    expect(await fsp.readFile(file, 'utf8')).toBe(edited);
    expect(s.asked).toEqual(['open']);
  });

  it('never writes to a path the renderer made up: it asks with a save dialog instead', async () => {
    const s = setup();
    const victim = await writeModel('victim.flowcast.json', 'precious');
    s.answers.save.push(undefined);
    const result = await s.handlers.saveModel({ path: victim, name: 'victim.flowcast.json', text: await minimalModelText() });
    expect(result).toEqual({ ok: false, canceled: true });
    expect(s.asked).toEqual(['save victim.flowcast.json']);
    expect(await fsp.readFile(victim, 'utf8')).toBe('precious');
  });

  it('save as adds the extension, records the path as recent, and later saves go there', async () => {
    const s = setup();
    s.answers.save.push(path.join(dir, 'south'));
    const text = await minimalModelText();
    const first = await s.handlers.saveModelAs({ name: 'Untitled', text });
    const target = path.join(dir, 'south.flowcast.json');
    expect(first).toMatchObject({ ok: true, path: target });
    expect(await s.handlers.saveModel({ path: target, name: 'south.flowcast.json', text })).toMatchObject({ ok: true });
    expect(s.asked).toEqual(['save Untitled.flowcast.json']);
    expect(await s.recent.list()).toEqual([target]);
  });

  it('suggests a file name the OS accepts, from the document name or "Untitled"', async () => {
    const s = setup();
    const text = await minimalModelText();
    await s.handlers.saveModelAs({ name: 'Regional distributor: current state', text });
    await s.handlers.saveModelAs({ name: '', text });
    await s.handlers.saveModelAs({ name: 'north.flowcast.json', text });
    expect(s.asked).toEqual(['save Regional distributor_ current state.flowcast.json', 'save Untitled.flowcast.json', 'save north.flowcast.json']);
  });

  it('refuses to save an invalid model, with findings, before asking for a name', async () => {
    const s = setup();
    const result = await s.handlers.saveModelAs({ name: 'Untitled', text: '{"formatVersion":1,"nodes":[]}' });
    expect(result.ok).toBe(false);
    expect(result.findings?.some((f) => f.severity === 'error')).toBe(true);
    expect(s.asked).toEqual([]);
  });

  it('opens an invalid file with its findings and leaves it unchanged', async () => {
    const s = setup();
    const file = await writeModel('bad.flowcast.json', '{"formatVersion": 2, "nodes": "no"}');
    await s.session.openPath(file);
    expect(s.sent).toHaveLength(1);
    expect(s.sent[0].text).toBe('{"formatVersion": 2, "nodes": "no"}');
    expect(s.sent[0].findings?.some((f) => f.severity === 'error')).toBe(true);
    expect(await fsp.readFile(file, 'utf8')).toBe('{"formatVersion": 2, "nodes": "no"}');
  });

  it('opens only recent paths through openRecent', async () => {
    const s = setup();
    await expect(s.handlers.openRecent('/etc/passwd')).rejects.toThrow(/not on the recent documents list/);
    const file = await writeModel('a.flowcast.json');
    await s.recent.add(file);
    expect((await s.handlers.openRecent(file))?.path).toBe(file);
  });

  it('shows an error and drops a recent entry whose file cannot be read', async () => {
    const file = await writeModel('locked.flowcast.json');
    const fs = faultyFs({ readFile: async (p, encoding) => (p === file ? Promise.reject(fsError('EACCES', `permission denied, open '${p}'`)) : realFs.readFile(p, encoding)) });
    const s = setup({ fs });
    await s.recent.add(file);
    expect(await s.handlers.openRecent(file)).toBeUndefined();
    expect(s.errors).toHaveLength(1);
    expect(s.errors[0]).toMatch(/locked\.flowcast\.json: EACCES/);
    expect(await s.recent.has(file)).toBe(false);
  });

  describe('unsaved changes', () => {
    it('closes at once when nothing is dirty', async () => {
      const s = setup();
      expect(await s.session.confirmClose()).toBe(true);
      await s.handlers.documentChanged({ dirty: false, document: { name: 'a', text: '{}' } });
      expect(await s.session.confirmClose()).toBe(true);
      expect(s.asked).toEqual([]);
    });

    it('Cancel keeps the window open; Don\'t save closes and drops the recovery copy', async () => {
      const s = setup();
      await s.handlers.documentChanged({ dirty: true, document: { name: 'Untitled', text: 'work in progress' } });
      await s.session.flush();
      expect(await s.recovery.read('run-now')).toBeDefined();
      s.answers.unsaved.push('cancel');
      expect(await s.session.confirmClose()).toBe(false);
      s.answers.unsaved.push('discard');
      expect(await s.session.confirmClose()).toBe(true);
      expect(await s.recovery.read('run-now')).toBeUndefined();
      expect(s.asked).toEqual(['unsaved Untitled', 'unsaved Untitled']);
      // The session forgets the closed document: a new window (macOS) closes without asking.
      expect(s.session.current()).toBeUndefined();
      expect(await s.session.confirmClose()).toBe(true);
      expect(s.asked).toHaveLength(2);
    });

    it('Save writes the latest reported document, then closes', async () => {
      const s = setup();
      const file = await writeModel('north.flowcast.json');
      await s.session.openPath(file);
      const edited = (await minimalModelText()).replace('Minimal: one desk', 'Edited');
      await s.handlers.documentChanged({ dirty: true, document: { path: file, name: 'north.flowcast.json', text: edited } });
      s.answers.unsaved.push('save');
      expect(await s.session.confirmClose()).toBe(true);
      expect(await fsp.readFile(file, 'utf8')).toBe(edited);
      expect(await s.recovery.read('run-now')).toBeUndefined();
      expect(await s.recent.list()).toEqual([file]);
    });

    it('Save of an invalid model keeps the window open and says why', async () => {
      const s = setup();
      await s.handlers.documentChanged({ dirty: true, document: { name: 'Untitled', text: '{}' } });
      s.answers.unsaved.push('save');
      expect(await s.session.confirmClose()).toBe(false);
      expect(s.errors[0]).toMatch(/not saved/);
    });

    it('asks before replacing a dirty document with another file', async () => {
      const s = setup();
      const file = await writeModel('b.flowcast.json');
      await s.handlers.documentChanged({ dirty: true, document: { name: 'Untitled', text: 'x' } });
      s.answers.unsaved.push('cancel');
      await s.session.openPath(file);
      expect(s.sent).toEqual([]);
      s.answers.unsaved.push('discard');
      await s.session.openPath(file);
      expect(s.sent.map((d) => d.path)).toEqual([file]);
    });

    it("Don't save then canceling the open dialog keeps the recovery copy; opening a file drops it", async () => {
      const s = setup();
      await s.handlers.documentChanged({ dirty: true, document: { name: 'Untitled', text: 'draft' } });
      await s.session.flush();
      s.answers.unsaved.push('discard');
      s.answers.open.push(undefined);
      expect(await s.handlers.openModel()).toBeUndefined();
      expect((await s.recovery.read('run-now'))?.text).toBe('draft');
      const file = await writeModel('c.flowcast.json');
      s.answers.unsaved.push('discard');
      s.answers.open.push(file);
      expect((await s.handlers.openModel())?.path).toBe(file);
      expect(await s.recovery.read('run-now')).toBeUndefined();
      expect(s.session.current()).toMatchObject({ dirty: false, document: { path: file } });
    });
  });

  describe('autosave and recovery', () => {
    it('autosaves a dirty document after a quiet moment and discards it once saved', async () => {
      const s = setup();
      const text = await minimalModelText();
      await s.handlers.documentChanged({ dirty: true, document: { name: 'Untitled', text } });
      expect(await s.recovery.read('run-now')).toBeUndefined();
      s.timers.advance(2000);
      await s.session.flush();
      expect((await s.recovery.read('run-now'))?.text).toBe(text);
      s.answers.save.push(path.join(dir, 'saved.flowcast.json'));
      expect((await s.handlers.saveModel({ name: 'Untitled', text })).ok).toBe(true);
      expect(await s.recovery.read('run-now')).toBeUndefined();
    });

    it('does not let the renderer attach an ungranted path to the autosaved copy', async () => {
      const s = setup();
      await s.handlers.documentChanged({ dirty: true, document: { path: '/etc/passwd', name: 'x', text: 't' } });
      await s.session.flush();
      expect((await s.recovery.read('run-now'))?.path).toBeUndefined();
      expect(s.session.current()?.document.path).toBeUndefined();
    });

    it('offers nothing when the recovery area is empty', async () => {
      const s = setup();
      await s.session.offerRecovery();
      expect(s.asked).toEqual([]);
    });

    async function crashedEarlier(store: RecoveryStore): Promise<string> {
      const file = await writeModel('north.flowcast.json');
      await store.write('run-old', { path: file, name: 'north.flowcast.json', text: 'unsaved edits' });
      return file;
    }

    it('restores the newest entry after a crash, as a dirty document that saves to its file', async () => {
      const s = setup();
      const file = await crashedEarlier(s.recovery);
      s.answers.restore.push('restore');
      await s.session.offerRecovery();
      expect(s.asked).toEqual(['restore 1']);
      expect(s.sent).toHaveLength(1);
      expect(s.sent[0]).toMatchObject({ path: file, name: 'north.flowcast.json', text: 'unsaved edits', recoveredAt: '2026-11-27T08:00:00.000Z' });
      expect(s.session.current()?.dirty).toBe(true);
      expect((await s.recovery.list()).map((e) => e.id)).toEqual(['run-now']);
      const valid = await minimalModelText();
      expect(await s.handlers.saveModel({ path: file, name: 'north.flowcast.json', text: valid })).toMatchObject({ ok: true, path: file });
      expect(s.asked).toEqual(['restore 1']);
      expect(await s.recovery.list()).toEqual([]);
    });

    it('Discard removes every entry; Not now keeps them for the next start', async () => {
      const later = setup();
      await crashedEarlier(later.recovery);
      later.answers.restore.push('later');
      await later.session.offerRecovery();
      expect((await later.recovery.list()).map((e) => e.id)).toEqual(['run-old']);
      expect(later.sent).toEqual([]);
      const discard = setup();
      discard.answers.restore.push('discard');
      await discard.session.offerRecovery();
      expect(await discard.recovery.list()).toEqual([]);
    });
  });

  describe('exports', () => {
    it('writes HTML and CSV through the save dialog', async () => {
      const s = setup();
      s.answers.save.push(path.join(dir, 'report'));
      expect(await s.handlers.exportFile({ kind: 'report-html', suggestedName: 'North.html', content: '<!doctype html><p>ok</p>' })).toEqual({ ok: true, path: path.join(dir, 'report.html') });
      expect(await fsp.readFile(path.join(dir, 'report.html'), 'utf8')).toBe('<!doctype html><p>ok</p>');
      s.answers.save.push(path.join(dir, 'kpis.csv'));
      await s.handlers.exportFile({ kind: 'csv', suggestedName: 'kpis.csv', content: 'kpi,value\nthroughput,12' });
      expect(await fsp.readFile(path.join(dir, 'kpis.csv'), 'utf8')).toBe('\uFEFFkpi,value\nthroughput,12');
      expect(s.asked).toEqual(['save North.html', 'save kpis.csv']);
    });

    it('prints PDF reports from their HTML', async () => {
      const s = setup();
      s.answers.save.push(path.join(dir, 'r.pdf'));
      const result = await s.handlers.exportFile({ kind: 'report-pdf', suggestedName: 'r', content: '<p>report</p>' });
      expect(result.ok).toBe(true);
      expect(s.pdfCalls).toEqual(['<p>report</p>']);
      expect(await fsp.readFile(path.join(dir, 'r.pdf'), 'utf8')).toBe('%PDF-1.7 fake');
    });

    it('reports a canceled dialog and a failed print without writing', async () => {
      const s = setup({ printToPdf: async () => Promise.reject(new Error('printing failed')) });
      expect(await s.handlers.exportFile({ kind: 'csv', suggestedName: 'k', content: '' })).toEqual({ ok: false, canceled: true });
      s.answers.save.push(path.join(dir, 'r.pdf'));
      const result = await s.handlers.exportFile({ kind: 'report-pdf', suggestedName: 'r', content: '<p/>' });
      expect(result).toMatchObject({ ok: false });
      expect(result.error).toMatch(/printing failed/);
      expect(await fsp.readdir(dir)).not.toContain('r.pdf');
    });
  });

  it('answers app info', async () => {
    expect(await setup().handlers.appInfo()).toEqual({ name: 'Flowcast', version: '0.1.0', platform: 'linux' });
  });
});
