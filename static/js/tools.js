// The tool pages' mechanism (docs/tools-ui.md): mounts every `form[data-tool][data-ui="js"]`
// once the engine is loaded: steps, show-if, required questions, field messages, the GOV.UK error
// summary, the check-your-answers list, the live result (bound from the page's `<template>`s by
// binder.js), the `#v1=` share link, save/delete on this device, print, reset and CSV download.
// Every word the visitor reads comes from the page (`templates/partials/tool-ui.html` and the
// tool's template); this file holds none.
import { loadEngine } from "./engine.js";
import * as core from "./tool-core.js";
import { bind } from "./binder.js";

const FIELDS = "input[name], select[name], textarea[name]";

/** A message of the page (`<template id="tool-ui-messages">`, `[data-msg=key]`), `{name}` filled in. */
export function message(key, vars = {}, scope = document) {
  const own = scope.querySelector?.(`template[data-messages]`);
  for (const tpl of [own, document.getElementById("tool-ui-messages")]) {
    const el = tpl?.content.querySelector(`[data-msg="${key}"]`);
    if (el) return el.textContent.trim().replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? "");
  }
  return "";
}

/** Saves rows as a CSV file (UTF-8 with BOM, OWASP-safe cells; see tool-core.js csvCell). */
export function downloadCsv(filename, rows) {
  const blob = new Blob([core.csvText(rows)], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Rows of a table for CSV: a cell's `data-csv` (the raw value, e.g. a number) else its text. */
export function tableRows(table) {
  return [...table.querySelectorAll("tr")]
    .filter((tr) => !tr.hasAttribute("data-csv-skip"))
    .map((tr) =>
      [...tr.children].map((cell) => {
        const raw = cell.getAttribute("data-csv");
        if (raw !== null) {
          const n = core.readNumber(raw);
          return n !== null && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? n : raw;
        }
        return cell.textContent.replace(/\s+/g, " ").trim();
      }),
    );
}

const textOf = (el) => (el?.textContent ?? "").replace(/\s+/g, " ").trim();
const isChoice = (el) => el.type === "radio" || el.type === "checkbox";

class Tool {
  constructor(form, engine) {
    this.form = form;
    this.engine = engine;
    this.name = form.getAttribute("data-tool");
    this.scope = form.closest(".tool") ?? form;
    this.root = document.body.getAttribute("data-root") ?? "./";
    this.current = 0;
    this.returnTo = null;
    this.touched = new Set();
    this.submitted = new Set();
    this.summaryOpen = false;
    this.restored = false;
    this.lastResult = null;
    this.lastEnvelope = null;
  }

  /** The tool's key in the page's `#v1=` state: the form's id, else its `data-tool`. */
  get stateKey() {
    return this.form.id || this.name;
  }

  get storageKey() {
    return `af-tool:${this.name}:${core.STATE_VERSION}`;
  }

  msg(key, vars) {
    return message(key, vars, this.scope);
  }

  mount() {
    for (const el of this.scope.querySelectorAll("[data-js-only]")) el.hidden = false;
    for (const el of this.scope.querySelectorAll("[data-no-js]")) el.hidden = true;
    for (const el of this.form.querySelectorAll(FIELDS)) {
      if (!el.hasAttribute("data-describedby")) el.setAttribute("data-describedby", el.getAttribute("aria-describedby") ?? "");
    }
    const restored = this.restore();
    this.listen();
    this.form.setAttribute("data-hydrated", "");
    this.applyConditions();
    let start = this.activeSteps()[0] ?? 0;
    if (restored && this.steps().length) {
      // A shared or saved state opens where something is left to answer, else at the last step.
      const missing = this.requiredErrors()[0];
      start = missing?.step ?? this.activeSteps().at(-1) ?? 0;
    }
    this.current = start;
    this.restored = Boolean(restored);
    this.refresh(false);
    this.showStep(start, false);
    if (restored) this.status(this.msg(restored));
  }

  listen() {
    // A radio or checkbox fires `input` then `change`, a text field `change` after its `input`s:
    // a `change` right after an `input` of the same element is not evaluated twice.
    let lastInput = null;
    const onInput = (e) => {
      const name = e.target?.getAttribute?.("name");
      if (!name) return;
      if (e.type === "change" && lastInput === e.target) {
        lastInput = null;
        return;
      }
      lastInput = e.type === "input" ? e.target : null;
      this.touched.add(name);
      this.refresh(true);
    };
    this.form.addEventListener("input", onInput);
    this.form.addEventListener("change", onInput);
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.next();
    });
    this.scope.addEventListener("click", (e) => this.onClick(e));
  }

  onClick(e) {
    const button = e.target.closest?.("[data-action]");
    if (button && this.scope.contains(button)) {
      e.preventDefault();
      const action = button.getAttribute("data-action");
      if (action === "next") this.next();
      else if (action === "back") this.back();
      else if (action === "copy-link") this.copyLink();
      else if (action === "save") this.save();
      else if (action === "delete-saved") this.deleteSaved();
      else if (action === "print") window.print();
      else if (action === "reset") this.reset();
      else if (action === "csv") this.csv(button);
      return;
    }
    // In-page links (error summary, change links) move within the tool: the URL fragment holds
    // the state, so they must not become anchors.
    const link = e.target.closest?.("a[href^='#']");
    if (!link) return;
    const dest = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!dest) return;
    e.preventDefault();
    const goto = link.getAttribute("data-goto");
    const steps = this.steps();
    if (goto) {
      const to = steps.findIndex((s) => s.id === goto);
      if (to >= 0) {
        const last = this.activeSteps().at(-1);
        this.returnTo = last === this.current ? last : null;
        this.showStep(to, false);
      }
    } else {
      const to = this.stepOf(dest);
      if (to >= 0) this.showStep(to, false);
    }
    dest.focus();
  }

  // ---- fields ----------------------------------------------------------------------------

  fields() {
    const out = new Map();
    for (const el of this.form.querySelectorAll(FIELDS)) {
      const name = el.getAttribute("name");
      if (!name) continue;
      if (out.has(name)) {
        out.get(name).els.push(el);
        continue;
      }
      const dt = el.getAttribute("data-type");
      const kind =
        el.type === "radio"
          ? "choice"
          : el.type === "checkbox"
            ? dt === "bool"
              ? "bool"
              : "list"
            : dt === "number" || el.type === "number"
              ? "number"
              : "text";
      out.set(name, { name, kind, els: [el] });
    }
    return [...out.values()];
  }

  read(f) {
    let raw;
    // `data-now` marks a field the mechanism fills with the visitor's clock (epoch ms) at every
    // evaluation; it is never kept in the state.
    if (f.els[0]?.hasAttribute("data-now")) raw = String(Date.now());
    else if (f.kind === "choice") raw = f.els.find((el) => el.checked)?.value ?? "";
    else if (f.kind === "list") raw = f.els.filter((el) => el.checked).map((el) => el.value);
    else if (f.kind === "bool") raw = f.els.some((el) => el.checked) ? "true" : "";
    else raw = f.els[0]?.value ?? "";
    const off = f.els.every((el) => el.getAttribute("data-collect") === "no" || el.closest("[data-off]"));
    return { name: f.name, kind: f.kind, raw, off };
  }

  write(f, raw) {
    if (f.els[0]?.hasAttribute("data-now")) return;
    const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    for (const el of f.els) {
      if (f.kind === "choice" || f.kind === "list") el.checked = values.includes(el.value);
      else if (f.kind === "bool") el.checked = Boolean(values[0]);
      else el.value = values[0] ?? "";
    }
  }

  snapshot() {
    const kept = this.fields().filter((f) => !f.els[0]?.hasAttribute("data-now"));
    return core.snapshot(kept.map((f) => this.read(f)));
  }

  /** Restores from the URL fragment, else from this device; returns the message key or null. */
  restore() {
    // The link holds one snapshot per tool form (`@tools`), or, in older links, one tool's. A page
    // opened from a link takes nothing from this device.
    const linked = core.decodeFragment(location.hash);
    let { snap } = core.toolSnapshot(linked, this.stateKey);
    let key = "restored-link";
    if (!linked) {
      try {
        snap = core.decodeSnapshot(localStorage.getItem(this.storageKey) ?? "");
      } catch {
        snap = null;
      }
      key = "restored-device";
    }
    if (!snap || !Object.keys(snap).length) return null;
    // An older single-tool link on a page of several tools restores only the tool it names.
    const fields = this.fields().filter((f) => !f.els[0]?.hasAttribute("data-now"));
    if (!fields.some((f) => Object.prototype.hasOwnProperty.call(snap, f.name))) return null;
    for (const f of fields) this.write(f, core.kept(snap, f.name));
    return key;
  }

  // ---- conditions and steps --------------------------------------------------------------

  applyConditions() {
    const values = new Map();
    for (const f of this.fields()) {
      const { raw } = this.read(f);
      values.set(f.name, Array.isArray(raw) ? raw : [raw]);
    }
    for (const el of this.scope.querySelectorAll("[data-show-if]")) {
      const on = core.showIf(el.getAttribute("data-show-if"), (n) => values.get(n) ?? []);
      if (on) el.removeAttribute("data-off");
      else el.setAttribute("data-off", "");
      if (el.hidden === on) el.hidden = !on;
    }
  }

  steps() {
    return [...this.form.querySelectorAll(".tool-step")];
  }

  static stepActive(step) {
    if (step.hasAttribute("data-off")) return false;
    const qs = [...step.querySelectorAll(".tool-question")];
    return qs.length === 0 || qs.some((q) => !q.hasAttribute("data-off"));
  }

  activeSteps() {
    return this.steps()
      .map((s, i) => (Tool.stepActive(s) ? i : -1))
      .filter((i) => i >= 0);
  }

  stepOf(el) {
    const step = el?.closest?.(".tool-step");
    return step ? this.steps().indexOf(step) : -1;
  }

  showStep(index, focusHeading) {
    const steps = this.steps();
    if (!steps.length) return;
    this.current = index;
    const currentId = steps[index]?.id;
    steps.forEach((s, i) => {
      if (s.hidden !== (i !== index)) s.hidden = i !== index;
    });
    for (const li of this.scope.querySelectorAll(".tool-steps [data-step]")) {
      const id = li.getAttribute("data-step");
      if (id === currentId) li.setAttribute("aria-current", "step");
      else li.removeAttribute("aria-current");
      const step = steps.find((s) => s.id === id);
      li.hidden = !(step && Tool.stepActive(step));
    }
    const active = this.activeSteps();
    const step = steps[index];
    if (!step) return;
    for (const b of step.querySelectorAll("[data-action='back']")) b.hidden = active[0] === index;
    for (const b of step.querySelectorAll("[data-action='next']")) b.hidden = active.at(-1) === index;
    if (active.at(-1) === index) this.fillSummary();
    if (focusHeading) step.querySelector("h2, h3")?.focus();
  }

  next() {
    const steps = this.steps();
    const current = this.current;
    const stepId = steps[current]?.id ?? "";
    this.submitted.add(stepId);
    this.summaryOpen = true;
    const shown = this.refresh(false);
    const here = shown.filter((s) => this.stepOf(document.getElementById(s.target)) === current);
    if (here.length || (!steps.length && shown.length)) {
      this.scope.querySelector(".tool-error-summary")?.focus();
      return;
    }
    this.summaryOpen = false;
    this.refresh(false);
    const active = this.activeSteps();
    const to = active.includes(this.returnTo) ? this.returnTo : active.find((i) => i > current);
    this.returnTo = null;
    if (to !== undefined) this.showStep(to, true);
  }

  back() {
    const prev = this.activeSteps()
      .reverse()
      .find((i) => i < this.current);
    this.returnTo = null;
    if (prev !== undefined) this.showStep(prev, true);
  }

  // ---- evaluation and messages -----------------------------------------------------------

  /** Unanswered required questions and empty required inputs: `{field, target, message, step}`. */
  requiredErrors() {
    const out = [];
    for (const q of this.form.querySelectorAll(".tool-question[data-required]")) {
      if (q.closest("[data-off]")) continue;
      const inputs = [...q.querySelectorAll(FIELDS)];
      if (!inputs.length) continue;
      const answered = inputs.some((el) => (isChoice(el) ? el.checked : el.value.trim() !== ""));
      if (answered) continue;
      out.push({
        field: inputs[0].name,
        target: inputs[0].id,
        message: q.getAttribute("data-required-message") ?? this.msg("required-question", { label: questionLabel(q) }),
        step: this.stepOf(q),
      });
    }
    for (const el of this.form.querySelectorAll("input[required], select[required], textarea[required]")) {
      if (el.closest("[data-off]") || el.value.trim() !== "") continue;
      out.push({
        field: el.name,
        target: el.id,
        message: el.getAttribute("data-required-message") ?? this.msg("required-input", { label: this.inputLabel(el) }),
        step: this.stepOf(el),
      });
    }
    return out;
  }

  inputLabel(el) {
    const ids = el.getAttribute("aria-labelledby");
    if (ids) {
      const parts = ids
        .split(/\s+/)
        .map((id) => document.getElementById(id))
        .filter(Boolean)
        .map(textOf);
      if (parts.length) return parts.join(" ");
    }
    return this.labelFor(el);
  }

  labelFor(el) {
    const label = el.id ? this.scope.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
    return label ? textOf(label) : el.value;
  }

  /** Re-reads the form, runs the engine, updates messages, summaries, result and URL. */
  refresh(updateUrl) {
    this.applyConditions();
    const groups = this.fields();
    const fields = groups.map((f) => this.read(f));
    const { input, errors: local } = core.collect(fields, { number: this.msg("number") });
    let envelope;
    try {
      envelope = this.engine.run(this.name, input);
    } catch (error) {
      console.warn("engine:", error);
      envelope = { ok: false, error: { code: "engine", message: "", field_errors: [] } };
    }
    const ok = envelope?.ok === true;
    const errors = [...local, ...(ok ? [] : core.engineErrors(envelope))];
    const targetOf = (name) => groups.find((g) => g.name === name)?.els[0]?.id ?? "";
    const stepSubmitted = (target) => {
      const steps = this.steps();
      if (!steps.length) return this.submitted.size > 0;
      const i = this.stepOf(document.getElementById(target));
      return i >= 0 && this.submitted.has(steps[i].id);
    };
    // The page's own "answer this" message comes first: it says more than the engine's.
    const shown = this.requiredErrors().filter((r) => stepSubmitted(r.target));
    for (const e of errors) {
      const target = targetOf(e.field);
      if (shown.some((s) => s.field === e.field)) continue;
      if (this.touched.has(e.field) || stepSubmitted(target)) shown.push({ field: e.field, target, message: e.message });
    }
    this.showFieldErrors(groups, shown);
    this.fillErrorSummary(shown);
    this.fillResult(envelope, ok, errors, targetOf);
    if (!this.steps().length || this.activeSteps().at(-1) === this.current) this.fillSummary();
    if (updateUrl) this.writeUrl();
    this.lastEnvelope = envelope;
    this.form.dispatchEvent(new CustomEvent("af-tool-result", { detail: { envelope, input } }));
    return shown;
  }

  showFieldErrors(groups, shown) {
    for (const p of this.form.querySelectorAll(".tool-field-error")) p.remove();
    for (const q of this.form.querySelectorAll(".tool-question-error")) q.classList.remove("tool-question-error");
    const tpl = document.getElementById("tool-ui-field-error");
    for (const g of groups) {
      const found = shown.find((s) => s.field === g.name);
      const first = g.els[0];
      const errorId = `${first.id}-error`;
      for (const el of g.els) {
        const orig = el.getAttribute("data-describedby") ?? "";
        if (found) {
          el.setAttribute("aria-invalid", "true");
          el.setAttribute("aria-describedby", `${orig} ${errorId}`.trim());
        } else if (el.hasAttribute("aria-invalid")) {
          el.removeAttribute("aria-invalid");
          if (orig) el.setAttribute("aria-describedby", orig);
          else el.removeAttribute("aria-describedby");
        }
      }
      if (!found || !tpl) continue;
      const holder = first.closest(".tool-question") ?? first.parentElement;
      const anchor = first.closest(".tool-options, .tool-control") ?? first;
      holder?.classList.add("tool-question-error");
      const frag = this.bind(tpl, found);
      const p = frag.firstElementChild;
      if (!p) continue;
      p.id = errorId;
      anchor.before(frag);
    }
  }

  fillErrorSummary(shown) {
    const summary = this.scope.querySelector(".tool-error-summary");
    if (!summary) return;
    const list = summary.querySelector(".tool-error-list");
    const tpl = document.getElementById("tool-ui-error-list");
    const items = shown.map((s) => ({ message: s.message, href: s.target ? `#${s.target}` : "" }));
    if (list && tpl) list.replaceChildren(this.bind(tpl, items));
    summary.hidden = !this.summaryOpen || !items.length;
  }

  bind(tpl, data) {
    return bind(tpl, data, {
      pageRoot: this.root,
      formatWon: this.engine.formatWon,
      citeHref: this.engine.citeHref,
      doc: document,
    });
  }

  /** The tool's `<template data-result=kind>`; for errors, else the page's shared one. */
  template(kind) {
    const own = this.scope.querySelector(`template[data-result="${kind}"]`);
    return own ?? (kind === "error" ? document.getElementById("tool-ui-result-error") : null);
  }

  fillResult(envelope, ok, errors, targetOf) {
    const section = this.scope.querySelector(".tool-result");
    if (!section) return;
    const untouched = !this.touched.size && !this.submitted.size && !this.restored;
    let frag;
    if (ok) {
      const tpl = this.template("ok");
      if (tpl) frag = this.bind(tpl, envelope.result);
    } else if (untouched) {
      // Before the visitor has done anything, the page's own text reads better than a list of
      // fields not yet filled in.
      const tpl = this.template("empty");
      if (!tpl) return;
      frag = this.bind(tpl, {});
    } else {
      const tpl = this.template("error");
      const error = {
        ...(envelope?.error ?? {}),
        field_errors: errors.map((e) => {
          const target = targetOf(e.field);
          return { ...e, target, href: target ? `#${target}` : "" };
        }),
      };
      if (tpl) frag = this.bind(tpl, error);
    }
    if (!frag) return;
    const holder = document.createElement("div");
    holder.append(frag);
    scopeIds(holder, `${this.form.id || this.name}-`);
    const html = holder.innerHTML;
    if (html !== this.lastResult) {
      section.replaceChildren(...holder.childNodes);
      this.lastResult = html;
    }
  }

  fillSummary() {
    const holder = this.scope.querySelector(".tool-summary");
    const tpl = document.getElementById("tool-ui-summary");
    if (!holder || !tpl) return;
    const steps = this.steps();
    const rows = [];
    for (const q of this.form.querySelectorAll(".tool-question")) {
      if (q.closest("[data-off]")) continue;
      const inputs = [...q.querySelectorAll(FIELDS)];
      if (!inputs.length) continue;
      // Choosers that only switch a part of the question on (`data-collect="no"`) are shown
      // only when the question has no answer of its own.
      let answers = [];
      const choosers = [];
      for (const el of inputs) {
        if (isChoice(el)) {
          if (!el.checked) continue;
          (el.getAttribute("data-collect") === "no" ? choosers : answers).push(this.labelFor(el));
        } else if (el.value.trim() !== "" && !el.closest("[data-off]")) {
          answers.push(`${el.value}${el.getAttribute("data-unit") ?? ""}`);
        }
      }
      if (!answers.length) answers = choosers;
      const step = steps[this.stepOf(q)]?.id ?? "";
      rows.push({
        label: questionLabel(q),
        answer: answers.length ? answers.join(", ") : (q.getAttribute("data-empty-answer") ?? this.msg("unanswered")),
        href: `#${inputs[0].id}`,
        step,
      });
    }
    holder.replaceChildren(this.bind(tpl, rows));
  }

  // ---- state and actions -----------------------------------------------------------------

  /** Writes the state of every tool on the page (one snapshot per form) into the URL fragment. */
  writeUrl() {
    // A tool the visitor has not used (nor opened from a link) keeps its defaults out of the link.
    const used = (t) => t === this || t.touched.size > 0 || t.submitted.size > 0 || t.restored;
    const tools = mountedTools.filter((t) => t.form.ownerDocument === this.form.ownerDocument && used(t));
    if (!tools.includes(this)) tools.push(this);
    const state = core.pageState(tools.map((t) => [t.stateKey, t.snapshot()]));
    const path = location.pathname + location.search;
    const url = Object.keys(state).length ? `${path}#${core.encodeFragment(state)}` : path;
    if (url !== path + location.hash) history.replaceState(null, "", url);
  }

  status(text) {
    const el = this.scope.querySelector(".tool-status");
    if (el) el.textContent = text;
  }

  copyLink() {
    this.writeUrl();
    const url = location.href;
    const share = this.scope.querySelector(".tool-share");
    if (share) share.hidden = false;
    const field = this.scope.querySelector(".tool-share-url");
    if (field) field.value = url;
    const failed = () => {
      this.status(this.msg("copy-failed"));
      field?.focus();
      field?.select();
    };
    try {
      navigator.clipboard.writeText(url).then(() => this.status(this.msg("copied")), failed);
    } catch {
      failed();
    }
  }

  save() {
    let saved = false;
    try {
      localStorage.setItem(this.storageKey, JSON.stringify(this.snapshot()));
      saved = true;
    } catch {
      saved = false;
    }
    this.status(this.msg(saved ? "saved" : "save-failed"));
  }

  deleteSaved() {
    let deleted = false;
    try {
      localStorage.removeItem(this.storageKey);
      deleted = true;
    } catch {
      deleted = false;
    }
    this.status(this.msg(deleted ? "deleted" : "delete-failed"));
  }

  reset() {
    for (const f of this.fields()) this.write(f, undefined);
    this.touched.clear();
    this.submitted.clear();
    this.summaryOpen = false;
    this.returnTo = null;
    this.restored = false;
    this.refresh(true);
    this.showStep(this.activeSteps()[0] ?? 0, true);
    this.status(this.msg("reset"));
  }

  /** `[data-action="csv" data-csv-table="<selector in the scope>" data-filename="…"]`. */
  csv(button) {
    const table = this.scope.querySelector(button.getAttribute("data-csv-table") ?? ".tool-result table");
    if (!table) return;
    downloadCsv(button.getAttribute("data-filename") ?? `${this.name}.csv`, tableRows(table));
  }
}

