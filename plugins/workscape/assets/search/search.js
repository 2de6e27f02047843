/*
 * Workscape search: the site's prebuilt index, queried in the browser with lunr.js.
 *
 * Mirrors workscape/search/engine.py, so the site and `workscape search` agree:
 * words() and queryWords() split text like terms.words() and engine.query_words();
 * addClauses() builds the same lunr clauses; rank() is engine.rank(); snippet() is
 * engine.snippet(). Curation weights are already in the index (lunr document boosts).
 * Every value the two sides share (boosts, prefix and typo lengths, weights, rounding,
 * snippet width) is read from the files the build writes, never written here.
 *
 * The files are described in workscape/publish/pages/search.py. Every string from
 * the content reaches the page through textContent, never as HTML.
 */
(function () {
  "use strict";

  const form = document.querySelector("form[data-ws-search]");
  if (!form || !window.lunr) return;
  const base = form.dataset.base;
  const version = form.dataset.version;
  const PAGE = 20; // results shown at a time
  const FACETS = ["type", "tag", "community", "state"];
  const status = document.querySelector("[data-ws-status]");
  const list = document.querySelector("[data-ws-results]");
  const more = document.querySelector("[data-ws-more]");
  const corrected = document.querySelector("[data-ws-corrected]");
  const none = document.querySelector("[data-ws-none]");
  // The page's words in the site's language: every page of a site in another language
  // carries the catalogue's translations of the English below (publish/script_words.py);
  // an English site carries none and the English stands. "{name}" marks a value.
  const block = document.getElementById("ws-words");
  const WORDS = block ? JSON.parse(block.textContent) : {};
  const t = (english, values = {}) =>
    (WORDS[english] || english).replace(/\{(\w+)\}/g, (whole, name) => String(values[name] ?? whole));
  const FACET_NAMES = { type: t("type"), tag: t("tag"), community: t("community"), state: t("review state") };
  const CLOSE_TAG = 0.45; // least likeness for "browse by tag" to offer a tag: see closestTags
  const texts = new Map(); // item id -> Promise of its plain text

  // -- loading: three files and the postings shards become one lunr.Index ------------

  async function fetchOk(path) {
    const response = await fetch(`${base}/search/${path}?v=${version}`);
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response;
  }

  async function load() {
    const [meta, index, lengths] = await Promise.all([
      fetchOk("documents.json").then((r) => r.json()),
      fetchOk("index.json").then((r) => r.json()),
      fetchOk("lengths.bin").then((r) => r.arrayBuffer()),
    ]);
    const docs = meta.docs.map((row) => Object.fromEntries(meta.columns.map((c, i) => [c, row[i]])));
    return {
      meta,
      docs,
      byId: new Map(docs.map((d) => [d.id, d])),
      common: new Set(index.common),
      ...buildIndex(meta.fields, index, new Uint8Array(lengths), docs),
    };
  }

  function varints(bytes, start) { // reads unsigned LEB128 varints from `start` on
    let pos = start;
    const next = () => {
      let value = 0, scale = 1, byte;
      do {
        byte = bytes[pos++];
        value += (byte & 127) * scale;
        scale *= 128;
      } while (byte & 128);
      return value;
    };
    next.position = () => pos;
    return next;
  }

  // A lunr.Index whose postings arrive in shards. `run` queries it with the shards loaded
  // so far and says which terms lunr reached that were not loaded (they count as empty);
  // query() then fetches their shards and runs the query again.
  function buildIndex(fields, { terms, boosts, bm25, shards }, lengthBytes, docs) {
    const F = fields.length, N = docs.length, { k1, b } = bm25, scale = 10 ** bm25.digits;
    const next = varints(lengthBytes, 0);
    const lengths = new Float64Array(N * F);
    for (let i = 0; i < N * F; i++) lengths[i] = next();
    // Scores exactly as scores() in search/index.py, which is lunr's Builder: BM25 with
    // lunr's idf, times field and document boosts, rounded as lunr rounds (bm25.digits).
    // `norm` is its length part, the same operations in the same order.
    const norm = new Float64Array(N * F);
    fields.forEach((_, f) => {
      let sum = 0;
      for (let d = 0; d < N; d++) sum += lengths[d * F + f];
      const average = sum / N;
      for (let d = 0; d < N; d++) norm[d * F + f] = k1 * (1 - b + b * (lengths[d * F + f] / average));
    });
    const fieldBoost = fields.map((f) => boosts[f]), weight = docs.map((d) => d.weight);
    const number = new Map(terms.map((t, i) => [t, i]));
    const fieldNumber = new Map(fields.map((f, i) => [f, i]));
    const none = Object.freeze({}); // lunr keeps no metadata per match here
    const postings = Object.create(null); // term -> lunr's posting, for the loaded shards
    const elements = new Array(N * F); // per document and field: [term, score] of loaded terms
    const vectors = Object.create(null); // "field/doc" -> its lunr.Vector, until a shard adds to it
    const loaded = new Map(); // shard number -> Promise of its loading
    let missing = new Set(); // terms a query reached whose shard is not loaded

    function addShard(k, bytes) {
      const read = varints(bytes, 0), end = k + 1 < shards.length ? shards[k + 1] : terms.length;
      const counts = new Int32Array(F), touched = new Set();
      for (let t = shards[k]; t < end; t++) {
        const posting = { _index: t };
        let df = 0; // lunr counts a document once per field
        for (let f = 0; f < F; f++) df += counts[f] = read();
        const idf = Math.log(1 + Math.abs((N - df + 0.5) / (df + 0.5)));
        fields.forEach((field, f) => {
          posting[field] = {};
          for (let n = counts[f], doc = 0; n > 0; n--) {
            doc += read();
            const tf = read(), i = doc * F + f;
            let score = idf * ((k1 + 1) * tf) / (norm[i] + tf);
            score *= fieldBoost[f];
            score *= weight[doc];
            (elements[i] || (elements[i] = [])).push([t, Math.round(score * scale) / scale]);
            touched.add(i);
            posting[field][doc] = none;
          }
        });
        postings[terms[t]] = posting;
      }
      for (const i of touched) delete vectors[`${fields[i % F]}/${Math.floor(i / F)}`];
    }

    function shardOf(t) { // the last shard starting at or before term number t
      let low = 0, high = shards.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (shards[mid] <= t) low = mid; else high = mid - 1;
      }
      return low;
    }

    function fetchShards(wanted) {
      return Promise.all([...wanted].map((k) => {
        if (!loaded.has(k)) {
          const loading = fetchOk(`postings/${k}.bin`).then((r) => r.arrayBuffer())
            .then((data) => addShard(k, new Uint8Array(data)));
          loading.catch(() => loaded.delete(k)); // a failed shard is fetched again next time
          loaded.set(k, loading);
        }
        return loaded.get(k);
      }));
    }

    const invertedIndex = new Proxy(Object.create(null), {
      get(_, term) {
        if (term in postings) return postings[term];
        if (!number.has(term)) return undefined;
        missing.add(number.get(term)); // not loaded: matches nothing in this run
        return Object.fromEntries([["_index", number.get(term)], ...fields.map((f) => [f, none])]);
      },
    });
    // A document's field vector holds the loaded terms, in term order as lunr's does: the
    // dot product with a query's vector, all of whose terms are loaded, stays the same.
    const fieldVectors = new Proxy(vectors, {
      get(made, ref) {
        if (!(ref in made)) {
          const slash = ref.indexOf("/");
          const i = Number(ref.slice(slash + 1)) * F + fieldNumber.get(ref.slice(0, slash));
          made[ref] = new lunr.Vector((elements[i] || []).sort((x, y) => x[0] - y[0]).flat());
        }
        return made[ref];
      },
    });
    const index = new lunr.Index({
      invertedIndex,
      fieldVectors,
      tokenSet: lunr.TokenSet.fromArray(terms),
      fields,
      pipeline: lunr.Pipeline.load(["stemmer"]),
    });
    return {
      index,
      run(build) { // lunr's results, and the shards of the terms it reached but lacked
        missing = new Set();
        const results = index.query(build);
        return { results, lacking: new Set([...missing].map(shardOf)) };
      },
      fetchShards,
      allShards: () => fetchShards(shards.keys()),
    };
  }

  // lunr's index.query with every posting it reaches: a query whose terms are all loaded
  // runs once; otherwise its shards are fetched and it runs again (the same clauses reach
  // the same terms, now all loaded).
  async function query(engine, build) {
    const first = engine.run(build);
    if (!first.lacking.size) return first.results;
    await engine.fetchShards(first.lacking);
    const again = engine.run(build);
    if (again.lacking.size) throw new Error("search index: a shard lacks its terms");
    return again.results;
  }

  // -- searching: engine.py's query_words, add_clauses and rank --------------------------

  function words(text) {
    return text.normalize("NFKC").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  }

  function queryWords(text) {
    const kept = words(text).filter((w) => lunr.stopWordFilter(new lunr.Token(w)) !== undefined);
    return [...new Set(kept)];
  }

  function wantedWords(engine, text) { // SearchEngine.wanted()
    const found = queryWords(text);
    const rare = found.filter((w) => !engine.common.has(stemOf(w)));
    return rare.length ? rare : found; // see QUERY in engine.py
  }

  function addWord(query, word, last, settings, fuzzy) { // engine.add_word()
    query.term(word, { boost: settings.exact_boost });
    if (last && word.length >= settings.prefix_min) {
      query.term(word, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: settings.prefix_boost });
    }
    if (fuzzy && word.length >= settings.fuzzy_min) { // a typo: see QUERY in engine.py
      query.term(word, { editDistance: 1, boost: settings.prefix_boost });
      for (let end = Math.floor((word.length + 1) / 2); end < word.length; end++) {
        query.term(word.slice(0, end), { usePipeline: false, boost: settings.prefix_boost });
      }
    }
  }

  function queryAll(engine, wanted, fuzzy) {
    const last = wanted.length - 1;
    return query(engine, (q) => wanted.forEach((w, k) => addWord(q, w, k === last, engine.meta.query, fuzzy)));
  }

  async function search(engine, text, filters, exact) {
    const wanted = wantedWords(engine, text);
    let hits;
    if (!wanted.length) {
      if (words(text).length) return []; // only stop words: nothing can match
      hits = engine.docs.map((doc) => ({ doc, score: doc.weight }));
    } else {
      let results = await queryAll(engine, wanted, false);
      if (!results.length && !exact) results = await queryAll(engine, wanted, true);
      hits = results.map((r) => ({ doc: engine.docs[Number(r.ref)], score: r.score }));
    }
    return rank(hits, engine).filter((hit) => admits(hit.doc, filters));
  }

  // correction.py's correct(): what a query retried as typos was searched as, or null.
  async function correction(engine, text) {
    const wanted = wantedWords(engine, text);
    if (!wanted.length || (await queryAll(engine, wanted, false)).length) return null;
    const ranked = (await search(engine, text, {})).map((h) => h.doc);
    const last = wanted.length - 1, fixed = new Map();
    for (const [k, word] of wanted.entries()) {
      const holders = new Map(); // index term -> ids of the documents it was found in
      const results = await query(engine, (q) => addWord(q, word, k === last, engine.meta.query, true));
      for (const r of results) {
        for (const found of Object.keys(r.matchData.metadata)) {
          if (!holders.has(found)) holders.set(found, new Set());
          holders.get(found).add(engine.docs[Number(r.ref)].id);
        }
      }
      if (!holders.size) continue;
      // Terms are letters and digits, compared by UTF-16 unit here and code point in
      // Python: the two orders differ only past U+FFFF.
      const [chosen] = [...holders.keys()].sort((a, b) =>
        holders.get(b).size - holders.get(a).size || b.length - a.length || (a > b) - (a < b));
      fixed.set(word, await shownAs(chosen, ranked.filter((d) => holders.get(chosen).has(d.id))));
    }
    if (!fixed.size) return null;
    const typed = words(text);
    return { original: typed.join(" "), query: typed.map((w) => fixed.get(w) || w).join(" ") };
  }

  async function shownAs(found, docs) { // correction.shown_as()
    const seen = [];
    for (const doc of docs) {
      const all = words(`${doc.title} ${await textOf(doc.id)}`);
      const whole = all.find((w) => stemOf(w) === found);
      if (whole) return whole;
      seen.push(all);
    }
    for (const all of seen) {
      const start = all.find((w) => w.startsWith(found));
      if (start) return start;
    }
    return found;
  }

  function rank(hits, engine) {
    const scores = new Map();
    for (const { doc, score } of hits) scores.set(doc, score);
    for (const { doc, score } of hits) {
      const problem = engine.byId.get(doc.problem);
      if (problem) {
        const lifted = score * (problem.superseded_by ? engine.meta.superseded_weight : 1);
        scores.set(problem, Math.max(scores.get(problem) || 0, lifted));
      }
    }
    const ranked = [], scale = 10 ** engine.meta.rank_digits;
    for (const [doc, score] of scores) ranked.push({ doc, score: Math.round(score * scale) / scale });
    return ranked.sort((a, b) =>
      b.score - a.score ||
      (a.doc.type !== "problem") - (b.doc.type !== "problem") ||
      (a.doc.date < b.doc.date) - (a.doc.date > b.doc.date) ||
      (a.doc.id > b.doc.id) - (a.doc.id < b.doc.id));
  }

  // A filter is a list of values, any of which will do; an empty or missing list admits all.
  function has(doc, facet, values) {
    return values.some((value) => (facet === "tag" ? doc.tags.includes(value) : doc[facet] === value));
  }

  function admits(doc, filters) {
    return FACETS.every((facet) => !(filters[facet] || []).length || has(doc, facet, filters[facet]));
  }

  // -- showing results -----------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  }

  function result(engine, doc, wanted) {
    const labels = engine.meta.labels;
    const rating = doc.ratings
      ? `★ ${doc.rating.toFixed(1)} (${t(doc.ratings === 1 ? "{n} rating" : "{n} ratings", { n: doc.ratings })})`
      : t("not rated yet");
    const problem = engine.byId.get(doc.problem);
    const replacement = engine.byId.get(doc.superseded_by);
    const text = el("p", { class: "ws-result__snippet" });
    textOf(doc.id).then((body) => showSnippet(text, snippet(body, wanted, engine.meta)));
    return el("li", { class: `ws-result ws-result--${doc.type}`, "data-id": doc.id },
      el("span", { class: "ws-type" }, t(doc.type)), " ",
      el("a", { class: "ws-result__title", href: `${base}/${doc.url}` }, doc.title), " ",
      el("span", { class: `ws-badge ws-badge--${doc.state}`, "data-state": doc.state }, t(labels.state[doc.state])),
      el("span", { class: "ws-rating" }, rating),
      problem ? el("p", { class: "ws-result__meta" }, `${t("Answer to")} `, el("a", { href: `${base}/${problem.url}` }, problem.title)) : null,
      replacement ? el("p", { class: "ws-result__meta ws-result__superseded" }, `${t("Superseded by")} `, el("a", { href: `${base}/${replacement.url}` }, replacement.title)) : null,
      text,
      doc.tags.length ? el("ul", { class: "ws-tags" }, ...doc.tags.map((t) =>
        el("li", {}, el("a", { class: "ws-tag", href: `${base}/tags/${t}/` }, labels.tag[t] || t)))) : null);
  }

  function textOf(id) {
    if (!texts.has(id)) texts.set(id, fetchOk(`text/${id}.txt`).then((r) => r.text()).catch(() => ""));
    return texts.get(id);
  }

  function showSnippet(node, { text, spans }) {
    let at = 0;
    for (const [a, b] of spans) {
      node.append(text.slice(at, a), el("mark", {}, text.slice(a, b)));
      at = b;
    }
    node.append(text.slice(at));
  }

  const stems = new Map(); // word -> its stem, for snippets
  function stemOf(word) {
    if (!stems.has(word)) stems.set(word, lunr.stemmer(new lunr.Token(word)).toString());
    return stems.get(word);
  }

  function snippet(text, wanted, { snippet_width: width, query }) { // engine.snippet()
    const wantedStems = new Set(wanted.map(stemOf));
    const prefixes = wanted.filter((w) => w.length >= query.prefix_min);
    const found = [];
    for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
      const word = m[0].toLowerCase();
      if (wantedStems.has(stemOf(word)) || prefixes.some((p) => word.startsWith(p))) {
        found.push([m.index, m.index + m[0].length]);
      }
    }
    let start = 0;
    if (found.length && found[0][1] > Math.floor((width * 2) / 3)) {
      const cut = Math.max(0, found[0][0] - Math.floor(width / 3));
      start = cut > 0 ? text.lastIndexOf(" ", cut - 1) + 1 : 0;
    }
    let end = text.length - start <= width ? text.length : text.lastIndexOf(" ", start + width - 1);
    if (end <= start) end = Math.min(text.length, start + width);
    const lead = start ? "…" : "";
    const spans = found.filter(([a, b]) => a >= start && b <= end).map(([a, b]) => [a - start + lead.length, b - start + lead.length]);
    return { text: lead + text.slice(start, end) + (end < text.length ? "…" : ""), spans };
  }

  // -- the state: form, URL and history ------------------------------------------------
  // A search is { q, filters, exact }, written in the address (?q=&type=&state=&state=…),
  // so reload and a shared link show it again. A filter change or a submitted query adds a
  // history entry, so Back undoes it; typing replaces the entry it started, so Back does
  // not step through every pause in typing.

  function stateFromUrl() {
    const params = new URLSearchParams(location.search);
    const filters = Object.fromEntries(FACETS.map((f) => [f, params.getAll(f).filter(Boolean)]));
    return { q: (params.get("q") || "").trim(), filters, exact: params.get("exact") === "1" };
  }

  function urlOf({ q, filters, exact }) {
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    for (const f of FACETS) for (const value of filters[f] || []) params.append(f, value);
    if (exact && q) params.set("exact", "1");
    const query = params.toString();
    return query ? `?${query}` : location.pathname;
  }

  function readForm() {
    const data = new FormData(form);
    const filters = Object.fromEntries(FACETS.map((f) => [f, data.getAll(f).filter(Boolean)]));
    return { q: (data.get("q") || "").trim(), filters };
  }

  function writeForm({ q, filters }) {
    form.elements.q.value = q;
    for (const f of FACETS) {
      const field = form.elements[f], values = filters[f] || [];
      if (field instanceof HTMLSelectElement) field.value = values[0] || "";
      else for (const box of form.querySelectorAll(`input[name="${f}"]`)) box.checked = values.includes(box.value);
    }
    const header = document.getElementById("ws-header-q");
    if (header) header.value = q;
  }

  function choices(facet) { // each value of a facet, and where its count is shown
    const field = form.elements[facet];
    if (field instanceof HTMLSelectElement) {
      return [...field.options].filter((o) => o.value).map((option) => {
        if (!option.dataset.label) option.dataset.label = option.textContent;
        return { value: option.value, label: option.dataset.label, show: (n) => `${option.dataset.label} (${n})`, node: option };
      });
    }
    return [...form.querySelectorAll(`input[name="${facet}"]`)].map((box) => {
      const label = box.closest("label");
      return { value: box.value, label: label.querySelector("[data-ws-label]").textContent, show: (n) => `(${n})`, node: label.querySelector("[data-ws-count]") };
    });
  }

  function showCounts(hits, filters) {
    // A value's count is of the hits that pass every other filter: one pass, since a hit
    // failing one filter counts only for that filter's values, failing two for none.
    const counts = Object.fromEntries(FACETS.map((f) => [f, new Map()]));
    const bump = (facet, value) => counts[facet].set(value, (counts[facet].get(value) || 0) + 1);
    const add = (facet, doc) => {
      if (facet === "tag") for (const tag of doc.tags) bump(facet, tag);
      else bump(facet, doc[facet]);
    };
    for (const { doc } of hits) {
      let failed = null, fails = 0;
      for (const facet of FACETS) {
        if (filters[facet].length && !has(doc, facet, filters[facet])) { failed = facet; fails++; }
      }
      if (fails === 0) for (const facet of FACETS) add(facet, doc);
      else if (fails === 1) add(failed, doc);
    }
    for (const facet of FACETS) {
      for (const { value, show, node } of choices(facet)) {
        const text = show(counts[facet].get(value) || 0);
        if (node.textContent !== text) node.textContent = text;
      }
    }
  }

  // -- nothing found: fewer filters, the closest tags, the ask link ------------------------

  function bigrams(word) {
    const out = new Set();
    for (let i = 0; i + 1 < word.length; i++) out.add(word.slice(i, i + 2));
    return out;
  }

  function likeness(a, b) { // Dice's coefficient over letter pairs: 1 is the same word
    const x = bigrams(a), y = bigrams(b);
    let both = 0;
    for (const pair of x) if (y.has(pair)) both++;
    return x.size + y.size ? (2 * both) / (x.size + y.size) : 0;
  }

  // The tags whose names look most like the words typed, for a query that found nothing
  // (so no tag name shares a word with it); ties by name. Deprecated tags are not offered:
  // the tag filter's choices are the current tags.
  function closestTags(text) {
    const typed = queryWords(text).filter((w) => w.length >= 3);
    const scored = [];
    for (const { value, label } of choices("tag")) {
      const names = words(`${label} ${value}`).filter((w) => w.length >= 3);
      let best = 0;
      for (const w of typed) for (const n of names) best = Math.max(best, likeness(w, n));
      if (best >= CLOSE_TAG) scored.push({ value, label, best });
    }
    scored.sort((a, b) => b.best - a.best || a.label.localeCompare(b.label, "en"));
    return scored.slice(0, 3);
  }

  function showNextSteps(engine, state, everything) {
    // Each filter that, dropped, brings results, with how many; then all of them at once.
    const active = FACETS.flatMap((f) => state.filters[f].map((value) => [f, value]));
    const links = [];
    for (const [facet, value] of active) {
      const fewer = { ...state.filters, [facet]: state.filters[facet].filter((v) => v !== value) };
      const n = everything.filter((h) => admits(h.doc, fewer)).length;
      const name = (choices(facet).find((c) => c.value === value) || { label: value }).label;
      if (n) links.push(stateLink({ ...state, filters: fewer }, t("without {facet} “{name}” ({count})", { facet: FACET_NAMES[facet], name, count: resultCount(n) })));
    }
    if (active.length > 1 && everything.length) {
      const none = Object.fromEntries(FACETS.map((f) => [f, []]));
      links.push(stateLink({ ...state, filters: none }, t("without any filter ({count})", { count: resultCount(everything.length) })));
    }
    const fewerLinks = none.querySelector("[data-ws-fewer-links]");
    fewerLinks.replaceChildren(...(links.length ? links.flatMap((link, i) => (i ? ["; ", link] : [link]))
      : [t("they would not help, no item has these words.")]));
    none.querySelector("[data-ws-fewer]").hidden = !active.length;
    const tags = closestTags(state.q);
    none.querySelector("[data-ws-close-tags]").replaceChildren(...tags.flatMap(({ value, label }) =>
      [el("a", { class: "ws-tag", href: `${base}/tags/${value}/` }, label), ", "]));
    none.hidden = false;
  }

  function resultCount(n) {
    return t(n === 1 ? "{n} result" : "{n} results", { n });
  }

  function stateLink(state, text) { // a link to another search; followed in place
    const link = el("a", { href: urlOf(state) }, text);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      go(state, "push");
    });
    return link;
  }

  // -- showing a search ---------------------------------------------------------------------

  let engine = null, shown = PAGE, current = null, typing = false, renders = 0;

  // Shows `state`: "push" adds a history entry, "replace" rewrites the current one, "none"
  // leaves history alone (the page load, Back). The form shows it too, unless it came
  // from the form: rewriting a field being typed in would move the cursor.
  function go(state, how, fromForm) {
    const url = urlOf(state);
    if (how !== "none" && url !== urlOf(current || stateFromUrl())) {
      if (how === "push") history.pushState(null, "", url);
      else history.replaceState(null, "", url);
    }
    if (!fromForm) writeForm(state);
    current = state;
    shown = PAGE;
    return render();
  }

  // Shows the current state once its postings are loaded; a newer render started meanwhile
  // wins (its token), so a slow shard never overwrites later results.
  async function render() {
    const state = current, token = ++renders;
    if (!state.q && FACETS.every((f) => !state.filters[f].length)) {
      corrected.hidden = true;
      none.hidden = true;
      list.replaceChildren();
      more.hidden = true;
      status.textContent = t("Type what you are looking for, or pick a filter.");
      return [];
    }
    let everything;
    try {
      everything = await search(engine, state.q, {}, state.exact);
    } catch (error) {
      // a shard failed to arrive: said where results would be; the next search retries it
      if (token === renders) status.textContent = t("Search could not load ({error}). Browse by tag instead.", { error: error.message });
      return [];
    }
    const hits = everything.filter((h) => admits(h.doc, state.filters));
    if (token !== renders) return hits;
    corrected.hidden = true;
    none.hidden = true;
    showCounts(everything, state.filters);
    const wanted = queryWords(state.q);
    list.replaceChildren(...hits.slice(0, shown).map((h) => result(engine, h.doc, wanted)));
    more.hidden = hits.length <= shown;
    status.textContent = hits.length ? resultCount(hits.length)
      : state.q ? t("No results for “{q}”.", { q: state.q }) : t("No results: nothing has all these filters.");
    if (!hits.length) showNextSteps(engine, state, everything);
    if (state.q && !state.exact && everything.length) {
      correction(engine, state.q).then((fixed) => {
        if (!fixed || token !== renders) return;
        corrected.querySelector("[data-ws-corrected-query]").textContent = fixed.query;
        const original = corrected.querySelector("[data-ws-original]");
        original.textContent = fixed.original;
        original.href = urlOf({ ...state, exact: true });
        corrected.hidden = false;
      });
    }
    return hits;
  }

  writeForm(stateFromUrl()); // before the index loads, the form already shows the search
  status.textContent = t("Loading the search index…");
  performance.mark("ws-search-start"); // the index download starts: ready minus this is ours
  const ready = load().then((loaded) => {
    performance.mark("ws-search-ready");
    engine = loaded;
    form.dataset.ready = "true";
    let timer = 0;
    const edit = (how) => {
      const state = readForm();
      // A changed query is searched with typo correction again; the same one keeps its choice.
      go({ ...state, exact: Boolean(current && current.exact && current.q === state.q) }, how, true);
    };
    form.addEventListener("input", (event) => {
      if (event.target.name !== "q") return;
      clearTimeout(timer);
      timer = setTimeout(() => { edit(typing ? "replace" : "push"); typing = true; }, 120);
    });
    form.addEventListener("change", (event) => {
      if (event.target.name === "q") return;
      typing = false;
      edit("push");
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(timer);
      typing = false;
      edit("push");
    });
    more.querySelector("button").addEventListener("click", () => { shown += PAGE; render(); });
    corrected.querySelector("[data-ws-original]").addEventListener("click", (event) => {
      event.preventDefault();
      typing = false;
      go({ ...current, exact: true }, "push");
    });
    window.addEventListener("popstate", () => {
      clearTimeout(timer);
      typing = false;
      go(stateFromUrl(), "none");
    });
    go(stateFromUrl(), "none");
    return engine;
  }).catch((error) => {
    status.textContent = t("Search could not load ({error}). Browse by tag instead.", { error: error.message });
    throw error;
  });

  const asFilters = (filters) => Object.fromEntries(FACETS.map((f) => {
    const value = (filters || {})[f];
    return [f, Array.isArray(value) ? value : value ? [value] : []];
  }));

  // For tests and the benchmark: the same engine the page uses.
  window.workscapeSearch = {
    ready,
    // Every field vector, all shards loaded: what the core's index holds.
    vectors: () => ready.then(async (loaded) => {
      await loaded.allShards();
      return loaded.docs.flatMap((_, d) => loaded.meta.fields.map((f) =>
        [`${f}/${d}`, Array.from(loaded.index.fieldVectors[`${f}/${d}`].elements)]));
    }),
    search: (q, filters, exact) => ready.then(() => search(engine, q, asFilters(filters), Boolean(exact)))
      .then((hits) => hits.map((h) => [h.doc.id, h.score])),
    correction: (q) => ready.then(() => correction(engine, q)),
    show: (q, filters) => ready.then(() => go({ q, filters: asFilters(filters), exact: false }, "replace")).then((hits) => hits.length),
  };
})();
