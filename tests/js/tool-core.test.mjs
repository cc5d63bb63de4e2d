// Unit tests of the tool pages' pure parts (static/js/tool-core.js), in Node without a browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as core from "../../static/js/tool-core.js";

test("input paths split into keys and indexes; malformed ones are refused", () => {
  assert.deepEqual(core.parsePath("years[0].items[2].item"), ["years", 0, "items", 2, "item"]);
  assert.deepEqual(core.parsePath("answers.closed"), ["answers", "closed"]);
  for (const bad of ["", "a..b", "a[x]", "a[1000]", "[0]", "a]"]) assert.equal(core.parsePath(bad), null, bad);
});

test("collect builds the engine input: kinds, empties, switched-off fields, arrays", () => {
  const { input, errors } = core.collect(
    [
      { name: "role", kind: "choice", raw: "adopter" },
      { name: "answers.closed", kind: "choice", raw: "" },
      { name: "answers.count", kind: "number", raw: " 1,234 " },
      { name: "answers.bad", kind: "number", raw: "열 건" },
      { name: "answers.hidden", kind: "text", raw: "x", off: true },
      { name: "flags", kind: "list", raw: [] },
      { name: "agree", kind: "bool", raw: "" },
      { name: "years[0].cash", kind: "text", raw: "3억" },
      { name: "years[1].cash", kind: "text", raw: "" },
      { name: "items[0].item", kind: "text", raw: "a" },
      { name: "items[2].item", kind: "text", raw: "c" },
    ],
    { number: "NUM" },
  );
  assert.deepEqual(input, {
    role: "adopter",
    answers: { count: 1234 },
    flags: [],
    agree: false,
    years: [{ cash: "3억" }],
    items: [{ item: "a" }, {}, { item: "c" }],
  });
  assert.deepEqual(errors, [{ field: "answers.bad", message: "NUM" }]);
});

test("numbers: integers, decimals, separators; text is not a number", () => {
  assert.equal(core.readNumber("10"), 10);
  assert.equal(core.readNumber("12.5"), 12.5);
  assert.equal(core.readNumber("-3"), -3);
  for (const bad of ["", "abc", "1.2.3", "Infinity", "NaN", "0x10", "1e999"]) assert.equal(core.readNumber(bad), null, bad);
});

test("the #v1= state round-trips, Korean included, and matches the Rust encoder's format", () => {
  const snap = { role: "adopter", "answers.x": ["a", "나"], memo: "3억 5천만원" };
  const frag = core.encodeFragment(snap);
  assert.match(frag, /^v1=[A-Za-z0-9_-]+$/);
  assert.deepEqual(core.decodeFragment(`#${frag}`), snap);
  // Written by the former Rust page layer (base64url without padding of the JSON text): old
  // share links keep working.
  assert.deepEqual(core.decodeFragment("#v1=eyJyb2xlIjoi7JWEIn0"), { role: "아" });
  assert.equal(core.encodeFragment({ role: "아" }), "v1=eyJyb2xlIjoi7JWEIn0");
  for (const bad of ["#section", "#v2=e30", "#v1=!!", "#v1=WzFd", "#v1=_w"]) assert.equal(core.decodeFragment(bad), null, bad);
  assert.deepEqual(core.kept({ a: "x", b: ["y", 3], c: 5 }, "b"), ["y"]);
  assert.equal(core.kept({ c: 5 }, "c"), undefined);
});

test("the page state holds one snapshot per tool form; older single-tool states still open", () => {
  const plan = { years: "2", total: "4억" };
  const small = { years: "3", "revenue": "80억" };
  const state = core.pageState([
    ["budget-form", plan],
    ["small-business-form", small],
    ["budget-max-form", {}],
  ]);
  assert.deepEqual(Object.keys(state[core.TOOLS_KEY]), ["budget-form", "small-business-form"]);
  const decoded = core.decodeFragment(`#${core.encodeFragment(state)}`);
  assert.deepEqual(core.toolSnapshot(decoded, "budget-form"), { snap: plan, legacy: false });
  assert.deepEqual(core.toolSnapshot(decoded, "small-business-form"), { snap: small, legacy: false });
  assert.deepEqual(core.toolSnapshot(decoded, "budget-max-form"), { snap: null, legacy: false });
  assert.deepEqual(core.pageState([["a", {}]]), {});
  // A link written before per-tool state (`{input name: value}`) is the snapshot itself.
  assert.deepEqual(core.toolSnapshot(core.decodeFragment("#v1=eyJyb2xlIjoi7JWEIn0"), "eligibility-form"), {
    snap: { role: "아" },
    legacy: true,
  });
  assert.deepEqual(core.toolSnapshot(null, "x"), { snap: null, legacy: false });
  assert.deepEqual(core.toolSnapshot({ [core.TOOLS_KEY]: { x: [1] } }, "x"), { snap: null, legacy: false });
});

