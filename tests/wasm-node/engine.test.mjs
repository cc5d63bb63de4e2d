// The browser engine's API from a real JS runtime: the exact glue + .wasm + rules JSON that a built
// site publishes in assets/, loaded in Node with initSync. Run by scripts/e2e.sh, which builds the
// site and sets SITE_DIR (the folder holding index.html and assets/).
//
// Checks the JSON envelope of every tool for valid and hostile input, and that nothing throws:
// a page calls Engine.eval on every keystroke, so an exception or a trap would break the form.
import { test, describe, before } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const SITE_DIR = process.env.SITE_DIR;
const HANGUL = /[\uac00-\ud7a3]/;

/** Every built page under SITE_DIR that names an engine module (`<body data-wasm-js=…>`). */
function toolPages() {
  const pages = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "assets") walk(p);
      else if (entry.name === "index.html") {
        const html = fs.readFileSync(p, "utf8");
        const body = html.match(/<body[^>]*>/)?.[0] ?? "";
        const js = body.match(/data-wasm-js="([^"]+)"/)?.[1];
        const rules = body.match(/data-rules-json="([^"]+)"/)?.[1];
        if (js || rules) {
          const forms = [...html.matchAll(/data-tool="([a-z_]+)"/g)].map((m) => m[1]);
          pages.push({ file: p, js: path.resolve(path.dirname(p), js ?? ""), rules: path.resolve(path.dirname(p), rules ?? ""), forms });
        }
      }
    }
  };
  walk(SITE_DIR);
  return pages;
}

let pages; // toolPages()
const modules = new Map(); // glue path → { glue, rulesJson, engine, tools }
let engine; // the engine of the first module (for tool-independent checks)
let glue; // its glue module

before(async () => {
  assert.ok(SITE_DIR, "SITE_DIR is not set: run scripts/e2e.sh (it builds the site and sets it)");
  pages = toolPages();
  assert.ok(pages.length >= 4, `expected the tool pages to name their engine module: ${JSON.stringify(pages)}`);
  for (const page of pages) {
    assert.match(path.basename(page.js), /^af_engine-[a-z-]+\.[0-9a-f]{8}\.js$/, page.file);
    assert.match(path.basename(page.rules), /^rules-[a-z-]+\.[0-9a-f]+\.json$/, page.file);
    if (modules.has(page.js)) continue;
    const m = await import(pathToFileURL(page.js).href);
    const wasmName = fs.readFileSync(page.js, "utf8").match(/af_engine-[a-z-]+_bg\.[0-9a-f]{8}\.wasm/)?.[0];
    assert.ok(wasmName, `${page.js} names no .wasm`);
    m.initSync({ module: fs.readFileSync(path.join(path.dirname(page.js), wasmName)) });
    const rulesJson = fs.readFileSync(page.rules, "utf8");
    modules.set(page.js, { glue: m, rulesJson, engine: new m.Engine(rulesJson), tools: [...m.tools()], page });
  }
  ({ glue, engine } = [...modules.values()][0]);
});

/** The engine of the page module that answers `tool`. */
function engineFor(tool) {
  const found = [...modules.values()].find((m) => m.tools.includes(tool));
  assert.ok(found, `no page module answers ${tool}`);
  return found.engine;
}

/** Calls eval, asserting it neither throws nor returns anything but a well-formed envelope. */
function evalEnvelope(tool, input, eng = engineFor(tool)) {
  let out;
  assert.doesNotThrow(() => {
    out = eng.eval(tool, input);
  }, `eval(${tool}, ${JSON.stringify(input).slice(0, 80)}) threw`);
  assert.equal(typeof out, "string");
  const env = JSON.parse(out);
  checkEnvelope(tool, env, out);
  // The typed door gives the same answer for any input the text door could read (JS reads
  // deeper nesting than the engine's JSON parser; `run` refuses it as invalid_input).
  if (env.error?.code === "invalid_json") return env;
  let parsed;
  try {
    parsed = JSON.parse(input);
  } catch {
    return env;
  }
  let typed;
  assert.doesNotThrow(() => {
    typed = eng.run(tool, parsed);
  }, `run(${tool}, ${input.slice(0, 80)}) threw`);
  assert.deepEqual(typed, env, `run and eval differ for ${tool} ${input.slice(0, 120)}`);
  return env;
}

