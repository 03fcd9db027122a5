import { useState } from 'react';

/** The engine's notes on a run (warm-up, precision, offered load), folded into one button that opens them. */
export default function ResultsNotes({ messages }: { messages: readonly string[] }) {
  const [open, setOpen] = useState(false);
  if (messages.length === 0) return null;
  return (
    <div className="fc-res-warning" data-testid="results-warnings">
      <button type="button" className="fc-res-link" aria-expanded={open} onClick={() => setOpen(!open)}>
        {messages.length} note{messages.length === 1 ? '' : 's'} on these results {open ? '▴' : '▾'}
      </button>
      {open && (
        <ul>
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

