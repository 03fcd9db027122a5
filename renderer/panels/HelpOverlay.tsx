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
        <table className="shortcuts">
          <tbody>
            {rows.map((a) => (
              <tr key={a.name}>
                <td>{a.label}</td>
                <td>
                  <kbd>{a.shortcut}</kbd>
                </td>
              </tr>
            ))}
            <tr>
              <td>Select several</td>
              <td>
                <kbd>Ctrl</kbd>+click, or <kbd>Shift</kbd>+drag a box
              </td>
            </tr>
            <tr>
              <td>Pan / zoom</td>
              <td>drag the background / mouse wheel</td>
            </tr>
            <tr>
              <td>Connect two steps</td>
              <td>drag from a step’s right (or bottom) dot to another’s left dot</td>
            </tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}
