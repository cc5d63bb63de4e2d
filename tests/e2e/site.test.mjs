// The built site in a real browser: Debian's headless Chromium driven by playwright-core, against
// the site served by nginx under a sub-path (scripts/e2e.sh sets BASE_URL and SITE_DIR).
//
// Crawls every page reachable from the home page and checks, per page: HTTP 200, no console
// errors, no request to any other origin, every internal link and #anchor resolves, no axe-core
// violations (WCAG 2.1 A/AA), the main content is there with JavaScript disabled. Then loads the
// WASM engine inside a page and asks it a question, and saves a phone-sized screenshot of home.
// If Chromium cannot start, every test fails: nothing here is ever skipped.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { BASE_URL, SITE_DIR, OUT_DIR, CHROMIUM, AXE_PATH, AXE_TAGS, CHROMIUM_ARGS } from "./lib.mjs";

/** Links to these pages are fine, but they are files, not pages to crawl. */
const MAX_PAGES = 5000;
const NON_PAGE = /\.(json|xml|txt|pdf|png|svg|ico|webp|jpe?g|css|js|wasm|zip|hwp|hwpx|xlsx?|docx?)$/i;

let browser;
let userDataDir;
const pages = new Map(); // url (no hash) -> per-page record
const files = new Map(); // url -> HTTP status, for linked non-page files
const linkProblems = []; // { from, href, problem }
const thirdParty = []; // { page, url }

function pageRecord(url) {
  return {
    url,
    status: null,
    redirected: null,
    consoleErrors: [],
    failedRequests: [],
    requests: 0,
    ids: new Set(),
    links: 0,
    axe: [],
    h1: "",
    mainText: 0,
    noJs: null,
  };
}

/** The URL without its fragment, as the crawl key. */
function withoutHash(u) {
  const url = new URL(u);
  url.hash = "";
  return url.href;
}

function isInternal(url, base) {
  return url.origin === base.origin && url.pathname.startsWith(base.pathname);
}

