// 서면평가 기업역량 점수·성과지표 계획 점검 in headless Chromium behind nginx (scripts/e2e.sh):
// band edges, figures, startup rule, bonus cap, bad input at the field and in the error summary,
// the KPI rule (core and own indicators), rows shown on demand, CSV download, share link,
// save/delete, JavaScript off, no console errors, no outside requests, axe on the start and result
// states, and the page weight and input→result time (target/e2e/tool-score.json).
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { BASE_URL, launch, axeViolations, pageWeight, writeReport } from "./lib.mjs";

const PAGE = () => new URL("tools/score/", BASE_URL).href;
let browser;
const report = {};

before(async () => {
  browser = await launch({ permissions: ["clipboard-read", "clipboard-write"] });
});
after(async () => {
  if (browser) await browser.close();
});

async function open(url = PAGE()) {
  const page = await browser.context.newPage();
  await page.goto(url, { waitUntil: "networkidle" });
  for (const tool of ["score", "kpi"]) {
    await page.waitForSelector(`form[data-tool='${tool}'][data-hydrated]`, { timeout: 15_000 });
  }
  return page;
}

const score = (page) => page.locator("#capability-score");
const scoreResult = (page) => page.locator("#capability-score .tool-result");
const kpi = (page) => page.locator("#kpi-plan");
const kpiResult = (page) => page.locator("#kpi-plan .tool-result");
const itemRow = (page, id) => scoreResult(page).locator(`tr[data-item='${id}']`);

async function indicator(page, i, id, baseline, target) {
  await page.locator(`#kpi-ind-${i}-id`).selectOption(id);
  await page.locator(`#kpi-ind-${i}-baseline`).fill(baseline);
  await page.locator(`#kpi-ind-${i}-target`).fill(target);
}

async function own(page, i, name, unit, direction, baseline, target) {
  await page.locator(`#kpi-own-${i}-name`).fill(name);
  await page.locator(`#kpi-own-${i}-unit`).fill(unit);
  await page.locator(`#kpi-own-${i}-direction`).selectOption(direction);
  await page.locator(`#kpi-own-${i}-baseline`).fill(baseline);
  await page.locator(`#kpi-own-${i}-target`).fill(target);
}

/** The site's scroll cue (.table-scroll::before) is shown on the region. */
const cueShown = (el) => {
  const cue = getComputedStyle(el, "::before");
  return cue.display !== "none" && cue.content !== "none" && cue.content !== "normal";
};

