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
const TOOLS = [
  "eligibility",
  "budget",
  "budget_max",
  "score",
  "kpi",
  "self_assessment",
  "small_business",
  "application_window",
  "money",
];
const HANGUL = /[\uac00-\ud7a3]/;

/** The one file in assets/ matching `re`; fails with the listing otherwise. */
function assetMatching(assets, re) {
  const names = fs.readdirSync(assets).filter((n) => re.test(n));
  assert.equal(names.length, 1, `expected one ${re} in ${assets}, found: ${JSON.stringify(names)}`);
  return path.join(assets, names[0]);
}

let glue; // the wasm-bindgen module
let rulesJson; // text of assets/rules.<hash>.json
let engine; // new glue.Engine(rulesJson)

before(async () => {
  assert.ok(SITE_DIR, "SITE_DIR is not set: run scripts/e2e.sh (it builds the site and sets it)");
  const assets = path.join(SITE_DIR, "assets");
  const jsPath = assetMatching(assets, /^af_engine\.[0-9a-f]{8}\.js$/);
  const wasmPath = assetMatching(assets, /^af_engine_bg\.[0-9a-f]{8}\.wasm$/);
  const rulesPath = assetMatching(assets, /^rules\.[0-9a-f]+\.json$/);
  glue = await import(pathToFileURL(jsPath).href);
  glue.initSync({ module: fs.readFileSync(wasmPath) });
  rulesJson = fs.readFileSync(rulesPath, "utf8");
  engine = new glue.Engine(rulesJson);
});

/** Calls eval, asserting it neither throws nor returns anything but a well-formed envelope. */
function evalEnvelope(tool, input) {
  let out;
  assert.doesNotThrow(() => {
    out = engine.eval(tool, input);
  }, `eval(${tool}, ${JSON.stringify(input).slice(0, 80)}) threw`);
  assert.equal(typeof out, "string");
  const env = JSON.parse(out);
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
  return env;
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
  test("the published rules JSON builds an Engine", () => {
    assert.ok(engine instanceof glue.Engine);
    const rules = JSON.parse(rulesJson);
    assert.equal(typeof rules, "object");
    assert.ok(Object.keys(rules).length > 0, "rules JSON is empty");
  });

  test("bad rules JSON is a JS Error with a Korean and English message, not a trap", () => {
    for (const bad of ["", "{", "[]", "null", '{"budget": 3}']) {
      let err;
      try {
        new glue.Engine(bad);
      } catch (e) {
        err = e;
      }
      assert.ok(err instanceof Error, `new Engine(${JSON.stringify(bad)}) should throw an Error`);
      assert.match(err.message, /규칙 데이터/);
      assert.match(err.message, /rules JSON/);
    }
    // The module still works after a refused construction.
    assert.equal(JSON.parse(engine.eval("money", '{"value":"1억"}')).ok, true);
  });
});

describe("every tool answers hostile input with an error envelope", () => {
  for (const tool of TOOLS) {
    test(tool, () => {
      for (const bad of ["", "{", "nul", '{"a":}', "[1,2", "\u0000", "{".repeat(10_000)]) {
        expectError(tool, bad, "invalid_json");
      }
      for (const notObject of ["[]", "3", '"3억"', "null", "true"]) {
        expectError(tool, notObject, "invalid_input");
      }
      expectError(tool, '{"no_such_field_xyz": 1}', "invalid_input", "no_such_field_xyz");
      // Deep nesting: an error, not a stack overflow.
      const deep = `{"value":${"[".repeat(5000)}1${"]".repeat(5000)}}`;
      assert.equal(evalEnvelope(tool, deep).ok, false);
    });
  }

  test("an unknown tool is unknown_tool, listing the tools", () => {
    const env = expectError("nope", "{}", "unknown_tool");
    for (const tool of TOOLS) assert.ok(env.error.message.includes(tool), env.error.message);
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