function checkEnvelope(tool, env, out = JSON.stringify(env)) {
  assert.equal(env.schema_version, 1, out);
  assert.equal(env.tool, tool, out);
  assert.equal(typeof env.ok, "boolean", out);
  if (env.ok) {
    assert.equal(typeof env.result, "object", out);
    assert.notEqual(env.result, null, out);
    assert.equal(env.error, undefined, out);
  } else {
    assert.equal(env.result, undefined, out);
    assert.match(env.error.code, /^[a-z_]+$/, out);
    assert.match(env.error.message, HANGUL, `error message should be Korean: ${out}`);
    if (env.error.field_errors !== undefined) {
      assert.ok(Array.isArray(env.error.field_errors), out);
      for (const fe of env.error.field_errors) {
        assert.equal(typeof fe.field, "string", out);
        assert.match(fe.message, HANGUL, out);
      }
    }
  }
}

/** An error envelope with `code`, and (for input errors) the offending field named. */
function expectError(tool, input, code, field) {
  const env = evalEnvelope(tool, input);
  assert.equal(env.ok, false, `expected ${code} for ${tool} ${input}, got ${JSON.stringify(env)}`);
  assert.equal(env.error.code, code, JSON.stringify(env));
  if (field !== undefined) {
    const fields = (env.error.field_errors ?? []).map((f) => f.field);
    assert.ok(fields.includes(field), `field_errors should name ${field}: ${JSON.stringify(env)}`);
  }
  return env;
}

function expectOk(tool, input) {
  const env = evalEnvelope(tool, input);
  assert.equal(env.ok, true, `expected ok for ${tool} ${input}, got ${JSON.stringify(env)}`);
  return env.result;
}

describe("loading", () => {
  test("each page's rules JSON builds its module's Engine", () => {
    for (const m of modules.values()) {
      assert.ok(m.engine instanceof m.glue.Engine);
      const rules = JSON.parse(m.rulesJson);
      assert.equal(typeof rules, "object");
      assert.ok(Object.keys(rules).length > 0, `${m.page.rules}: rules JSON is empty`);
    }
  });

  test("each page's module answers every form on the page, and money", () => {
    for (const page of pages) {
      const { tools } = modules.get(page.js);
      assert.ok(tools.includes("money"), `${page.js}: ${tools}`);
      assert.ok(page.forms.length > 0, `${page.file} has no data-tool form`);
      for (const tool of page.forms) assert.ok(tools.includes(tool), `${page.file}: ${tool} not in ${tools}`);
    }
  });

  test("a page module carries only its own tools (a budget page does not download the self-assessment)", () => {
    for (const m of modules.values()) {
      const formsOfModule = new Set(pages.filter((p) => p.js === m.page.js).flatMap((p) => p.forms));
      for (const tool of m.tools) {
        assert.ok(tool === "money" || formsOfModule.has(tool), `${m.page.js} answers ${tool}, which none of its pages uses`);
      }
    }
  });

  test("bad rules JSON is a JS Error with a Korean and English message, not a trap", () => {
    for (const m of modules.values()) {
      const section = Object.keys(JSON.parse(m.rulesJson))[0];
      for (const bad of ["", "{", "[]", "null", `{"${section}": 3}`]) {
        let err;
        try {
          new m.glue.Engine(bad);
        } catch (e) {
          err = e;
        }
        assert.ok(err instanceof Error, `new Engine(${JSON.stringify(bad)}) should throw an Error`);
        assert.match(err.message, /규칙 데이터/);
        assert.match(err.message, /rules JSON/);
      }
      // The module still works after a refused construction.
      assert.equal(JSON.parse(m.engine.eval("money", '{"value":"1억"}')).ok, true);
    }
  });
});

