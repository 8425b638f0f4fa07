{% load static %}/* The service worker: shows alerts, and opens the story when one is clicked. */
"use strict";

self.addEventListener("push", (event) => {
  let alert;
  try {
    alert = event.data ? event.data.json() : {};
  } catch (notJson) {
    alert = { title: event.data.text() };
  }
  event.waitUntil(
    self.registration.showNotification(alert.title || "", {
      body: alert.body || "",
      tag: alert.tag,
      icon: "{% static 'manchette/icon-192.png' %}",
      data: { url: alert.url },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL((event.notification.data || {}).url || "/", self.location.origin);
  // Only our own pages: an alert never opens another site.
  if (target.origin === self.location.origin) {
    event.waitUntil(self.clients.openWindow(target.href));
  }
});
