// 자율형공장 구축수준 자가진단 in headless Chromium behind nginx (scripts/e2e.sh): main path with
// the profile chart and table, 잘 모르겠음, the error summary, share link, save/delete, JavaScript
// off, axe on start and result, no console errors or outside requests, page weight and
// input→result time (target/e2e/tool-self-assessment.json).
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  BASE_URL,
  launch,
  axeViolations,
  pageWeight,
  writeReport,
  openTool,
  copyShareLink,
  saveRestoreDelete,
  inputToResultTimes,
  openWithEngineBlocked,
} from "./lib.mjs";

const PAGE = () => new URL("tools/self-assessment/", BASE_URL).href;
let browser;
before(async () => {
  browser = await launch({ permissions: ["clipboard-read", "clipboard-write"] });
});
after(async () => {
  if (browser) await browser.close();
});

const open = (url = PAGE()) => openTool(browser.context, url, "form[data-tool='self_assessment']");
const step = (page) => page.locator(".tool-step:not([hidden])");
const ANSWERS = {
  twin_scope: "twin_l3",
  ai_role: "ai_l2",
  data_standard: "unknown",
  sim_to_field: "sim_l3",
  process_linkage: "link_l1",
  worker_intervention: "worker_l2",
};

async function complete(page, answers = ANSWERS, problems = ["uncertain_production_plan"]) {
  for (const [dim, option] of Object.entries(answers)) {
    await page.locator(`label[for="q-${dim}-${option}"]`).click();
  }
  await step(page).locator("[data-action='next']").click();
  for (const p of problems) await page.locator(`label[for="q-problems-${p}"]`).click();
  await step(page).locator("[data-action='next']").click();
  assert.equal(await step(page).getAttribute("id"), "step-check");
}