describe("every tool answers hostile input with an error envelope", () => {
  test("in every module", () => {
    for (const m of modules.values()) for (const tool of m.tools) {
      for (const bad of ["", "{", "nul", '{"a":}', "[1,2", "\u0000", "{".repeat(10_000)]) {
        assert.equal(evalEnvelope(tool, bad, m.engine).error.code, "invalid_json");
      }
      for (const notObject of ["[]", "3", '"3억"', "null", "true"]) {
        assert.equal(evalEnvelope(tool, notObject, m.engine).error.code, "invalid_input");
      }
      const unknown = evalEnvelope(tool, '{"no_such_field_xyz": 1}', m.engine);
      assert.equal(unknown.error.code, "invalid_input");
      assert.ok(unknown.error.field_errors.some((f) => f.field === "no_such_field_xyz"), JSON.stringify(unknown));
      // Deep nesting: an error, not a stack overflow.
      const deep = `{"value":${"[".repeat(5000)}1${"]".repeat(5000)}}`;
      assert.equal(evalEnvelope(tool, deep, m.engine).ok, false);
    }
  });

  test("an unknown tool is unknown_tool, listing the tools", () => {
    for (const m of modules.values()) {
      const env = evalEnvelope("nope", "{}", m.engine);
      assert.equal(env.error.code, "unknown_tool");
      for (const tool of m.tools) assert.ok(env.error.message.includes(tool), env.error.message);
    }
  });

  test("a tool of another page is unknown_tool in this page's module", () => {
    const budget = engineFor("budget");
    for (const tool of ["self_assessment", "eligibility", "score", "application_window"]) {
      const env = JSON.parse(budget.eval(tool, "{}"));
      assert.equal(env.error.code, "unknown_tool", JSON.stringify(env));
      assert.deepEqual(budget.run(tool, {}), env);
    }
  });
});

describe("run: a plain JS object in, the envelope as an object out", () => {
  test("JS values become what JSON.stringify would make of them", () => {
    const eng = engineFor("money");
    const same = (input) =>
      assert.deepEqual(eng.run("money", input), JSON.parse(eng.eval("money", JSON.stringify(input))), JSON.stringify(input));
    same({ value: "3억" });
    same({ value: 120000000 });
    same({ value: 1.5 });
    same({ value: NaN }); // null
    same({ value: Infinity });
    same({ value: "1억", extra: undefined }); // left out
    same({ value: "1억", f() {} }); // left out
    same({ value: ["1억", undefined] });
    same({ value: null });
    same({ value: true });
    same({ value: { nested: [1, 2, { a: "b" }] } });
    same({});
    same([]);
    same(Object.assign(Object.create({ inherited: 1 }), { value: "2억" })); // own keys only
  });

  test("non-objects, cycles and deep nesting are error envelopes, never exceptions", () => {
    const eng = engineFor("money");
    for (const input of [undefined, null, 3, "text", true, () => 1, Symbol("s"), 10n]) {
      const env = eng.run("money", input);
      checkEnvelope("money", env);
      assert.equal(env.ok, false);
      assert.equal(env.error.code, "invalid_input");
    }
    const cyclic = { value: "1억" };
    cyclic.self = cyclic;
    const env = eng.run("money", cyclic);
    checkEnvelope("money", env);
    assert.equal(env.error.code, "invalid_input");
    let deep = 1;
    for (let i = 0; i < 5000; i++) deep = [deep];
    assert.equal(eng.run("money", { value: deep }).error.code, "invalid_input");
    // Still usable afterwards.
    assert.equal(eng.run("money", { value: "1억" }).result.won, 100_000_000);
  });
});

describe("format_won and cite_href", () => {
  test("format_won takes money text or a number, and gives \"\" for anything unreadable", () => {
    assert.equal(glue.format_won("350000000"), "350,000,000원 (3억 5,000만 원)");
    assert.equal(glue.format_won(350000000), "350,000,000원 (3억 5,000만 원)");
    assert.equal(glue.format_won("6천만원"), "60,000,000원 (6,000만 원)");
    assert.equal(glue.format_won(5000), "5,000원");
    assert.equal(glue.format_won(0), "0원");
    for (const bad of [-1, NaN, Infinity, 0.5, "abc", "", null, undefined, {}, [], true]) {
      assert.equal(glue.format_won(bad), "", String(bad));
    }
  });

  test("cite_href builds the page-relative link of a cite, as the builder does", () => {
    assert.equal(glue.cite_href("../../", "notice/03-application#eligibility"), "../../notice/03-application/#eligibility");
    assert.equal(glue.cite_href("../", "cases/case-1"), "../cases/case-1/");
    assert.equal(glue.cite_href("./", "#x"), "./#x");
    assert.equal(glue.cite_href("", "/notice/annex-1/"), "notice/annex-1/");
    // The builder's links on a tool page are made by the same function: every rendered cite link
    // that starts with the page's root resolves the same way.
    for (const m of modules.values()) assert.equal(m.glue.cite_href("../", "a#b"), "../a/#b");
  });
});

