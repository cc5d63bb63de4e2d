// No answer leaves the browser (issue 9 item 4): on every tool page, with JavaScript off and on,
// every field of every tool form is filled with a marker and every way of submitting is tried
// (Enter in a text field, each submit button, form.requestSubmit()). No request the browser makes
// and no line of nginx's access log may carry the marker. A control form that does submit by GET
// proves both detectors see a leak.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { BASE_URL, SITE_DIR, launch } from "./lib.mjs";

const ACCESS_LOG = process.env.NGINX_ACCESS_LOG;

/** Every tool page of the built site (tools/<name>/index.html with a tool form). */
function toolPages() {
  if (!SITE_DIR) throw new Error("SITE_DIR is not set: run scripts/e2e.sh");
  const dir = path.join(SITE_DIR, "tools");
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .filter((name) => /<form[^>]*data-tool=/.test(fs.readFileSync(path.join(dir, name, "index.html"), "utf8")))
    .sort();
}

function accessLog() {
  if (!ACCESS_LOG) throw new Error("NGINX_ACCESS_LOG is not set: run scripts/e2e.sh");
  return fs.existsSync(ACCESS_LOG) ? fs.readFileSync(ACCESS_LOG, "utf8") : "";
}

/** Requests of `context` whose URL or body contain `marker`, from now on. */
function watchRequests(context, marker) {
  const leaks = [];
  const seen = [];
  context.on("request", (req) => {
    seen.push(req.url());
    const body = req.postData() ?? "";
    if (decodeURIComponent(req.url()).includes(marker) || req.url().includes(marker) || body.includes(marker)) {
      leaks.push(`${req.method()} ${req.url()} ${body.slice(0, 200)}`);
    }
  });
  return { leaks, seen };
}

/** Fills every field of every tool form with `marker` (choices get it as their value, checked). */
async function fillEverything(page, marker) {
  return page.evaluate((m) => {
    let n = 0;
    for (const form of document.querySelectorAll("form[data-tool]")) {
      for (const el of form.querySelectorAll("input, select, textarea")) {
        if (el.type === "radio" || el.type === "checkbox") {
          el.value = m;
          el.checked = true;
        } else if (el.tagName === "SELECT") {
          el.add(new Option(m, m, true, true));
        } else if (el.type !== "submit" && el.type !== "button") {
          el.value = m;
        }
        n++;
      }
    }
    return n;
  }, marker);
}

/** Tries every way to submit each tool form; returns how many attempts were made. */
async function submitEverything(page) {
  let attempts = 0;
  const forms = page.locator("form[data-tool]");
  for (let i = 0; i < (await forms.count()); i++) {
    const form = forms.nth(i);
    const text = form.locator("input[type='text']:visible, input:not([type]):visible, input[type='number']:visible");
    if (await text.count()) {
      await text.first().focus();
      await page.keyboard.press("Enter");
      attempts++;
    }
    const buttons = form.locator("button[type='submit']:visible, input[type='submit']:visible, button:not([type]):visible");
    for (let b = 0; b < (await buttons.count()); b++) {
      await buttons.nth(b).click({ timeout: 2000 }).catch(() => {});
      attempts++;
    }
    await form.evaluate((f) => f.requestSubmit());
    attempts++;
  }
  await page.waitForTimeout(300);
  return attempts;
}

for (const javaScriptEnabled of [false, true]) {
  describe(`no answer leaves the browser (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    let browser;
    before(async () => {
      browser = await launch({ javaScriptEnabled });
    });
    after(async () => {
      if (browser) await browser.close();
    });

    test("every tool form: no action, submit controls only once hydrated, nothing sent on submit", async () => {
      const pages = toolPages();
      assert.ok(pages.length >= 4, `tool pages found: ${pages.join(", ")}`);
      const marker = `zqxprivacy${javaScriptEnabled ? "on" : "off"}${Date.now()}`;
      const { leaks, seen } = watchRequests(browser.context, marker);
      for (const name of pages) {
        const page = await browser.context.newPage();
        const url = new URL(`tools/${name}/`, BASE_URL).href;
        await page.goto(url, { waitUntil: "networkidle" });
        if (javaScriptEnabled) {
          await page.waitForFunction(
            () => [...document.querySelectorAll("form[data-tool]")].every((f) => f.hasAttribute("data-hydrated")),
            null,
            { timeout: 15_000 },
          );
        }
        const forms = await page.evaluate(() =>
          [...document.querySelectorAll("form[data-tool]")].map((f) => ({
            tool: f.dataset.tool,
            action: f.getAttribute("action"),
            method: f.getAttribute("method"),
          })),
        );
        assert.ok(forms.length >= 1, `${name}: no tool form`);
        for (const f of forms) {
          assert.equal(f.action, null, `${name}/${f.tool} has an action`);
          assert.equal(f.method, "dialog", `${name}/${f.tool}: method must be "dialog" (a submission goes nowhere)`);
        }
        if (!javaScriptEnabled) {
          const live = await page.locator("form[data-tool] [type='submit']:visible, [data-action]:visible").count();
          assert.equal(live, 0, `${name}: a submit or action control shows before hydration`);
        }
        const filled = await fillEverything(page, marker);
        assert.ok(filled > 0, `${name}: no field filled`);
        const attempts = await submitEverything(page);
        assert.ok(attempts >= forms.length, `${name}: ${attempts} submit attempts`);
        assert.equal(page.url().includes(marker), false, `${name}: the page URL carries an answer: ${page.url()}`);
        await page.close();
      }
      assert.ok(seen.length >= pages.length, "the request watcher saw the pages load");
      assert.deepEqual(leaks, [], "requests carrying an answer");
      const log = accessLog();
      assert.ok(log.includes("/tools/"), "the access log records the tool pages (else this check proves nothing)");
      assert.deepEqual(
        log.split("\n").filter((l) => l.includes(marker)),
        [],
        "access-log lines carrying an answer",
      );
    });

    test("control: a form that does submit by GET is caught by both detectors", async () => {
      const marker = `zqxcontrol${javaScriptEnabled ? "on" : "off"}${Date.now()}`;
      const { leaks } = watchRequests(browser.context, marker);
      const page = await browser.context.newPage();
      await page.goto(new URL("tools/eligibility/", BASE_URL).href, { waitUntil: "networkidle" });
      await page.evaluate((m) => {
        const f = document.createElement("form");
        f.action = location.pathname;
        f.method = "get";
        const i = document.createElement("input");
        i.name = "x";
        i.value = m;
        f.append(i);
        document.body.append(f);
        f.submit();
      }, marker);
      await page.waitForURL((u) => u.href.includes(marker), { timeout: 10_000 });
      await page.close();
      assert.ok(leaks.length >= 1, "the request watcher missed a leak");
      assert.ok(accessLog().split("\n").some((l) => l.includes(marker)), "the access log missed a leak");
    });
  });
}
