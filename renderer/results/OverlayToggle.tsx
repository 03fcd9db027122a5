import { useRunStore } from '../simulation/runStore';
import { setOverlayMode, useOverlayMode, type OverlayMode } from './overlay';
import './results.css';

const modes: ReadonlyArray<{ mode: OverlayMode; label: string; title: string }> = [
  { mode: 'off', label: 'Off', title: 'Show the diagram without results' },
  { mode: 'utilisation', label: 'Utilisation', title: 'Colour steps by how busy their people or system are; widen edges by order flow' },
  { mode: 'waiting', label: 'Waiting', title: 'Colour steps by the share of cycle time orders wait there; widen edges by order flow' },
];

/** The toolbar control that puts run results on the canvas (the editor places it in its toolbar). */
export default function OverlayToggle() {
  const mode = useOverlayMode();
  const hasResults = useRunStore((s) => s.last !== null);
  return (
    <div className="fc-res-segmented" role="group" aria-label="Results overlay on the diagram" data-testid="overlay-toggle">
      <span className="fc-res-segmented-label">Overlay</span>
      {modes.map((m) => (
        <button
          key={m.mode}
          type="button"
          aria-pressed={mode === m.mode}
          className={mode === m.mode ? 'is-active' : undefined}
          disabled={!hasResults && m.mode !== 'off'}
          title={!hasResults && m.mode !== 'off' ? 'Run a simulation first' : m.title}
          onClick={() => setOverlayMode(m.mode)}
        >
          {m.label}
        </button>
      ))}
    </div>
  );
}
