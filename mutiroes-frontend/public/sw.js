/*
 * Mutirões service worker: field mode (check-in without signal) and the installable app.
 *
 * What it keeps, and for whom:
 * - the web app's own files (`/_next/static/`, hashed and the same for everyone), the offline
 *   page, the manifest and the icons: cache-first, in `mutiroes-static-<version>`;
 * - pages, only when a page asks ("keep": the organizer's field check-in screen, a volunteer's
 *   page with their check-in code), only while someone is signed in, in `mutiroes-pages`. They
 *   are dropped as soon as another person, or nobody, is signed in on this device ("viewer"),
 *   and when someone signs out ("forget").
 * It never stores an API answer (`/api/` is not even looked at) and never answers a request other
 * than a GET. Pages are network-first: a kept page is used only when the network fails, and a
 * page never kept falls back to the offline page (pt-BR).
 */
const VERSION = "v1";
const STATIC = `mutiroes-static-${VERSION}`;
const PAGES = "mutiroes-pages";
const META = "mutiroes-meta";
const VIEWER = "/__mutiroes/viewer";
const OFFLINE = "/offline.html";
const PRECACHE = [OFFLINE, "/manifest.webmanifest", "/icons/icon-192.png", "/icons/icon-512.png"];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(STATIC)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("mutiroes-static-") && n !== STATIC).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

function isStatic(url) {
  return url.pathname.startsWith("/_next/static/") || PRECACHE.includes(url.pathname);
}

async function cacheFirst(request) {
  const cache = await caches.open(STATIC);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(request, response.clone());
  return response;
}

async function page(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const url = new URL(request.url);
    const kept = await (await caches.open(PAGES)).match(url.pathname, { ignoreSearch: true });
    if (kept) return kept;
    const offline = await caches.match(OFFLINE);
    if (offline) return offline;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (/^\/(api|admin|media|static)\//.test(url.pathname)) return;
  if (request.mode === "navigate") event.respondWith(page(request));
  else if (request.headers.get("RSC") === "1") {
    // Next's page data (links prefetched, client navigations): never kept. Without signal, a plain
    // 503 makes Next fall back to a browser navigation (the kept page or the offline page) quietly.
    event.respondWith(fetch(request).catch(() => new Response("", { status: 503, headers: { "Cache-Control": "no-store" } })));
  }
  else if (isStatic(url)) event.respondWith(cacheFirst(request));
});

async function viewer() {
  const answer = await (await caches.open(META)).match(VIEWER);
  return answer ? (await answer.json()).id : null;
}

async function setViewer(id) {
  if ((await viewer()) === id) return;
  await caches.delete(PAGES);
  await (await caches.open(META)).put(VIEWER, new Response(JSON.stringify({ id })));
}

async function keep({ viewer: id, page: path, files }) {
  if (typeof id !== "number" || typeof path !== "string" || !path.startsWith("/")) return { kept: false };
  await setViewer(id);
  const response = await fetch(path, { credentials: "same-origin", cache: "no-store", redirect: "manual" });
  if (!response.ok || response.type !== "basic") return { kept: false };
  await (await caches.open(PAGES)).put(path, response);
  const cache = await caches.open(STATIC);
  for (const file of Array.isArray(files) ? files : []) {
    const url = new URL(file, self.location.origin);
    if (url.origin !== self.location.origin || !isStatic(url) || (await cache.match(url.pathname))) continue;
    const asset = await fetch(url.pathname).catch(() => null);
    if (asset && asset.ok) await cache.put(url.pathname, asset);
  }
  return { kept: true };
}

async function forget() {
  await caches.delete(PAGES);
  await caches.delete(META);
  return { forgotten: true };
}

// One message at a time, in order: a "viewer" change and a "keep" never interleave.
let queue = Promise.resolve();

self.addEventListener("message", (event) => {
  const data = event.data || {};
  const reply = (answer) => event.ports[0] && event.ports[0].postMessage(answer);
  const work = () => {
    if (data.type === "viewer") return setViewer(typeof data.id === "number" ? data.id : null).then(() => ({ ok: true }));
    if (data.type === "keep") return keep(data);
    if (data.type === "forget") return forget();
    return Promise.resolve({ ok: false });
  };
  queue = queue.then(work).then(reply, () => reply({ ok: false }));
  event.waitUntil(queue);
});
