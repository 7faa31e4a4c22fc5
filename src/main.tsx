import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/app.css';
import { startSync } from './state/sync';
import { watchEngine } from './state/engineStore';
import { client } from './worker/client';

startSync();
watchEngine();
client.warmup();
// For e2e tests and the bench: the same door the UI uses (nothing the page could not do already).
Object.assign(window, { __workbenchEngine: client });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
