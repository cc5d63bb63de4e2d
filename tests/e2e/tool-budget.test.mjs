// 사업비 계산기 in headless Chromium behind nginx (scripts/e2e.sh): the plan check at the caps and
// in breach, bad money input at the field and in the error summary, Korean money text, the
// one-year plan, the largest-support helper, the small-business lookup, CSV download, share link,
// save/delete, JavaScript off, no console errors, no outside requests, axe on the start and
// result states, and the page weight and input→result time (target/e2e/tool-budget.json).
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { BASE_URL, launch, axeViolations, pageWeight, writeReport } from "./lib.mjs";
import * as core from "../../static/js/tool-core.js";

const PAGE = () => new URL("tools/budget/", BASE_URL).href;
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
  for (const tool of ["budget_plan", "budget_for_support", "budget", "budget_max", "small_business"]) {
    await page.waitForSelector(`form[data-tool='${tool}'][data-hydrated]`, { timeout: 15_000 });
  }
  return page;
}

const plan = (page) => page.locator("#budget-plan");
const planResult = (page) => page.locator("#budget-plan .tool-result");
const field = (page, year, name) => page.locator(`#budget-y${year}-${name}`);

/** Fills both years' 정부출연금 and 민간부담금 현금 (and optional extra fields by id suffix). */
async function fillPlan(page, years, extra = {}) {
  for (const [i, y] of years.entries()) {
    await field(page, i, "government").fill(y.government);
    await field(page, i, "company_cash").fill(y.company_cash);
  }
  for (const [id, value] of Object.entries(extra)) await page.locator(`#${id}`).fill(value);
}

/** The field message shown in the table cell of an input (empty string when none). */
async function cellError(page, year, name) {
  const cell = page.locator("td", { has: field(page, year, name) });
  const error = cell.locator(".tool-field-error");
  return (await error.count()) ? error.innerText() : "";
}

const AT_CAPS = [
  { government: "3억", company_cash: "3억" },
  { government: "300,000,000", company_cash: "300,000,000" },
];
const MANDATORY = {
  "budget-y0-education_fee-cash": "100만",
  "budget-y1-settlement_fee-cash": "1,182천원",
  "budget-y1-escrow_fee-cash": "45만원",
};

/** The site's scroll cue (.table-scroll::before) is shown on the region. */
const cueShown = (el) => {
  const cue = getComputedStyle(el, "::before");
  return cue.display !== "none" && cue.content !== "none" && cue.content !== "normal";
};

