/**
 * The studio's entry: texts, the simulation host, the app, and (in production builds) the service worker.
 * The start order (src/ui/layout/startOrder.ts): the simulation's worker was started by index.html before this
 * module loaded, the terminal and the lesson text render at once, the rest follows the running simulation.
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
import { simulationStarted, whenIdle, whenReached } from './ui/layout/startOrder';

/** How long after the idle stage (Monaco starts loading) the service worker is registered. */
const SW_DELAY_MS = 2000;

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

// The service worker precaches the whole build (Monaco a second time, with every other chunk): registered at the
// idle moment after Monaco has loaded, so its downloads compete neither with the first screen's nor the editor's.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  void whenReached('idle').then(() =>
    setTimeout(
      () => whenIdle(() => void navigator.serviceWorker.register('./sw.js').catch(() => undefined)),
      SW_DELAY_MS,
    ),
  );
}