describe("자율형공장 구축수준 자가진단", () => {
  test("start state passes axe", async () => {
    const page = await open();
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });

  test("level, profile chart (SVG + table), gaps, areas and case; axe on the result", async () => {
    const page = await open();
    await complete(page);
    const result = page.locator(".tool-result");
    assert.match(await result.locator(".tool-result-title").innerText(), /2단계 관제/);
    // The chart is one named image (its rows are drawn as labels and SVG bars) whose text
    // alternative lists every dimension's level.
    const chart = result.locator("[role='img']");
    assert.equal(await chart.count(), 1);
    assert.equal(await result.locator("svg.tool-profile-bar").count(), 6);
    assert.match(await chart.evaluate((el) => document.getElementById(el.getAttribute("aria-labelledby")).textContent), /항목별 수준/);
    const desc = await chart.evaluate((el) => document.getElementById(el.getAttribute("aria-describedby")).textContent);
    assert.match(desc, /디지털 트윈 범위: 3단계/);
    assert.match(desc, /데이터 표준 \(AAS, OPC-UA\): 잘 모르겠음/);
    assert.equal(await result.locator("table tbody tr").count(), 6);
    // The table sits in a focusable scroll region named by its caption.
    const region = result.locator(".table-wrap[role='region'][tabindex='0']");
    assert.equal(await region.count(), 1);
    assert.equal(
      await region.evaluate((el) => document.getElementById(el.getAttribute("aria-labelledby"))?.tagName),
      "CAPTION",
    );
    assert.match(await result.innerText(), /다음 단계\(3단계/);
    assert.match(await result.innerText(), /생산 계획 최적화/);
    assert.match(await result.locator("a[href$='cases/case-1/']").innerText(), /신제품 개발/);
    assert.match(await result.innerText(), /수준확인/);
    assert.deepEqual(await axeViolations(page), [], "axe on the result state");
    // Changing an answer updates the result at once.
    await page.locator(".tool-summary a[href='#q-ai_role-ai_l1']").click();
    await page.locator("label[for='q-ai_role-ai_l1']").click();
    assert.match(await result.locator(".tool-result-title").innerText(), /1단계 모사/);
    await page.close();
  });

  test("an unanswered step: the error summary takes focus and names each question", async () => {
    const page = await open();
    await page.locator("label[for='q-twin_scope-twin_l1']").click();
    await step(page).locator("[data-action='next']").click();
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("tool-error-summary")), true);
    assert.equal(await page.locator(".tool-error-summary li").count(), 5);
    assert.equal(await page.locator(".tool-field-error").count(), 5);
    await page.close();
  });

  test("share link round trip and save/delete on this device", async () => {
    const page = await open();
    await complete(page);
    const before = await page.locator(".tool-result").innerText();
    const url = await copyShareLink(page);
    const again = await open(url);
    assert.equal(await again.locator(".tool-result").innerText(), before);
    assert.equal(await again.locator("#q-problems-uncertain_production_plan").isChecked(), true);
    await saveRestoreDelete(again, { url: PAGE(), isRestored: (p) => p.locator("#q-ai_role-ai_l2").isChecked() });
    await again.close();
    await page.close();
  });

  test("page weight and input→result time (measured in the browser)", async () => {
    const page = await open();
    await complete(page);
    const weight = await pageWeight(page);
    const urls = weight.files.map((f) => f.url);
    assert.deepEqual(urls.filter((u, i) => urls.indexOf(u) !== i), [], "each file is fetched once (preloads are used)");
    const times = await inputToResultTimes(page, { result: ".tool-result", a: "q-twin_scope-twin_l2", b: "q-twin_scope-twin_l3" });
    writeReport("tool-self-assessment.json", { weight, input_to_result_ms: { median: times[10], max: times[19] } });
    console.log(
      `self-assessment page weight: ${weight.total} bytes over the wire (${weight.files.map((f) => `${f.url} ${f.encoded}`).join(", ")}); ` +
        `input→result median ${times[10].toFixed(2)} ms, max ${times[19].toFixed(2)} ms`,
    );
    assert.ok(times[10] < 200);
    await page.close();
  });

  test("with JavaScript off the questionnaire reads as a list with the JavaScript note", async () => {
    const noJs = await launch({ javaScriptEnabled: false });
    try {
      const page = await noJs.context.newPage();
      await page.goto(PAGE(), { waitUntil: "load" });
      assert.equal(await page.locator(".tool-question:visible").count(), 7);
      assert.match(await page.locator(".tool-noscript").innerText(), /자바스크립트/);
    } finally {
      await noJs.close();
    }
  });

  test("at 390 px the chart's labels stay ≥ 12 px and nothing overflows the page", async () => {
    const page = await open();
    await page.setViewportSize({ width: 390, height: 844 });
    await complete(page);
    const sizes = await page.evaluate(() =>
      [...document.querySelectorAll(".tool-profile .tool-profile-label, .tool-profile-scale span")].map((el) => ({
        text: el.textContent.trim(),
        px: parseFloat(getComputedStyle(el).fontSize),
        scale: el.getBoundingClientRect().height > 0,
      })),
    );
    assert.equal(sizes.length, 6 + 5);
    for (const s of sizes) assert.ok(s.px >= 12, `${s.text}: ${s.px}px`);
    const fig = await page.evaluate(() => {
      const f = document.querySelector(".tool-figure");
      return { right: f.getBoundingClientRect().right, width: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth };
    });
    assert.ok(fig.right <= fig.width, `figure right edge ${fig.right} > ${fig.width}`);
    assert.ok(fig.scroll <= fig.width, `page scrolls sideways: ${fig.scroll} > ${fig.width}`);
    await page.close();
  });

  test("with the engine blocked the page says so in Korean and the questions stay readable", async () => {
    const other = await launch();
    try {
      const { page, message } = await openWithEngineBlocked(other.context, PAGE());
      assert.match(message, /계산 엔진을 불러오지 못해/);
      assert.doesNotMatch(message, /Failed|fetch|Error/i);
      assert.equal(await page.locator(".tool-question:visible").count(), 7);
    } finally {
      await other.close();
    }
  });

  test("no console errors and no request outside the site", () => {
    assert.deepEqual(browser.consoleErrors, []);
    assert.deepEqual(browser.outside, []);
  });
});
