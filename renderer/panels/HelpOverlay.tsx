import { actions } from '../actions/register';
import { useStudio } from '../state';

/** The keyboard shortcuts, listed from the action registry (so the list cannot drift from the keys). */
export function HelpOverlay() {
  const open = useStudio((s) => s.helpOpen);
  const setUi = useStudio((s) => s.setUi);
  if (!open) return null;
  const rows = actions.filter((a) => a.shortcut);
  return (
    <div className="overlay-backdrop" onClick={() => setUi({ helpOpen: false })} data-testid="help-overlay">
      <div className="overlay-card" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" onClick={(e) => e.stopPropagation()}>
        <div className="overlay-head">
          <h2>Keyboard shortcuts</h2>
          <button type="button" className="btn-icon" aria-label="Close" onClick={() => setUi({ helpOpen: false })}>
            ×
          </button>
        </div>
        <div className="shortcuts">
          {rows.map((a) => (
            <div className="shortcut" key={a.name}>
              <span>{a.label}</span>
              <kbd>{a.shortcut}</kbd>
            </div>
          ))}
          <div className="shortcut">
            <span>Select several</span>
            <span>
              <kbd>Ctrl</kbd>+click · <kbd>Shift</kbd>+drag a box
            </span>
          </div>
          <div className="shortcut">
            <span>Pan / zoom</span>
            <span className="muted">drag the background / wheel</span>
          </div>
        </div>
        <p className="shortcut-note">Connect two steps by dragging from a dot on the right (or bottom) of one to the dot on the left of the other.</p>
      </div>
    </div>
  );
}