describe("사업비 계산기", () => {
  test("start state: three tools hydrated, the largest-support helper already answers, axe finds nothing", async () => {
    const page = await open();
    assert.match(await page.locator("#budget-max .tool-result").innerText(), /600,000,000원/);
    assert.equal(await page.locator("#budget-plan-years-2").isChecked(), true);
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });

  test("a 2-year plan at the caps (3억 + 3억, 50%) shows no breach, the totals and the mandatory items", async () => {
    const page = await open();
    await fillPlan(page, AT_CAPS, MANDATORY);
    const text = await planResult(page).innerText();
    assert.match(text, /규칙 위반이 없습니다/);
    assert.equal(await planResult(page).locator(".breach").count(), 0);
    const total = planResult(page).locator("tr[data-row='total']");
    assert.match(await total.innerText(), /600,000,000원[\s\S]*600,000,000원[\s\S]*1,200,000,000원/);
    assert.match(await total.innerText(), /12억 원/);
    const share = await planResult(page).locator("tr[data-row='government_share_percent']").innerText();
    assert.match(share, /50%\s+50%\s+50%/);
    const mandatory = await planResult(page).locator(".mandatory-list").innerText();
    assert.equal((mandatory.match(/편성됨/g) ?? []).length, 3, mandatory);
    assert.deepEqual(await axeViolations(page), [], "axe on the result state");
    await page.close();
  });

  test("a breach shows inline under its row with the rule and a link to the clause", async () => {
    const page = await open();
    await fillPlan(page, [
      { government: "3억 5천만", company_cash: "3억 5천만" },
      { government: "3억", company_cash: "2억 8천만" },
    ]);
    const result = planResult(page);
    assert.match(await result.locator(".result-status").innerText(), /규칙 위반 \d+건/);
    // The breach row follows the 정부출연금 row.
    const breachRow = result.locator("tr[data-row='government'] + tr.breach-row");
    const text = await breachRow.innerText();
    assert.match(text, /1차년도 정부출연금 350,000,000원 \(3억 5,000만 원\)이 연 한도 300,000,000원/);
    assert.match(text, /2차년도 정부출연금 300,000,000원 \(3억 원\)이 총사업비 580,000,000원 \(5억 8,000만 원\)의 50%/);
    const href = await breachRow.locator("a.tool-cite").first().getAttribute("href");
    assert.equal(href, "../../notice/01-overview/#support-terms");
    assert.equal(new URL(href, page.url()).pathname.endsWith("/notice/01-overview/"), true);
    assert.deepEqual(await axeViolations(page), [], "axe with breaches shown");
    await page.close();
  });

  test("bad money input gets a message at the field, the error summary on submit, and the page keeps working", async () => {
    const page = await open();
    await fillPlan(page, AT_CAPS);
    const cases = [
      ["-5", /음수|0원 이상/],
      ["abc", /읽을 수 없는|금액/],
      ["3억억", /반복|순서/],
      ["10조", /1조|너무|클 수/],
      ["", /필수|입력/],
    ];
    for (const [value, message] of cases) {
      await field(page, 0, "government").fill(value);
      const shown = await cellError(page, 0, "government");
      assert.match(shown, message, `"${value}": ${shown}`);
      assert.equal(await field(page, 0, "government").getAttribute("aria-invalid"), "true", value);
      assert.equal(await field(page, 0, "government").inputValue(), value, "the input is kept as typed");
    }
    await plan(page).locator("button[type='submit']").click();
    const summary = plan(page).locator(".tool-error-summary");
    await summary.waitFor({ state: "visible" });
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("tool-error-summary")), true);
    const link = summary.locator("a").first();
    assert.equal(await link.getAttribute("href"), "#budget-y0-government");
    await link.click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "budget-y0-government");
    // Fixing the field brings the result back.
    await field(page, 0, "government").fill("3억");
    assert.equal(await cellError(page, 0, "government"), "");
    assert.match(await planResult(page).innerText(), /규칙 위반이 없습니다/);
    await page.close();
  });

  test('"3억 5천만" and "350,000,000" are the same amount', async () => {
    const page = await open();
    await fillPlan(page, [{ government: "3억", company_cash: "3억 5천만" }, AT_CAPS[1]]);
    const a = await planResult(page).locator("tr[data-row='company_cash']").innerText();
    await field(page, 0, "company_cash").fill("350,000,000");
    const b = await planResult(page).locator("tr[data-row='company_cash']").innerText();
    assert.equal(a, b);
    assert.match(a, /350,000,000원/);
    await page.close();
  });

  test("a 1-year plan hides the second year and checks one year", async () => {
    const page = await open();
    await fillPlan(page, [AT_CAPS[0]]);
    await page.locator("label[for='budget-plan-years-1']").click();
    assert.equal(await field(page, 1, "government").isVisible(), false);
    const head = await planResult(page).locator("thead").innerText();
    assert.doesNotMatch(head, /2차년도/);
    assert.match(await planResult(page).innerText(), /규칙 위반이 없습니다/);
    await page.close();
  });

  test("largest support: 2 years → 6억 for 12억, 1 year → 3억 for 6억", async () => {
    const page = await open();
    const result = page.locator("#budget-max .tool-result");
    assert.match(await result.locator(".result-status").innerText(), /최대 600,000,000원 \(6억 원\).*1,200,000,000원 \(12억 원\)/s);
    await page.locator("#budget-max-years").selectOption("1");
    await page.waitForFunction(() => /300,000,000원 \(3억 원\)/.test(document.querySelector("#budget-max .tool-result .result-status")?.innerText ?? ""));
    assert.match(await result.locator(".result-status").innerText(), /600,000,000원 \(6억 원\)/);
    assert.match(await result.innerText(), /공고문 근거/);
    await page.close();
  });

  test("small business: C25 with 120억 is 소기업 (5 years), with 121억 not (3 years); seat question only for its codes", async () => {
    const page = await open();
    const result = page.locator("#small-business .tool-result");
    assert.equal(await page.locator("#small-business-seat").isVisible(), false);
    await page.locator("#small-business-ksic").fill("C25");
    await page.locator("#small-business-revenue").fill("120억");
    assert.match(await result.locator(".result-status").innerText(), /소기업입니다[\s\S]*최대 5년/);
    await page.locator("#small-business-revenue").fill("121억");
    assert.match(await result.locator(".result-status").innerText(), /소기업이 아닙니다[\s\S]*최대 3년/);
    await page.locator("#small-business-ksic").fill("C31202");
    assert.equal(await page.locator("#small-business-seat").isVisible(), true);
    await page.locator("#small-business-revenue").fill("100억");
    await page.locator("label[for='small-business-seat']").click();
    assert.match(await result.locator(".result-status").innerText(), /소기업입니다/);
    await page.close();
  });

  test("CSV download: UTF-8 with BOM, Korean header and the figures", async () => {
    const page = await open();
    await fillPlan(page, AT_CAPS, MANDATORY);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      planResult(page).locator(".csv-download").click(),
    ]);
    assert.equal(download.suggestedFilename(), "사업비-계획.csv");
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM");
    const text = bytes.subarray(3).toString("utf8");
    const lines = text.split("\r\n");
    assert.equal(lines[0], "구분,1차년도,2차년도,전체");
    assert.ok(lines.includes("정부출연금(원),300000000,300000000,600000000"), text);
    assert.ok(lines.includes("총사업비(원),600000000,600000000,1200000000"), text);
    assert.match(text, /필수 항목,교육비,1차년도,편성됨,1000000/);
    report.csv_bytes = bytes.length;
    await page.close();
  });

  test("share link round trip: the copied URL opens the same figures and result", async () => {
    const page = await open();
    await fillPlan(page, [{ government: "3억 5천만", company_cash: "3억 5천만" }, AT_CAPS[1]], MANDATORY);
    const before = await planResult(page).innerText();
    await plan(page).locator("[data-action='copy-link']").click();
    const url = await plan(page).locator(".tool-share-url").inputValue();
    assert.match(url, /#v1=/);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, url);
    const other = await open(url);
    assert.equal(await field(other, 0, "government").inputValue(), "3억 5천만");
    assert.equal(await other.locator("#budget-y1-escrow_fee-cash").inputValue(), "45만원");
    assert.equal(await planResult(other).innerText(), before);
    // The link is about the plan: the page's other tools keep their own defaults.
    assert.match(await other.locator("#budget-max .tool-result").innerText(), /600,000,000원/);
    assert.equal(await other.locator("#budget-max-years").inputValue(), "2");
    await other.close();
    await page.close();
  });

  test("one share link carries every tool used on the page: the plan check and the small-business helper both restore; an older single-tool link still opens", async () => {
    const page = await open();
    await fillPlan(page, AT_CAPS, MANDATORY);
    await page.locator("#small-business-ksic").fill("C25");
    await page.locator("#small-business-revenue").fill("120억");
    const small = page.locator("#small-business .tool-result");
    await page.waitForFunction(() => /소기업입니다/.test(document.querySelector("#small-business .tool-result")?.innerText ?? ""));
    const planBefore = await planResult(page).innerText();
    const smallBefore = await small.innerText();
    await plan(page).locator("[data-action='copy-link']").click();
    const url = await plan(page).locator(".tool-share-url").inputValue();
    // One snapshot per form, keyed by its id: the forms share input names (`years`).
    const state = core.decodeFragment(new URL(url).hash);
    assert.deepEqual(Object.keys(state[core.TOOLS_KEY]).sort(), ["budget-form", "small-business-form"]);
    assert.equal(state[core.TOOLS_KEY]["small-business-form"].average_revenue, "120억");

    const other = await open(url);
    assert.equal(await field(other, 0, "government").inputValue(), "3억");
    assert.equal(await other.locator("#budget-y1-escrow_fee-cash").inputValue(), "45만원");
    assert.equal(await other.locator("#small-business-ksic").inputValue(), "C25");
    assert.equal(await other.locator("#small-business-revenue").inputValue(), "120억");
    assert.equal(await planResult(other).innerText(), planBefore);
    await other.waitForFunction(() => /소기업입니다/.test(document.querySelector("#small-business .tool-result")?.innerText ?? ""));
    assert.equal(await other.locator("#small-business .tool-result").innerText(), smallBefore);
    // A helper the link does not name keeps its defaults.
    assert.equal(await other.locator("#budget-max-years").inputValue(), "2");
    assert.match(await other.locator("#budget-max .tool-result").innerText(), /600,000,000원/);
    await other.close();

    // A link in the older format (one tool's fields, no per-form key) opens the tool it names.
    const legacy = `${PAGE()}#${core.encodeFragment({ ksic: "C25", average_revenue: "121억" })}`;
    const old = await open(legacy);
    assert.equal(await old.locator("#small-business-revenue").inputValue(), "121억");
    await old.waitForFunction(() => /소기업이 아닙니다/.test(document.querySelector("#small-business .tool-result")?.innerText ?? ""));
    assert.equal(await field(old, 0, "government").inputValue(), "");
    await old.close();
    await page.close();
  });

  test("save on this device → reload restores → delete → gone", async () => {
    const page = await open();
    await fillPlan(page, AT_CAPS);
    await plan(page).locator("[data-action='save']").click();
    assert.match(await plan(page).locator(".tool-status").innerText(), /저장했습니다/);
    const fresh = await open(PAGE());
    assert.equal(await field(fresh, 1, "company_cash").inputValue(), "300,000,000");
    assert.match(await planResult(fresh).innerText(), /1,200,000,000원/);
    await plan(fresh).locator("[data-action='delete-saved']").click();
    assert.match(await plan(fresh).locator(".tool-status").innerText(), /삭제했습니다/);
    assert.equal(await fresh.evaluate(() => localStorage.getItem("af-tool:budget:v1")), null);
    const after = await open(PAGE());
    assert.equal(await field(after, 1, "company_cash").inputValue(), "");
    await after.close();
    await fresh.close();
    await page.close();
  });

  test("print: the plan with its breaches and the small-business answer fit one A4 page", async () => {
    const page = await open();
    await fillPlan(page, [{ government: "3억 5천만", company_cash: "3억" }, AT_CAPS[1]], MANDATORY);
    await page.locator("#small-business-ksic").fill("C25");
    await page.locator("#small-business-revenue").fill("121억");
    const pdf = await page.pdf({ format: "A4" });
    const pages = Number(/\/Count (\d+)/.exec(pdf.toString("latin1"))?.[1]);
    assert.equal(pages, 1, `${pages} pages`);
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator("#budget-form").isVisible(), false, "the form is not printed");
    assert.equal(await planResult(page).isVisible(), true);
    await page.close();
  });

  test("page weight and input→result time (measured in the browser)", async () => {
    const page = await open();
    await fillPlan(page, AT_CAPS, MANDATORY);
    const weight = await pageWeight(page);
    const times = await page.evaluate(async () => {
      const result = document.querySelector("#budget-plan .tool-result");
      const input = document.getElementById("budget-y0-company_cash");
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
        input.value = i % 2 ? "3억" : "3억 1천만";
        input.dispatchEvent(new Event("input", { bubbles: true }));
        out.push((await changed) - t0);
      }
      return out.sort((a, b) => a - b);
    });
    report.weight = weight;
    report.input_to_result_ms = { median: times[10], max: times[19], runs: times.length };
    writeReport("tool-budget.json", report);
    console.log(
      `budget page weight: ${weight.total} bytes over the wire (${weight.files.map((f) => `${f.url} ${f.encoded}`).join(", ")}); ` +
        `input→result median ${times[10].toFixed(2)} ms, max ${times[19].toFixed(2)} ms`,
    );
    assert.ok(weight.files.some((f) => f.url.endsWith(".wasm")), "the page loaded the engine");
    assert.ok(times[10] < 200, `input→result median ${times[10]} ms`);
    await page.close();
  });

  test("with JavaScript off the form and rules read well, with the note that the calculator needs JavaScript", async () => {
    const noJs = await launch({ javaScriptEnabled: false });
    try {
      const page = await noJs.context.newPage();
      await page.goto(PAGE(), { waitUntil: "load" });
      assert.match(await page.locator(".tool-noscript").innerText(), /자바스크립트/);
      assert.equal(await page.locator("#budget-y1-government").isVisible(), true, "both years' columns show");
      assert.match(await page.locator(".tool-rules").innerText(), /교육비: 1차년도, 100만 원/);
      assert.match(await page.locator(".budget-table").innerText(), /기술임치비/);
      assert.equal(await page.locator("[data-action='copy-link']").first().isVisible(), false);
      assert.equal(await page.locator("#budget-plan-years-1").isVisible(), false);
      assert.deepEqual(noJs.outside, []);
    } finally {
      await noJs.close();
    }
  });

  test("390 px phone: the totals are a named, focusable scroll region with a visible cue; every year is reachable by keyboard; the page never scrolls sideways", async () => {
    const page = await open();
    await page.setViewportSize({ width: 390, height: 844 });
    await fillPlan(page, AT_CAPS, MANDATORY);
    const region = planResult(page).locator(".table-scroll");
    assert.equal(await region.getAttribute("role"), "region");
    assert.equal(await region.getAttribute("tabindex"), "0");
    const caption = await region.getAttribute("aria-labelledby");
    assert.match(await page.locator(`#${caption}`).innerText(), /연차별·전체 합계/);
    assert.match(await region.locator("thead").innerText(), /1차년도[\s\S]*2차년도[\s\S]*전체/);
    const size = await region.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    if (size.scroll > size.client) {
      assert.equal(await region.evaluate(cueShown), true, "the cue that more is to the side");
    }
    // Keyboard: the region takes focus and the arrow keys bring the last column (전체) into view,
    // while the row labels stay in view.
    await region.focus();
    for (let i = 0; i < 40; i++) await page.keyboard.press("ArrowRight");
    // Arrow keys scroll smoothly: wait until the region has come to rest at its right end.
    await page.waitForFunction((el) => el.scrollLeft + el.clientWidth >= el.scrollWidth - 1, await region.elementHandle());
    const last = await region.locator("thead th").last().boundingBox();
    assert.ok(last && last.x >= 0 && last.x + last.width <= 391, `전체 column at ${JSON.stringify(last)}`);
    const label = await region.locator("tr[data-row='total'] th").boundingBox();
    const box = await region.boundingBox();
    assert.ok(label && box && label.x >= box.x - 1 && label.x + label.width <= 391, `row label at ${JSON.stringify(label)}`);
    assert.match(await region.locator("tr[data-row='total']").innerText(), /1,200,000,000원/);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, "no sideways page scroll");
    await page.close();
  });

  test("the settlement fee field says 공급가액 기준, 부가세 제외 (in its accessible description and the rules)", async () => {
    const page = await open();
    const input = page.locator("#budget-y1-settlement_fee-cash");
    const ids = ((await input.getAttribute("aria-describedby")) ?? "").split(/\s+/).filter(Boolean);
    const described = (await Promise.all(ids.map((id) => page.locator(`#${id}`).innerText()))).join(" ");
    assert.match(described, /공급가액 기준, 부가세 제외/);
    assert.match(await page.locator("tr[data-item='settlement_fee']").innerText(), /공급가액 기준, 부가세 제외/);
    assert.match(await page.locator(".tool-rules").innerText(), /정산 수수료: 2차년도, 총사업비 규모별 표준수수료\(공급가액 기준, 부가세 제외;/);
    await page.close();
  });

  test("print is complete: collapsed parts print open, a helper nobody filled in prints no placeholder", async () => {
    const page = await open();
    await fillPlan(page, AT_CAPS, MANDATORY);
    const assumption = planResult(page).locator(".tool-assumptions li").first();
    assert.equal(await assumption.isVisible(), false, "collapsed on screen");
    await page.emulateMedia({ media: "print" });
    assert.equal(await assumption.isVisible(), true, "printed open");
    assert.equal(await page.locator("#small-business").isVisible(), false, "the untouched small-business helper");
    assert.equal(await page.locator(".result-empty:visible").count(), 0, "no placeholder text");
    assert.equal(await planResult(page).isVisible(), true);
    await page.close();
  });

  test("planner: 총사업비 12억 over 2 years → 6억 of support, every figure with its rule and cite; the button fills the plan table, which passes the check", async () => {
    const page = await open();
    const result = page.locator("#budget-planner .tool-result");
    await page.locator("#budget-planner-total").fill("12억");
    assert.match(
      await result.locator(".result-status").innerText(),
      /총사업비 1,200,000,000원 \(12억 원\)[\s\S]*정부출연금 600,000,000원 \(6억 원\)/,
    );
    const years = result.locator(".plan-year");
    assert.equal(await years.count(), 2);
    const figures = result.locator(".plan-figures dd");
    assert.ok((await figures.count()) >= 10, "four figures and the items per year");
    for (const why of await result.locator(".plan-why").all()) {
      assert.ok((await why.innerText()).trim().length > 10, "each figure says which rule set it");
      const href = await why.locator("a.tool-cite").getAttribute("href");
      assert.match(href ?? "", /^\.\.\/\.\.\/notice\/[\w-]+\/#[\w-]+$/, `cite link ${href}`);
    }
    assert.match(await years.nth(0).innerText(), /정부출연금[\s\S]*300,000,000원[\s\S]*50%/);
    assert.match(await years.nth(1).innerText(), /정산 수수료[\s\S]*1,182,000원[\s\S]*부가세 제외/);
    await result.locator("[data-fill-form]").click();
    assert.equal(await field(page, 0, "government").inputValue(), "300,000,000");
    assert.equal(await field(page, 1, "company_cash").inputValue(), "300,000,000");
    assert.equal(await page.locator("#budget-y0-education_fee-cash").inputValue(), "1,000,000");
    assert.equal(await page.locator("#budget-y1-settlement_fee-cash").inputValue(), "1,182,000");
    assert.equal(await page.locator("#budget-y1-escrow_fee-cash").inputValue(), "450,000");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "budget-plan-title");
    assert.match(await planResult(page).innerText(), /규칙 위반이 없습니다/);
    const mandatory = await planResult(page).locator(".mandatory-list").innerText();
    assert.equal((mandatory.match(/편성됨/g) ?? []).length, 3, mandatory);
    assert.deepEqual(await axeViolations(page), [], "axe with a proposal shown");
    // One year, with in-kind: the table switches to one year and keeps the proposal's 현물.
    await page.locator("#budget-planner-years").selectOption("1");
    await page.locator("#budget-planner-total").fill("6억");
    await page.locator("#budget-planner-in-kind").fill("5천만");
    assert.equal(await years.count(), 1);
    await result.locator("[data-fill-form]").click();
    assert.equal(await page.locator("#budget-plan-years-1").isChecked(), true);
    assert.equal(await field(page, 1, "government").isVisible(), false);
    assert.equal(await field(page, 0, "company_in_kind").inputValue(), "50,000,000");
    assert.match(await planResult(page).innerText(), /규칙 위반이 없습니다/);
    await page.close();
  });

  test("reverse: 정부출연금 4억 over 2 years needs a total of at least 8억; too much support gets a message at the field; the proposal fills the table", async () => {
    const page = await open();
    const result = page.locator("#budget-support .tool-result");
    const input = page.locator("#budget-support-government");
    await input.fill("4억");
    assert.match(
      await result.locator(".result-status").innerText(),
      /정부출연금 400,000,000원 \(4억 원\)[\s\S]*적어도 800,000,000원 \(8억 원\)/,
    );
    assert.match(await result.innerText(), /50% 이내[\s\S]*공고문 근거/);
    assert.equal(await result.locator(".plan-year").count(), 2);
    await input.fill("9억");
    const error = page.locator("#budget-support .tool-field-error");
    await error.waitFor();
    assert.match(await error.innerText(), /600,000,000원 \(6억 원\) 이하/);
    assert.equal(await input.getAttribute("aria-invalid"), "true");
    await input.fill("4억");
    assert.equal(await error.count(), 0);
    await result.locator("[data-fill-form]").click();
    assert.equal(await field(page, 0, "government").inputValue(), "200,000,000");
    assert.equal(await field(page, 1, "government").inputValue(), "200,000,000");
    assert.match(await planResult(page).innerText(), /규칙 위반이 없습니다/);
    assert.match(await planResult(page).locator("tr[data-row='total']").innerText(), /800,000,000원/);
    await page.close();
  });

  test("no console errors and no request outside the site", () => {
    assert.deepEqual(browser.consoleErrors, []);
    assert.deepEqual(browser.outside, []);
  });
});
