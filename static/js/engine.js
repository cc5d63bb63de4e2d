// Loads the program's rules engine (WebAssembly) and rules for the self-check tools on this page.
// Everything runs in the browser: no input leaves the visitor's computer.
// When ready, `document` receives an `af-engine-ready` event whose `detail.engine.eval(tool, json)`
// returns the tool's JSON result; on failure, `af-engine-error` with `detail.message`.
const { wasmJs, rulesJson } = document.body.dataset;

async function loadEngine() {
  if (!wasmJs || !rulesJson) {
    throw new Error("이 사이트에는 계산 엔진이 포함되어 있지 않습니다.");
  }
  // Page-relative URLs from the template, resolved against the page (not this script).
  const [module, rules] = await Promise.all([
    import(new URL(wasmJs, document.baseURI).href),
    fetch(new URL(rulesJson, document.baseURI)).then((response) => {
      if (!response.ok) throw new Error(`규칙 파일을 불러오지 못했습니다 (${response.status})`);
      return response.text();
    }),
  ]);
  await module.default();
  return new module.Engine(rules);
}

loadEngine().then(
  (engine) => {
    document.documentElement.dataset.engine = "ready";
    document.dispatchEvent(new CustomEvent("af-engine-ready", { detail: { engine } }));
  },
  (error) => {
    document.documentElement.dataset.engine = "error";
    document.dispatchEvent(new CustomEvent("af-engine-error", { detail: { message: String(error.message || error) } }));
  },
);
