import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/studio.css';
import { App } from './App';

const root = document.getElementById('root');
if (!root) throw new Error('Flowcast error 003: the page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
