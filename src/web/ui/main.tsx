import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@utrecht/design-tokens/dist/index.css';
import '@utrecht/component-library-css/dist/index.css';
import './styles.css';
import { App } from './App.js';

const container = document.getElementById('root');
if (!container) throw new Error('Element #root ontbreekt in index.html');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Printing: every chart's table alternative sits in a <details>; open them so the tables are printed.
window.addEventListener('beforeprint', () => {
  for (const details of document.querySelectorAll('details')) details.open = true;
});
