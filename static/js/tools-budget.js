// The budget page's one tool-specific step: the planner's "fill the table" button
// (`[data-fill-form="<form id>"][data-fill-from="<path in the result>"]`) writes the proposal —
// `result.plan`, in the `budget` tool's input shape — into the plan check's editable table and
// lets that form recompute (static/js/tools.js listens to its inputs). Items are matched by their
// id, not by position, because the table lists every item of the rules. No user-facing text here.
import { lookup } from "./tool-core.js";

const results = new WeakMap();

for (const form of document.querySelectorAll("form[data-tool]")) {
  form.addEventListener("af-tool-result", (e) => results.set(form, e.detail?.envelope));
}

/** Whole won with thousands separators, as a visitor would type it (`300,000,000`). */
const digits = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
const amount = (v) => (typeof v === "number" || (typeof v === "string" && /^\d+$/.test(v)) ? Number(v) : 0);

/** Writes `plan` into `form` (every amount of the table is replaced); returns the fields changed. */
export function fillPlan(form, plan) {
  const years = Array.isArray(plan?.years) ? plan.years : [];
  const changed = [];
  const set = (el, value) => {
    if (el && el.value !== value) {
      el.value = value;
      changed.push(el);
    }
  };
  for (const el of form.querySelectorAll("input[name^='years[']:not([type='hidden'])")) set(el, "");
  years.forEach((y, i) => {
    for (const key of ["government", "company_cash", "company_in_kind"]) {
      const v = amount(y?.[key]);
      // An empty 현물 cell means "the in-kind items' sum", so a zero is left empty.
      if (v > 0 || key !== "company_in_kind") set(form.querySelector(`[name="years[${i}].${key}"]`), digits(v));
    }
    for (const item of Array.isArray(y?.items) ? y.items : []) {
      const idInput = [...form.querySelectorAll(`input[type='hidden'][name^="years[${i}].items["]`)].find(
        (el) => el.value === item?.item,
      );
      if (!idInput) continue;
      const base = idInput.name.replace(/\.item$/, "");
      for (const kind of ["cash", "in_kind"]) {
        const v = amount(item?.[kind]);
        if (v > 0) set(form.querySelector(`[name="${base}.${kind}"]`), digits(v));
      }
    }
  });
  const radio = form.querySelector(`input[name="plan_years"][value="${years.length}"]`);
  if (radio && !radio.checked) {
    radio.checked = true;
    changed.unshift(radio);
  }
  for (const el of changed) el.dispatchEvent(new Event("input", { bubbles: true }));
  return changed;
}

document.addEventListener("click", (e) => {
  const button = e.target.closest?.("[data-fill-form]");
  if (!button) return;
  const source = button.closest(".tool")?.querySelector("form[data-tool]");
  const target = document.getElementById(button.getAttribute("data-fill-form"));
  const envelope = source ? results.get(source) : null;
  if (!target || envelope?.ok !== true) return;
  fillPlan(target, lookup(envelope.result, button.getAttribute("data-fill-from") ?? "plan"));
  target.closest(".tool")?.querySelector("h2[tabindex]")?.focus();
});
