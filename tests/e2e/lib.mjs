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
