// Shared helpers of the browser tests: Chromium launch (fresh profile, background traffic off),
// a guard that records and blocks every request leaving the site, console-error capture, axe-core.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
export const BASE_URL = process.env.BASE_URL;
export const SITE_DIR = process.env.SITE_DIR;
export const OUT_DIR = process.env.E2E_OUT_DIR ?? path.resolve(here, "../../target/e2e");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const AXE_PATH = require.resolve("axe-core/axe.min.js");
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
// Chromium's own background traffic is switched off so that every request seen is the page's.
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * A fresh Chromium profile. Returns { context, outside, consoleErrors, close, watch(page) }:
 * every request to another origin is aborted and listed in `outside`; `watch(page)` collects the
 * page's console errors and uncaught exceptions into `consoleErrors`.
 */
export async function launch({ javaScriptEnabled = true, permissions = [] } = {}) {
  if (!BASE_URL) throw new Error("BASE_URL is not set: run scripts/e2e.sh");
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/setup-test-env.sh`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "afsite-chromium-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    bypassCSP: true,
    javaScriptEnabled,
    viewport: { width: 1280, height: 900 },
  });
  const base = new URL(BASE_URL);
  if (permissions.length) await context.grantPermissions(permissions, { origin: base.origin });
  const outside = [];
  const consoleErrors = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== base.origin) {
      outside.push(url.href);
      return route.abort();
    }
    return route.continue();
  });
  const watch = (page) => {
    page.on("console", (msg) => {
      if (msg.type() === "error") consoleErrors.push(`${page.url()}: ${msg.text()}`);
    });
    page.on("pageerror", (err) => consoleErrors.push(`${page.url()}: uncaught: ${err.message}`));
    return page;
  };
  for (const p of context.pages()) watch(p);
  context.on("page", watch);
  const close = async () => {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { context, outside, consoleErrors, close, watch };
}

/** axe-core violations (WCAG 2.1 A/AA) of the page as it is now, as readable lines. */
export async function axeViolations(page) {
  await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
    AXE_TAGS,
  );
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `[${v.impact}] ${v.id}: ${v.help} at ${n.target.join(" ")}: ${n.html.slice(0, 200)}`),
  );
}

/**
 * Bytes a page loaded as sent over the wire (gzip where nginx compresses): the document and its
 * HTML, CSS, JS, WASM and JSON resources, from the Resource Timing entries' encodedBodySize.
 */
export async function pageWeight(page) {
  return page.evaluate(() => {
    const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
    const files = entries
      .filter((e) => /\.(html|css|js|wasm|json)$|\/$/.test(new URL(e.name).pathname))
      .map((e) => ({ url: new URL(e.name).pathname, encoded: e.encodedBodySize, decoded: e.decodedBodySize }));
    return { files, total: files.reduce((n, f) => n + f.encoded, 0) };
  });
}

/** Presses Tab until the focused element matches `selector` (fails after `max` presses). */
export async function tabTo(page, selector, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return i;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${selector} in ${max} presses`);
}

export function writeReport(name, data) {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUT_DIR, name), JSON.stringify(data, null, 2));
}

// --- tool-page scaffolding shared by the tool tests ----------------------------------------

/** Opens a tool page and waits until its form (`formSelector`) is hydrated. */
export async function openTool(context, url, formSelector = "form[data-tool]") {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "networkidle" });
  await page.waitForSelector(`${formSelector}[data-hydrated]`, { timeout: 15_000 });
  return page;
}

/**
 * Presses the tool's 링크 복사 (`scope` is a selector of its `.tool`); checks that the fallback
 * field and the clipboard hold the same `#v1=` URL, and returns it.
 */
export async function copyShareLink(page, scope = "") {
  const s = scope ? `${scope} ` : "";
  await page.locator(`${s}[data-action='copy-link']`).click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.length > 0, `${s}.tool-status`);
  const url = await page.locator(`${s}.tool-share-url`).inputValue();
  if (!/#v1=[\w-]+$/.test(url)) throw new Error(`not a share link: ${url}`);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  if (copied !== url) throw new Error(`clipboard holds ${copied}, the field ${url}`);
  return url;
}

/**
 * Save on this device → reload without fragment restores (`isRestored(page)` true) → delete →
 * reload finds nothing (`isRestored` false, localStorage empty). Throws on the first failure.
 */
export async function saveRestoreDelete(page, { url, form = "form[data-hydrated]", scope = "", isRestored }) {
  const s = scope ? `${scope} ` : "";
  const status = () => page.locator(`${s}.tool-status`).innerText();
  const expect = (ok, what) => {
    if (!ok) throw new Error(what);
  };
  await page.locator(`${s}[data-action='save']`).click();
  expect(/저장했습니다/.test(await status()), `save: ${await status()}`);
  await page.goto(url, { waitUntil: "networkidle" }); // no fragment: only the device copy
  await page.waitForSelector(form);
  expect(await isRestored(page), "the saved answers were not restored");
  expect(/저장된 답변을 불러왔습니다/.test(await status()), `restore: ${await status()}`);
  await page.locator(`${s}[data-action='delete-saved']`).click();
  expect(/삭제했습니다/.test(await status()), `delete: ${await status()}`);
  await page.goto(url, { waitUntil: "networkidle" });
  await page.waitForSelector(form);
  expect(!(await isRestored(page)), "the answers came back after 저장 삭제");
  expect((await page.evaluate(() => localStorage.length)) === 0, "localStorage is not empty");
}

/**
 * Input → result time in the page: clicks `a` and `b` (element ids) alternately `runs` times and
 * times each until `result` (a selector) changes. Returns the sorted times in ms.
 */
export async function inputToResultTimes(page, { result, a, b, runs = 20 }) {
  return page.evaluate(
    async ({ result, a, b, runs }) => {
      const section = document.querySelector(result);
      const out = [];
      for (let i = 0; i < runs; i++) {
        const input = document.getElementById(i % 2 ? b : a);
        const changed = new Promise((resolve) => {
          const obs = new MutationObserver(() => {
            obs.disconnect();
            resolve(performance.now());
          });
          obs.observe(section, { childList: true, subtree: true, characterData: true });
        });
        const t0 = performance.now();
        input.click(); // checks the radio and fires input + change
        out.push((await changed) - t0);
      }
      return out.sort((x, y) => x - y);
    },
    { result, a, b, runs },
  );
}

/**
 * The page with its WebAssembly blocked (`page.route` abort): resolves to
 * { page, message } once the engine failed; `message` is the text of the shown error box.
 */
export async function openWithEngineBlocked(context, url) {
  const page = await context.newPage();
  await page.route(/\.wasm$/, (route) => route.abort());
  await page.goto(url, { waitUntil: "networkidle" });
  await page.waitForFunction(() => document.documentElement.dataset.engine === "error", null, { timeout: 15_000 });
  const box = page.locator(".tool-engine-error");
  return { page, message: (await box.isVisible()) ? await box.innerText() : "" };
}
