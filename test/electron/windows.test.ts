import { describe, expect, it } from 'vitest';
import { closeChoice, restoreChoice, restoreDialog, unsavedChangesDialog, windowTitle } from '../../electron/main/windows';

describe('prompts', () => {
  it('asks Save / Don\'t save / Cancel, with Cancel on Escape', () => {
    const box = unsavedChangesDialog('north.flowcast.json', 'win32');
    expect(box.buttons).toEqual(['Save', "Don't save", 'Cancel']);
    expect(box.message).toContain('north.flowcast.json');
    expect(box.cancelId).toBe(2);
    expect([0, 1, 2, box.cancelId ?? -1].map(closeChoice)).toEqual(['save', 'discard', 'cancel', 'cancel']);
    expect(unsavedChangesDialog('a', 'darwin').buttons?.[1]).toBe("Don't Save");
  });

  it('offers to restore the newest autosave and says what happens to older ones', () => {
    const one = restoreDialog([{ id: 'r1', name: 'north.flowcast.json', text: '', savedAt: '2026-11-27T08:00:00.000Z', path: '/m/north.flowcast.json' }]);
    expect(one.message).toContain('north.flowcast.json');
    expect(one.detail).toContain('/m/north.flowcast.json');
    expect(one.detail).not.toMatch(/older/);
    const three = restoreDialog([
      { id: 'r3', name: 'Untitled', text: '', savedAt: '2026-11-27T09:00:00.000Z' },
      { id: 'r2', name: 'b', text: '', savedAt: '2026-11-27T08:30:00.000Z' },
      { id: 'r1', name: 'a', text: '', savedAt: '2026-11-27T08:00:00.000Z' },
    ]);
    expect(three.message).toContain('Untitled');
    expect(three.detail).toMatch(/2 older unsaved documents are kept/);
    expect([0, 1, 2].map(restoreChoice)).toEqual(['restore', 'discard', 'later']);
  });

  it('marks unsaved documents in the title except on macOS, which uses the close-button dot', () => {
    expect(windowTitle(undefined, false, 'linux')).toBe('Flowcast');
    expect(windowTitle('a.flowcast.json', true, 'linux')).toBe('• a.flowcast.json — Flowcast');
    expect(windowTitle('a.flowcast.json', true, 'darwin')).toBe('a.flowcast.json — Flowcast');
    expect(windowTitle('a.flowcast.json', false, 'win32')).toBe('a.flowcast.json — Flowcast');
    expect(windowTitle('', true, 'win32')).toBe('• Untitled — Flowcast');
  });
});