test("snapshot keeps what has a value, as typed", () => {
  assert.deepEqual(
    core.snapshot([
      { name: "a", raw: "" },
      { name: "b", raw: " 3 " },
      { name: "c", raw: [] },
      { name: "d", raw: ["x"] },
    ]),
    { b: " 3 ", d: ["x"] },
  );
});

test("show-if: alternatives, empty alternative = unanswered, all parts must hold", () => {
  const values = { role: ["planning_org"], "answers.a": ["no"], "answers.b": [""] };
  const v = (n) => values[n] ?? [];
  assert.equal(core.showIf("role=adopter|planning_org", v), true);
  assert.equal(core.showIf("role=adopter", v), false);
  assert.equal(core.showIf("role=planning_org;answers.a=no|unknown|", v), true);
  assert.equal(core.showIf("role=planning_org;answers.b=no|unknown|", v), true, "unanswered matches the empty alternative");
  assert.equal(core.showIf("role=planning_org;answers.a=yes", v), false);
});

test("binder paths, filters, truthiness and conditions", () => {
  const root = { outcome: "eligible", n: 0, reasons: [{ outcome: "a", id: 1 }, { outcome: "b", id: 2 }, { outcome: "a", id: 3 }] };
  assert.equal(core.lookup(root, "reasons.1.id"), 2);
  assert.equal(core.lookup(root, "."), root);
  assert.deepEqual(core.lookup(root, "reasons[outcome=a]").map((r) => r.id), [1, 3]);
  assert.equal(core.lookup(root, "reasons[outcome!=a].length"), 1);
  assert.equal(core.lookup(root.reasons[0], "$root.outcome", { root }), "eligible");
  assert.equal(core.lookup({}, "$index", { index: 4 }), 4);
  assert.equal(core.lookup(root, "missing.deep"), undefined);
  assert.equal(core.lookup(root, "constructor"), undefined, "only own properties");
  assert.equal(core.lookup(root, "__proto__"), undefined);
  for (const t of [true, "x", [1], 1, -1, {}]) assert.equal(core.truthy(t), true, JSON.stringify(t));
  for (const f of [false, "", [], 0, NaN, null, undefined]) assert.equal(core.truthy(f), false, String(f));
  assert.equal(core.testCondition("outcome==eligible", root), true);
  assert.equal(core.testCondition("outcome!=eligible", root), false);
  assert.equal(core.testCondition("n", root), false);
  assert.equal(core.testCondition("reasons[outcome=b]", root), true);
  assert.equal(core.testCondition("reasons[outcome=z]", root), false);
  assert.equal(core.testCondition("missing!=x", root), true);
  const lv = { level: 2, level_lower_bound: 0 };
  assert.equal(core.testCondition("level_lower_bound!=$root.level", lv, { root: lv }), true);
  assert.equal(core.testCondition("level==$root.level", lv, { root: lv }), true);
  assert.equal(core.testCondition("missing==$root.nothing", lv, { root: lv }), true, "both absent");
});

test("numbers get thousands separators", () => {
  assert.equal(core.formatNumber(1234567), "1,234,567");
  assert.equal(core.formatNumber(-1234.5), "-1,234.5");
  assert.equal(core.formatNumber(12), "12");
  assert.equal(core.formatNumber("1000"), "1,000");
  assert.equal(core.formatNumber("n/a"), "n/a");
  assert.equal(core.formatNumber(undefined), "");
});

test("engine field errors lose their field prefix", () => {
  const env = { ok: false, error: { field_errors: [{ field: "role", message: "role: 골라 주세요" }, { field: "x", message: "그대로" }, { nope: 1 }] } };
  assert.deepEqual(core.engineErrors(env), [
    { field: "role", message: "골라 주세요" },
    { field: "x", message: "그대로" },
  ]);
  assert.deepEqual(core.engineErrors({ ok: true }), []);
});

test("CSV: OWASP formula cells are neutralised, numbers stay numbers, quoting, BOM and CRLF", () => {
  for (const bad of ["=1+1", "+1+2", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\tx", "\rx", "-", "+82-10"]) {
    assert.ok(core.csvCell(bad).replace(/^"/, "").startsWith("'"), bad);
  }
  assert.equal(core.csvCell(-1500), "-1500");
  assert.equal(core.csvCell("-1500"), "-1500");
  assert.equal(core.csvCell("12.5"), "12.5");
  assert.equal(core.csvCell(350000000), "350000000");
  assert.equal(core.csvCell("a,b"), '"a,b"');
  assert.equal(core.csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(core.csvCell("\rx"), `"'\rx"`);
  assert.equal(core.csvCell("정부출연금"), "정부출연금");
  assert.equal(core.csvCell(null), "");
  assert.equal(core.csvText([["항목", "금액"], ["=x", 5]]), "\ufeff항목,금액\r\n'=x,5\r\n");
});
