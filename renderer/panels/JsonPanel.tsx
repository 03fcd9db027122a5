import { useEffect, useRef, useState } from 'react';
import { useStudio, useStudioStore } from '../state';
import type { StudioDocument } from '../state/documentOps';

/**
 * The document as JSON text, editable. A document that is not JSON at all lives here until it parses; edits are
 * applied as soon as the text is valid JSON (then the canvas and the problems follow), one undo step per pause.
 */
export function JsonPanel() {
  const store = useStudioStore();
  const doc = useStudio((s) => s.doc);
  const rawText = useStudio((s) => s.rawText);
  const shown = rawText ?? JSON.stringify(doc, null, 2);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string>();
  const own = useRef<string | null>(null);
  useEffect(() => {
    // Follow the document unless the change came from this text box.
    if (own.current === shown) return;
    setText(shown);
    setError(undefined);
  }, [shown]);
  const onChange = (next: string) => {
    setText(next);
    let parsed: unknown;
    try {
      parsed = JSON.parse(next);
    } catch (e) {
      setError(`Not valid JSON: ${e instanceof Error ? e.message : String(e)}. The document keeps its last valid state.`);
      if (store.getState().rawText !== null) store.getState().setRawText(next);
      return;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      setError('A model file is a JSON object: { "formatVersion": 2, … }.');
      return;
    }
    setError(undefined);
    own.current = JSON.stringify(parsed, null, 2);
    const s = store.getState();
    s.updateDocument(() => parsed as StudioDocument, { coalesce: 'json-view' });
    if (s.rawText !== null) s.setRawText(null);
  };
  return (
    <div className="json-panel">
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
      <textarea className="code" spellCheck={false} value={text} onChange={(e) => onChange(e.target.value)} aria-label="Document JSON" data-testid="json-text" />
    </div>
  );
}
