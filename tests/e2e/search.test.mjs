// Site search in headless Chromium, on the site served by nginx under a sub-path (scripts/e2e.sh).
//
// - A reading page loads nothing of search (no script, no index) until the header field is focused.
// - Every query of tests/search-queries.toml is typed into the real search page and one of its
//   expected sections must be among the first three results (hit@3 and MRR are reported).
// - Results are links to the section's anchor under the sub-path, with a highlighted snippet;
//   the count is announced (role=status); arrow keys move through the results; Escape closes.
// - With JavaScript off the header field leads to the all-sections page and the query goes nowhere.
// - No request ever leaves the site, no console errors, no axe violations on the search page.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, launch, axeViolations, writeReport } from "./lib.mjs";
import { loadQueries, rankOf, summarize } from "./search-queries.mjs";

const base = new URL(BASE_URL);
let browser;

/** Root-relative form of a result link (`notice/06-cautions/#escrow`). */
const rel = (href) => {
  const u = new URL(href);
  return decodeURIComponent(u.pathname.slice(base.pathname.length) + u.hash);
};

/** Types `q` into the field and waits until the results for exactly that text are shown. */
async function typeAndWait(page, input, q) {
  const form = input.locator("xpath=ancestor::form");
  const before = Number((await form.getAttribute("data-search-done")) ?? 0);
  await input.fill(q);
  await page.waitForFunction(
    ([id, n]) => Number(document.getElementById(id).dataset.searchDone ?? 0) > n,
    [await form.getAttribute("id"), before],
    { timeout: 10_000 },
  );
}

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

