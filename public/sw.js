// Werkscan service worker: keeps the employee's apps (the scan and the report) and the
// questionnaire definitions available offline after the first visit. It never stores anything a
// person answered: only GET requests for the apps themselves and for /api/questionnaires are
// cached; every other request, the staff console included, goes to the network.
//
// The server puts three constants in front of this file when it serves it
// (crates/server/src/static_files.rs), derived from the route table in werkscan_core::routes:
//   BUILD  a tag of this build: a new build is a changed worker, which browsers install, and
//          which then fetches the new files and drops the old cache;
//   ROUTES [{pattern, app}]: which app shows a path (regular expressions);
//   PAGES  {app: url} of each app kept offline: its page, whose files are cached with it.
const CACHE = `werkscan-${BUILD}`;

/** The app whose screen a path is, per the server's route table. */
function appOf(pathname) {
  const route = ROUTES.find((route) => new RegExp(route.pattern).test(pathname));
  return route ? route.app : null;
}

function cacheable(url) {
  if (url.origin !== self.location.origin) return false;
  if (url.pathname.startsWith("/api/")) return url.pathname.startsWith("/api/questionnaires");
  if (url.pathname === "/sw.js") return false;
  const app = appOf(url.pathname);
  // The staff console is never cached; its files live under its own folder.
  if (app !== null && !(app in PAGES)) return false;
  return !url.pathname.startsWith("/beheer");
}

async function precache() {
  const cache = await caches.open(CACHE);
  const assets = new Set();
  for (const page of Object.values(PAGES)) {
    const response = await fetch(page, { cache: "no-cache" });
    const html = await response.clone().text();
    await cache.put(page, response);
    // The page's own files, as named in it. The page is minified, so attribute values may be
    // unquoted.
    for (const match of html.matchAll(/(?:href|src)=["']?(\/[^"'\s>]+)/g)) assets.add(match[1]);
    for (const match of html.matchAll(/from ["'](\/[^"']+)["']|module_or_path: ?["'](\/[^"']+)["']/g)) {
      assets.add(match[1] ?? match[2]);
    }
  }
  await cache.addAll([...assets].filter((path) => cacheable(new URL(path, self.location.origin))));
  const list = await fetch("/api/questionnaires", { cache: "no-cache" });
  if (list.ok) {
    const entries = await list.clone().json();
    await cache.put("/api/questionnaires", list);
    await cache.addAll(entries.map((entry) => `/api/questionnaires/${encodeURIComponent(entry.id)}`));
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
    // A page with a first screen the server drew into it (a campaign's invitation, a scan's
    // introduction; crates/server/src/first_screen.rs) belongs to that path and that moment:
    // kept as the app's page, it would show one campaign's invitation on another's link, or after
    // the campaign closed. Offline, such a path gets the app's plain page, which draws the screen
    // from what the device kept.
    const drawn = response.headers.has("werkscan-first-screen");
    if (response.ok && !drawn) await cache.put(fallbackKey || request, response.clone());
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
    // Every screen of an app is that app's page; its router picks the screen.
    const page = PAGES[appOf(url.pathname) ?? "scan"];
    if (page) event.respondWith(networkFirst(request, page));
  } else if (url.pathname.startsWith("/api/questionnaires")) {
    event.respondWith(networkFirst(request));
  } else {
    event.respondWith(cacheFirst(request));
  }
});
