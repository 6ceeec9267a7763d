// Werkscan service worker: keeps the app and the questionnaire definitions available offline
// after the first visit. It never stores anything a person answered: only GET requests for the
// app itself and for /api/questionnaires are cached; every other request goes to the network.
// Replaced at every build with a name derived from the page (scripts/trunk_post_build.mjs), so
// each update installs a new worker that fetches the new files and removes the old cache.
const CACHE = "werkscan-dev";

function cacheable(url) {
  if (url.origin !== self.location.origin) return false;
  if (url.pathname.startsWith("/api/")) return url.pathname.startsWith("/api/questionnaires");
  return true;
}

async function precache() {
  const cache = await caches.open(CACHE);
  const index = await fetch("/", { cache: "no-cache" });
  const html = await index.clone().text();
  await cache.put("/", index);
  // The app's hashed files, as named in index.html, and the report module, which the page
  // names for this purpose only: it is fetched now so the report opens offline later.
  const assets = new Set();
  // The page is minified, so attribute values may be unquoted.
  for (const match of html.matchAll(/(?:href|src)=["']?(\/[^"'\s>]+)/g)) assets.add(match[1]);
  const later = html.match(/<meta name="werkscan:precache" content="([^"]*)"/);
  if (later) for (const path of later[1].split(" ").filter(Boolean)) assets.add(path);
  await cache.addAll([...assets]);
  const list = await fetch("/api/questionnaires", { cache: "no-cache" });
  if (list.ok) {
    const entries = await list.clone().json();
    await cache.put("/api/questionnaires", list);
    await cache.addAll(entries.map((entry) => `/api/questionnaires/${entry.id}`));
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request, fallbackKey) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(fallbackKey || request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(fallbackKey || request);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (!cacheable(url)) return;
  if (request.mode === "navigate") {
    // Every app route is the same page; the router picks the screen.
    event.respondWith(networkFirst(request, "/"));
  } else if (url.pathname.startsWith("/api/questionnaires")) {
    event.respondWith(networkFirst(request));
  } else {
    event.respondWith(cacheFirst(request));
  }
});
