/** The studio's entry: texts, the simulation host, the app, and (in production builds) the service worker. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './ui/styles.css';
import { initI18n } from './ui/i18n';
import { App } from './ui/App';
import { startHost } from './state/host';
import { openFromLocation } from './ui/share/openFromLocation';

initI18n();
void startHost().then(() => {
  void openFromLocation();
  window.addEventListener('hashchange', () => void openFromLocation());
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    void navigator.serviceWorker.register('./sw.js').catch(() => undefined);
  });
}