describe("money", () => {
  const cases = [
    ["3억 5천만", 350_000_000, "350,000,000원 (3억 5,000만 원)"],
    ["3억5천만원", 350_000_000, "350,000,000원 (3억 5,000만 원)"],
    ["300,000,000", 300_000_000, null],
    ["１억", 100_000_000, null],
    ["45만원", 450_000, null],
    ["0", 0, null],
  ];
  for (const [text, won, formatted] of cases) {
    test(`reads ${JSON.stringify(text)}`, () => {
      const r = expectOk("money", JSON.stringify({ value: text }));
      assert.equal(r.won, won);
      assert.equal(r.digits, won.toLocaleString("en-US"));
      if (formatted) assert.equal(r.formatted, formatted);
      // The binding's shortcuts give the same answers.
      assert.deepEqual(JSON.parse(glue.parse_won(text)).result, r);
      assert.equal(glue.format_won(text), r.formatted);
    });
  }

  test("accepts a JSON number", () => {
    assert.equal(expectOk("money", '{"value": 120000000}').won, 120_000_000);
  });

  const refused = [
    ["-5", /음수/],
    ["", /입력해 주세요/],
    ["3억 5천", /만/], // ambiguous: 5천 or 5천만?
    ["99999999999999999999999999", /너무 큽니다/],
    ["1조 1원", /너무 큽니다/],
    ["abc", /읽을 수 없는 글자/],
    ["3억억", /단위/],
    ["0.5", /1원 미만/],
  ];
  for (const [text, why] of refused) {
    test(`refuses ${JSON.stringify(text)} naming the field`, () => {
      const env = expectError("money", JSON.stringify({ value: text }), "invalid_input", "value");
      assert.match(env.error.message, why, JSON.stringify(env));
      assert.equal(glue.format_won(text), "");
      assert.equal(JSON.parse(glue.parse_won(text)).ok, false);
    });
  }

  test("refuses wrong types and huge or negative numbers", () => {
    for (const value of ["true", "[]", "{}", "null", "1e300", "-1", "1.5", "123456789012345678901234567890"]) {
      expectError("money", `{"value": ${value}}`, "invalid_input", "value");
    }
    expectError("money", "{}", "invalid_input", "value");
  });
});

