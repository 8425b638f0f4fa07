/* Push alerts: "follow" links turn alerts on in one click, and the alerts
   page shows and changes what this browser follows. Without the Push API
   (or without this script) the links lead to the alerts page, which says so. */
(function () {
  "use strict";
  const script = document.currentScript;
  if (!("serviceWorker" in navigator && "PushManager" in window && "Notification" in window)) {
    return;
  }
  const urls = script.dataset;
  let setup;

  function keyAndCookie() {
    setup = setup || fetch(urls.key, { credentials: "same-origin" }).then((r) => r.json());
    return setup;
  }

  function keyBytes(base64url) {
    const base64 = (base64url + "===".slice((base64url.length + 3) % 4))
      .replace(/-/g, "+")
      .replace(/_/g, "/");
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  }

  async function post(url, body) {
    const { csrf } = await keyAndCookie();
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(answer.message);
    return answer;
  }

  async function registration() {
    await navigator.serviceWorker.register(urls.worker);
    return navigator.serviceWorker.ready;
  }

  async function existing() {
    const reg = await registration();
    return reg.pushManager.getSubscription();
  }

  // Asks the browser's permission (from a click), then subscribes this browser.
  async function browserSubscription() {
    const permission = await Notification.requestPermission();
    if (permission !== "granted") throw new Error("refused");
    const reg = await registration();
    const current = await reg.pushManager.getSubscription();
    if (current) return current;
    const { key } = await keyAndCookie();
    return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) });
  }

  async function followed(subscription) {
    if (!subscription) return { topics: [], quiet: null };
    return post(urls.find, { endpoint: subscription.endpoint });
  }

  function failure(element, error) {
    return error.message === "refused" ? element.dataset.refused : element.dataset.failed;
  }

  async function follow(link, status) {
    try {
      const subscription = await browserSubscription();
      const now = await followed(subscription);
      const topics = Array.from(new Set(now.topics.concat([link.dataset.follow])));
      await post(urls.subscribe, { subscription: subscription.toJSON(), topics, quiet: now.quiet });
      status.textContent = link.dataset.following;
    } catch (error) {
      status.textContent = failure(link, error);
    }
  }

  document.querySelectorAll("a[data-follow]").forEach((link) => {
    const status = link.parentElement.querySelector(".follow-status");
    link.addEventListener("click", (event) => {
      event.preventDefault();
      follow(link, status);
    });
  });

  const form = document.querySelector("form.push-alerts");
  if (!form) return;
  const status = form.querySelector(".push-status");
  form.hidden = false;
  document.querySelector(".push-unsupported").hidden = true;

  existing()
    .then(followed)
    .then((now) => {
      if (!now.topics.length) return;
      form.querySelectorAll("input[name=topic]").forEach((box) => {
        box.checked = now.topics.includes(box.value);
      });
      if (now.quiet) {
        form.quiet_from.value = now.quiet.from;
        form.quiet_until.value = now.quiet.until;
      }
    })
    .catch(() => {});

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const topics = Array.from(form.querySelectorAll("input[name=topic]:checked"), (b) => b.value);
    const quiet =
      form.quiet_from.value && form.quiet_until.value
        ? { from: form.quiet_from.value, until: form.quiet_until.value }
        : null;
    try {
      const subscription = topics.length ? await browserSubscription() : await existing();
      if (subscription) {
        await post(urls.subscribe, { subscription: subscription.toJSON(), topics, quiet });
      }
      status.textContent = form.dataset.saved;
    } catch (error) {
      status.textContent = error.message === "refused" || !error.message
        ? failure(form, error)
        : error.message;
    }
  });

  form.querySelector(".push-stop").addEventListener("click", async () => {
    try {
      const subscription = await existing();
      if (subscription) {
        await post(urls.cancel, { endpoint: subscription.endpoint });
        await subscription.unsubscribe();
      }
      form.querySelectorAll("input[name=topic]").forEach((box) => {
        box.checked = false;
      });
      status.textContent = form.dataset.stopped;
    } catch (error) {
      status.textContent = failure(form, error);
    }
  });
})();
