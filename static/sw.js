// Offline after the first visit. This service worker caches the app's own
// files, and only those, and serves them cache-first. It never fetches any
// other URL: requests for anything else are left to the browser, where the
// page's CSP (connect-src 'none') refuses them as before.
//
// URLs are relative to this file, so the app works under any sub-path.
// scripts/embed-wasm.mjs stamps BUILD with a hash of the bundle, so a new
// release is a new sw.js: the browser installs it and it re-caches.
const BUILD = "__TEAMDIFF_BUILD__";
const CACHE = `teamdiff-${BUILD}`;
const FILES = ["./", "./index.html", "./boot.js", "./worker.js", "./parser.js", "./crash-report.js", "./teamdiff.js", "./teamdiff_bg.wasm.js", "./style.css", "./sw.js"];
const OWN = new Set(FILES.map((file) => new URL(file, self.location).href));

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // `reload`: straight from our server, not a stale HTTP-cache copy.
      .then((cache) => cache.addAll(FILES.map((file) => new Request(file, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("teamdiff-") && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  url.search = "";
  url.hash = "";
  if (event.request.method !== "GET" || !OWN.has(url.href)) return;
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(url.href).then((hit) => hit ?? fetch(event.request))),
  );
});
