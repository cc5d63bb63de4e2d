// Loads the program's rules engine (WebAssembly) and rules for the self-check tools on this page,
// then hands the page's tool forms to it (`hydrate`, see docs/tools-ui.md).
// Everything runs in the browser: no input leaves the visitor's computer.
// When ready, `document` receives an `af-engine-ready` event whose `detail.engine.eval(tool, json)`
// returns the tool's JSON result; on failure, `af-engine-error` with `detail.message`, and the
// tools' `.tool-engine-error` boxes show it.
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
  const engine = new module.Engine(rules);
  if (typeof module.hydrate === "function") module.hydrate(engine);
  return engine;
}

loadEngine().then(
  (engine) => {
    document.documentElement.dataset.engine = "ready";
    document.dispatchEvent(new CustomEvent("af-engine-ready", { detail: { engine } }));
  },
  (error) => {
    const message = String(error.message || error);
    document.documentElement.dataset.engine = "error";
    for (const box of document.querySelectorAll(".tool-engine-error")) {
      box.textContent = `계산 엔진을 불러오지 못해 도구를 쓸 수 없습니다: ${message} 페이지를 새로 고치거나 다른 브라우저로 열어 주세요.`;
      box.hidden = false;
    }
    document.dispatchEvent(new CustomEvent("af-engine-error", { detail: { message } }));
  },
);
