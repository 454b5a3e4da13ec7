/* Reading-site enhancements; every page works without them.
   - footnote markers open the note in a popover (Esc closes, links inside stay clickable)
   - the go-to box jumps to a file or document number (map in static/lookup.json)
   - copy buttons copy a citation */
(function () {
  "use strict";
  const root = document.body.dataset.root || "./";

  /* ---- footnote popovers ---------------------------------------------------- */
  let open = null;
  function closePopover(returnFocus) {
    if (!open) return;
    const { box, marker } = open;
    box.remove();
    marker.setAttribute("aria-expanded", "false");
    open = null;
    if (returnFocus) marker.focus();
  }
  function place(box, marker) {
    const r = marker.getBoundingClientRect();
    const width = Math.min(480, document.documentElement.clientWidth - 16);
    box.style.width = width + "px";
    const left = Math.max(8, Math.min(r.left - 24, document.documentElement.clientWidth - width - 8));
    box.style.left = (left + window.scrollX) + "px";
    box.style.top = (r.bottom + window.scrollY + 6) + "px";
  }
  function openPopover(marker) {
    const id = decodeURIComponent(marker.hash.slice(1));
    const note = document.getElementById(id);
    if (!note) return false;
    closePopover(false);
    const box = document.createElement("div");
    box.className = "fn-popover";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", "Note " + marker.textContent);
    box.tabIndex = -1;
    const body = note.querySelector(".fn-body").cloneNode(true);
    body.querySelectorAll("[id]").forEach((el) => el.removeAttribute("id"));
    box.appendChild(body);
    const tools = document.createElement("p");
    tools.className = "fn-popover-tools";
    const link = document.createElement("a");
    link.href = "#" + id;
    link.textContent = "Show in the notes";
    link.addEventListener("click", () => closePopover(false));
    const close = document.createElement("button");
    close.type = "button";
    close.className = "fn-popover-close";
    close.textContent = "Close";
    close.addEventListener("click", () => closePopover(true));
    tools.append(link, " ", close);
    box.appendChild(tools);
    // Placed at the end of <main>, outside the heading or paragraph, and positioned
    // under the marker, so the popover never becomes part of the text it explains.
    (document.getElementById("main") || document.body).appendChild(box);
    place(box, marker);
    marker.setAttribute("aria-expanded", "true");
    open = { box, marker };
    box.focus({ preventScroll: true });
    return true;
  }
  document.querySelectorAll(".fn-marker a").forEach((marker) => {
    marker.setAttribute("aria-haspopup", "dialog");
    marker.setAttribute("aria-expanded", "false");
    marker.addEventListener("click", (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (open && open.marker === marker) { event.preventDefault(); closePopover(true); return; }
      if (openPopover(marker)) event.preventDefault();
    });
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && open) { event.preventDefault(); closePopover(true); }
  });
  document.addEventListener("click", (event) => {
    if (open && !open.box.contains(event.target) && event.target !== open.marker) closePopover(false);
  });

  /* ---- copy buttons ---------------------------------------------------------- */
  document.querySelectorAll("button[data-copy]").forEach((button) => {
    const source = document.getElementById(button.dataset.copy);
    if (!source || !navigator.clipboard) return;
    button.hidden = false;
    const label = button.textContent;
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(source.textContent.replace(/\s+/g, " ").trim()).then(
        () => { button.textContent = "Copied"; setTimeout(() => { button.textContent = label; }, 2000); },
        () => { button.textContent = "Copy failed: select the text"; });
    });
  });

  /* ---- go-to box ------------------------------------------------------------- */
  function normalize(text) {
    return text.replace(/[\u2010-\u2015\u2212-]/g, "-").toLowerCase()
      .replace(/^\s*(no\.?|doc\.?|document)\s*/, "")
      .replace(/\s*([/:])\s*/g, "$1").replace(/\s+/g, " ").trim();
  }
  let map = null;
  function loadMap() {
    if (!map) map = fetch(document.body.dataset.lookup).then((r) => r.json());
    return map;
  }
  function findTargets(data, text) {
    const key = normalize(text);
    let hits = data[key] || data[key.replace(/\s/g, "")] || [];
    const volume = document.body.dataset.volume;
    if (hits.length > 1 && volume) {
      const own = hits.filter(([, path]) => path.startsWith(volume + "/"));
      if (own.length === 1) hits = own;
    }
    return hits;
  }
  async function go(form, text) {
    const status = form.querySelector(".goto-result");
    status.textContent = "";
    if (!text.trim()) return;
    let data;
    try { data = await loadMap(); } catch (e) { form.submit(); return; }
    const hits = findTargets(data, text);
    if (hits.length === 1) { location.href = root + hits[0][1]; return; }
    if (hits.length === 0) { status.textContent = "No file or document numbered " + text.trim() + "."; return; }
    status.append("Several documents: ");
    const list = document.createElement("ul");
    hits.forEach(([label, path]) => {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = root + path;
      a.textContent = label;
      li.appendChild(a);
      list.appendChild(li);
    });
    status.appendChild(list);
  }
  document.querySelectorAll("form.goto").forEach((form) => {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      go(form, form.elements.q.value);
    });
    const asked = new URLSearchParams(location.search).get("q");
    if (asked && location.pathname.endsWith("/files/")) {
      form.elements.q.value = asked;
      go(form, asked);
    }
  });
})();