describe("search", () => {
  test("a reading page loads nothing of search until the field is focused", async () => {
    const page = await browser.context.newPage();
    const requested = [];
    page.on("request", (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(new URL("notice/01-overview/", base).href, { waitUntil: "networkidle" });
    const searchFiles = () => requested.filter((p) => /\/js\/search\.js$|\/search\//.test(p));
    assert.deepEqual(searchFiles(), [], "nothing of search before the visitor reaches for it");
    await page.focus("#site-search-input");
    await page.waitForFunction(() => document.getElementById("site-search").dataset.searchReady === "true");
    assert.ok(requested.some((p) => p.endsWith("/js/search.js")), "search.js loads on focus");
    await page.close();
  });

  test("header field: results as you type, announced, keyboard navigable, links under the sub-path", async () => {
    const page = await browser.context.newPage();
    await page.goto(new URL("guide/level-3/", base).href);
    const input = page.locator("#site-search-input");
    await input.focus();
    await page.waitForFunction(() => document.getElementById("site-search").dataset.searchReady === "true");
    await typeAndWait(page, input, "기술임치");
    const results = page.locator("#site-search-results");
    assert.equal(await results.isVisible(), true);
    const status = (await page.locator("#site-search-results .search-status").textContent()).trim();
    assert.match(status, /\d/, `the count is announced: "${status}"`);
    assert.equal(await page.locator("#site-search-results .search-status").getAttribute("role"), "status");
    const links = page.locator("#site-search-results .search-list a");
    assert.ok((await links.count()) >= 1);
    const firstHref = await links.first().evaluate((a) => a.href);
    assert.ok(firstHref.startsWith(BASE_URL), `result link under the sub-path: ${firstHref}`);
    assert.ok(new URL(firstHref).hash.length > 1, "result links to the section's anchor");
    const marked = await page.locator("#site-search-results mark").first().textContent();
    assert.ok(marked && marked.includes("임치"), `the match is highlighted: ${marked}`);
    // Keyboard: ArrowDown into the list, ArrowDown to the next result, ArrowUp back, Escape closes.
    await page.keyboard.press("ArrowDown");
    assert.equal(await page.evaluate(() => document.activeElement.href), firstHref);
    if ((await links.count()) > 1) {
      await page.keyboard.press("ArrowDown");
      assert.equal(await page.evaluate(() => document.activeElement.href), await links.nth(1).evaluate((a) => a.href));
      await page.keyboard.press("ArrowUp");
    }
    await page.keyboard.press("ArrowUp");
    assert.equal(await page.evaluate(() => document.activeElement.id), "site-search-input");
    await page.keyboard.press("Escape");
    assert.equal(await results.isVisible(), false, "Escape closes the results");
    // Enter opens the first result's section.
    await page.keyboard.press("ArrowDown");
    await Promise.all([page.waitForURL((u) => u.href === firstHref), page.keyboard.press("Enter")]);
    await page.close();
  });

  test("every query of the set finds its section in the top 3 (search page, real interface)", async () => {
    const page = await browser.context.newPage();
    await page.goto(new URL("search/", base).href);
    const input = page.locator("#search-page-input");
    await page.waitForFunction(() => document.getElementById("search-page")?.dataset.searchReady === "true");
    const rows = [];
    const queries = loadQueries();
    assert.ok(queries.length >= 40, `at least 40 queries (${queries.length})`);
    for (const q of queries) {
      assert.ok(q.expect.length > 0, `query "${q.q}" names its expected sections`);
      await typeAndWait(page, input, q.q);
      const urls = (await page.locator("#search-page-results .search-list a").evaluateAll((as) => as.map((a) => a.href))).map(rel);
      const rank = rankOf(urls, q.expect);
      rows.push({ q: q.q, kind: q.kind, rank, top3: urls.slice(0, 3) });
    }
    // Typing a query that needs new index shards: fetch + ranking + rendering.
    const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
    const firstMs = await page.evaluate(() => performance.getEntriesByName("afsite-search").map((e) => e.duration));
    // The same queries again, shards in memory: query -> ranked results with snippets' data.
    const warmMs = await page.evaluate(async (qs) => {
      const out = [];
      for (const q of qs) {
        const t0 = performance.now();
        await window.afsiteSearch.search(q);
        out.push(performance.now() - t0);
      }
      return out;
    }, queries.map((q) => q.q));
    const summary = { ...summarize(rows.map((r) => r.rank)), typedMedianMs: median(firstMs), warmMedianMs: median(warmMs), warmMaxMs: Math.max(...warmMs) };
    writeReport("search-quality.json", { summary, rows });
    console.log(`search: hit@3 ${summary.hit3}/${summary.total}, MRR ${summary.mrr.toFixed(3)}; typed query (fetch + rank + render) median ${summary.typedMedianMs.toFixed(1)} ms; warm query median ${summary.warmMedianMs.toFixed(2)} ms, max ${summary.warmMaxMs.toFixed(2)} ms`);
    assert.ok(summary.warmMedianMs < 10, `query -> results under 10 ms (median ${summary.warmMedianMs} ms)`);
    const misses = rows.filter((r) => r.rank === 0 || r.rank > 3);
    assert.deepEqual(misses, [], "every query has an expected section in the top 3");
    // The URL keeps the query in the fragment only (never sent to a server).
    assert.ok(new URL(page.url()).hash.startsWith("#q="));
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });

  test("the search page restores a query from its fragment", async () => {
    const page = await browser.context.newPage();
    await page.goto(new URL(`search/#q=${encodeURIComponent("컨소시엄은")}`, base).href);
    await page.waitForFunction(() => Number(document.getElementById("search-page").dataset.searchDone ?? 0) > 0);
    assert.equal(await page.locator("#search-page-input").inputValue(), "컨소시엄은");
    assert.ok((await page.locator("#search-page-results .search-list a").count()) > 0);
    await page.close();
  });

  test("no request leaves the site and no console errors", () => {
    assert.deepEqual(browser.outside, []);
    assert.deepEqual(browser.consoleErrors, []);
  });
});

describe("search without JavaScript", () => {
  let nojs;
  before(async () => {
    nojs = await launch({ javaScriptEnabled: false });
  });
  after(async () => {
    await nojs?.close();
  });

  test("the header offers the all-sections page, and the field never sends the query", async () => {
    const page = await nojs.context.newPage();
    const requested = [];
    page.on("request", (r) => requested.push(r.url()));
    await page.goto(new URL("notice/06-cautions/", base).href);
    await page.fill("#site-search-input", "비밀검색어");
    await page.press("#site-search-input", "Enter");
    await page.waitForTimeout(300);
    for (const r of requested) assert.ok(!decodeURIComponent(r).includes("비밀검색어"), `query sent in ${r}`);
    await Promise.all([page.waitForURL(/search\/sections\/$/), page.click("#site-search .search-all")]);
    const url = new URL(page.url());
    assert.equal(url.pathname, `${base.pathname}search/sections/`);
    assert.equal(url.search, "", "nothing typed reaches the URL");
    // Every anchored section of the site is linked: the glossary entry and a form question.
    const hrefs = await page.locator("main a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    assert.ok(hrefs.length > 50, `the list links every section (${hrefs.length})`);
    for (const h of hrefs.slice(0, 400)) {
      assert.ok(h.startsWith("../../"), `relative link: ${h}`);
    }
    await page.close();
  });
});
