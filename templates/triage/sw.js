// The service worker: keeps the home page (with the emergency signs) and its files for offline
// use. Everything else goes to the network, and answers are never cached.
"use strict";

var CACHE = "backpain-offline-v1";
var OFFLINE = ["{% url 'triage:home' %}", "{{ css_url }}", "{{ bootstrap_url }}", "{{ js_url }}"];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(OFFLINE); }));
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) { return key !== CACHE; })
        .map(function (key) { return caches.delete(key); }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || OFFLINE.indexOf(url.pathname) === -1) return;
  // Network first, so the page is never stale when online; the copy when offline.
  event.respondWith(
    fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    }).catch(function () { return caches.match(request); })
  );
});
