// 신청자격 자가진단 in headless Chromium behind nginx (scripts/e2e.sh): main paths, bad input,
// keyboard-only completion, error summary focus, share link, save/delete, JavaScript off, no
// console errors, no outside requests, axe on the start and result states, and the page weight
// and input→result time (printed and written to target/e2e/tool-eligibility.json).
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  BASE_URL,
  launch,
  axeViolations,
  pageWeight,
  tabTo,
  writeReport,
  openTool,
  copyShareLink,
  saveRestoreDelete,
  inputToResultTimes,
  openWithEngineBlocked,
} from "./lib.mjs";
import * as core from "../../static/js/tool-core.js";

const PAGE = () => new URL("tools/eligibility/", BASE_URL).href;
let browser;

before(async () => {
  browser = await launch({ permissions: ["clipboard-read", "clipboard-write"] });
});
after(async () => {
  if (browser) await browser.close();
});

const open = (url = PAGE()) => openTool(browser.context, url, "form[data-tool='eligibility']");

const visibleStep = (page) => page.locator(".tool-step:not([hidden])");
const resultText = (page) => page.locator(".tool-result").innerText();

/** Answers every visible question of the current step (default "no"), then presses 다음. */
async function answerStep(page, answers = {}) {
  const step = visibleStep(page);
  const questions = step.locator(".tool-question:not([hidden])");
  const n = await questions.count();
  for (let i = 0; i < n; i++) {
    const q = questions.nth(i);
    const id = (await q.getAttribute("id")).replace(/^q-/, "");
    const answer = answers[id] ?? "no";
    if (typeof answer === "number") {
      await q.locator(`label[for="q-${id}-count"]`).click();
      await q.locator(`#q-${id}-value`).fill(String(answer));
    } else {
      await q.locator(`label[for="q-${id}-${answer}"]`).click();
    }
  }
  await step.locator("[data-action='next']").click();
}

/** From a fresh page: role, then every step until the result. */
async function complete(page, role, answers = {}) {
  await page.locator(`label[for="q-role-${role}"]`).click();
  await visibleStep(page).locator("[data-action='next']").click();
  for (let guard = 0; guard < 8; guard++) {
    if ((await visibleStep(page).getAttribute("id")) === "step-check") return;
    await answerStep(page, answers);
  }
  throw new Error("never reached the result step");
}

const ELIGIBLE_ADOPTER = { adopter_manufacturer: "yes", adopter_size: "yes", adopter_level: "yes" };
const report = {};

