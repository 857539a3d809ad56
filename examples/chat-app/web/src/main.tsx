import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@verdict/react/styles.css';
import { App } from './app';
import './page.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html lost its #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
