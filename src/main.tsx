/**
 * The studio's entry: texts, the simulation host, the app, and (in production builds) the service worker.
 * The start order (src/ui/layout/startOrder.ts): the simulation's chunk is requested before React renders
 * anything, the terminal and the lesson text render at once, the rest follows the running simulation.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// React Flow's stylesheet stays in the entry's CSS (before ours, which overrides it); its code is a lazy chunk
import '@xyflow/react/dist/style.css';
import './ui/styles.css';
import { initI18n } from './ui/i18n';
import { App } from './ui/App';
import { startHost } from './state/host';
import { openFromLocation } from './ui/share/openFromLocation';
import { simulationStarted, whenReached } from './ui/layout/startOrder';

initI18n();
void startHost().then((host) => {
  if (!host) return;
  simulationStarted();
  void openFromLocation();
  window.addEventListener('hashchange', () => void openFromLocation());
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// A chunk of an older build that the server no longer has (the page outlived a deploy): load the current build
// once, which restores the session from localStorage, instead of leaving the learner with a broken pane.
window.addEventListener('vite:preloadError', (e) => {
  if (sessionStorage.getItem('kubelab.reloadedForUpdate')) return;
  sessionStorage.setItem('kubelab.reloadedForUpdate', '1');
  e.preventDefault();
  location.reload();
});

// The service worker precaches the whole build: registered once the studio is idle, so its downloads do not
// compete with the first screen's.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  void whenReached('idle').then(() => navigator.serviceWorker.register('./sw.js').catch(() => undefined));
}
