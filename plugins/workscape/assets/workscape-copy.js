/* The "Copy" button beside a feed's address on a follow page.
 * Progressive enhancement: without JavaScript the button stays hidden and the address is
 * a selectable field; with it, one click puts the address on the clipboard. The address
 * is the link's own resolved href, so it is right even on a site built without site_url.
 * ES5, like the people filter: an old office browser must not break on it. */
(function () {
  "use strict";
  // The site's language: every page of a site in another language carries the scripts'
  // words (publish/script_words.py); an English site none, and the English here stands.
  var wordsBlock = document.getElementById("ws-words");
  var WORDS = wordsBlock ? JSON.parse(wordsBlock.textContent) : {};
  function t(english, values) {
    return (WORDS[english] || english).replace(/\{(\w+)\}/g, function (whole, name) {
      return values && name in values ? String(values[name]) : whole;
    });
  }
  var buttons = document.querySelectorAll("[data-ws-copy]");
  Array.prototype.forEach.call(buttons, function (button) {
    var field = document.getElementById(button.getAttribute("data-ws-copy"));
    var source = document.getElementById(button.getAttribute("data-ws-copy-from"));
    var status = document.getElementById(button.getAttribute("data-ws-copy-status"));
    if (!field) {
      return;
    }
    if (source && source.href && !field.value) {
      field.value = source.href;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var say = function (text) {
        if (status) {
          status.textContent = text;
        }
      };
      field.select();
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(field.value).then(
          function () { say(t("Copied. Paste it into your feed reader.")); },
          function () { say(t("Press Ctrl+C (or Cmd+C) to copy the selected address.")); }
        );
      } else {
        say(t("Press Ctrl+C (or Cmd+C) to copy the selected address."));
      }
    });
  });
})();
