// Live coverage: ask the server for new updates every few seconds, and say how many
// arrived instead of moving the text under the reader's eyes. The page is complete
// without this script; it only adds what was posted since the page was loaded, and
// keeps what is shown true: an update edited meanwhile is replaced where it stands
// (marked "edited"), a deleted one is removed. A pinned or unpinned update changes its
// mark at once and its place when the reader asks for the new updates (or reloads).
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
  var pinnedBox = root.querySelector(".live-pinned");
  // Browsers that anchor scrolling keep the text in view still when something above it
  // changes height; for the others, the script scrolls by as much itself.
  var anchored = window.CSS && CSS.supports && CSS.supports("overflow-anchor", "auto");
  var pending = []; // newest first, as the server lists them
  var timer = null;
  var asking = false;
  var ended = false;

  function shown(id) {
    return root.querySelector('[data-update-id="' + id + '"]');
  }

  function label(count) {
    var pattern = button.getAttribute(count === 1 ? "data-one" : "data-other");
    return pattern.replace("{n}", String(count));
  }

  function element(html) {
    var holder = document.createElement("div");
    holder.innerHTML = html;
    return holder.firstElementChild;
  }

  // Replace (or, with no replacement, remove) an update on screen without moving what
  // the reader is reading: a change above the window is made up for by scrolling.
  function swap(old, fresh) {
    if (!old.isConnected) {
      return;
    }
    var box = old.getBoundingClientRect();
    var focused = old.contains(document.activeElement);
    if (fresh) {
      old.replaceWith(fresh);
    } else {
      old.remove();
    }
    if (!anchored && box.bottom <= 0) {
      window.scrollBy(0, (fresh ? fresh.getBoundingClientRect().height : 0) - box.height);
    }
    if (focused && fresh) {
      fresh.focus({ preventScroll: true });
    }
  }

  // An update that left the poll's newest ones is read again from its own address.
  function refresh(old) {
    var link = old.querySelector(".live-update-time");
    if (!link) {
      return;
    }
    fetch(link.href)
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (text) {
        var id = old.getAttribute("data-update-id");
        var fresh =
          text &&
          new DOMParser()
            .parseFromString(text, "text/html")
            .querySelector('[data-update-id="' + id + '"]');
        if (fresh) {
          swap(old, document.adoptNode(fresh));
        }
      })
      .catch(function () {
        // The next change asks again.
      });
  }

  // Bring what is on screen up to date with the answer: deleted updates go, edited ones
  // (and those pinned or unpinned) are shown anew where they stand.
  function amend(answer, fresh) {
    var editions = answer.editions;
    var onScreen = root.querySelectorAll(".live-update[data-update-id]");
    Array.prototype.forEach.call(onScreen, function (old) {
      var id = old.getAttribute("data-update-id");
      if (!Object.prototype.hasOwnProperty.call(editions, id)) {
        swap(old, null);
        return;
      }
      var item = fresh[id];
      // Every pinned update comes in the answer: one that does not is not pinned.
      var pinned = item ? item.pinned : false;
      if (
        String(editions[id]) !== old.getAttribute("data-edition") ||
        pinned !== old.classList.contains("live-update-pinned")
      ) {
        if (item) {
          swap(old, element(item.html));
        } else {
          refresh(old);
        }
      }
    });
  }

  function note(answer) {
    var fresh = {};
    answer.updates.forEach(function (item) {
      fresh[item.id] = item;
    });
    // An answer cached before editions were listed has none: nothing to amend then.
    if (answer.editions) {
      amend(answer, fresh);
    }
    // The answer's newest not shown yet, in its order, then those still waiting that it
    // no longer lists among the newest (unless deleted meanwhile). One older than the
    // stream on screen is not new: it comes up from the next page after a deletion.
    var updates = stream.querySelectorAll(".live-update");
    var oldest = updates.length ? posted(updates[updates.length - 1]) : null;
    var waiting = answer.updates.filter(function (item) {
      if (shown(item.id)) {
        return false;
      }
      return item.pinned || !oldest || newer(posted(element(item.html)), oldest);
    });
    var editions = answer.editions;
    pending.forEach(function (item) {
      var gone = editions && !Object.prototype.hasOwnProperty.call(editions, item.id);
      if (!fresh[item.id] && !gone) {
        waiting.push(item);
      }
    });
    pending = waiting;
    button.hidden = pending.length === 0;
    if (pending.length) {
      button.textContent = label(pending.length);
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

  function posted(update) {
    var time = update.querySelector("time[datetime]");
    var when = time ? Date.parse(time.getAttribute("datetime")) : 0;
    return [when, parseInt(update.getAttribute("data-update-id"), 10)];
  }

  function newer(one, other) {
    return one[0] > other[0] || (one[0] === other[0] && one[1] > other[1]);
  }

  // Put an update in its place in a box: newest first, as the server orders them.
  function place(box, update) {
    var mine = posted(update);
    update.remove();
    var older = Array.prototype.find.call(box.querySelectorAll(".live-update"), function (other) {
      return newer(mine, posted(other));
    });
    if (older) {
      older.before(update);
    } else {
      box.appendChild(update);
    }
  }

  function reveal() {
    var newest = null;
    pending.forEach(function (item) {
      var update = element(item.html);
      place(item.pinned ? pinnedBox : stream, update);
      if (newest === null || newer(posted(update), posted(newest))) {
        newest = update;
      }
    });
    // Pinned or unpinned since they were shown: moved now that the reader expects a change.
    Array.prototype.forEach.call(root.querySelectorAll(".live-update"), function (update) {
      var pinned = update.classList.contains("live-update-pinned");
      if (pinned !== pinnedBox.contains(update)) {
        place(pinned ? pinnedBox : stream, update);
      }
    });
    pinnedBox.hidden = pinnedBox.querySelector(".live-update") === null;
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
