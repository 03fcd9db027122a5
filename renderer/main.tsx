import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/studio.css';
import { App } from './App';

const root = document.getElementById('root');
if (!root) throw new Error('Flowcast error 003: the page has no #root element.');
createRoot(root, {
  // A panel that fails shows its own message (ErrorBoundary); the studio goes on, so this is a warning.
  onCaughtError: (error, info) => console.warn('Flowcast: a panel failed and shows a message instead:', error, info.componentStack),
}).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
