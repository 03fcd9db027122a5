import { useEffect, useState } from 'react';
import { useStudio } from '../state';
import { nodesOf } from '../state/documentOps';

/** One line at the bottom: what the last action did (or why it refused), and the size of the model. */
export function StatusBar() {
  const status = useStudio((s) => s.status);
  const counts = useStudio((s) => `${nodesOf(s.doc).length} steps · ${Array.isArray(s.doc.edges) ? s.doc.edges.length : 0} paths`);
  const [visible, setVisible] = useState(status);
  useEffect(() => {
    setVisible(status);
    if (!status) return;
    const t = setTimeout(() => setVisible(null), status.tone === 'error' ? 9000 : 5000);
    return () => clearTimeout(t);
  }, [status]);
  return (
    <footer className="statusbar">
      <span className={`status-text ${visible?.tone ?? ''}`} role="status" data-testid="status">
        {visible?.text ?? ''}
      </span>
      <span className="status-right">{counts}</span>
    </footer>
  );
}
