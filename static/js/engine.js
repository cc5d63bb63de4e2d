// Loads the rules engine (WebAssembly) and the rules data named by the page
// (`<body data-wasm-js="…" data-rules-json="…">`), once per page. Everything runs in the browser:
// no answer leaves the visitor's computer.
//
//   loadEngine() → Promise<{ run(tool, input) → envelope object, formatWon(x) → string,
//                            parseWon(text) → envelope object, citeHref(root, cite) → string }>
//
// On failure the page's `.tool-engine-error` boxes show the Korean message written in their
// `data-message` attribute (never a browser's English error), `<html data-engine="error">` is set
// and the promise rejects. This file holds no user-facing text.

let loading = null;

/** The engine of this page (loaded on the first call). */
export function loadEngine() {
  if (!loading) {
    loading = load().then(
      (engine) => {
        document.documentElement.dataset.engine = "ready";
        document.dispatchEvent(new CustomEvent("af-engine-ready", { detail: { engine } }));
        return engine;
      },
      (error) => {
        showFailure();
        document.documentElement.dataset.engine = "error";
        // The technical reason stays in the console for developers; the page shows its own text.
        console.warn("engine:", error);
        document.dispatchEvent(new CustomEvent("af-engine-error", { detail: { error } }));
        throw error;
      },
    );
  }
  return loading;
}

function showFailure() {
  for (const box of document.querySelectorAll(".tool-engine-error")) {
    const message = box.getAttribute("data-message");
    if (message) box.textContent = message;
    box.hidden = false;
  }
}

async function load() {
  const { wasmJs, rulesJson } = document.body.dataset;
  if (!wasmJs || !rulesJson) throw new Error("no engine on this page");
  // Page-relative URLs from the template, resolved against the page (not this script).
  const [module, rules] = await Promise.all([
    import(new URL(wasmJs, document.baseURI).href),
    fetch(new URL(rulesJson, document.baseURI)).then((response) => {
      if (!response.ok) throw new Error(`rules: HTTP ${response.status}`);
      return response.text();
    }),
  ]);
  await module.default();
  const engine = new module.Engine(rules);
  const run =
    typeof engine.run === "function"
      ? (tool, input) => engine.run(tool, input)
      : (tool, input) => JSON.parse(engine.eval(tool, JSON.stringify(input)));
  return {
    run,
    formatWon: (x) => module.format_won(String(x)),
    parseWon: (text) => JSON.parse(module.parse_won(String(text))),
    citeHref:
      typeof module.cite_href === "function"
        ? (root, cite) => module.cite_href(root, cite)
        : citeHrefFallback,
  };
}

// Until the module exports `cite_href` (the engine's one cite → URL function): the same rule,
// `notice/03-application#x` → `<root>notice/03-application/#x`.
function citeHrefFallback(root, cite) {
  const [path, ...rest] = String(cite).split("#");
  const p = path.replace(/^\/+|\/+$/g, "");
  return `${root}${p ? `${p}/` : ""}${rest.length ? `#${rest.join("#")}` : ""}`;
}
