/* The search page: Pagefind bundles (one per group of volumes) with filters, date order and
   highlighted results. The word table (search-words/, built with the site) tells which
   bundles hold every word of the query: only those are opened, a few at a time, so a word
   missing from a bundle never brings that bundle's prefix matches (`Lozovsky` → `L.`), and
   a word in no document is said to be so. The first results are drawn as soon as their
   fragments arrive; the filters follow, further results and bundles on request. */
(async function () {
  "use strict";
  const PAGE = 10;
  const FIRST = 4;  // results drawn first, the rest of the first page right after
  const root = document.body.dataset.root || "./";
  const form = document.getElementById("search-form");
  const input = document.getElementById("search-q");
  const sort = document.getElementById("search-sort");
  const filterBox = document.getElementById("search-filters");
  const filterToggle = document.getElementById("search-filter-box");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const more = document.getElementById("search-more");
  const OPEN = 4;  // bundles opened at once
  const here = (path) => new URL(root + path, location.href).href;
  const baseUrl = new URL(root, location.href).pathname;
  // The bundles in edition order, as numbered in the word table (search-words/bundles.json).
  const bundles = (form.dataset.bundles || "").split(" ").filter(Boolean).map(here);
  if (!bundles.length) { status.textContent = "The search index could not be loaded."; return; }
  // loaded while the word table is read (`locate`), not before
  const loading = import(bundles[0] + "pagefind.js");
  loading.catch(() => { status.textContent = "The search index could not be loaded."; });
  const instances = new Map();
  async function instance(numbers) {
    const key = numbers.join(" ");
    if (!instances.has(key)) {
      const pagefind = await loading;
      if (instances.has(key)) return instances.get(key);
      const made = pagefind.createInstance({ basePath: bundles[numbers[0]], baseUrl, highlightParam: "highlight" });
      instances.set(key, (async () => {
        await Promise.all(numbers.slice(1).map((n) => made.mergeIndex(bundles[n], { baseUrl })));
        await made.init();
        return made;
      })());
    }
    return instances.get(key);
  }

  /* Words as Pagefind compares them: lower case, accents dropped, split at punctuation. */
  function fold(text) { return text.normalize("NFD").replace(/\p{M}/gu, ""); }
  function words(text) { return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean); }

  /* The word table: for the first two letters of a word, which bundles hold each word. */
  const shards = new Map();
  function shard(start) {
    if (!shards.has(start)) {
      const hex = [...new TextEncoder().encode(start)].map((b) => b.toString(16).padStart(2, "0")).join("");
      shards.set(start, fetch(here(`search-words/${hex}.json`)).then((r) => (r.ok ? r.json() : {})).catch(() => ({})));
    }
    return shards.get(start);
  }
  /* Where the query's words are: `found`, the bundles holding every word (most documents first);
     `missing`, the words no document holds; `near`, bundles holding the closest words. */
  async function locate(terms) {
    let found = null;  // bundle number → documents holding the rarest word so far
    const missing = [];
    const near = new Set();
    const instead = new Map();  // a missing word → the nearest word the edition has
    // a word as Pagefind looks it up: its punctuation dropped (`761.94` → `76194`)
    const parts = terms.map((term) => [term, words(term).join("").toLowerCase()]);
    const tables = await Promise.all(parts.map(([, part]) => (part.length < 2 ? {} : shard(part.slice(0, 2)))));
    parts.forEach(([term, part], i) => {
      if (part.length < 2) return;  // a lone letter or digit narrows nothing
      const holders = new Map();
      let best = 0;
      let closest = null;  // [word, held] sharing the longest start with the part
      const docsOf = (held) => held.reduce((sum, [, docs]) => sum + docs, 0);
      for (const [w, held] of Object.entries(tables[i])) {
        if (w.startsWith(part) || same(part, w)) held.forEach(([n, docs]) => holders.set(n, (holders.get(n) || 0) + docs));
        let k = 0;
        while (k < w.length && w[k] === part[k]) k++;
        if (k > best || (k === best && closest && docsOf(held) > docsOf(closest[1]))) { best = k; closest = [w, held]; }
      }
      if (!holders.size) {
        if (!missing.includes(term)) missing.push(term);
        if (closest && best >= 3) {  // a shared start of two letters is no near match
          instead.set(term, closest[0]);
          closest[1].forEach(([n]) => near.add(n));
        }
      }
      found = found === null ? holders : new Map([...found].filter(([n]) => holders.has(n))
        .map(([n, docs]) => [n, Math.min(docs, holders.get(n))]));
    });
    // the bundles where the words are most often together first
    const order = found === null ? bundles.map((_, n) => n)
      : [...found].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([n]) => n);
    return { found: order, missing, instead, near: [...near].sort((a, b) => a - b) };
  }

  /* A file number however typed (en dash, spaces around the slash) as the site indexes it. */
  const FILE_RE = /^(\d{3}[\dA-Za-z.]*)\s*\/\s*(\d+)\s*[-\u2010-\u2015\u2212]\s*(\d+)$/;
  function normalise(query) {
    const m = query.match(FILE_RE);
    return m ? `${m[1]}/${m[2]}-${m[3]}` : query;
  }

  /* How well a result's text holds each query word: 3 with the case the reader typed, 2 as a
     word, 1 through a longer or inflected form (Pagefind's stems and prefixes), 0 only through
     a shortened word (Pagefind's fallback to the longest prefix it has: `Lozovsky` → `L.`). */
  function strength(term, textWords, lowerWords) {
    const t = term.toLowerCase();
    if (textWords.has(term) && term !== t) return 3;
    if (lowerWords.has(t)) return 2;
    for (const w of lowerWords) if (w.startsWith(t) || same(t, w)) return 1;
    return 0;
  }
  /* One word with another ending (`Leninist|s`), not a shorter or misspelt one. */
  function same(t, w) {
    let n = 0;
    while (n < w.length && w[n] === t[n]) n++;
    return n >= 4 && inflection(t.slice(n), w.slice(n));
  }
  /* Two endings of one stem (`Leninist|s`, `mediat|or` ~ `mediat|ion`), not a misspelling. */
  const ENDINGS = new Set(["", "s", "es", "e", "ed", "er", "ers", "or", "ors", "ing", "ings",
    "ion", "ions", "ation", "ations", "ism", "isms", "ist", "ists", "al", "ally", "ly",
    "ment", "ments", "ic", "ics"]);
  function inflection(a, b) {
    const y = (x) => x === "y" || x === "ies" || x === "ied";
    return (ENDINGS.has(a) && ENDINGS.has(b)) || (y(a) && y(b));
  }
  function grade(terms, data) {
    const textWords = new Set(words(data.content || ""));
    const lowerWords = new Set([...textWords].map((w) => w.toLowerCase()));
    return terms.map((t) => words(t)
      .reduce((m, part) => Math.min(m, strength(part, textWords, lowerWords)), 3));
  }

  /* Pagefind's excerpt is HTML with <mark>; keep only text and <mark>. */
  function excerptNode(html) {
    const tpl = document.createElement("template");
    tpl.innerHTML = html;
    const out = document.createElement("p");
    out.className = "excerpt";
    tpl.content.childNodes.forEach((n) => {
      if (n.nodeName === "MARK") { const m = document.createElement("mark"); m.textContent = n.textContent; out.appendChild(m); }
      else out.appendChild(document.createTextNode(n.textContent));
    });
    return out;
  }
  function resultNode(d, near) {
    const li = document.createElement("li");
    li.className = near ? "result near" : "result";
    const h = document.createElement("h2");
    const a = document.createElement("a");
    a.href = d.url;
    a.textContent = d.meta.title || d.url;
    h.appendChild(a);
    const meta = document.createElement("p");
    meta.className = "result-meta";
    meta.textContent = [d.meta.label, d.meta.date, d.meta.file, d.meta.volume].filter(Boolean).join(" · ");
    li.append(h, meta, excerptNode(d.excerpt || ""));
    return li;
  }
  function missingNotice(missing) {
    status.replaceChildren();
    missing.forEach((term, i) => {
      const em = document.createElement("em");
      em.textContent = term;
      status.append(i ? " nor " : "No document contains ", em);
    });
    status.append(". Near matches");
    const nearest = [...new Set(missing.map((t) => current && current.instead.get(t)).filter(Boolean))];
    if (nearest.length) status.append(" (" + nearest.join(", ") + ")");
    status.append(":");
  }

  /* The filters of the open bundles; a choice made stays chosen when they change. */
  const selects = {};
  let filtersOf = null;
  async function showFilters(search) {
    if (!search || filtersOf === search) return;
    filtersOf = search;
    const filters = await search.filters();
    if (filtersOf !== search) return;
    const chosen = {};
    Object.entries(selects).forEach(([name, sel]) => { chosen[name] = sel.value; delete selects[name]; });
    filterBox.replaceChildren();
    Object.keys(filters).sort().forEach((name, i) => {
      const values = Object.keys(filters[name]).sort();
      if (!values.length) return;
      const wrap = document.createElement("div");
      const label = document.createElement("label");
      label.htmlFor = "filter-" + i;
      label.textContent = name.charAt(0).toUpperCase() + name.slice(1);
      const select = document.createElement("select");
      select.id = "filter-" + i;
      select.add(new Option("Any", ""));
      values.forEach((v) => select.add(new Option(v + " (" + filters[name][v] + ")", v)));
      if (chosen[name] && values.includes(chosen[name])) select.value = chosen[name];
      select.addEventListener("change", run);
      wrap.append(label, select);
      filterBox.appendChild(wrap);
      selects[name] = select;
    });
  }

  /* The filters are loaded when the reader opens them (six files per bundle). */
  let filterBundles = bundles.map((_, n) => n).slice(0, OPEN);
  async function refreshFilters() { showFilters(await instance(filterBundles)); }
  filterToggle.addEventListener("toggle", () => { if (filterToggle.open) refreshFilters(); });

  /* After the results are painted: the filters are not needed to read them. */
  function later(task) { requestAnimationFrame(() => setTimeout(task, 50)); }

  let generation = 0;
  let current = null;  // { query, options, terms, near, waiting (bundle numbers), results, shown }
  /* The next results: from the open bundles, else from the next few bundles. */
  async function showMore() {
    if (current.options.sort) return showInDateOrder();
    const c = current;
    if (c.shown >= c.results.length && c.waiting.length) {
      const open = c.waiting.splice(0, c.search ? OPEN : 1);
      const search = await instance(open);
      const found = await search.search(c.query || null, c.options);
      if (c !== current || !found) return;
      c.search = search;
      c.results = found.results;
      c.shown = 0;
    }
    const batch = c.results.slice(c.shown, c.shown ? PAGE * Math.ceil((c.shown + 1) / PAGE) : FIRST);
    c.shown += batch.length;
    const data = await Promise.all(batch.map((r) => r.data()));
    if (c !== current) return;
    // Within the batch, results holding every word as typed come before weaker ones;
    // Pagefind's order stands among equals (Array.prototype.sort is stable).
    // In date order (`options.sort`) the dates decide alone.
    const graded = data.map((d) => ({ d, g: c.terms.length ? grade(c.terms, d) : [] }));
    const key = (x) => x.g.reduce((sum, v) => sum + (v === 0 ? -100 : v), 0);
    if (!c.options.sort) graded.sort((a, b) => key(b) - key(a));
    list.append(...graded.map((x) => resultNode(x.d, c.near || x.g.includes(0))));
    more.hidden = c.shown >= c.results.length && !c.waiting.length;
    if (c.shown === FIRST && c.shown < c.results.length) return later(() => current === c && showMore());
    if (c.shown < c.results.length || !c.waiting.length) return;
    // an opened bundle ran out: go on to the next bundles at once if this page is short
    if (list.children.length < PAGE) await showMore();
  }

  /* Date order over several bundles: Pagefind merges bundles by score, not by the sort, so
     each bundle is searched on its own (in date order) and the lists are merged here, by
     the documents' ISO dates (`sortdate`); every bundle holding the words takes part. */
  async function showInDateOrder() {
    const c = current;
    if (!c.streams) {
      const open = c.waiting.splice(0);
      c.streams = await Promise.all(open.map(async (n) => {
        const found = await (await instance([n])).search(c.query || null, c.options);
        return { results: found ? found.results : [], i: 0, head: null };
      }));
      if (c !== current) return;
      c.search = await instance(open.slice(0, OPEN));
      c.results = c.streams.flatMap((s) => s.results);
    }
    const later = c.options.sort.date === "desc";
    const shown = [];
    while (shown.length < PAGE) {
      const live = c.streams.filter((s) => s.i < s.results.length);
      if (!live.length) break;
      await Promise.all(live.filter((s) => !s.head).map(async (s) => { s.head = await s.results[s.i].data(); }));
      const date = (s) => s.head.meta.sortdate || (later ? "" : "\uffff");
      const next = live.reduce((a, b) => ((later ? date(b) > date(a) : date(b) < date(a)) ? b : a));
      shown.push(next.head);
      next.head = null;
      next.i++;
    }
    if (c !== current) return;
    c.shown += shown.length;
    list.append(...shown.map((d) => resultNode(d, c.near)));
    more.hidden = c.shown >= c.results.length;
  }

  async function run(event) {
    if (event && event.type === "submit") event.preventDefault();
    const mine = ++generation;
    const typed = input.value.trim();
    const query = normalise(typed);
    const chosen = {};
    Object.entries(selects).forEach(([name, sel]) => { if (sel.value) chosen[name] = sel.value; });
    const params = new URLSearchParams();
    if (typed) params.set("q", typed);
    history.replaceState(null, "", params.toString() ? "?" + params : location.pathname);
    if (!query && !Object.keys(chosen).length) {
      current = null; list.replaceChildren(); status.textContent = ""; more.hidden = true; return;
    }
    const options = { filters: chosen };
    if (sort.value) options.sort = { date: sort.value };
    list.setAttribute("aria-busy", "true");  // until this search's first results are drawn
    try { await search(mine, query, options); } finally {
      if (mine === generation) list.removeAttribute("aria-busy");
    }
  }

  async function search(mine, typed, options) {
    let query = typed;
    // file numbers are matched by their parts; the other words are graded (see `strength`)
    const terms = query.split(/\s+/).filter((t) => words(t).length);
    const where = await locate(terms);
    if (mine !== generation) return;
    const near = where.missing.length > 0;
    const waiting = near ? where.near : where.found;
    // near matches: the query with each missing word replaced by the nearest one
    if (near) query = terms.map((t) => where.instead.get(t) || t).join(" ");
    current = { query, options, terms: FILE_RE.test(query) ? [] : terms, near, waiting: [...waiting],
                instead: where.instead, results: [], shown: 0, search: null };
    list.replaceChildren();
    more.hidden = true;
    if (!waiting.length) {
      status.textContent = near ? "" : "No document contains all of these words.";
      if (near) { missingNotice(where.missing); status.append(" none."); }
      return;
    }
    const c = current;
    await showMore();
    if (c !== current) return;
    const n = c.results.length;
    const partial = c.waiting.length ? " in the first volumes searched (more below)" : "";
    if (near) {
      missingNotice(where.missing);
      if (!n) status.append(" none.");
    } else status.textContent = (n === 1 ? "1 document found" : n + " documents found") + partial + ".";
    // the filters of the bundles holding the words (more than the first results came from)
    filterBundles = waiting.slice(0, OPEN).sort((a, b) => a - b);
    if (filterToggle.open) later(refreshFilters);
  }
  form.addEventListener("submit", run);
  sort.addEventListener("change", run);
  more.addEventListener("click", showMore);
  const asked = new URLSearchParams(location.search).get("q");
  if (asked) { input.value = asked; await run(); }

})();