const ID_REFS = ["aria-labelledby", "aria-describedby", "aria-controls", "for", "headers"];

/**
 * Ids written in a result template are the tool's own: they get the form's id as a prefix (a page
 * may show several results), and references to them (`aria-*`, `for`, `headers`, `href="#…"`) follow.
 */
function scopeIds(root, prefix) {
  const ids = new Set();
  for (const el of root.querySelectorAll("[id]")) {
    ids.add(el.id);
    el.id = prefix + el.id;
  }
  if (!ids.size) return;
  const map = (v) => v.split(/\s+/).map((t) => (ids.has(t) ? prefix + t : t)).join(" ");
  for (const name of ID_REFS) {
    for (const el of root.querySelectorAll(`[${name}]`)) el.setAttribute(name, map(el.getAttribute(name)));
  }
  for (const a of root.querySelectorAll("a[href^='#']")) {
    const id = a.getAttribute("href").slice(1);
    if (ids.has(id)) a.setAttribute("href", `#${prefix}${id}`);
  }
}

/** The label of a question: `data-summary-label`, else its legend's `.tool-q-text` or text. */
function questionLabel(q) {
  const own = q.getAttribute("data-summary-label");
  if (own !== null) return own;
  const l = q.querySelector("legend, label");
  return l ? textOf(l.querySelector(".tool-q-text") ?? l) : "";
}

const mounted = new WeakSet();
/** The mounted tools of this page (for tests and page-specific extras). */
export const mountedTools = [];

/** Mounts the page's `data-ui="js"` tool forms (once each); resolves when done. */
export async function mountTools() {
  const forms = [...document.querySelectorAll("form[data-tool][data-ui='js']")];
  // No answer leaves the browser: even before the engine is ready, submitting does nothing.
  for (const form of forms) form.addEventListener("submit", (e) => e.preventDefault());
  let engine;
  try {
    engine = await loadEngine();
  } catch {
    return []; // engine.js shows the page's message; the form stays readable
  }
  const tools = [];
  for (const form of forms) {
    if (mounted.has(form)) continue;
    mounted.add(form);
    const tool = new Tool(form, engine);
    tool.mount();
    tools.push(tool);
    mountedTools.push(tool);
  }
  return tools;
}

if (typeof document !== "undefined" && document.body?.dataset.wasmJs) mountTools();