describe("기업역량 점수·성과지표 계획 점검", () => {
  test("start state: both tools hydrated with a first result, axe finds nothing", async () => {
    const page = await open();
    // Nothing entered: every financial item is "재무 현황을 확인할 수 없는 경우" (1점).
    assert.match(await itemRow(page, "sales_growth").innerText(), /1점/);
    assert.equal(await page.locator("#kpi-ind-2-id").isVisible(), true, "three indicator rows to start");
    assert.equal(await page.locator("#kpi-ind-3-id").isVisible(), false);
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });

  test("매출액증가율 12% → 12%이상 5점, 11.99% → 12%미만~9%이상 4점 (exact band edges)", async () => {
    const page = await open();
    await page.locator("#score-sales_growth-rate").fill("12");
    let row = await itemRow(page, "sales_growth").innerText();
    assert.match(row, /12%이상/);
    assert.match(row, /5점/);
    await page.locator("#score-sales_growth-rate").fill("11.99");
    row = await itemRow(page, "sales_growth").innerText();
    assert.match(row, /12%미만~9%이상/);
    assert.match(row, /4점/);
    await page.close();
  });

  test("figures instead of rates, export, and every item decided → a subtotal out of 20", async () => {
    const page = await open();
    await page.locator("#score-sales_growth-base").fill("10억");
    await page.locator("#score-sales_growth-current").fill("11억 2천만");
    await page.locator("#score-operating_profit_growth-rate").fill("10");
    await page.locator("#score-debt_ratio-liabilities").fill("5억");
    await page.locator("#score-debt_ratio-equity").fill("5억");
    await page.locator("label[for='score-export-yes']").click();
    assert.match(await itemRow(page, "sales_growth").innerText(), /12%[\s\S]*5점/);
    assert.match(await itemRow(page, "debt_ratio").innerText(), /100%[\s\S]*140%미만~100%이상[\s\S]*3점/);
    assert.match(await scoreResult(page).locator("tfoot").innerText(), /18점\s*\/\s*20점/);
    assert.deepEqual(await axeViolations(page), [], "axe on the result state");
    await page.close();
  });

  test("three bonus items are capped at 2 items / 5 points", async () => {
    const page = await open();
    for (const id of ["level_check", "solution_utilization", "global_1000"]) {
      await page.locator(`label[for='score-bonus-${id}-yes']`).click();
    }
    assert.match(await scoreResult(page).locator(".bonus-total").innerText(), /고른 항목 3개 → 가점 5점/);
    await page.locator("label[for='score-bonus-global_1000-no']").click();
    assert.match(await scoreResult(page).locator(".bonus-total").innerText(), /고른 항목 2개 → 가점 5점/);
    await page.locator("label[for='score-bonus-solution_utilization-no']").click();
    assert.match(await scoreResult(page).locator(".bonus-total").innerText(), /고른 항목 1개 → 가점 3점/);
    await page.locator("label[for='score-bonus-global_1000-unknown']").click();
    assert.match(await scoreResult(page).locator(".bonus-total").innerText(), /가점 3~5점/);
    await page.close();
  });

  test("the written-evaluation points and the bonus are shown apart; the bonus counts in the 현장평가 score", async () => {
    const page = await open();
    for (const [id, v] of [["sales_growth", "12"], ["operating_profit_growth", "10"], ["debt_ratio", "50"]]) {
      await page.locator(`#score-${id}-rate`).fill(v);
    }
    await page.locator("label[for='score-export-yes']").click();
    for (const id of ["level_check", "solution_utilization"]) await page.locator(`label[for='score-bonus-${id}-yes']`).click();
    const written = await scoreResult(page).locator(".score-written").innerText();
    assert.match(written, /서면평가 기업 역량 20점 \/ 20점/);
    assert.doesNotMatch(written, /가점/);
    const bonus = scoreResult(page).locator(".score-bonus");
    assert.match(await bonus.innerText(), /가점 5점[\s\S]*서면평가 점수에 더하지 않고[\s\S]*현장평가 점수에 더합니다/);
    const href = await bonus.locator("a.tool-cite").getAttribute("href");
    assert.equal(new URL(href, page.url()).pathname.endsWith("/notice/04-evaluation/"), true, href);
    assert.equal(new URL(href, page.url()).hash, "#evaluation-procedure");
    const text = await scoreResult(page).innerText();
    assert.doesNotMatch(text, /합계/);
    assert.doesNotMatch(text, /\+ 가점/);
    await page.close();
  });

  test("bad input gets a message at the field and the error summary on submit", async () => {
    const page = await open();
    for (const value of ["abc", "3억억"]) {
      await page.locator("#score-sales_growth-base").fill(value);
      await page.locator("#score-sales_growth-current").fill("1억");
      const error = score(page).locator(".tool-field-error");
      await error.first().waitFor();
      assert.ok((await error.count()) >= 1, value);
    }
    await page.locator("#score-sales_growth-base").fill("");
    await page.locator("#score-sales_growth-current").fill("");
    await page.locator("#score-debt_ratio-rate").fill("많음");
    await score(page).locator("button[type='submit']").click();
    const summary = score(page).locator(".tool-error-summary");
    await summary.waitFor({ state: "visible" });
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("tool-error-summary")), true);
    assert.equal(await summary.locator("a").first().getAttribute("href"), "#score-debt_ratio-rate");
    assert.equal(await page.locator("#score-debt_ratio-rate").inputValue(), "많음", "kept as typed");
    await page.locator("#score-debt_ratio-rate").fill("50");
    assert.match(await itemRow(page, "debt_ratio").innerText(), /60%미만[\s\S]*5점/);
    await page.close();
  });

  test("KPI rule: 1 core indicator is not enough; 2 core + 2 own indicators meet it, with improvement rates", async () => {
    const page = await open();
    await indicator(page, 0, "p_output_per_hour", "100", "120");
    let text = await kpiResult(page).innerText();
    assert.match(text, /충족하지 못합니다/);
    assert.match(text, /핵심지표 1\/2개 이상/);
    await indicator(page, 1, "q_process_defect_rate", "5", "3");
    await own(page, 0, "AI 불량 예측 정확도", "%", "increase", "70", "90");
    await own(page, 1, "디지털 트윈 시뮬레이션 오차", "%", "decrease", "10", "4");
    text = await kpiResult(page).innerText();
    assert.match(text, /지표 설정 규칙을 충족합니다/);
    assert.match(text, /시간당 생산량 증가율[\s\S]*20%/);
    assert.match(text, /공정 불량률 감소율[\s\S]*40%/);
    assert.match(text, /28\.57%/);
    assert.deepEqual(await axeViolations(page), [], "axe on the KPI result");
    await page.close();
  });

  test("more indicator rows on demand; hidden rows are not sent", async () => {
    const page = await open();
    await indicator(page, 0, "p_output_per_hour", "100", "120");
    // 매출액 is counted in 원, so Korean money units are read there.
    await indicator(page, 1, "p_sales", "50억", "60억");
    assert.match(await kpiResult(page).innerText(), /매출액 증가율[\s\S]*20%/);
    // Text that is no number gets a message at its field.
    await indicator(page, 1, "p_sales", "오십", "60");
    assert.match(await kpi(page).locator(".tool-field-error").first().innerText(), /\S/);
    await indicator(page, 1, "p_sales", "50", "60");
    await indicator(page, 2, "q_claims", "10", "6");
    assert.equal(await page.locator("#kpi-ind-3-id").isVisible(), false);
    await page.locator("#kpi-std-count").selectOption("4");
    assert.equal(await page.locator("#kpi-ind-3-id").isVisible(), true);
    await indicator(page, 3, "e_energy_intensity", "10", "8");
    assert.match(await kpiResult(page).innerText(), /에너지원단위 절감률[\s\S]*20%/);
    await page.locator("#kpi-std-count").selectOption("1");
    const text = await kpiResult(page).innerText();
    assert.doesNotMatch(text, /에너지원단위 절감률|매출액 증가율/);
    assert.match(text, /시간당 생산량 증가율/);
    assert.equal(await page.locator("#kpi-ind-3-baseline").inputValue(), "10", "kept as typed");
    await page.close();
  });

  test("CSV downloads: UTF-8 with BOM, Korean headers and the figures", async () => {
    const page = await open();
    await page.locator("#score-sales_growth-rate").fill("12");
    await indicator(page, 0, "p_output_per_hour", "100", "120");
    const read = async (result, name) => {
      const [download] = await Promise.all([page.waitForEvent("download"), result.locator(".csv-download").click()]);
      assert.equal(download.suggestedFilename(), name);
      const bytes = fs.readFileSync(await download.path());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${name}: UTF-8 BOM`);
      return bytes.subarray(3).toString("utf8").split("\r\n");
    };
    const s = await read(scoreResult(page), "기업역량-점수.csv");
    assert.equal(s[0], "항목,계산한 값(%),구간,점수,설명,근거");
    assert.match(s[1], /^매출액증가율,12,12%이상,5점,/);
    const k = await read(kpiResult(page), "성과지표-계획.csv");
    assert.equal(k[0], "지표,구분,분류,단위,방향,현재값,목표값,개선율(%),판단,설명");
    assert.match(k[1], /^시간당 생산량 증가율,핵심지표,생산성 개선율 \(P\),생산량\/시간,증가,100,120,20,개선,/);
    await page.close();
  });

  test("share link round trip: the KPI plan comes back from the copied URL", async () => {
    const page = await open();
    await indicator(page, 0, "p_output_per_hour", "100", "120");
    await own(page, 0, "AI 불량 예측 정확도", "%", "increase", "70", "90");
    const before = await kpiResult(page).innerText();
    await kpi(page).locator("[data-action='copy-link']").click();
    const url = await kpi(page).locator(".tool-share-url").inputValue();
    assert.match(url, /#v1=/);
    const other = await open(url);
    assert.equal(await other.locator("#kpi-ind-0-id").inputValue(), "p_output_per_hour");
    assert.equal(await other.locator("#kpi-own-0-name").inputValue(), "AI 불량 예측 정확도");
    assert.equal(await kpiResult(other).innerText(), before);
    await other.close();
    await page.close();
  });

  test("save on this device → reload restores → delete → gone", async () => {
    const page = await open();
    await page.locator("#score-operating_profit_growth-rate").fill("7.5");
    await score(page).locator("[data-action='save']").click();
    assert.match(await score(page).locator(".tool-status").innerText(), /저장했습니다/);
    const fresh = await open(PAGE());
    assert.equal(await fresh.locator("#score-operating_profit_growth-rate").inputValue(), "7.5");
    assert.match(await itemRow(fresh, "operating_profit_growth").innerText(), /10%미만~7.5%이상[\s\S]*4점/);
    await score(fresh).locator("[data-action='delete-saved']").click();
    assert.equal(await fresh.evaluate(() => localStorage.getItem("af-tool:score:v1")), null);
    const after = await open(PAGE());
    assert.equal(await after.locator("#score-operating_profit_growth-rate").inputValue(), "");
    await after.close();
    await fresh.close();
    await page.close();
  });

  test("print: the score and the KPI plan fit one A4 page", async () => {
    const page = await open();
    await page.locator("#score-sales_growth-rate").fill("12");
    await page.locator("label[for='score-bonus-level_check-yes']").click();
    await indicator(page, 0, "p_output_per_hour", "100", "120");
    await indicator(page, 1, "q_process_defect_rate", "5", "3");
    await own(page, 0, "AI 불량 예측 정확도", "%", "increase", "70", "90");
    const pdf = await page.pdf({ format: "A4" });
    const pages = Number(/\/Count (\d+)/.exec(pdf.toString("latin1"))?.[1]);
    assert.equal(pages, 1, `${pages} pages`);
    await page.close();
  });

  test("page weight and input→result time (measured in the browser)", async () => {
    const page = await open();
    const weight = await pageWeight(page);
    const times = await page.evaluate(async () => {
      const result = document.querySelector("#capability-score .tool-result");
      const input = document.getElementById("score-sales_growth-rate");
      const out = [];
      for (let i = 0; i < 20; i++) {
        const changed = new Promise((resolve) => {
          const obs = new MutationObserver(() => {
            obs.disconnect();
            resolve(performance.now());
          });
          obs.observe(result, { childList: true, subtree: true, characterData: true });
        });
        const t0 = performance.now();
        input.value = i % 2 ? "12" : "11.99";
        input.dispatchEvent(new Event("input", { bubbles: true }));
        out.push((await changed) - t0);
      }
      return out.sort((a, b) => a - b);
    });
    report.weight = weight;
    report.input_to_result_ms = { median: times[10], max: times[19], runs: times.length };
    writeReport("tool-score.json", report);
    console.log(
      `score page weight: ${weight.total} bytes over the wire (${weight.files.map((f) => `${f.url} ${f.encoded}`).join(", ")}); ` +
        `input→result median ${times[10].toFixed(2)} ms, max ${times[19].toFixed(2)} ms`,
    );
    assert.ok(weight.files.some((f) => f.url.endsWith(".wasm")), "the page loaded the engine");
    assert.ok(times[10] < 200, `input→result median ${times[10]} ms`);
    await page.close();
  });

  test("with JavaScript off the forms, bands and indicators read well, with the JavaScript note", async () => {
    const noJs = await launch({ javaScriptEnabled: false });
    try {
      const page = await noJs.context.newPage();
      await page.goto(PAGE(), { waitUntil: "load" });
      assert.match(await page.locator(".tool-noscript").innerText(), /자바스크립트/);
      assert.match(await page.locator(".score-bands").innerText(), /12%미만~9%이상/);
      assert.equal(await page.locator(".kpi-standard .kpi-row:visible").count(), 8, "fixed blank indicator rows");
      assert.equal(await page.locator(".kpi-own .kpi-row:visible").count(), 5, "fixed blank own rows");
      assert.equal(await page.locator("#kpi-std-count").isVisible(), false);
      assert.deepEqual(noJs.outside, []);
    } finally {
      await noJs.close();
    }
  });

  test("390 px phone: the score table fits, the KPI table is a named, focusable scroll region with a visible cue, the page never scrolls sideways", async () => {
    const page = await open();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator("#score-sales_growth-rate").fill("12");
    await indicator(page, 0, "p_output_per_hour", "100", "120");
    const scoreTable = scoreResult(page).locator(".table-wrap").first();
    const fits = await scoreTable.evaluate((el) => el.scrollWidth <= el.clientWidth);
    assert.equal(fits, true, "the score table fits 390 px");
    assert.match(await itemRow(page, "sales_growth").innerText(), /5점/);
    const region = kpiResult(page).locator(".table-scroll");
    assert.equal(await region.getAttribute("role"), "region");
    assert.equal(await region.getAttribute("tabindex"), "0");
    assert.match(await page.locator(`#${await region.getAttribute("aria-labelledby")}`).innerText(), /성과지표 계획/);
    if (await region.evaluate((el) => el.scrollWidth > el.clientWidth)) {
      assert.equal(await region.evaluate(cueShown), true, "the cue that more is to the side");
      await region.focus();
      for (let i = 0; i < 60; i++) await page.keyboard.press("ArrowRight");
      // Arrow keys scroll smoothly: wait until the region has come to rest at its right end.
      await page.waitForFunction((el) => el.scrollLeft + el.clientWidth >= el.scrollWidth - 1, await region.elementHandle());
      const last = await region.locator("thead th").last().boundingBox();
      assert.ok(last && last.x + last.width <= 391, `판단 column at ${JSON.stringify(last)}`);
    }
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, "no sideways page scroll");
    await page.close();
  });

  test("no console errors and no request outside the site", () => {
    assert.deepEqual(browser.consoleErrors, []);
    assert.deepEqual(browser.outside, []);
  });
});
