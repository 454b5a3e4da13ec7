// Highlights the words a reader searched for (?highlight=…) on a document page.
// A file, not an inline script, so the Content-Security-Policy can forbid inline code.
(() => {
  const script = document.currentScript;
  const bundle = script && script.dataset.bundle;
  if (!bundle) return;
  import(new URL(bundle + "pagefind-highlight.js", location.href).href)
    .then(() => {
      if (window.PagefindHighlight) {
        new window.PagefindHighlight({ highlightParam: "highlight", addStyles: false });
      }
    })
    .catch(() => {});
})();