// Valid inputs: the worked examples of docs/engine-api.md, with the figures it shows.
describe("every tool answers a valid input (docs/engine-api.md examples)", () => {
  test("budget", () => {
    const r = expectOk(
      "budget",
      JSON.stringify({
        years: [
          {
            government: "3억",
            company_cash: "2억 4천만",
            company_in_kind: "6천만",
            items: [
              { item: "education_fee", cash: "100만원" },
              { item: "company_labor", in_kind: "6천만원" },
            ],
          },
          {
            government: "3억",
            company_cash: "2억 5천만",
            items: [
              { item: "settlement_fee", cash: "1,182천원" },
              { item: "ai_dataset", cash: "1천만원" },
            ],
          },
        ],
      }),
    );
    assert.equal(r.ok, false);
    assert.equal(r.overall.total, 1_150_000_000);
    assert.equal(r.overall.government, 600_000_000);
    assert.deepEqual(r.breaches.map((b) => [b.rule, b.year]), [["government_share", 2], ["in_kind_only", 2]]);
    assert.deepEqual(r.mandatory_items.map((m) => [m.item, m.status]), [
      ["education_fee", "included"],
      ["settlement_fee", "included"],
      ["escrow_fee", "missing"],
    ]);
  });

  test("budget_max", () => {
    const r = expectOk("budget_max", '{"years": 2}');
    assert.equal(r.overall.government, 600_000_000);
    assert.equal(r.overall.min_total, 1_200_000_000);
    assert.equal(r.settlement_fee, 1_182_000);
    assert.equal(r.years.length, 2);
  });

  test("small_business", () => {
    const r = expectOk("small_business", JSON.stringify({ ksic: "C31202", average_revenue: "100억원" }));
    assert.equal(r.status, "needs_checking");
    assert.deepEqual(r.candidates.map((c) => [c.code, c.max_revenue]), [
      ["C31202", 12_000_000_000],
      ["C31", 8_000_000_000],
    ]);
  });

  test("eligibility", () => {
    const r = expectOk(
      "eligibility",
      JSON.stringify({
        role: "adopter",
        answers: {
          adopter_manufacturer: "yes",
          adopter_size: "yes",
          adopter_level: "no",
          closed: "no",
          participation_restricted: "unknown",
        },
      }),
    );
    assert.equal(r.outcome, "not_eligible");
    const byId = Object.fromEntries(r.reasons.map((x) => [x.id, x.outcome]));
    assert.equal(byId.adopter_level, "not_eligible");
    assert.equal(byId.participation_restricted, "needs_checking");
  });

  test("score", () => {
    const r = expectOk(
      "score",
      JSON.stringify({
        founded_on: "2019-05-01",
        items: {
          sales_growth: { base: "10억", current: "11억 2천만" },
          operating_profit_growth: { base: "△2억", current: "1억" },
          debt_ratio: { liabilities: "5억", equity: "5억" },
        },
        direct_export: "yes",
        bonus: { level_check: "yes", global_1000: "unknown" },
      }),
    );
    const items = Object.fromEntries(r.items.map((i) => [i.id, [i.status, i.points]]));
    assert.deepEqual(items.sales_growth, ["scored", "5"]);
    assert.deepEqual(items.operating_profit_growth, ["needs_checking", null]);
    assert.deepEqual(items.debt_ratio, ["scored", "3"]);
    assert.deepEqual(items.direct_export, ["scored", "5"]);
    assert.equal(r.bonus.claimed, 1);
  });

  test("kpi", () => {
    const r = expectOk(
      "kpi",
      JSON.stringify({
        indicators: [
          { id: "p_output_per_hour", baseline: 100, target: 120 },
          { id: "s_safety_certification", baseline: "X", target: "O" },
        ],
        own: [{ name: "AI 불량 예측 정확도", unit: "%", direction: "increase", baseline: 70, target: 90 }],
      }),
    );
    assert.deepEqual(r.rows.map((x) => [x.id, x.improvement_rate]), [
      ["p_output_per_hour", "20"],
      ["s_safety_certification", null],
      ["own[0]", "28.57"],
    ]);
    assert.equal(r.rule.core_selected, 2);
    assert.equal(r.rule.core_ok, true);
  });

  test("self_assessment", () => {
    const r = expectOk(
      "self_assessment",
      JSON.stringify({
        answers: {
          twin_scope: "twin_l3",
          ai_role: "ai_l2",
          data_standard: "unknown",
          sim_to_field: "sim_l3",
          process_linkage: "link_l1",
          worker_intervention: "worker_l2",
        },
        problems: ["uncertain_production_plan"],
      }),
    );
    assert.equal(r.level, 2);
    assert.equal(r.next_level.number, 3);
    assert.deepEqual(r.next_level.missing.map((m) => m.dimension), ["ai_role", "data_standard"]);
    // The docs cut this array to its first element; the case studies matching the problem.
    const cases = r.cases.map((c) => c.id);
    assert.equal(cases[0], "case-1", JSON.stringify(cases));
    assert.ok(cases.every((id) => /^case-[1-3]$/.test(id)), JSON.stringify(cases));
  });
});

// Money typed into real forms: Korean units accepted, the rest refused at the field.
describe("money fields inside tools", () => {
  const budgetWith = (government) => JSON.stringify({ years: [{ government, company_cash: "3억" }] });
  test("'3억 5천만' is read inside a budget", () => {
    const r = expectOk("budget", budgetWith("3억 5천만"));
    assert.equal(r.years[0].government, 350_000_000);
  });
  for (const bad of ["-5", "", "삼억", "99999999999999999999999", true, [], {}]) {
    test(`budget refuses government = ${JSON.stringify(bad)}`, () => {
      expectError("budget", budgetWith(bad), "invalid_input", "years[0].government");
    });
  }
  test("wrong container types are named", () => {
    expectError("budget", '{"years": "2"}', "invalid_input", "years");
    expectError("budget_max", '{"years": "two"}', "invalid_input", "years");
    expectError("budget_max", '{"years": 1e300}', "invalid_input", "years");
    expectError("eligibility", '{"role": "astronaut", "answers": {}}', "invalid_input", "role");
  });
});
