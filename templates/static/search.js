/* The search page: Pagefind's JS API with filters, date order and highlighted results. */
(async function () {
  "use strict";
  const root = document.body.dataset.root || "./";
  const form = document.getElementById("search-form");
  const input = document.getElementById("search-q");
  const sort = document.getElementById("search-sort");
  const filterBox = document.getElementById("search-filters");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  // One Pagefind bundle per volume (site paths, relative to the root); merged here.
  const bundles = (form.dataset.bundles || "").split(" ").filter(Boolean)
    .map((b) => new URL(root + b, location.href).href);
  const baseUrl = new URL(root, location.href).pathname;
  let pagefind;
  try {
    if (!bundles.length) throw new Error("no search index");
    pagefind = await import(bundles[0] + "pagefind.js");
    await pagefind.options({ baseUrl, highlightParam: "highlight" });
    for (const bundle of bundles.slice(1)) await pagefind.mergeIndex(bundle, { baseUrl });
    await pagefind.init();
  } catch (e) {
    status.textContent = "The search index could not be loaded.";
    return;
  }

  const filters = await pagefind.filters();
  const selects = {};
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
    select.addEventListener("change", run);
    wrap.append(label, select);
    filterBox.appendChild(wrap);
    selects[name] = select;
  });

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

  let generation = 0;
  async function run(event) {
    if (event && event.type === "submit") event.preventDefault();
    const mine = ++generation;
    const query = input.value.trim();
    const chosen = {};
    Object.entries(selects).forEach(([name, s]) => { if (s.value) chosen[name] = s.value; });
    const params = new URLSearchParams();
    if (query) params.set("q", query);
    history.replaceState(null, "", params.toString() ? "?" + params : location.pathname);
    if (!query && !Object.keys(chosen).length) { list.replaceChildren(); status.textContent = ""; return; }
    const options = { filters: chosen };
    if (sort.value) options.sort = { date: sort.value };
    const search = await pagefind.search(query || null, options);
    if (mine !== generation || !search) return;
    const shown = search.results.slice(0, 50);
    const data = await Promise.all(shown.map((r) => r.data()));
    if (mine !== generation) return;
    status.textContent = search.results.length === 1 ? "1 document found." : search.results.length + " documents found." ;
    list.replaceChildren(...data.map((d) => {
      const li = document.createElement("li");
      li.className = "result";
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
    }));
  }
  form.addEventListener("submit", run);
  sort.addEventListener("change", run);
  const asked = new URLSearchParams(location.search).get("q");
  if (asked) { input.value = asked; run(); }
})();