before(async () => {
  assert.ok(BASE_URL, "BASE_URL is not set: run scripts/e2e.sh");
  assert.ok(SITE_DIR, "SITE_DIR is not set: run scripts/e2e.sh");
  assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} is missing: run scripts/setup-test-env.sh`);
  // A fresh profile for every run: nothing cached or stored from an earlier run can mask a bug.
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "afsite-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    // axe-core is injected as a script; a strict Content-Security-Policy must not block it.
    bypassCSP: true,
    viewport: { width: 1280, height: 900 },
  });
  browser = context;
  await crawl(context);
  await checkWithoutJavaScript();
}, { timeout: 15 * 60_000 });

after(async () => {
  if (browser) await browser.close();
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
});

async function crawl(context) {
  const base = new URL(BASE_URL);
  let current = null; // the record of the page being visited
  // Every request of every page goes through here: count it, and stop any that leaves the server.
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (current) current.requests += 1;
    if (url.origin !== base.origin) {
      thirdParty.push({ page: current?.url ?? "(none)", url: url.href });
      return route.abort();
    }
    return route.continue();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (msg) => {
    if (current && msg.type() === "error") current.consoleErrors.push(msg.text());
  });
  page.on("pageerror", (err) => current?.consoleErrors.push(`uncaught: ${err.message}`));
  page.on("requestfailed", (req) => {
    if (current && new URL(req.url()).origin === base.origin) {
      current.failedRequests.push(`${req.url()}: ${req.failure()?.errorText}`);
    }
  });
  page.on("response", (res) => {
    if (current && res.status() >= 400 && new URL(res.url()).origin === base.origin) {
      current.failedRequests.push(`${res.url()}: HTTP ${res.status()}`);
    }
  });

  const queue = [withoutHash(base.href)];
  const queued = new Set(queue);
  const foundOn = new Map(); // url -> the first page linking to it, for the report
  const anchors = []; // { from, href, target, id }
  while (queue.length > 0) {
    const url = queue.shift();
    current = pageRecord(url);
    pages.set(url, current);
    const response = await page.goto(url, { waitUntil: "networkidle", timeout: 30_000 });
    current.status = response?.status() ?? null;
    const redirectedFrom = response?.request().redirectedFrom();
    if (redirectedFrom) current.redirected = redirectedFrom.url();
    if (current.status !== 200) {
      // A 404 page's relative links would lead to ever deeper missing URLs: report, don't follow.
      linkProblems.push({ from: foundOn.get(url) ?? "(start)", href: url, problem: `HTTP ${current.status}` });
      continue;
    }
    if (pages.size > MAX_PAGES) throw new Error(`more than ${MAX_PAGES} pages: is the crawl looping?`);
    const info = await page.evaluate(() => ({
      ids: [...document.querySelectorAll("[id], a[name]")].map((e) => e.id || e.getAttribute("name")),
      links: [...document.querySelectorAll("a[href], area[href]")].map((a) => ({
        href: a.href,
        raw: a.getAttribute("href"),
      })),
      h1: document.querySelector("h1")?.innerText.trim() ?? "",
      mainText: document.querySelector("main")?.innerText.trim().length ?? 0,
    }));
    current.ids = new Set(info.ids);
    current.links = info.links.length;
    current.h1 = info.h1;
    current.mainText = info.mainText;

    for (const { href, raw } of info.links) {
      let target;
      try {
        target = new URL(href);
      } catch {
        linkProblems.push({ from: url, href: raw, problem: "not a valid URL" });
        continue;
      }
      if (!["http:", "https:"].includes(target.protocol)) continue; // mailto:, tel:
      if (target.origin !== base.origin) continue; // an external link: allowed, never fetched
      if (!isInternal(target, base)) {
        linkProblems.push({ from: url, href: raw, problem: `leaves the sub-path ${base.pathname}` });
        continue;
      }
      const key = withoutHash(target.href);
      if (target.hash.length > 1) {
        anchors.push({ from: url, href: raw, target: key, id: decodeURIComponent(target.hash.slice(1)) });
      }
      if (NON_PAGE.test(target.pathname)) {
        if (!files.has(key)) {
          const res = await context.request.get(key, { maxRedirects: 0 });
          files.set(key, res.status());
          if (res.status() !== 200) {
            linkProblems.push({ from: url, href: raw, problem: `HTTP ${res.status()}` });
          }
        }
      } else if (!queued.has(key)) {
        queued.add(key);
        foundOn.set(key, url);
        queue.push(key);
      }
    }

    current.axe = await runAxe(page);
    if (url === withoutHash(base.href)) await checkEngineInPage(page, base);
  }
  current = null;

  for (const a of anchors) {
    const target = pages.get(a.target);
    if (!target) {
      linkProblems.push({ from: a.from, href: a.href, problem: "#anchor on a file, not a page" });
    } else if (!target.ids.has(a.id)) {
      linkProblems.push({ from: a.from, href: a.href, problem: `no id="${a.id}" on ${a.target}` });
    }
  }
}

async function runAxe(page) {
  await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
    AXE_TAGS,
  );
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({
      target: n.target.join(" "),
      html: n.html.slice(0, 300),
      summary: n.failureSummary,
    })),
  }));
}

// --- the engine inside a page -----------------------------------------------------------------

let engineAnswer = null;
let engineError = null;
let wasmContentType = null;

/** Names the entry module and rules file: from the page when it references them, else assets/. */
async function engineAssetNames(page) {
  const fromPage = await page.evaluate(() => {
    const texts = [...document.querySelectorAll("script, link[rel=modulepreload], [data-engine], [data-rules], body")].map(
      (e) => `${e.getAttribute("src") ?? ""} ${e.getAttribute("href") ?? ""} ${e.tagName === "BODY" ? "" : e.textContent} ${e.getAttribute("data-engine") ?? ""} ${e.getAttribute("data-rules") ?? ""} ${e.getAttribute("data-wasm-js") ?? ""} ${e.getAttribute("data-rules-json") ?? ""}`,
    );
    const all = texts.join(" ");
    return {
      js: all.match(/af_engine-[a-z-]+\.[0-9a-f]{8}\.js/)?.[0] ?? null,
      rules: all.match(/rules-[a-z-]+\.[0-9a-f]+\.json/)?.[0] ?? null,
    };
  });
  const listing = fs.readdirSync(path.join(SITE_DIR, "assets"));
  return {
    js: fromPage.js ?? listing.find((n) => /^af_engine-[a-z-]+\.[0-9a-f]{8}\.js$/.test(n)),
    rules: fromPage.rules ?? listing.find((n) => /^rules-[a-z-]+\.[0-9a-f]+\.json$/.test(n)),
  };
}

async function checkEngineInPage(page, base) {
  try {
    const { js, rules } = await engineAssetNames(page);
    assert.ok(js, "no af_engine-<module>.<hash>.js in the page or in assets/");
    assert.ok(rules, "no rules-<module>.<hash>.json in the page or in assets/");
    const jsUrl = new URL(`assets/${js}`, base).href;
    const rulesUrl = new URL(`assets/${rules}`, base).href;
    engineAnswer = await page.evaluate(
      async ({ jsUrl, rulesUrl }) => {
        const m = await import(jsUrl);
        await m.default(); // no argument: the glue finds its .wasm next to itself
        const rulesText = await (await fetch(rulesUrl)).text();
        const engine = new m.Engine(rulesText);
        return engine.eval("money", JSON.stringify({ value: "3억 5천만" }));
      },
      { jsUrl, rulesUrl },
    );
    // The page may have loaded the module before (then init() fetched nothing now): ask the
    // server for the .wasm the glue names, to check its content type.
    const glue = await (await page.context().request.get(jsUrl)).text();
    const wasmName = glue.match(/af_engine-[a-z-]+_bg\.[0-9a-f]{8}\.wasm/)?.[0];
    assert.ok(wasmName, "the glue names no af_engine-<module>_bg.<hash>.wasm");
    const wasm = await page.context().request.get(new URL(`assets/${wasmName}`, base).href);
    assert.equal(wasm.status(), 200, `${wasmName}: HTTP ${wasm.status()}`);
    wasmContentType = wasm.headers()["content-type"] ?? null;
  } catch (e) {
    engineError = e;
  }
}

// --- JavaScript disabled ----------------------------------------------------------------------

async function checkWithoutJavaScript() {
  // A persistent context has no browser object to open a second context from, so the pages are
  // read in a second fresh profile with JavaScript off.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "afsite-chromium-nojs-"));
  const noJs = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    javaScriptEnabled: false,
  });
  try {
    const base = new URL(BASE_URL);
    await noJs.route("**/*", (route) =>
      new URL(route.request().url()).origin === base.origin ? route.continue() : route.abort(),
    );
    const page = await noJs.newPage();
    for (const [url, rec] of pages) {
      const res = await page.goto(url, { waitUntil: "load", timeout: 30_000 });
      rec.noJs = await page.evaluate(() => {
        const main = document.querySelector("main");
        const visible = !!main && main.getClientRects().length > 0 && getComputedStyle(main).visibility !== "hidden";
        return {
          visible,
          text: main?.innerText.trim().length ?? 0,
          h1: document.querySelector("main h1, h1")?.innerText.trim() ?? "",
        };
      });
      rec.noJs.status = res?.status() ?? null;
    }
  } finally {
    await noJs.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// --- reporting --------------------------------------------------------------------------------

function describePage(url) {
  return url.replace(BASE_URL, "/") || "/";
}

after(() => {
  // Per-page counts, so a failure points at a page at a glance.
  const rows = [...pages.values()].map((p) => ({
    page: describePage(p.url),
    status: p.status,
    requests: p.requests,
    console_errors: p.consoleErrors.length,
    links: p.links,
    axe_violations: p.axe.reduce((n, v) => n + v.nodes.length, 0),
    main_chars_no_js: p.noJs?.text ?? "-",
  }));
  console.log(`\ncrawled ${pages.size} pages (+ ${files.size} linked files) under ${BASE_URL}`);
  console.table(rows);
});

describe("crawl of every page reachable from home", () => {
  test("found pages to check", () => {
    assert.ok(pages.size >= 1, "the crawl found no page");
  });

  test("every page answers HTTP 200 without a redirect", () => {
    const bad = [...pages.values()].filter((p) => p.status !== 200 || p.redirected);
    assert.deepEqual(
      bad.map((p) => `${describePage(p.url)}: HTTP ${p.status}${p.redirected ? ` (redirected from ${p.redirected})` : ""}`),
      [],
    );
  });

  test("no console errors and no failed requests", () => {
    const bad = [...pages.values()]
      .filter((p) => p.consoleErrors.length || p.failedRequests.length)
      .map((p) => ({ page: describePage(p.url), console: p.consoleErrors, failed: p.failedRequests }));
    assert.deepEqual(bad, [], JSON.stringify(bad, null, 2));
  });

  test("no request to any origin other than the site's", () => {
    assert.deepEqual(thirdParty, [], JSON.stringify(thirdParty, null, 2));
  });

  test("every internal link and #anchor resolves", () => {
    assert.deepEqual(linkProblems, [], JSON.stringify(linkProblems, null, 2));
  });

  test(`axe-core finds no violations (${AXE_TAGS.join(", ")})`, () => {
    const report = [];
    for (const p of pages.values()) {
      for (const v of p.axe) {
        report.push(`${describePage(p.url)}: [${v.impact}] ${v.id}: ${v.help}`);
        for (const n of v.nodes) {
          report.push(`    at ${n.target}\n      ${n.html}\n      ${(n.summary ?? "").replace(/\n/g, "\n      ")}`);
        }
      }
    }
    assert.equal(report.length, 0, `axe violations:\n${report.join("\n")}`);
  });

  test("with JavaScript disabled every page still shows its main content", () => {
    const bad = [];
    for (const p of pages.values()) {
      const n = p.noJs;
      if (!n) bad.push(`${describePage(p.url)}: not visited`);
      else if (n.status !== 200) bad.push(`${describePage(p.url)}: HTTP ${n.status}`);
      else if (!n.visible) bad.push(`${describePage(p.url)}: <main> missing or hidden`);
      else if (!n.h1 || n.h1 !== p.h1) bad.push(`${describePage(p.url)}: heading "${n.h1}" (with JS: "${p.h1}")`);
      // Scripts may add widgets, but the text must not depend on them.
      else if (n.text < 0.5 * p.mainText || n.text < 20) {
        bad.push(`${describePage(p.url)}: ${n.text} characters of main content (with JS: ${p.mainText})`);
      }
    }
    assert.deepEqual(bad, []);
  });
});

describe("the WASM engine in a page", () => {
  test("loads under the sub-path with init() and answers a money question", () => {
    if (engineError) throw engineError;
    assert.ok(engineAnswer, "the engine was not exercised (home page not crawled?)");
    const env = JSON.parse(engineAnswer);
    assert.equal(env.ok, true, engineAnswer);
    assert.equal(env.result.won, 350_000_000, engineAnswer);
    assert.equal(env.result.formatted, "350,000,000원 (3억 5,000만 원)", engineAnswer);
  });

  test("the server sends the .wasm as application/wasm (needed for streaming compile)", () => {
    assert.match(wasmContentType ?? "(no .wasm response seen)", /^application\/wasm/);
  });
});

describe("phone viewport", () => {
  test("home page screenshot at 390x844 (target/e2e/home-mobile.png)", async () => {
    const page = await browser.newPage();
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      const res = await page.goto(BASE_URL, { waitUntil: "networkidle" });
      assert.equal(res?.status(), 200);
      fs.mkdirSync(OUT_DIR, { recursive: true });
      const file = path.join(OUT_DIR, "home-mobile.png");
      await page.screenshot({ path: file, fullPage: true });
      assert.ok(fs.statSync(file).size > 1000, "screenshot is empty");
      // WCAG 1.4.10 reflow: nothing may force sideways scrolling on a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `home page scrolls sideways by ${overflow}px at 390px wide`);
    } finally {
      await page.close();
    }
  });
});
