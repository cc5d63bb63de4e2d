// The result binder (binder spec v1, docs/tools-ui.md): fills a `<template>` with data through
// `data-*` attributes. Only textContent and attributes are written, never HTML from data.
import { lookup, testCondition, formatNumber } from "./tool-core.js";

const ATTRS = [
  "data-each",
  "data-if",
  "data-unless",
  "data-use",
  "data-bind",
  "data-bind-money",
  "data-bind-number",
  "data-bind-attr",
  "data-cite",
];

/**
 * Binds `template` (a `<template>` element) to `data` and returns a DocumentFragment.
 * `ctx`: `{ root: result root (for `$root`), pageRoot, formatWon(x), citeHref(root, cite), doc }`.
 */
export function bind(template, data, ctx) {
  const frag = template.content.cloneNode(true);
  const full = { ...ctx, root: ctx.root === undefined ? data : ctx.root, index: ctx.index };
  walk(frag, data, full);
  return frag;
}

function text(v) {
  if (v === undefined || v === null) return "";
  if (typeof v === "object") return "";
  return String(v);
}

function walk(parent, scope, ctx) {
  for (const el of [...parent.children]) element(el, scope, ctx);
}

function element(el, scope, ctx) {
  if (el.hasAttribute("data-if") && !testCondition(el.getAttribute("data-if"), scope, ctx)) {
    el.remove();
    return;
  }
  if (el.hasAttribute("data-unless") && testCondition(el.getAttribute("data-unless"), scope, ctx)) {
    el.remove();
    return;
  }
  if (el.hasAttribute("data-each")) {
    const items = lookup(scope, el.getAttribute("data-each"), ctx);
    el.removeAttribute("data-each");
    el.removeAttribute("data-if");
    el.removeAttribute("data-unless");
    if (Array.isArray(items)) {
      items.forEach((item, index) => {
        const copy = el.cloneNode(true);
        el.before(copy);
        element(copy, item, { ...ctx, index });
      });
    }
    el.remove();
    return;
  }
  const use = el.getAttribute("data-use");
  if (use) {
    const tpl = (ctx.doc ?? el.ownerDocument).getElementById(use);
    if (tpl && tpl.content) el.replaceChildren(bind(tpl, scope, ctx));
  }
  const path = el.getAttribute("data-bind");
  if (path !== null) el.textContent = text(lookup(scope, path, ctx));
  const money = el.getAttribute("data-bind-money");
  if (money !== null) {
    const v = lookup(scope, money, ctx);
    el.textContent = v === undefined || v === null ? "" : ctx.formatWon(String(v));
  }
  const num = el.getAttribute("data-bind-number");
  if (num !== null) el.textContent = formatNumber(lookup(scope, num, ctx));
  const attrs = el.getAttribute("data-bind-attr");
  if (attrs) {
    for (const pair of attrs.split(";")) {
      const i = pair.indexOf(":");
      if (i < 0) continue;
      const name = pair.slice(0, i).trim();
      const v = lookup(scope, pair.slice(i + 1).trim(), ctx);
      // Event handlers and other script-bearing attributes are never bound from data.
      if (!name || /^on/i.test(name)) continue;
      if (/^(href|src|action|formaction|xlink:href)$/i.test(name) && /^\s*(javascript|data|vbscript):/i.test(text(v))) continue;
      if (v === undefined || v === null || v === false) el.removeAttribute(name);
      else el.setAttribute(name, text(v === true ? "" : v));
    }
  }
  const cite = el.getAttribute("data-cite");
  if (cite !== null) {
    const v = text(lookup(scope, cite, ctx));
    if (v) el.setAttribute("href", ctx.citeHref(ctx.pageRoot ?? "./", v));
    else el.remove();
  }
  for (const a of ATTRS) el.removeAttribute(a);
  if (!use) walk(el, scope, ctx);
}
