// Content-Security-Policy in force: every page reachable from the home page is loaded in Chromium
// with the policy enforced (the shared launcher bypasses CSP; this file does not), the tools are
// left to hydrate (the WASM engine compiles under 'wasm-unsafe-eval'), and every
// `securitypolicyviolation` event and CSP console message is collected. 0 are allowed.
// The response must also carry the policy as a header (the documented nginx config sends it).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { BASE_URL, CHROMIUM, CHROMIUM_ARGS, writeReport } from "./lib.mjs";

const NON_PAGE = /\.(json|xml|txt|pdf|png|svg|ico|webp|jpe?g|css|js|wasm|zip|hwp|hwpx|xlsx?|docx?|gz|br)$/i;
let context;
let userDataDir;

before(async () => {
  if (!BASE_URL) throw new Error("BASE_URL is not set: run scripts/e2e.sh");
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing`);
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "afsite-csp-"));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    bypassCSP: false,
    viewport: { width: 390, height: 844 },
  });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener(
      "securitypolicyviolation",
      (e) => window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`),
      true,
    );
  });
});

after(async () => {
  await context?.close();
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
});

test("every page runs under the CSP with 0 violations, tools hydrated", { timeout: 600000 }, async () => {
  const base = new URL(BASE_URL);
  const queue = [base.href];
  const seen = new Set(queue);
  const violations = [];
  const hydrated = [];
  let headerMissing = [];
  while (queue.length) {
    const url = queue.shift();
    const page = await context.newPage();
    const consoleCsp = [];
    page.on("console", (msg) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(msg.text())) consoleCsp.push(msg.text());
    });
    const response = await page.goto(url, { waitUntil: "load" });
    assert.equal(response.status(), 200, url);
    if (!response.headers()["content-security-policy"]) headerMissing.push(url);
    // Tool pages load the mechanism (tools.js), which loads the engine and hydrates the forms.
    const hasEngine = await page.evaluate(() => !!document.querySelector('script[src$="tools.js"]'));
    if (hasEngine) {
      await page.waitForFunction(
        () => document.documentElement.dataset.engine === "ready" && !!document.querySelector("form[data-tool][data-hydrated]"),
        null,
        { timeout: 30000 },
      )
        .then(() => hydrated.push(url), () => {});
    }
    await page.waitForTimeout(200);
    const found = await page.evaluate(() => window.__cspViolations);
    for (const v of [...found, ...consoleCsp]) violations.push(`${url}: ${v}`);
    const links = await page.evaluate(() => [...document.querySelectorAll("a[href]")].map((a) => a.href));
    for (const link of links) {
      const u = new URL(link);
      u.hash = "";
      u.search = "";
      if (u.origin === base.origin && u.pathname.startsWith(base.pathname) && !NON_PAGE.test(u.pathname) && !seen.has(u.href)) {
        seen.add(u.href);
        queue.push(u.href);
      }
    }
    await page.close();
  }
  writeReport("csp", { pages: seen.size, hydrated, violations, headerMissing });
  console.log(`CSP: ${seen.size} pages, ${hydrated.length} tool pages hydrated, ${violations.length} violations`);
  assert.ok(seen.size >= 20, `only ${seen.size} pages crawled`);
  assert.ok(hydrated.length >= 4, `tools did not hydrate under the CSP: ${hydrated.join(", ")}`);
  assert.deepEqual(violations, []);
  assert.deepEqual(headerMissing, [], "the nginx config must send the CSP header");
});
