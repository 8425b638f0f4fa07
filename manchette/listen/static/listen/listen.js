// While an article's recording is being made, let the reader's own browser read it aloud.
// The text comes from the page itself: headline, standfirst and body, skipping what is
// marked data-listen="skip" (the sidebar, this player), credits and figures. Nothing is
// fetched; without speech synthesis the offer stays hidden.
(function () {
  "use strict";
  var box = document.querySelector("[data-listen-live]");
  var article = document.getElementById("article");
  if (!box || !article || !("speechSynthesis" in window)) return;

  var start = box.querySelector("[data-listen-start]");
  var stop = box.querySelector("[data-listen-stop]");
  var status = box.querySelector("[data-listen-status]");
  var language = article.getAttribute("lang") || document.documentElement.lang;
  var SKIP = "[data-listen='skip'], figure:not(.quote), .dateline, .signature";

  function passages() {
    var parts = article.querySelectorAll(
      ".article-header h1, .article-header .standfirst, .article-body p, " +
      ".article-body h2, .article-body h3, .article-body .quote figcaption"
    );
    var texts = [];
    parts.forEach(function (part) {
      if (part.closest(SKIP)) return;
      var text = part.textContent.replace(/\s+/g, " ").trim();
      if (text) texts.push(text);
    });
    return texts;
  }

  function voiceFor(lang) {
    var voices = window.speechSynthesis.getVoices();
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].lang.toLowerCase().indexOf(lang.toLowerCase()) === 0) return voices[i];
    }
    return null;
  }

  function reading(on) {
    start.hidden = on;
    stop.hidden = !on;
    (on ? stop : start).focus();
    status.textContent = on ? start.textContent + "…" : "";
  }

  start.addEventListener("click", function () {
    window.speechSynthesis.cancel();
    var texts = passages();
    var voice = voiceFor(language);
    texts.forEach(function (text, index) {
      // One utterance per paragraph: some browsers stop long utterances midway.
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = language;
      if (voice) utterance.voice = voice;
      if (index === texts.length - 1) utterance.onend = function () { reading(false); };
      window.speechSynthesis.speak(utterance);
    });
    if (texts.length) reading(true);
  });

  stop.addEventListener("click", function () {
    window.speechSynthesis.cancel();
    reading(false);
  });

  window.addEventListener("pagehide", function () { window.speechSynthesis.cancel(); });
  box.hidden = false;
})();