describe("신청자격 자가진단", () => {
  test("start state: steps shown one at a time, axe finds nothing", async () => {
    const page = await open();
    assert.equal(await page.locator(".tool-step:not([hidden])").count(), 1);
    assert.equal(await page.locator(".tool-steps [aria-current='step']").innerText(), "역할");
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });

  test("an eligible 도입기업, then not eligible, then needs checking (change links)", async () => {
    const page = await open();
    await complete(page, "adopter", ELIGIBLE_ADOPTER);
    assert.match(await resultText(page), /신청 가능/);
    assert.match(await page.locator(".tool-summary").innerText(), /국내 제조기업입니까\?\s*예/);
    assert.deepEqual(await axeViolations(page), [], "axe on the result state");

    // Change 스마트화 수준 to 아니요 through its change link; 다음 returns to the result.
    await page.locator(".tool-summary a[href='#q-adopter_level-yes']").click();
    assert.equal(await visibleStep(page).getAttribute("id"), "step-requirements");
    await page.locator("label[for='q-adopter_level-no']").click();
    await visibleStep(page).locator("[data-action='next']").click();
    assert.equal(await visibleStep(page).getAttribute("id"), "step-check");
    const notEligible = await resultText(page);
    assert.match(notEligible, /신청 불가/);
    assert.match(notEligible, /수준확인을 먼저 받으세요/);
    const cite = page.locator(".tool-result a.tool-cite").first();
    assert.match(await cite.getAttribute("href"), /^\.\.\/\.\.\/notice\/[\w-]+\/#[\w-]+$/);

    // Back to eligible, then 잘 모르겠음 on 휴·폐업 → 확인 필요 with where to check.
    await page.locator(".tool-summary a[href='#q-adopter_level-yes']").click();
    await page.locator("label[for='q-adopter_level-yes']").click();
    await visibleStep(page).locator("[data-action='next']").click();
    await page.locator(".tool-summary a[href='#q-closed-yes']").click();
    await page.locator("label[for='q-closed-unknown']").click();
    await visibleStep(page).locator("[data-action='next']").click();
    const checking = await resultText(page);
    assert.match(checking, /확인 필요/);
    assert.match(checking, /홈택스/);
    await page.close();
  });

  test("a 기획기관 with 9 실적 is not eligible, with 10 it is (10건 이상); bad count is refused", async () => {
    const page = await open();
    const answers = { planning_capability: "yes", planning_track_record: 9, planning_staff: 5 };
    await complete(page, "planning_org", answers);
    assert.equal(await page.locator("#step-requirements").getAttribute("data-off"), null);
    assert.match(await resultText(page), /신청 불가/);
    assert.match(await resultText(page), /실적 9건은 요건\(10건 이상\)에 못 미칩니다/);
    const summary = await page.locator(".tool-summary").innerText();
    assert.match(summary, /9건/);
    assert.doesNotMatch(summary, /숫자로 답하기/, "the answer, not the chooser, is summarised");
    await page.locator(".tool-summary a[href='#q-planning_track_record-count']").click();
    await page.locator("#q-planning_track_record-value").fill("10");
    assert.match(await resultText(page), /신청 가능/, "the result follows the typing");
    // Bad input: the message appears at the field, typed text stays as typed.
    await page.locator("#q-planning_track_record-value").fill("열 건");
    const error = page.locator("#q-planning_track_record .tool-field-error");
    assert.match(await error.innerText(), /숫자만 입력해 주세요/);
    assert.equal(await page.locator("#q-planning_track_record-value").inputValue(), "열 건");
    assert.equal(await page.locator("#q-planning_track_record-value").getAttribute("aria-invalid"), "true");
    assert.match(await page.locator("#q-planning_track_record-value").getAttribute("aria-describedby"), /-error/);
    await visibleStep(page).locator("[data-action='next']").click();
    assert.equal(await page.evaluate(() => document.activeElement?.className), "tool-error-summary");
    await page.close();
  });

  test("submitting an unanswered step focuses the error summary, whose links lead to the field", async () => {
    const page = await open();
    await visibleStep(page).locator("[data-action='next']").click();
    const summary = page.locator(".tool-error-summary");
    assert.equal(await summary.isVisible(), true);
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("tool-error-summary")), true);
    assert.match(await summary.innerText(), /신청할 역할을 골라 주세요/);
    await summary.locator("a").first().click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "q-role-adopter");
    assert.match(await page.locator("#q-role .tool-field-error").innerText(), /역할을 골라/);
    // Answering clears the message; the URL fragment holds the state, not an anchor.
    await page.locator("label[for='q-role-supplier']").click();
    assert.equal(await page.locator("#q-role .tool-field-error").count(), 0);
    assert.match(page.url(), /#v1=/);
    await page.close();
  });

  test("keyboard only: an eligible 공급기업 from the first Tab to the result", async () => {
    const page = await open();
    await page.locator("body").focus();
    await tabTo(page, "#q-role-adopter");
    await page.keyboard.press("ArrowDown"); // radio group: moves to and selects 공급기업
    assert.equal(await page.locator("#q-role-supplier").isChecked(), true);
    await tabTo(page, "#step-role [data-action='next']");
    await page.keyboard.press("Enter");
    const yes = new Set(["supplier_pool", "supplier_capability"]);
    for (let guard = 0; guard < 6; guard++) {
      const stepId = await visibleStep(page).getAttribute("id");
      if (stepId === "step-check") break;
      const ids = await visibleStep(page)
        .locator(".tool-question:not([hidden])")
        .evaluateAll((qs) => qs.map((q) => q.id.replace(/^q-/, "")));
      for (const id of ids) {
        await tabTo(page, `#q-${id}-yes`);
        if (yes.has(id)) await page.keyboard.press("Space");
        else await page.keyboard.press("ArrowDown");
      }
      await tabTo(page, `#${stepId} [data-action='next']`);
      await page.keyboard.press("Enter");
    }
    assert.equal(await visibleStep(page).getAttribute("id"), "step-check");
    assert.match(await resultText(page), /신청 가능/);
    await page.close();
  });

  test("share link round trip: the copied URL opens the same answers and result", async () => {
    const page = await open();
    await complete(page, "adopter", { ...ELIGIBLE_ADOPTER, tax_arrears: "unknown" });
    const result = await resultText(page);
    const url = await copyShareLink(page);
    const again = await open(url);
    assert.equal(await visibleStep(again).getAttribute("id"), "step-check");
    assert.equal(await resultText(again), result);
    assert.equal(await again.locator("#q-tax_arrears-unknown").isChecked(), true);
    await again.close();
    await page.close();
  });

  test("save on this device → reload restores → delete → gone", async () => {
    const page = await open();
    await page.locator("label[for='q-role-planning_org']").click();
    await saveRestoreDelete(page, {
      url: PAGE(),
      isRestored: (p) => p.locator("#q-role-planning_org").isChecked(),
    });
    await page.close();
  });

  test("page weight and input→result time (measured in the browser)", async () => {
    const page = await open();
    await complete(page, "adopter", ELIGIBLE_ADOPTER);
    const weight = await pageWeight(page);
    const urls = weight.files.map((f) => f.url);
    assert.deepEqual(urls.filter((u, i) => urls.indexOf(u) !== i), [], "each file is fetched once (preloads are used)");
    const times = await inputToResultTimes(page, { result: ".tool-result", a: "q-closed-yes", b: "q-closed-no" });
    report.weight = weight;
    report.input_to_result_ms = { median: times[10], max: times[19], runs: times.length };
    writeReport("tool-eligibility.json", report);
    console.log(
      `eligibility page weight: ${weight.total} bytes over the wire (${weight.files.map((f) => `${f.url} ${f.encoded}`).join(", ")}); ` +
        `input→result median ${times[10].toFixed(2)} ms, max ${times[19].toFixed(2)} ms`,
    );
    assert.ok(weight.files.some((f) => f.url.endsWith(".wasm")), "the page loaded the engine");
    assert.ok(times[10] < 200, `input→result median ${times[10]} ms`);
    await page.close();
  });

  test("with JavaScript off every question reads as a list, with the note that the tool needs JavaScript", async () => {
    const noJs = await launch({ javaScriptEnabled: false });
    try {
      const page = await noJs.context.newPage();
      await page.goto(PAGE(), { waitUntil: "load" });
      const visibleQuestions = await page.locator(".tool-question:visible").count();
      assert.ok(visibleQuestions >= 20, `${visibleQuestions} questions visible`);
      assert.match(await page.locator(".tool-noscript").innerText(), /자바스크립트/);
      assert.equal(await page.locator("[data-action]:visible").count(), 0, "no dead buttons");
      assert.deepEqual(noJs.outside, []);
    } finally {
      await noJs.close();
    }
  });

  test("a '예' on a question that waives others hides them (the rules' `waives`), and brings them back", async () => {
    const page = await open();
    await page.locator("label[for='q-role-planning_org']").click();
    await visibleStep(page).locator("[data-action='next']").click();
    for (let i = 0; i < 4 && (await visibleStep(page).getAttribute("id")) !== "step-planning"; i++) {
      await answerStep(page);
    }
    const step = page.locator("#step-planning");
    assert.equal(await step.isVisible(), true);
    assert.equal(await step.locator("#q-planning_track_record").isVisible(), true);
    await page.locator("label[for='q-planning_selected_2026-yes']").click();
    assert.equal(await step.locator("#q-planning_track_record").isVisible(), false);
    assert.equal(await step.locator("#q-planning_staff").isVisible(), false);
    await page.locator("label[for='q-planning_selected_2026-no']").click();
    await page.locator("label[for='q-planning_regional_tp-yes']").click();
    assert.equal(await step.locator("#q-planning_staff").isVisible(), false);
    await page.locator("label[for='q-planning_regional_tp-unknown']").click();
    assert.equal(await step.locator("#q-planning_staff").isVisible(), true);
    await page.close();
  });

  test("처음부터 다시 clears the answers, the link state and the messages, and returns to the first step", async () => {
    const page = await open();
    await complete(page, "adopter", ELIGIBLE_ADOPTER);
    assert.match(page.url(), /#v1=/);
    await page.locator("[data-action='reset']").click();
    assert.equal(await visibleStep(page).getAttribute("id"), "step-role");
    assert.equal(await page.locator("input[name='role']:checked").count(), 0);
    assert.equal(await page.locator("input:checked").count(), 0);
    assert.doesNotMatch(page.url(), /#v1=/);
    assert.match(await page.locator(".tool-status").innerText(), /모두 지웠습니다/);
    assert.equal(await page.locator(".tool-field-error").count(), 0);
    assert.equal(await page.locator(".tool-error-summary").isVisible(), false);
    await page.close();
  });

  test("with the engine blocked the page says so in Korean and the questions stay readable", async () => {
    const other = await launch();
    try {
      const { page, message } = await openWithEngineBlocked(other.context, PAGE());
      assert.match(message, /계산 엔진을 불러오지 못해/);
      assert.doesNotMatch(message, /Failed|fetch|Error|TypeError/i);
      assert.ok((await page.locator(".tool-question:visible").count()) >= 20, "every question readable");
      assert.equal(await page.locator("[data-action]:visible").count(), 0, "no dead buttons");
    } finally {
      await other.close();
    }
  });

  test("the result says whether the role's application window is open at the visitor's clock (schedule.toml), and once closed what to do instead", async () => {
    // Playwright's clock fixes Date.now(); the mechanism sends it as `now_ms` (the hidden
    // `data-now` field), never into the share link.
    const at = async (iso) => {
      const page = await browser.context.newPage();
      await page.clock.setFixedTime(new Date(iso));
      await page.goto(PAGE(), { waitUntil: "networkidle" });
      await page.waitForSelector("form[data-tool='eligibility'][data-hydrated]", { timeout: 15_000 });
      return page;
    };
    const window = (page) => page.locator(".tool-result .tool-window");
    const nextSteps = (page) => page.locator(".tool-result .tool-next").innerText();
    const citeRe = /^\.\.\/\.\.\/notice\/03-application\/#application-period$/;

    // One minute before 2026-06-16 17:00 KST: open, no "after the deadline" step.
    let page = await at("2026-06-16T16:59:00+09:00");
    await complete(page, "adopter", ELIGIBLE_ADOPTER);
    assert.equal(await window(page).getAttribute("data-status"), "open");
    assert.match(await window(page).innerText(), /지원과제 신청 접수 중입니다\. 2026년 6월 16일 17:00 전에 제출을 완료해야 합니다/);
    assert.equal(await page.locator(".tool-result .tool-window-next").count(), 0);
    assert.match(await window(page).locator("a.tool-cite").getAttribute("href"), citeRe);
    assert.match(await resultText(page), /신청 가능/);
    assert.match(await nextSteps(page), /신청 기간과 방법을 확인하고 서류를 준비하세요/);
    const state = core.decodeFragment(new URL(page.url()).hash);
    assert.ok(state?.[core.TOOLS_KEY]?.["eligibility-form"]?.role, "the answers are in the link");
    assert.ok(!JSON.stringify(state).includes("now_ms"), "the clock is not kept in the link");
    assert.deepEqual(await axeViolations(page), [], "axe on the open-window result");
    await page.close();

    // From 17:00:00 KST: closed, the rules' next step with its cite; the verdict stays the answers'.
    page = await at("2026-06-16T17:00:00+09:00");
    await complete(page, "adopter", ELIGIBLE_ADOPTER);
    assert.equal(await window(page).getAttribute("data-status"), "closed");
    assert.match(await window(page).innerText(), /지원과제 신청 접수가 마감되었습니다\(2026년 6월 16일 17:00 마감\)/);
    const next = page.locator(".tool-result .tool-window-next");
    assert.match(await next.innerText(), /새로 신청할 수 없습니다/);
    assert.match(await next.locator("a.tool-cite").getAttribute("href"), citeRe);
    assert.match(await resultText(page), /신청 가능 \(답변 기준\)/);
    const steps = await nextSteps(page);
    assert.match(steps, /접수가 마감되었습니다/);
    assert.doesNotMatch(steps, /신청 기간과 방법을 확인하고 서류를 준비하세요/);
    assert.deepEqual(await axeViolations(page), [], "axe on the closed-window result");
    await page.close();

    // A 기획기관 has its own window, closed from 2026-05-15 17:00 KST.
    page = await at("2026-05-15T17:00:00+09:00");
    await complete(page, "planning_org", { planning_capability: "yes", planning_track_record: 10, planning_staff: 5 });
    assert.equal(await window(page).getAttribute("data-status"), "closed");
    assert.match(await page.locator(".tool-result .tool-window-next").innerText(), /기획기관 신청은 마감되어/);
    assert.match(
      await page.locator(".tool-result .tool-window-next a.tool-cite").getAttribute("href"),
      /^\.\.\/\.\.\/notice\/02-planning-org\/#planning-application$/,
    );
    await page.close();
  });

  test("no console errors and no request outside the site", () => {
    assert.deepEqual(browser.consoleErrors, []);
    assert.deepEqual(browser.outside, []);
  });
});
