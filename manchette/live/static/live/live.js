// Live coverage: ask the server for new updates every few seconds, and say how many
// arrived instead of moving the text under the reader's eyes. The page is complete
// without this script; it only adds what was posted since the page was loaded.
// Polling stops while the tab is hidden and once the coverage has ended.
(function () {
  "use strict";
  var root = document.querySelector(".live-updates[data-poll-url]");
  if (!root || !window.fetch) {
    return;
  }
  var url = root.getAttribute("data-poll-url");
  var seconds = parseInt(root.getAttribute("data-poll-seconds"), 10) || 15;
  var button = root.querySelector(".live-new");
  var stream = root.querySelector(".live-stream");
  var pending = []; // newest first, as the server lists them
  var timer = null;
  var asking = false;
  var ended = false;

  function shown(id) {
    return root.querySelector('[data-update-id="' + id + '"]') !== null;
  }

  function label(count) {
    var pattern = button.getAttribute(count === 1 ? "data-one" : "data-other");
    return pattern.replace("{n}", String(count));
  }

  function note(answer) {
    var known = {};
    pending.forEach(function (item) {
      known[item.id] = true;
    });
    answer.updates.forEach(function (item) {
      if (!known[item.id] && !shown(item.id)) {
        pending.push(item);
      }
    });
    if (pending.length) {
      button.textContent = label(pending.length);
      button.hidden = false;
    }
    ended = answer.status === "ended";
  }

  function schedule() {
    if (timer === null && !asking && !ended && !document.hidden) {
      timer = window.setTimeout(poll, seconds * 1000);
    }
  }

  function poll() {
    timer = null;
    if (asking || document.hidden) {
      return;
    }
    asking = true;
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        if (answer && Array.isArray(answer.updates)) {
          note(answer);
        }
      })
      .catch(function () {
        // Offline, or the server busy: the next poll asks again.
      })
      .then(function () {
        asking = false;
        schedule();
      });
  }

  function reveal() {
    var pinned = root.querySelector(".live-pinned");
    var newest = null;
    // Oldest first, each put on top: the newest ends up first, as in the stream.
    pending
      .slice()
      .reverse()
      .forEach(function (item) {
        var holder = document.createElement("div");
        holder.innerHTML = item.html;
        var update = holder.firstElementChild;
        var box = item.pinned && pinned ? pinned : stream;
        box.insertBefore(update, box.firstChild);
        newest = update;
      });
    var empty = stream.querySelector(".live-empty");
    if (empty && stream.querySelector(".live-update")) {
      empty.remove();
    }
    pending = [];
    button.hidden = true;
    if (newest) {
      newest.focus();
    }
  }

  button.addEventListener("click", reveal);
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      window.clearTimeout(timer);
      timer = null;
    } else if (!ended) {
      poll();
    }
  });
  schedule();
})();
