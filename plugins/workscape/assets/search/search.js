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
  const texts = new Map(); // item id -> Promise of its plain text

  // -- loading: three files become one lunr.Index -------------------------------------

  async function fetchOk(path) {
    const response = await fetch(`${base}/search/${path}?v=${version}`);
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response;
  }

  async function load() {
    const [meta, index, postings] = await Promise.all([
      fetchOk("documents.json").then((r) => r.json()),
      fetchOk("index.json").then((r) => r.json()),
      fetchOk("postings.bin").then((r) => r.arrayBuffer()),
    ]);
    const docs = meta.docs.map((row) => Object.fromEntries(meta.columns.map((c, i) => [c, row[i]])));
    return {
      meta,
      docs,
      byId: new Map(docs.map((d) => [d.id, d])),
      common: new Set(index.common),
      index: buildIndex(meta.fields, index, new Uint8Array(postings), docs),
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

  function buildIndex(fields, { terms, boosts, bm25 }, bytes, docs) {
    const F = fields.length, N = docs.length, { k1, b } = bm25, scale = 10 ** bm25.digits;
    const next = varints(bytes, 0);
    // Per document and field: its length and where its vector sits in `elements`.
    const lengths = new Float64Array(N * F), starts = new Int32Array(N * F + 1);
    for (let i = 0; i < N * F; i++) {
      lengths[i] = next();
      starts[i + 1] = starts[i] + 2 * next();
    }
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
    const elements = new Float64Array(starts[N * F]), fill = starts.slice(0, N * F);
    const termAt = new Int32Array(terms.length); // where each term's lists start
    const counts = new Int32Array(F);
    for (let t = 0; t < terms.length; t++) {
      termAt[t] = next.position();
      let df = 0; // lunr counts a document once per field
      for (let f = 0; f < F; f++) df += counts[f] = next();
      const idf = Math.log(1 + Math.abs((N - df + 0.5) / (df + 0.5)));
      for (let f = 0; f < F; f++) {
        for (let n = counts[f], doc = 0; n > 0; n--) {
          doc += next();
          const tf = next(), i = doc * F + f;
          let score = idf * ((k1 + 1) * tf) / (norm[i] + tf);
          score *= fieldBoost[f];
          score *= weight[doc];
          elements[fill[i]++] = t;
          elements[fill[i]++] = Math.round(score * scale) / scale;
        }
      }
    }
    const fieldVectors = Object.create(null);
    for (let i = 0; i < N * F; i++) {
      fieldVectors[`${fields[i % F]}/${Math.floor(i / F)}`] = new lunr.Vector(elements.subarray(starts[i], starts[i + 1]));
    }
    // lunr reads invertedIndex[term] only for terms a query reached, so each posting
    // object is made on first use instead of all of them at load time.
    const number = new Map(terms.map((t, i) => [t, i]));
    const none = Object.freeze({}); // lunr keeps no metadata per match here
    const invertedIndex = new Proxy(Object.create(null), {
      get(cache, term) {
        if (!(term in cache) && number.has(term)) {
          const t = number.get(term), read = varints(bytes, termAt[t]), posting = { _index: t };
          const sizes = fields.map(() => read());
          fields.forEach((field, f) => {
            posting[field] = {};
            for (let n = sizes[f], doc = 0; n > 0; n--) {
              doc += read();
              read(); // the frequency, already in the score
              posting[field][doc] = none;
            }
          });
          cache[term] = posting;
        }
        return cache[term];
      },
    });
    return new lunr.Index({
      invertedIndex,
      fieldVectors,
      tokenSet: lunr.TokenSet.fromArray(terms),
      fields,
      pipeline: lunr.Pipeline.load(["stemmer"]),
    });
  }

  // -- searching: engine.py's query_words, add_clauses and rank --------------------------

  function words(text) {
    return text.normalize("NFKC").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  }

  function queryWords(text) {
    const kept = words(text).filter((w) => lunr.stopWordFilter(new lunr.Token(w)) !== undefined);
    return [...new Set(kept)];
  }

  function addClauses(query, wanted, settings, fuzzy) {
    wanted.forEach((word, k) => {
      query.term(word, { boost: settings.exact_boost });
      if (k === wanted.length - 1 && word.length >= settings.prefix_min) {
        query.term(word, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: settings.prefix_boost });
      }
      if (fuzzy && word.length >= settings.fuzzy_min) { // a typo: see QUERY in engine.py
        query.term(word, { editDistance: 1, boost: settings.prefix_boost });
        for (let end = Math.floor((word.length + 1) / 2); end < word.length; end++) {
          query.term(word.slice(0, end), { usePipeline: false, boost: settings.prefix_boost });
        }
      }
    });
  }

  function search(engine, text, filters) {
    let wanted = queryWords(text);
    const rare = wanted.filter((w) => !engine.common.has(stemOf(w)));
    if (rare.length) wanted = rare; // see QUERY in engine.py
    let hits;
    if (!wanted.length) {
      if (words(text).length) return []; // only stop words: nothing can match
      hits = engine.docs.map((doc) => ({ doc, score: doc.weight }));
    } else {
      const run = (fuzzy) => engine.index.query((q) => addClauses(q, wanted, engine.meta.query, fuzzy));
      let results = run(false);
      if (!results.length) results = run(true);
      hits = results.map((r) => ({ doc: engine.docs[Number(r.ref)], score: r.score }));
    }
    return rank(hits, engine).filter((hit) => admits(hit.doc, filters));
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

  function has(doc, facet, value) {
    return facet === "tag" ? doc.tags.includes(value) : doc[facet] === value;
  }

  function admits(doc, filters) {
    return FACETS.every((facet) => !filters[facet] || has(doc, facet, filters[facet]));
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
    const rating = doc.ratings ? `★ ${doc.rating.toFixed(1)} (${doc.ratings} rating${doc.ratings === 1 ? "" : "s"})` : "not rated yet";
    const problem = engine.byId.get(doc.problem);
    const replacement = engine.byId.get(doc.superseded_by);
    const text = el("p", { class: "ws-result__snippet" });
    textOf(doc.id).then((body) => showSnippet(text, snippet(body, wanted, engine.meta)));
    return el("li", { class: `ws-result ws-result--${doc.type}`, "data-id": doc.id },
      el("span", { class: "ws-type" }, doc.type), " ",
      el("a", { class: "ws-result__title", href: `${base}/${doc.url}` }, doc.title), " ",
      el("span", { class: `ws-badge ws-badge--${doc.state}`, "data-state": doc.state }, labels.state[doc.state]),
      el("span", { class: "ws-rating" }, rating),
      problem ? el("p", { class: "ws-result__meta" }, "Answer to ", el("a", { href: `${base}/${problem.url}` }, problem.title)) : null,
      replacement ? el("p", { class: "ws-result__meta ws-result__superseded" }, "Superseded by ", el("a", { href: `${base}/${replacement.url}` }, replacement.title)) : null,
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

  // -- the form, the URL and the counts next to each filter value ------------------------

  function readForm() {
    const data = new FormData(form);
    const filters = Object.fromEntries(FACETS.map((f) => [f, data.get(f) || ""]));
    return { q: (data.get("q") || "").trim(), filters };
  }

  function writeUrl(q, filters) {
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    for (const f of FACETS) if (filters[f]) params.set(f, filters[f]);
    const query = params.toString();
    if (query !== location.search.slice(1)) history.replaceState(null, "", query ? `?${query}` : location.pathname);
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
        if (filters[facet] && !has(doc, facet, filters[facet])) { failed = facet; fails++; }
      }
      if (fails === 0) for (const facet of FACETS) add(facet, doc);
      else if (fails === 1) add(failed, doc);
    }
    for (const facet of FACETS) {
      for (const option of form.elements[facet].options) {
        if (!option.value) continue;
        if (!option.dataset.label) option.dataset.label = option.textContent;
        const text = `${option.dataset.label} (${counts[facet].get(option.value) || 0})`;
        if (option.textContent !== text) option.textContent = text;
      }
    }
  }

  function render(engine, shown) {
    const { q, filters } = readForm();
    writeUrl(q, filters);
    if (!q && FACETS.every((f) => !filters[f])) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "Type what you are looking for, or pick a filter.";
      return [];
    }
    const everything = search(engine, q, {});
    const hits = everything.filter((h) => admits(h.doc, filters));
    showCounts(everything, filters);
    const wanted = queryWords(q);
    list.replaceChildren(...hits.slice(0, shown).map((h) => result(engine, h.doc, wanted)));
    more.hidden = hits.length <= shown;
    status.textContent = hits.length ? `${hits.length} result${hits.length === 1 ? "" : "s"}` : "No results. Try other words, or fewer filters.";
    return hits;
  }

  const params = new URLSearchParams(location.search);
  for (const name of ["q", ...FACETS]) if (params.has(name)) form.elements[name].value = params.get(name);
  const header = document.getElementById("ws-header-q");
  if (header) header.value = params.get("q") || "";
  status.textContent = "Loading the search index…";
  performance.mark("ws-search-start"); // the index download starts: ready minus this is ours
  const ready = load().then((engine) => {
    performance.mark("ws-search-ready");
    form.dataset.ready = "true";
    let shown = PAGE;
    let timer = 0;
    const update = () => { shown = PAGE; render(engine, shown); };
    // Typing searches after a short pause; a filter applies at once.
    form.addEventListener("input", (event) => {
      if (event.target.name === "q") { clearTimeout(timer); timer = setTimeout(update, 120); }
    });
    form.addEventListener("change", (event) => { if (event.target.name !== "q") update(); });
    form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(timer); update(); });
    more.addEventListener("click", () => { shown += PAGE; render(engine, shown); });
    update();
    return engine;
  }).catch((error) => {
    status.textContent = `Search could not load (${error.message}). Browse by tag instead.`;
    throw error;
  });

  // For tests and the benchmark: the same engine the page uses.
  window.workscapeSearch = {
    ready,
    vectors: () => ready.then(({ index }) =>
      Object.entries(index.fieldVectors).map(([ref, v]) => [ref, Array.from(v.elements)])),
    search: (q, filters) => ready.then((engine) => search(engine, q, filters || {}).map((h) => [h.doc.id, h.score])),
    show: (q, filters) => ready.then((engine) => {
      form.elements.q.value = q;
      for (const f of FACETS) form.elements[f].value = (filters || {})[f] || "";
      return render(engine, PAGE).length;
    }),
  };
})();
