/* The comment section, enhanced: post, reply, edit, delete, report and read more
   without leaving the page, through manchette's JSON API (same site only).
   Without this script every one of these works as a plain link or form. */
(function () {
  "use strict";

  var section = document.getElementById("comments");
  if (!section || !window.fetch || !window.FormData || !section.dataset.api) return;
  var form = document.getElementById("comment-form");
  var threads = section.querySelector(".comment-threads");
  var text = section.dataset;
  var refreshAfter = Number(text.tokenRefresh) * 1000;
  var csrf = null;
  var tokenFetchedAt = Date.now();
  // The page's token was issued when the page was rendered, perhaps long ago.
  var tokenIssuedAt = form ? issuedAt(form.elements.token.value) : 0;

  function issuedAt(token) {
    return Number(token.split(":")[1]) * 1000 || 0;
  }

  function stale() {
    return Date.now() - tokenIssuedAt > refreshAfter && Date.now() - tokenFetchedAt > refreshAfter;
  }

  // The CSRF cookie that posts need, and a new form token if the page's is old.
  function prepare() {
    if (csrf && !stale()) return Promise.resolve();
    return fetch(text.tokenUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        csrf = data.csrf;
        if (form && stale()) {
          form.elements.token.value = data.token;
          tokenIssuedAt = issuedAt(data.token);
          tokenFetchedAt = Date.now();
        }
      });
  }

  function send(url, data) {
    return prepare().then(function () {
      return fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify(data || {}),
      });
    }).then(function (response) {
      return response.json().catch(function () { return { message: text.failed }; }).then(function (body) {
        return { ok: response.ok, body: body };
      });
    });
  }

  function fragment(html) {
    var template = document.createElement("template");
    template.innerHTML = html; // the server's own rendering, sanitised there
    return template.content;
  }

  function commentApi(id, action) {
    return text.commentApi + id + "/" + action + "/";
  }

  /* Errors beside their fields, as the server-rendered form shows them. */
  function clearErrors(scope) {
    scope.querySelectorAll(".errorlist").forEach(function (list) { list.remove(); });
    scope.querySelectorAll("[aria-invalid]").forEach(function (input) {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    });
    var box = scope.querySelector(".comment-errors");
    if (box) box.textContent = "";
  }

  function errorList(id, messages) {
    var list = document.createElement("ul");
    list.className = "errorlist";
    if (id) list.id = id;
    messages.forEach(function (message) {
      var item = document.createElement("li");
      item.textContent = message;
      list.appendChild(item);
    });
    return list;
  }

  function showErrors(scope, body) {
    var general = [];
    var errors = body.errors || {};
    Object.keys(errors).forEach(function (name) {
      var messages = errors[name].map(function (error) { return error.message; });
      var input = scope.querySelector('[name="' + name + '"]:not([type="hidden"])');
      if (!input) {
        general = general.concat(messages);
        return;
      }
      var id = input.id + "_error";
      input.parentNode.insertBefore(errorList(id, messages), input);
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", id);
    });
    if (!Object.keys(errors).length || general.length) {
      if (!general.length) general.push(body.message || text.failed);
      var box = scope.querySelector(".comment-errors");
      if (box) box.appendChild(errorList("", general));
    }
    var first = scope.querySelector("[aria-invalid]");
    if (first) first.focus();
  }

  /* Where a new comment goes: under its parent, flat past the third level. */
  function place(node, parentId) {
    var empty = section.querySelector(".comments-empty");
    if (empty) empty.remove();
    var item = document.createElement("li");
    item.appendChild(node);
    if (!parentId) {
      item.className = "comment-thread";
      if (text.order === "newest") threads.insertBefore(item, threads.firstChild);
      else threads.appendChild(item);
      return;
    }
    var parent = document.getElementById("comment-" + parentId).parentNode;
    var level = 0;
    for (var up = parent.parentNode; up && up !== threads; up = up.parentNode) {
      if (up.classList && up.classList.contains("comment-replies")) level += 1;
    }
    var list = level >= 2 ? parent.parentNode : parent.querySelector(":scope > .comment-replies");
    if (!list) {
      list = document.createElement("ol");
      list.className = "comment-replies";
      parent.appendChild(list);
    }
    list.appendChild(item);
  }

  /* Replying moves the one form under the comment answered. */
  var home = form && document.createComment("comment form");
  if (form) form.parentNode.insertBefore(home, form);

  function replyTo(article) {
    var name = article.querySelector(".comment-author").textContent;
    form.elements.parent.value = article.dataset.commentId;
    var note = form.querySelector(".comment-replying");
    note.textContent = text.replyingTo.replace("%s", name) + " ";
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.textContent = text.cancelReply;
    cancel.addEventListener("click", function () { resetReply(); form.elements.text.focus(); });
    note.appendChild(cancel);
    note.hidden = false;
    article.parentNode.insertBefore(form, article.nextSibling);
    (form.elements.name.value ? form.elements.text : form.elements.name).focus();
  }

  function resetReply() {
    form.elements.parent.value = "";
    var note = form.querySelector(".comment-replying");
    note.hidden = true;
    note.textContent = "";
    home.parentNode.insertBefore(form, home.nextSibling);
  }

  if (form) {
    form.addEventListener("focusin", function () { prepare().catch(function () {}); }, { once: true });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      var data = {};
      new FormData(form).forEach(function (value, key) { data[key] = value; });
      clearErrors(form);
      button.disabled = true;
      send(text.api, data).then(function (answer) {
        if (!answer.ok) return showErrors(form, answer.body);
        var known = document.getElementById("comment-" + answer.body.comment.id);
        if (!known) {
          place(fragment(answer.body.html), data.parent);
          if (answer.body.created && answer.body.comment.status === "published") {
            var count = section.querySelector(".comment-count");
            count.dataset.count = Number(count.dataset.count) + 1;
            count.textContent = "(" + count.dataset.count + ")";
          }
        }
        form.elements.text.value = "";
        resetReply();
        var added = document.getElementById("comment-" + answer.body.comment.id);
        added.setAttribute("tabindex", "-1");
        added.focus();
      }).catch(function () {
        showErrors(form, { message: text.failed });
      }).then(function () { button.disabled = false; });
    });
  }

  function edit(article) {
    var body = article.querySelector(".comment-text");
    if (article.querySelector(".comment-edit")) return;
    var editor = document.createElement("form");
    editor.className = "comment-edit comment-form";
    var label = document.createElement("label");
    var area = document.createElement("textarea");
    area.id = "edit-" + article.dataset.commentId;
    area.name = "text";
    area.rows = 6;
    area.value = body.dataset.raw || "";
    label.htmlFor = area.id;
    label.textContent = text.editLabel;
    var errors = document.createElement("div");
    errors.className = "comment-errors";
    errors.setAttribute("role", "alert");
    var save = document.createElement("button");
    save.type = "submit";
    save.textContent = text.save;
    editor.append(label, errors, area, save);
    body.hidden = true;
    body.parentNode.insertBefore(editor, body.nextSibling);
    area.focus();
    editor.addEventListener("submit", function (event) {
      event.preventDefault();
      clearErrors(editor);
      send(commentApi(article.dataset.commentId, "edit"), { text: area.value }).then(function (answer) {
        if (!answer.ok) return showErrors(editor, answer.body);
        article.replaceWith(fragment(answer.body.html));
      }).catch(function () { showErrors(editor, { message: text.failed }); });
    });
  }

  function act(article, action, question) {
    if (!window.confirm(question)) return;
    send(commentApi(article.dataset.commentId, action)).then(function (answer) {
      if (!answer.ok) return window.alert(answer.body.message || text.failed);
      if (answer.body.html) article.replaceWith(fragment(answer.body.html));
      else window.alert(text.flagged);
    }).catch(function () { window.alert(text.failed); });
  }

  function more(link) {
    var url = text.api + "?page=" + link.dataset.page + "&order=" + link.dataset.order;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        threads.appendChild(fragment(data.html));
        if (data.next) link.dataset.page = data.next;
        else link.remove();
      }).catch(function () { window.location = link.href; });
  }

  section.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-action], a.comment-more");
    if (!link || !section.contains(link)) return;
    var article = link.closest(".comment");
    var action = link.dataset.action;
    if (link.classList.contains("comment-more")) more(link);
    else if (action === "reply" && form) replyTo(article);
    else if (action === "edit") edit(article);
    else if (action === "delete") act(article, "delete", text.confirmDelete);
    else if (action === "flag") act(article, "flag", text.confirmFlag);
    else return;
    event.preventDefault();
  });
})();
