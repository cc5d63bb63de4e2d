// The second program (tests/fixtures/ai-transition-2027, a fictional 2027 call), built by the same
// binary from content alone and served by the same nginx under its own sub-path
// (scripts/e2e.sh sets SECOND_BASE_URL and SECOND_SITE_DIR): every page loads, every link
// resolves, its own figures are shown, and its tool pages load the engine with its rules and answer
// by them. Full clicking through its tools waits for the tool-page redesign (issue 7); what works
// with today's pages is tested here.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { launch } from "./lib.mjs";

const BASE = process.env.SECOND_BASE_URL;
const DIR = process.env.SECOND_SITE_DIR;
let browser;

before(async () => {
  if (!BASE || !DIR) throw new Error("SECOND_BASE_URL / SECOND_SITE_DIR are not set: run scripts/e2e.sh");
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
});

/** Page URLs of the second site, from its sitemap (paths under the sub-path). */
function sitemapUrls() {
  const xml = fs.readFileSync(path.join(DIR, "sitemap.xml"), "utf8");
  const base = new URL(BASE);
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1], base.origin).href);
}

const TOOLS = ["eligibility", "budget", "score", "self-assessment"];

describe("second program under its own sub-path", () => {
  test("every page loads with one h1, no console error and no outside request", async () => {
    const urls = sitemapUrls();
    assert.ok(urls.length >= 14, `only ${urls.length} pages in the sitemap`);
    for (const url of urls) assert.ok(url.startsWith(BASE), `${url} is not under ${BASE}`);
    const page = await browser.context.newPage();
    browser.watch(page);
    for (const url of urls) {
      const response = await page.goto(url, { waitUntil: "load" });
      assert.equal(response.status(), 200, url);
      assert.equal(await page.locator("h1").count(), 1, `${url}: h1`);
    }
    await page.close();
    assert.deepEqual(browser.consoleErrors, []);
    assert.deepEqual(browser.outside, []);
  });

  test("every link, stylesheet, script and image on every page resolves", async () => {
    const page = await browser.context.newPage();
    const targets = new Set();
    for (const url of sitemapUrls()) {
      await page.goto(url, { waitUntil: "load" });
      const found = await page.$$eval("a[href], link[href], script[src], img[src]", (els) =>
        els.map((el) => el.href || el.src),
      );
      for (const href of found) {
        const target = new URL(href);
        target.hash = "";
        if (target.origin === new URL(BASE).origin) targets.add(target.href);
      }
    }
    await page.close();
    assert.ok(targets.size >= 14, `only ${targets.size} link targets`);
    const broken = [];
    for (const target of targets) {
      const response = await fetch(target);
      if (!response.ok) broken.push(`${target} → ${response.status}`);
      else if (!target.startsWith(BASE)) broken.push(`${target} leaves ${BASE}`);
    }
    assert.deepEqual(broken, []);
  });

  test("its own figures, name and dates are shown", async () => {
    const page = await browser.context.newPage();
    await page.goto(BASE, { waitUntil: "load" });
    const home = await page.locator("main").innerText();
    assert.match(home, /연 2억원\(2년 4억원\)/);
    assert.match(home, /총사업비의 60% 이내/);
    assert.match(await page.title(), /AI 자율제조 전환 지원사업/);
    // The period line (the state line shown depends on the visitor's clock).
    const banner = await page.locator(".window-banner").textContent();
    assert.match(banner, /2027-03-02 00:00 ~ 2027-04-14 18:00/);
    await page.goto(new URL("notice/budget/", BASE).href, { waitUntil: "load" });
    assert.match(await page.locator("main").innerText(), /3억원 초과\s+120만원/);
    await page.close();
  });

  test("each tool page loads the engine with this program's rules", async () => {
    for (const tool of TOOLS) {
      const page = await browser.context.newPage();
      const rules = page.waitForResponse((r) => /\/assets\/rules\.[0-9a-f]+\.json$/.test(r.url()));
      await page.goto(new URL(`tools/${tool}/`, BASE).href, { waitUntil: "networkidle" });
      const response = await rules;
      assert.ok(response.url().startsWith(BASE), `${tool}: rules from ${response.url()}`);
      const data = await response.json();
      assert.equal(data.budget.government.max_share_percent, 60, tool);
      assert.equal(data.eligibility.role.length, 2, tool);
      await page.waitForSelector("form[data-tool][data-hydrated]", { timeout: 15_000 });
      assert.equal(await page.locator(".tool-engine-error:visible").count(), 0, `${tool}: engine error shown`);
      await page.close();
    }
  });

  test("the budget page answers by its rules: 2 years → 4억 government support, 120만 fee", async () => {
    const page = await browser.context.newPage();
    await page.goto(new URL("tools/budget/", BASE).href, { waitUntil: "networkidle" });
    await page.waitForSelector("form[data-tool='budget_max'][data-hydrated]", { timeout: 15_000 });
    const result = page.locator("#budget-max .tool-result");
    await assert.doesNotReject(() => result.getByText(/400,000,000원/).first().waitFor({ timeout: 10_000 }));
    const text = await result.innerText();
    assert.match(text, /666,666,668원/); // the smallest total: 2억 ÷ 60 %, rounded up, × 2 years
    assert.match(text, /1,200,000원/); // the fee tier above 3억
    assert.doesNotMatch(text, /600,000,000원/); // not the bundled program's cap
    await page.close();
  });
});
