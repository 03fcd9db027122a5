import type { NodeKind } from '../../../models';

/** Accent colour of each node kind (header stripe, palette, minimap). */
export const kindColors: Record<NodeKind, string> = {
  source: '#1f8a5b',
  activity: '#2f6fdb',
  integration: '#0f8b9b',
  decision: '#c08a00',
  split: '#6b5bd6',
  join: '#6b5bd6',
  delay: '#7a7f8a',
  batch: '#b4582b',
  allocate: '#2b8a3e',
  creditCheck: '#a61e4d',
  awaitPayment: '#5c940d',
  end: '#3d4450',
};

const paths: Record<NodeKind, string> = {
  source: 'M4 3v10l9-5z',
  activity: 'M8 2a3 3 0 1 1 0 6 3 3 0 0 1 0-6zM2.5 14c.4-3 2.7-4.5 5.5-4.5s5.1 1.5 5.5 4.5z',
  integration: 'M2 3h12v4H2zM2 9h12v4H2zM4 4.5h2v1H4zM4 10.5h2v1H4z',
  decision: 'M8 1.5l6.5 6.5L8 14.5 1.5 8z',
  split: 'M2 7h5l4-4h3v2h-2.2L8 8.8 11.8 11H14v2h-3L7 9H2z',
  join: 'M14 7H9L5 3H2v2h2.2L8 8.8 4.2 11H2v2h3l4-4h5z',
  delay: 'M8 1.5a6.5 6.5 0 1 1 0 13 6.5 6.5 0 0 1 0-13zm0 2a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9zM7.3 5h1.4v3.2l2.2 1.3-.7 1.2-2.9-1.7z',
  batch: 'M2 10h12v3H2zM3 6h10v3H3zM4 2h8v3H4z',
  allocate: 'M2 5l6-3 6 3v7l-6 3-6-3zM8 8.2L3.6 6 8 3.8 12.4 6zM7.3 9.4v4.1L3.5 11.6V7.5z',
  creditCheck: 'M1.5 4h13v8h-13zM1.5 6h13v1.6h-13zM3 10h4v1H3z',
  awaitPayment: 'M8 1.5a6.5 6.5 0 1 1 0 13 6.5 6.5 0 0 1 0-13zM7.2 4v1a2 2 0 0 0 .3 3.9h1a.6.6 0 0 1 0 1.2H6.2v1.4h1v1h1.6v-1a2 2 0 0 0-.3-4h-1a.6.6 0 0 1 0-1.2h2.3V5H8.8V4z',
  end: 'M3 3h10v10H3z',
};

/** A small, crisp icon per node kind (no icon font: the CSP allows no external fonts). */
export function KindIcon({ kind, size = 16 }: { kind: NodeKind; size?: number }) {
  return (
    <svg className="kind-icon" width={size} height={size} viewBox="0 0 16 16" aria-hidden="true">
      <path d={paths[kind] ?? paths.end} fill="currentColor" fillRule="evenodd" />
    </svg>
  );
}
