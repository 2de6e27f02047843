/* Workscape activity, badge and saved items: notifications without a server.

   Everything the reader tells the site stays in this browser's localStorage:
   - "workscape.me": the handle they chose with "This is me" on their activity page;
   - "workscape.seen": the keys of the events they had when they last looked at it;
   - "workscape.saved": the ids of the items they saved, newest first.
   The script reads only files of this site (activity.json, saved.json, both written
   by the build with no private data) and sends nothing anywhere. Loaded on every page
   from the header; every page reads the same without it. */
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

  var script = document.currentScript;
  if (!script || !script.src) return;
  // The script lives in <site>/assets/: its parent folder is the site's root.
  var root = new URL("../", script.src);
  var ME = "workscape.me";
  var SEEN = "workscape.seen";
  var SAVED = "workscape.saved";
  // Item ids and handles are lowercase words: anything else in storage or an import is ignored.
  var NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;
  var MAX_SAVED = 1000;
  // Each person's data holds at most 50 events, plus 50 per followed problem.
  var MAX_SEEN = 20000;
  var cache = {};

  function read(key, fallback) {
    try {
      var value = JSON.parse(window.localStorage.getItem(key));
      return value === null ? fallback : value;
    } catch {
      return fallback;
    }
  }

  function write(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch {
      // Storage off or full: the site still reads, it just cannot remember.
    }
  }

  function names(value, limit) {
    if (!Array.isArray(value)) return [];
    var out = [];
    value.forEach(function (v) {
      if (typeof v === "string" && NAME.test(v) && out.indexOf(v) === -1) out.push(v);
    });
    return out.slice(0, limit || MAX_SAVED);
  }

  function me() {
    var handle = read(ME, "");
    return typeof handle === "string" && NAME.test(handle) ? handle : "";
  }

  function saved() {
    return names(read(SAVED, []));
  }

  function data(name) {
    if (!cache[name]) {
      // no-cache: revalidate, so a badge never counts from a stale copy after a publish.
      cache[name] = fetch(new URL(name, root).href, { credentials: "same-origin", cache: "no-cache" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; });
    }
    return cache[name];
  }

  function own(obj, key) {
    return obj && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : null;
  }

  // The keys of everything told to `handle` in this browser: their own activity and
  // the answers to problems they saved.
  function keysFor(activity, handle) {
    var person = own(activity && activity.people, handle);
    if (!person) return null;
    var keys = person.keys.slice();
    saved().forEach(function (id) {
      (own(activity.follow, id) || []).forEach(function (k) {
        if (keys.indexOf(k) === -1) keys.push(k);
      });
    });
    return { page: person.page, keys: keys };
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function link(text, path) {
    var a = el("a", text);
    a.href = new URL(path, root).href;
    return a;
  }

  // --- the top-bar badge ------------------------------------------------------

  function badge() {
    var node = document.querySelector(".ws-activity-badge");
    var handle = me();
    if (!node || !handle) return;
    var page = document.querySelector(".ws-activity[data-handle]");
    if (page && page.getAttribute("data-handle") === handle) return; // looking at it now
    data("activity.json").then(function (activity) {
      var mine = keysFor(activity, handle);
      if (!mine) return;
      var seen = names(read(SEEN, []), MAX_SEEN);
      var fresh = mine.keys.filter(function (k) { return seen.indexOf(k) === -1; });
      if (!fresh.length) return;
      node.href = new URL(mine.page, root).href;
      node.querySelector(".ws-activity-badge__count").textContent = String(fresh.length);
      node.title = t("{n} new since your last look at your activity", { n: fresh.length });
      node.setAttribute("aria-label", node.title);
      node.hidden = false;
    });
  }

  // --- an activity page: "This is me", seen, and the saved problems --------------

  function activityPage() {
    var page = document.querySelector(".ws-activity[data-handle]");
    if (!page) return;
    var handle = page.getAttribute("data-handle");
    var actions = page.querySelector(".ws-me-actions");
    var isMe = page.querySelector(".ws-me");
    var notMe = page.querySelector(".ws-not-me");
    actions.hidden = false;

    function markSeen() {
      return data("activity.json").then(function (activity) {
        var mine = keysFor(activity, handle);
        if (mine) write(SEEN, mine.keys);
      });
    }

    function show() {
      var mine = me() === handle;
      isMe.hidden = mine;
      notMe.hidden = !mine;
      if (mine) {
        markSeen();
        followed(page);
      }
    }

    isMe.addEventListener("click", function () {
      write(ME, handle);
      show();
    });
    notMe.addEventListener("click", function () {
      window.localStorage.removeItem(ME);
      window.localStorage.removeItem(SEEN);
      show();
    });
    show();
  }

  function followed(page) {
    var section = page.querySelector("#followed");
    var list = section.querySelector(".ws-followed-events");
    data("saved.json").then(function (found) {
      list.textContent = "";
      saved().forEach(function (id) {
        var item = own(found && found.items, id);
        if (!item || item.type !== "problem") return;
        item.events.forEach(function (e) {
          var li = el("li", "", "ws-event ws-event--" + e.kind);
          li.appendChild(link(e.text, e.url));
          li.appendChild(document.createTextNode(" "));
          li.appendChild(el("time", e.date, "ws-meta"));
          list.appendChild(li);
        });
      });
      section.hidden = !list.children.length;
    });
  }

  // --- Save buttons -------------------------------------------------------------

  function setSaved(ids) {
    write(SAVED, names(ids));
  }

  function saveButtons() {
    document.querySelectorAll("button.ws-save[data-save]").forEach(function (button) {
      var id = button.getAttribute("data-save");
      if (!NAME.test(id)) return;
      function paint() {
        var on = saved().indexOf(id) !== -1;
        button.textContent = on ? t("Saved ✓") : t("Save");
        button.setAttribute("aria-pressed", on ? "true" : "false");
      }
      button.addEventListener("click", function () {
        var ids = saved();
        var at = ids.indexOf(id);
        if (at === -1) {
          ids.unshift(id);
          // What following brings from now on is new; what is already there is not.
          if (me()) {
            data("activity.json").then(function (activity) {
              var seen = names(read(SEEN, []), MAX_SEEN);
              (own(activity && activity.follow, id) || []).forEach(function (k) {
                if (seen.indexOf(k) === -1) seen.push(k);
              });
              write(SEEN, seen);
            });
          }
        } else {
          ids.splice(at, 1);
        }
        setSaved(ids);
        paint();
      });
      paint();
      button.hidden = false;
    });
  }

  // --- /saved/ --------------------------------------------------------------------

  function rating(item) {
    if (!item.ratings) return t("not rated yet");
    var count = t(item.ratings === 1 ? "{n} rating" : "{n} ratings", { n: item.ratings });
    return "★ " + item.average.toFixed(1) + " (" + count + ")";
  }

  function savedPage() {
    var list = document.querySelector(".ws-saved-list");
    if (!list) return;
    var empty = document.querySelector(".ws-saved-empty");
    var actions = document.querySelector(".ws-saved-actions");
    var note = document.querySelector(".ws-import-note");
    actions.hidden = false;

    function render() {
      data("saved.json").then(function (found) {
        var items = (found && found.items) || {};
        var ids = saved();
        list.textContent = "";
        empty.hidden = ids.length > 0;
        ids.forEach(function (id) {
          var item = own(items, id);
          var li = el("li", "", "ws-saved-item");
          li.setAttribute("data-id", id);
          if (item) {
            li.appendChild(link(item.title, item.url));
            li.appendChild(el("span", " " + t(item.type), "ws-type"));
            li.appendChild(el("span", " · " + t(item.state) + " · " + rating(item), "ws-meta"));
            if (item.events.length) {
              var latest = item.events[0];
              var p = el("small", t("Latest:") + " ");
              p.appendChild(link(latest.text, latest.url));
              p.appendChild(document.createTextNode(" (" + latest.date + ")"));
              li.appendChild(el("br"));
              li.appendChild(p);
            }
          } else {
            li.appendChild(el("span", t("{id}: no longer on this site", { id: id }), "ws-empty"));
          }
          var remove = el("button", t("Remove"), "md-button ws-unsave");
          remove.type = "button";
          remove.addEventListener("click", function () {
            setSaved(saved().filter(function (x) { return x !== id; }));
            render();
          });
          li.appendChild(document.createTextNode(" "));
          li.appendChild(remove);
          list.appendChild(li);
        });
      });
    }

    document.querySelector(".ws-export").addEventListener("click", function () {
      var blob = new Blob([JSON.stringify({ workscape_saved: saved() }, null, 2) + "\n"], {
        type: "application/json",
      });
      var a = el("a");
      a.href = URL.createObjectURL(blob);
      a.download = "workscape-saved.json";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 0);
    });

    document.querySelector(".ws-import input").addEventListener("change", function (event) {
      var file = event.target.files && event.target.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var parsed;
        try {
          parsed = JSON.parse(text);
        } catch {
          note.textContent = t("Not a saved-items file: it is not JSON.");
          return;
        }
        var incoming = names(Array.isArray(parsed) ? parsed : parsed && parsed.workscape_saved);
        if (!incoming.length) {
          note.textContent = t("No saved items found in that file.");
          return;
        }
        var ids = saved();
        var added = incoming.filter(function (id) { return ids.indexOf(id) === -1; });
        setSaved(ids.concat(added));
        note.textContent = t(added.length === 1 ? "Imported {n} new item." : "Imported {n} new items.", { n: added.length });
        render();
      });
      event.target.value = "";
    });

    render();
  }

  function init() {
    saveButtons();
    activityPage();
    savedPage();
    badge();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
