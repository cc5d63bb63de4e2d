// The second program (tests/fixtures/ai-transition-2027, a fictional 2027 call), built by the same
// binary from content alone and served by the same nginx under its own sub-path
// (scripts/e2e.sh sets SECOND_BASE_URL and SECOND_SITE_DIR): every page loads, every link
// resolves, its own figures are shown, its tool pages load the engine with its rules, a visitor
// who uses each of its four tools gets answers by ITS rules (tests/fixtures/ai-transition-2027/
// content/rules/*.toml and the worked examples in content/rules/examples/) where the bundled
// program would answer otherwise, and no built page carries the bundled program's wording.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { launch, openTool } from "./lib.mjs";

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

/** Built HTML files of the second site, relative to its directory. */
function htmlFiles(dir = DIR) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(file);
    return entry.name.endsWith(".html") ? [path.relative(DIR, file)] : [];
  });
}

/**
 * Page URLs of the second site (paths under the sub-path), from its built pages: it has no
 * base_url, so the builder writes no sitemap.xml.
 */
function sitemapUrls() {
  return htmlFiles()
    .filter((f) => f === "index.html" || f.endsWith("/index.html"))
    .map((f) => new URL(f.replace(/index\.html$/, ""), BASE).href);
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

  test("each tool page loads its own WASM module from under its sub-path", async () => {
    for (const tool of TOOLS) {
      const page = await browser.context.newPage();
      const wasm = page.waitForResponse((r) => /\/assets\/af_engine-[\w-]+_bg\.[0-9a-f]+\.wasm$/.test(r.url()));
      await page.goto(new URL(`tools/${tool}/`, BASE).href, { waitUntil: "networkidle" });
      const response = await wasm;
      assert.ok(response.url().startsWith(BASE), `${tool}: engine from ${response.url()}`);
      assert.ok(response.url().includes(`af_engine-${tool}_bg.`), `${tool}: ${response.url()}`);
      assert.equal(response.status(), 200, tool);
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

  test("no built page carries the bundled program's distinctive wording", () => {
    // Words only the bundled program (content/) uses: its program name, its year, its annex
    // numbers and roles. The second program's own pages and rules never say them.
    const FOREIGN = ["자율형공장", "2026년도", "붙임 5", "기획기관", "수요기업", "'21~'25년"];
    const leaks = [];
    const files = htmlFiles();
    assert.ok(files.length >= 14, `only ${files.length} pages built`);
    for (const file of files) {
      const html = fs.readFileSync(path.join(DIR, file), "utf8");
      for (const word of FOREIGN) if (html.includes(word)) leaks.push(`${file}: ${word}`);
    }
    assert.ok(fs.existsSync(path.join(DIR, "tools/score/index.html")), "the tool pages were built");
    assert.deepEqual(leaks, []);
  });
});

// --- its four tools, used as a visitor ----------------------------------------------------

const toolUrl = (tool) => new URL(`tools/${tool}/`, BASE).href;
const visibleStep = (page) => page.locator(".tool-step:not([hidden])");

/** Eligibility: answers every visible question of the current step, then presses 다음. */
async function answerStep(page, answers) {
  const questions = visibleStep(page).locator(".tool-question:not([hidden])");
  const n = await questions.count();
  for (let i = 0; i < n; i++) {
    const id = (await questions.nth(i).getAttribute("id")).replace(/^q-/, "");
    const answer = answers[id];
    if (answer === undefined) throw new Error(`no answer given for question ${id}`);
    if (typeof answer === "number") {
      await page.locator(`label[for="q-${id}-count"]`).click();
      await page.locator(`#q-${id}-value`).fill(String(answer));
    } else {
      await page.locator(`label[for="q-${id}-${answer}"]`).click();
    }
  }
  await visibleStep(page).locator("[data-action='next']").click();
}

/** Eligibility from a fresh page: role, then every step until the result; returns the asked ids. */
async function completeEligibility(page, role, answers) {
  await page.locator(`label[for="q-role-${role}"]`).click();
  await visibleStep(page).locator("[data-action='next']").click();
  const asked = [];
  for (let guard = 0; guard < 8; guard++) {
    if ((await visibleStep(page).getAttribute("id")) === "step-check") return asked;
    const ids = await visibleStep(page)
      .locator(".tool-question:not([hidden])")
      .evaluateAll((els) => els.map((el) => el.id.replace(/^q-/, "")));
    asked.push(...ids);
    await answerStep(page, answers);
  }
  throw new Error("never reached the result step");
}

describe("second program: its tools answer by its rules", () => {
  test("eligibility: its two roles and its questions; 10 employees (이상) eligible, 9 not, unknown 실적 needs checking", async () => {
    // examples/eligibility.toml: 상시 근로자 10명(경계) → eligible, 9명 → not eligible; 공급기업
    // with 실적 unknown → needs checking.
    let page = await openTool(browser.context, toolUrl("eligibility"), "form[data-tool='eligibility']");
    const roles = await page.locator("input[name='role']").evaluateAll((els) => els.map((el) => el.value));
    assert.deepEqual(roles, ["adopter", "supplier"], "its roles, not the bundled program's");
    assert.equal(await page.locator("label[for='q-role-adopter']").innerText(), "참여기업");
    assert.equal(await page.locator("label[for='q-role-supplier']").innerText(), "공급기업");
    const adopter = {
      sme_manufacturer: "yes",
      basic_smart_factory: "yes",
      employees: 10,
      process_data: "yes",
      closed: "no",
      tax_arrears: "no",
    };
    const asked = await completeEligibility(page, "adopter", adopter);
    assert.deepEqual(asked.sort(), Object.keys(adopter).sort(), "the 참여기업 is asked exactly its questions");
    assert.match(await page.locator(".tool-summary").innerText(), /스마트공장 '기초' 수준 이상을 구축했습니까\?/);
    // The met requirements sit in a closed <details>: read the text content, not the rendered text.
    let result = await page.locator(".tool-result").textContent();
    assert.match(result, /신청 가능/);
    assert.match(result, /답변으로 보면 참여기업으로 신청할 수 있습니다/);
    assert.match(result, /상시 근로자 10명으로 요건\(10명 이상\)을 채웁니다/);

    // 9 employees, entered again through the summary's change link: below 10명 이상.
    await page.locator(".tool-summary a[href='#q-employees-count']").click();
    await page.locator("#q-employees-value").fill("9");
    await visibleStep(page).locator("[data-action='next']").click();
    if ((await visibleStep(page).getAttribute("id")) !== "step-check") {
      await visibleStep(page).locator("[data-action='next']").click();
    }
    result = await page.locator(".tool-result").textContent();
    assert.match(result, /신청 불가/);
    assert.match(result, /상시 근로자 9명은 요건\(10명 이상\)에 못 미칩니다/);
    assert.match(result, /답변으로 보면 참여기업으로 신청할 수 없습니다/);
    await page.close();

    page = await openTool(browser.context, toolUrl("eligibility"), "form[data-tool='eligibility']");
    const supplier = { supplier_registered: "yes", supplier_ai_projects: "unknown", closed: "no", tax_arrears: "no" };
    const supplierAsked = await completeEligibility(page, "supplier", supplier);
    assert.deepEqual(supplierAsked.sort(), Object.keys(supplier).sort(), "the 공급기업 is asked exactly its questions");
    result = await page.locator(".tool-result").textContent();
    assert.match(result, /확인 필요/);
    assert.match(result, /AI 적용 실적 건수를 확인해야 합니다\(요건: 3건 이상\)/);
    await page.close();
  });

  test("budget: 60 % and 연 2억 are its caps — 1.2억 of 2억 passes (bundled: 50 % breach), 2.5억 a year breaches (bundled: within 3억)", async () => {
    const page = await openTool(browser.context, toolUrl("budget"), "form[data-tool='budget']");
    const result = page.locator("#budget-plan .tool-result");
    const field = (year, name) => page.locator(`#budget-y${year}-${name}`);
    // examples/budget.toml "정부출연금 60% 경계: 1억 2천만 / 총 2억", as a 2-year plan with its
    // mandatory items: 교육비 200만 (1차년도), 정산 수수료 120만 (2차년도, 총사업비 4억 > 3억).
    for (const year of [0, 1]) {
      await field(year, "government").fill("1억 2천만");
      await field(year, "company_cash").fill("8천만");
    }
    await field(0, "education_fee-cash").fill("200만원");
    await field(1, "settlement_fee-cash").fill("120만원");
    let text = await result.innerText();
    assert.match(text, /규칙 위반이 없습니다/);
    assert.equal(await result.locator(".breach").count(), 0);
    assert.match(await result.locator("tr[data-row='government_share_percent']").innerText(), /60%\s+60%\s+60%/);
    assert.match(await result.locator("tr[data-row='total']").innerText(), /400,000,000원/);
    const mandatory = await result.locator(".mandatory-list").innerText();
    assert.equal((mandatory.match(/편성됨/g) ?? []).length, 2, mandatory);
    assert.match(mandatory, /AI 실무 교육비/);

    // 2억 5천만 a year at 50 %: over its 연 2억원 cap (the bundled program allows 연 3억원).
    await field(0, "government").fill("2억 5천만");
    await field(0, "company_cash").fill("2억 5천만");
    const status = await result.locator(".result-status").innerText();
    assert.match(status, /규칙 위반 \d+건/);
    const breach = await result.locator("tr[data-row='government'] + tr.breach-row").innerText();
    assert.match(breach, /1차년도 정부출연금 250,000,000원 \(2억 5,000만 원\)이 연 한도 200,000,000원/);
    assert.doesNotMatch(breach, /300,000,000원/);
    const href = await result.locator("tr[data-row='government'] + tr.breach-row a.tool-cite").first().getAttribute("href");
    assert.equal(href, "../../notice/overview/#support-terms", "its own notice page");
    await page.close();
  });

  test("score: its bands — 14.99 % sales growth is 4점 (bundled: 5점 at 12 %), 80 % debt ratio 4점, subtotal 13 then 20", async () => {
    const page = await openTool(browser.context, toolUrl("score"), "form[data-tool='score']");
    const result = page.locator("#capability-score .tool-result");
    const row = (id) => result.locator(`tr[data-item='${id}']`).innerText();
    // examples/score.toml "경계 바로 아래: 14.99%는 4점, 19.99%는 4점, 80%는 4점" → 13.
    await page.locator("#score-sales_growth-rate").fill("14.99");
    await page.locator("#score-operating_profit_growth-rate").fill("19.99");
    await page.locator("#score-debt_ratio-rate").fill("80");
    await page.locator("label[for='score-export-no']").click();
    assert.match(await row("sales_growth"), /15%미만~10%이상[\s\S]*4점/);
    assert.match(await row("operating_profit_growth"), /20%미만~10%이상[\s\S]*4점/);
    assert.match(await row("debt_ratio"), /120%미만~80%이상[\s\S]*4점/);
    let text = await result.innerText();
    assert.match(text, /서면평가 기업 역량 13점 \/ 20점/);
    assert.doesNotMatch(text, /12%이상/, "not the bundled program's band");
    // examples/score.toml "모든 항목 최고 구간: 20점 (15%, 20%, 79.9%)".
    await page.locator("#score-sales_growth-rate").fill("15");
    await page.locator("#score-operating_profit_growth-rate").fill("20");
    await page.locator("#score-debt_ratio-rate").fill("79.9");
    await page.locator("label[for='score-export-yes']").click();
    assert.match(await row("sales_growth"), /15%이상[\s\S]*5점/);
    assert.match(await row("debt_ratio"), /80%미만[\s\S]*5점/);
    text = await result.innerText();
    assert.match(text, /서면평가 기업 역량 20점 \/ 20점/);
    // Its export question names its own period, from its rules.
    assert.match(await page.locator("#capability-score form").innerText(), /'22~'26년/);
    await page.close();
  });

  test("KPI: 3 of its 6 core indicators + 1 AI 전환 지표 meet its rule (bundled needs 2 own); 2 core do not (bundled: enough)", async () => {
    const page = await openTool(browser.context, toolUrl("score"), "form[data-tool='kpi']");
    const result = page.locator("#kpi-plan .tool-result");
    const options = await page.locator("#kpi-ind-0-id option").count();
    assert.equal(options, 18 + 1, "its 18 indicators and 선택하지 않음");
    if (!(await page.locator("#kpi-ind-2-id").isVisible())) await page.locator("#kpi-std-count").selectOption("3");
    const indicator = async (i, id, baseline, target) => {
      await page.locator(`#kpi-ind-${i}-id`).selectOption(id);
      await page.locator(`#kpi-ind-${i}-baseline`).fill(baseline);
      await page.locator(`#kpi-ind-${i}-target`).fill(target);
    };
    // examples/kpi.toml "핵심지표 3개 + AI 전환 지표 1개: 요건 충족".
    await indicator(0, "p_output_per_hour", "100", "120");
    await indicator(1, "p_manufacturing_lead_time", "10", "8");
    await indicator(2, "q_process_defect_rate", "2.0", "1.5");
    await page.locator("#kpi-own-0-name").fill("AI 불량 예측 정확도");
    await page.locator("#kpi-own-0-unit").fill("%");
    await page.locator("#kpi-own-0-direction").selectOption("increase");
    await page.locator("#kpi-own-0-baseline").fill("70");
    await page.locator("#kpi-own-0-target").fill("90");
    let text = await result.innerText();
    assert.match(text, /지표 설정 규칙을 충족합니다/);
    assert.match(text, /핵심지표 3\/3개 이상, 자체 지표 1\/1개 이상/);
    assert.match(text, /AI 전환 지표를 1개 설정했습니다\(필수: 1개 이상\)/);
    assert.match(text, /시간당 생산량 증가율[\s\S]*20%/);
    assert.match(text, /제조리드타임 단축률[\s\S]*20%/);
    assert.match(text, /공정 불량률 감소율[\s\S]*25%/);
    // examples/kpi.toml "핵심지표 2개: 요건 미충족": the second row becomes a non-core indicator
    // (영업이익율), which leaves 2 core indicators — enough for the bundled program (2개 이상).
    await indicator(1, "p_operating_margin", "10", "12");
    text = await result.innerText();
    assert.match(text, /지표 설정 규칙을 충족하지 못합니다/);
    assert.match(text, /핵심지표 2\/3개 이상/);
    assert.match(text, /핵심지표 6개 중 3개 이상을 반드시 설정해야 합니다/);
    await page.close();
  });

  test("self-assessment: its five dimensions; the worked example is 3단계 with four items missing for 4단계", async () => {
    const page = await openTool(browser.context, toolUrl("self-assessment"), "form[data-tool='self_assessment']");
    // examples/self_assessment.toml: no '시뮬레이션 현장 적용' dimension in this program.
    const answers = {
      twin_scope: "twin_l3",
      ai_role: "ai_l3",
      data_standard: "data_l3",
      process_linkage: "link_l1",
      worker_intervention: "worker_l3",
    };
    assert.equal(await page.locator("[id^='q-sim_to_field']").count(), 0, "no bundled-only dimension");
    for (const [dim, option] of Object.entries(answers)) await page.locator(`label[for="q-${dim}-${option}"]`).click();
    await visibleStep(page).locator("[data-action='next']").click();
    await page.locator("label[for='q-problems-uncertain_production_plan']").click();
    await visibleStep(page).locator("[data-action='next']").click();
    assert.equal(await visibleStep(page).getAttribute("id"), "step-check");
    const result = page.locator(".tool-result");
    assert.match(await result.locator(".tool-result-title").innerText(), /3단계 시뮬레이션/);
    assert.equal(await result.locator("svg.tool-profile-bar").count(), 5, "its five dimensions");
    const text = await result.innerText();
    assert.match(text, /다음 단계\(4단계 공정연합/, text);
    const gaps = await result.locator(".tool-gaps li").allInnerTexts();
    assert.equal(gaps.length, 4, gaps.join(" | "));
    for (const [i, label] of ["디지털 트윈 범위", "AI의 역할", "데이터 수집과 표준화", "공정 간 연계"].entries()) {
      assert.match(gaps[i], new RegExp(`^${label}:`));
    }
    assert.equal(await result.locator("a[href*='notice/levels/#level-4']").count() > 0, true, "its 4단계 guide");
    await page.close();
  });
});
