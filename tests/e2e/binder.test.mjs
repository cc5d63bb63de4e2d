// The result binder (static/js/binder.js, spec in docs/tools-ui.md) in Chromium: every attribute
// of spec v1 on a template written here, and data that tries to inject markup or script stays
// text. Served by the e2e nginx so the module loads as on a tool page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, launch } from "./lib.mjs";

let browser;
let page;
before(async () => {
  browser = await launch();
  page = await browser.context.newPage();
  await page.goto(new URL("tools/eligibility/", BASE_URL).href, { waitUntil: "networkidle" });
});
after(async () => {
  if (browser) await browser.close();
});

/** Binds `html` (a template's content) to `data` in the page; returns the result's HTML. */
function render(html, data, extra = "") {
  return page.evaluate(
    async ({ html, data, extra }) => {
      const { bind } = await import(new URL("js/binder.js", document.body.dataset.root ? new URL(document.body.dataset.root, location.href) : location.href).href);
      const box = document.createElement("div");
      box.innerHTML = extra;
      document.body.append(box);
      const tpl = document.createElement("template");
      tpl.innerHTML = html;
      const out = document.createElement("div");
      out.append(
        bind(tpl, data, {
          pageRoot: "../../",
          formatWon: (x) => `W(${x})`,
          citeHref: (root, cite) => `${root}${cite.replace("#", "/#")}`,
          doc: document,
        }),
      );
      box.remove();
      return out.innerHTML;
    },
    { html, data, extra },
  );
}

test("text, money, numbers, attributes and cite links", async () => {
  const html = await render(
    `<p data-bind="a.b"></p><p data-bind-money="m"></p><p data-bind-number="n"></p><a data-bind-attr="title:t; data-x:n" data-cite="c">x</a><a data-cite="none">gone</a>`,
    { a: { b: "텍스트" }, m: "350000000", n: 1234567, t: "제목", c: "notice/03-application#eligibility" },
  );
  assert.equal(
    html,
    `<p>텍스트</p><p>W(350000000)</p><p>1,234,567</p><a title="제목" data-x="1234567" href="../../notice/03-application/#eligibility">x</a>`,
  );
});

test("conditions, repetition with $index and $root, filters, reusable pieces", async () => {
  const data = { kind: "b", items: [{ k: "x", v: 1 }, { k: "y", v: 2 }, { k: "x", v: 3 }], empty: [], zero: 0 };
  const html = await render(
    `<i data-if="kind==b">B</i><i data-if="kind!=b">notB</i><i data-if="empty">E</i><i data-unless="zero">Z</i>` +
      `<ul><li data-each="items[k=x]"><span data-bind="$index"></span>:<span data-bind="v"></span>/<span data-bind="$root.kind"></span></li></ul>` +
      `<b data-bind="items[k!=x].length"></b><div data-use="piece"></div>`,
    data,
    `<template id="piece"><em data-bind="kind"></em></template>`,
  );
  assert.equal(html, `<i>B</i><i>Z</i><ul><li><span>0</span>:<span>1</span>/<span>b</span></li><li><span>1</span>:<span>3</span>/<span>b</span></li></ul><b>1</b><div><em>b</em></div>`);
});

test("data never becomes markup or script", async () => {
  const evil = `<img src=x onerror="window.__pwned=1">`;
  const html = await render(
    `<p data-bind="s"></p><a data-bind-attr="href:u; onclick:s; title:s">l</a><a data-cite="s">c</a>`,
    { s: evil, u: "javascript:window.__pwned=1" },
  );
  assert.equal(html.includes("<img"), false, html);
  assert.equal(/onclick|javascript:/i.test(html), false, html);
  assert.match(html, /&lt;img src=x onerror=/);
  assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
});
