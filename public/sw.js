/* Kubelab service worker. At install it precaches the whole build (app shell, every chunk, the editor's workers,
 * fonts, icons), so the second visit starts from the cache and the studio works offline (students often are).
 * The build writes VERSION and PRECACHE below (scripts/vite/swPlugin.ts); each build is one cache,
 * `kubelab-<version>`, and activating a new one deletes the others, so an update never mixes two builds' chunks.
 * Registered only in production builds (src/main.tsx). Paths are relative to the worker's scope: works under any
 * base path. */
const VERSION = 'dev';
const PRECACHE = [];
const CACHE = `kubelab-${VERSION}`;
const SHELL = './index.html';
/** How long a page load waits for the network before it takes the cached shell (a connection with no bandwidth). */
const NAVIGATE_TIMEOUT_MS = 3000;

const scoped = (p) => new URL(p, self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // `reload`: fresh from the server, never an older copy from the HTTP cache under this build's name
      .then((c) => c.addAll(['./', ...PRECACHE].map((p) => new Request(scoped(p), { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith('kubelab-') && k !== CACHE).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

/** The network's answer within `ms`, else undefined (offline, or a connection that does not answer). */
function networkWithin(req, ms) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    fetch(req).then(
      (res) => {
        clearTimeout(timer);
        resolve(res);
      },
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
    );
  });
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  const scope = new URL(self.registration.scope);
  if (!url.pathname.startsWith(scope.pathname)) return;
  // Pages: the network first (a new deploy shows up at once), this build's shell when offline. The network's page
  // is not cached: the cached shell must be the one whose chunks are in this cache.
  if (req.mode === 'navigate') {
    event.respondWith(
      networkWithin(req, NAVIGATE_TIMEOUT_MS).then(
        (res) =>
          (res && res.ok ? res : undefined) ||
          caches
            .open(CACHE)
            .then((c) => c.match(scoped(SHELL)))
            .then((hit) => hit || res || Response.error()),
      ),
    );
    return;
  }
  // Built assets have content hashes in their names: this build's cache first, then the network (remembered).
  event.respondWith(
    caches
      .open(CACHE)
      .then((c) => c.match(req, { ignoreSearch: true }))
      .then(
        (hit) =>
          hit ||
          fetch(req).then((res) => {
            if (res.ok && res.type === 'basic') {
              const copy = res.clone();
              void caches.open(CACHE).then((c) => c.put(req, copy));
            }
            return res;
          }),
      ),
  );
});
