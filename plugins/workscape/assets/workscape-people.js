/* Workscape people directory: an optional live filter. The directory reads without it
   (groups under anchors); this shows the filter form and hides non-matching people.
   ?community=<id>&expertise=<tag> in the address preselects a filter and is kept
   up to date, so a filtered view can be shared. No network, no dependencies. */
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

  function init() {
    var form = document.getElementById("ws-people-filter");
    var list = document.getElementById("ws-directory");
    if (!form || !list || form.getAttribute("data-ready")) return;
    form.setAttribute("data-ready", "true");
    var people = list.querySelectorAll("li[data-handle]");
    var count = form.querySelector(".ws-filter__count");
    var params = new URLSearchParams(window.location.search);

    function has(li, attr, value) {
      return !value || (li.getAttribute(attr) || "").split(" ").indexOf(value) !== -1;
    }

    function apply() {
      var community = form.elements.community.value;
      var expertise = form.elements.expertise.value;
      var shown = 0;
      for (var i = 0; i < people.length; i++) {
        var match = has(people[i], "data-communities", community) &&
          has(people[i], "data-expertise", expertise);
        people[i].hidden = !match;
        if (match) shown++;
      }
      count.textContent = t("{shown} of {total} people", { shown: shown, total: people.length });
      var query = new URLSearchParams();
      if (community) query.set("community", community);
      if (expertise) query.set("expertise", expertise);
      var search = query.toString();
      var here = window.location;
      window.history.replaceState(null, "", here.pathname + (search ? "?" + search : "") + here.hash);
    }

    ["community", "expertise"].forEach(function (name) {
      var select = form.elements[name];
      var wanted = params.get(name);
      if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
        select.value = wanted;
      }
      select.addEventListener("change", apply);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  // Material's instant navigation swaps pages without reloading: re-run on each page.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
