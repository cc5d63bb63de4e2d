//! The DOM layer of the tool pages (wasm32 only): hydrates the forms the builder pre-rendered.
//!
//! # Page contract
//!
//! `static/js/engine.js` loads the module and calls `hydrate(engine)`; every `form[data-tool]`
//! on the page (`<form novalidate>`) is mounted. Its **scope** is the closest `.tool` element
//! around it (else the form): the result, error summary, summary, actions and status are looked
//! up there, so they may sit outside the form. Markup (see `templates/tool.html`,
//! `templates/partials/tool-*.html` and `docs/tools-ui.md`):
//!
//! - `data-tool="<engine tool>"` on the form: the tool `engine.eval` runs (`eligibility`,
//!   `budget`, …). Its renderer is `ui::renderer(tool)` (`fn(&Value, root) -> String`).
//! - **Inputs** (`input`, `select`, `textarea` with a `name`): `name` is the engine input path
//!   exactly as the engine reports it in `field_errors[].field` (`role`, `answers.closed`,
//!   `years[0].company_cash`, `items[2].item`). Every input has an `id`. Kinds: radios → the
//!   checked value; checkboxes sharing a name → array of checked values (always sent);
//!   a checkbox with `data-type="bool"` → `true`/`false`; `data-type="number"` (or
//!   `type="number"`) → a JSON number (not a number → the page's own error "숫자만 입력해
//!   주세요"); anything else (`data-type="money"`, `"text"`) → the string as typed (the engine
//!   reads Korean money). Empty inputs are left out; arrays lose trailing empty entries.
//!   `data-collect="no"` keeps an input out of the engine input (it is still kept in the state
//!   and may drive `data-show-if`). An input with `required` is an error when empty at submit.
//! - **Questions**: wrap each question's inputs in `.tool-question` (a `fieldset` with `legend`,
//!   or a `div` with a `label`). `data-required` → unanswered is an error when its step is
//!   submitted (`data-required-message` overrides "'…'에 답해 주세요."). `data-summary-label`
//!   overrides the label in the check-your-answers list and in messages. Field messages are put
//!   at the question (`p.tool-field-error`, `aria-invalid`, `aria-describedby`).
//! - **Conditions**: `data-show-if="<name>=<v1>|<v2>"` on any element in the scope shows it only
//!   while field `<name>` has one of those values (an empty alternative, `=no|`, matches an
//!   unanswered field); `a=x;b=y` requires both. Switched-off inputs are not sent.
//! - **Steps** (optional): `section.tool-step[id]` each with a heading `h2[tabindex="-1"]`; with
//!   JS only the current one shows. A step whose questions are all switched off is skipped.
//!   The indicator `ol.tool-steps > li[data-step="<step id>"]` gets `aria-current="step"`.
//!   Buttons `[data-action="next"]`, `[data-action="back"]` move; "next" checks the step first
//!   (errors → `.tool-error-summary` filled and focused, GOV.UK). The last step usually holds
//!   `.tool-summary` (check your answers, rebuilt with change links) and the result.
//! - **Result**: `section.tool-result[aria-live="polite"]`, refilled after every input when the
//!   HTML changes. Errors the engine reports go to their fields (once touched or submitted).
//! - **Actions** (`[data-action]`): `copy-link` (URL with the state; shows `.tool-share` with a
//!   read-only `.tool-share-url` field as the fallback), `save` (localStorage), `delete-saved`,
//!   `print`, `reset`. Messages go to `.tool-status` (`role="status"`).
//! - Elements with `data-js-only` are un-hidden on hydration (give them `hidden` in the markup);
//!   elements with `data-no-js` are hidden. The form gets `data-hydrated`.
//! - **State**: `#v1=<base64url(JSON {name: value as typed})>` kept current with `replaceState`;
//!   restored on load (else from localStorage key `af-tool:<tool>:v1`).
//! - [`download_csv`] saves rows as a UTF-8 (BOM) CSV file, for tools that offer one.
use super::html::{self, SummaryRow};
use super::state::{self, Field, FieldError, FieldKind, Raw};
use crate::Engine;
use af_engine::rules::Rules;
use serde_json::Value;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Event, HtmlElement, HtmlInputElement};

/// Mounts every `form[data-tool]` on the page, except `data-ui="js"` forms (those are mounted by
/// `static/js/tools.js`). Called once by `static/js/engine.js`.
#[wasm_bindgen]
pub fn hydrate(engine: &Engine) {
    let Some(doc) = document() else { return };
    let rules = Rc::new(engine.rules.clone());
    let root = doc
        .body()
        .and_then(|b| b.get_attribute("data-root"))
        .unwrap_or_else(|| "./".to_string());
    for form in all(&doc, "form[data-tool]:not([data-ui='js'])") {
        let scope = form
            .closest(".tool")
            .ok()
            .flatten()
            .unwrap_or_else(|| form.clone());
        let tool = Rc::new(Tool {
            name: form.get_attribute("data-tool").unwrap_or_default(),
            form,
            scope,
            doc: doc.clone(),
            root: root.clone(),
            rules: rules.clone(),
            inner: RefCell::new(Inner::default()),
        });
        tool.mount();
    }
}

/// Saves `rows` as a CSV file named `filename` (UTF-8 with BOM, so Excel reads Korean).
pub fn download_csv(filename: &str, rows: &[Vec<String>]) -> Result<(), JsValue> {
    let doc = document().ok_or_else(|| JsValue::from_str("no document"))?;
    let parts = js_sys::Array::of1(&JsValue::from_str(&state::csv_text(rows)));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: HtmlElement = doc.create_element("a")?.dyn_into()?;
    a.set_attribute("href", &url)?;
    a.set_attribute("download", filename)?;
    a.set_hidden(true);
    if let Some(body) = doc.body() {
        body.append_child(&a)?;
        a.click();
        a.remove();
    }
    web_sys::Url::revoke_object_url(&url)
}

fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// Elements matching `selector` under `root`, in document order.
fn all(root: &impl AsRef<web_sys::Node>, selector: &str) -> Vec<Element> {
    let node: &web_sys::Node = root.as_ref();
    let list = if let Some(el) = node.dyn_ref::<Element>() {
        el.query_selector_all(selector)
    } else if let Some(doc) = node.dyn_ref::<Document>() {
        doc.query_selector_all(selector)
    } else {
        return Vec::new();
    };
    let Ok(list) = list else { return Vec::new() };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

fn first(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

fn set_hidden(el: &Element, hidden: bool) {
    if let Some(h) = el.dyn_ref::<HtmlElement>() {
        if h.hidden() != hidden {
            h.set_hidden(hidden);
        }
    }
}

fn focus(el: &Element) {
    if let Some(h) = el.dyn_ref::<HtmlElement>() {
        let _ = h.focus();
    }
}

fn text_of(el: &Element) -> String {
    el.text_content()
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `value` of an input, select or textarea (without a web-sys feature per element type).
fn value_of(el: &Element) -> String {
    js_sys::Reflect::get(el, &JsValue::from_str("value"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

fn set_value(el: &Element, value: &str) {
    let _ = js_sys::Reflect::set(el, &JsValue::from_str("value"), &JsValue::from_str(value));
}

/// One field of the form: its name, kind and the elements (several for radios/checkboxes).
struct FieldEls {
    name: String,
    kind: FieldKind,
    els: Vec<Element>,
}

#[derive(Default)]
struct Inner {
    /// Index into `steps()` of the step shown.
    current: usize,
    /// Step to return to after a change link (check your answers).
    return_to: Option<usize>,
    /// Fields the visitor changed: their engine messages show at once.
    touched: BTreeSet<String>,
    /// Steps submitted (next pressed): all their messages show.
    submitted: BTreeSet<String>,
    /// Messages listed in the error summary while it is open.
    summary_open: bool,
    /// Answers came from a share link or this device: their problems show at once.
    restored: bool,
    last_result: String,
}

struct Tool {
    name: String,
    form: Element,
    /// The closest `.tool` around the form (else the form): where the result, error summary,
    /// actions and status are looked up.
    scope: Element,
    doc: Document,
    root: String,
    rules: Rc<Rules>,
    inner: RefCell<Inner>,
}

/// A message to show, where it belongs.
struct Shown {
    field: String,
    /// Id of the element the summary links to (first input of the field).
    target: String,
    message: String,
}

impl Tool {
    fn storage_key(&self) -> String {
        format!("af-tool:{}:{}", self.name, state::STATE_VERSION)
    }

    fn mount(self: &Rc<Self>) {
        for el in all(&self.scope, "[data-js-only]") {
            set_hidden(&el, false);
        }
        for el in all(&self.scope, "[data-no-js]") {
            set_hidden(&el, true);
        }
        for el in all(&self.form, "input[name], select[name], textarea[name]") {
            if !el.has_attribute("data-describedby") {
                let orig = el.get_attribute("aria-describedby").unwrap_or_default();
                let _ = el.set_attribute("data-describedby", &orig);
            }
        }
        let restored = self.restore();
        self.listen();
        let _ = self.form.set_attribute("data-hydrated", "");
        self.apply_conditions();
        let steps = self.steps();
        let start = if restored.is_some() && !steps.is_empty() {
            // A shared or saved state opens where the visitor has something left to answer,
            // or at the last step (answers and result) when everything is answered.
            let missing = self.required_errors();
            let active = self.active_steps();
            missing
                .first()
                .and_then(|(_, step)| *step)
                .or_else(|| active.last().copied())
                .unwrap_or(0)
        } else {
            self.active_steps().first().copied().unwrap_or(0)
        };
        {
            let mut inner = self.inner.borrow_mut();
            inner.current = start;
            inner.restored = restored.is_some();
        }
        self.refresh(false);
        self.show_step(start, false);
        if let Some(message) = restored {
            self.status(message);
        }
    }

    fn listen(self: &Rc<Self>) {
        let me = self.clone();
        let on_input = Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            let name = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|el| el.get_attribute("name"));
            if let Some(name) = name {
                me.inner.borrow_mut().touched.insert(name);
                me.refresh(true);
            }
        });
        for kind in ["input", "change"] {
            let _ = self
                .form
                .add_event_listener_with_callback(kind, on_input.as_ref().unchecked_ref());
        }
        on_input.forget();

        let me = self.clone();
        let on_click = Closure::<dyn FnMut(Event)>::new(move |e: Event| me.on_click(&e));
        let _ = self
            .scope
            .add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        on_click.forget();

        let me = self.clone();
        let on_submit = Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            e.prevent_default();
            me.next();
        });
        let _ = self
            .form
            .add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
        on_submit.forget();
    }

    fn on_click(&self, e: &Event) {
        let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        if let Ok(Some(button)) = target.closest("[data-action]") {
            let action = button.get_attribute("data-action").unwrap_or_default();
            e.prevent_default();
            match action.as_str() {
                "next" => self.next(),
                "back" => self.back(),
                "copy-link" => self.copy_link(),
                "save" => self.save(),
                "delete-saved" => self.delete_saved(),
                "print" => {
                    if let Some(w) = web_sys::window() {
                        let _ = w.print();
                    }
                }
                "reset" => self.reset(),
                _ => {}
            }
            return;
        }
        // In-page links (error summary, change links) move within the tool: the URL fragment
        // holds the state, so it must not become an anchor.
        if let Ok(Some(link)) = target.closest("a[href^='#']") {
            let href = link.get_attribute("href").unwrap_or_default();
            let id = href.trim_start_matches('#');
            let Some(dest) = self.doc.get_element_by_id(id) else {
                return;
            };
            e.prevent_default();
            if let Some(step) = link.get_attribute("data-goto") {
                let steps = self.steps();
                let here = self.inner.borrow().current;
                let to = steps.iter().position(|s| s.id() == step);
                if let Some(to) = to {
                    let last = self.active_steps().last().copied();
                    self.inner.borrow_mut().return_to = last.filter(|&l| l == here);
                    self.show_step(to, false);
                }
            } else if let Some(to) = self.step_of(&dest) {
                self.show_step(to, false);
            }
            focus(&dest);
        }
    }

    // ---- fields ---------------------------------------------------------------------------

    fn field_els(&self) -> Vec<FieldEls> {
        let mut out: Vec<FieldEls> = Vec::new();
        for el in all(&self.form, "input[name], select[name], textarea[name]") {
            let name = el.get_attribute("name").unwrap_or_default();
            if name.is_empty() {
                continue;
            }
            if let Some(group) = out.iter_mut().find(|f| f.name == name) {
                group.els.push(el);
                continue;
            }
            let ty = el.get_attribute("type").unwrap_or_default();
            let data_type = el.get_attribute("data-type").unwrap_or_default();
            let kind = match (ty.as_str(), data_type.as_str()) {
                ("radio", _) => FieldKind::Choice,
                ("checkbox", "bool") => FieldKind::Bool,
                ("checkbox", _) => FieldKind::List,
                (_, "number") | ("number", _) => FieldKind::Number,
                _ => FieldKind::Text,
            };
            out.push(FieldEls {
                name,
                kind,
                els: vec![el],
            });
        }
        out
    }

    fn read(&self, f: &FieldEls) -> Field {
        let checked = |el: &Element| {
            el.dyn_ref::<HtmlInputElement>()
                .is_some_and(|i| i.checked())
        };
        let raw = match f.kind {
            FieldKind::Choice => Raw::One(
                f.els
                    .iter()
                    .find(|el| checked(el))
                    .map(value_of)
                    .unwrap_or_default(),
            ),
            FieldKind::List => Raw::Many(
                f.els
                    .iter()
                    .filter(|el| checked(el))
                    .map(value_of)
                    .collect(),
            ),
            FieldKind::Bool => Raw::One(if f.els.iter().any(checked) {
                "true".into()
            } else {
                String::new()
            }),
            _ => Raw::One(f.els.first().map(value_of).unwrap_or_default()),
        };
        let off = f.els.iter().all(|el| {
            el.get_attribute("data-collect").as_deref() == Some("no")
                || el.closest("[data-off]").ok().flatten().is_some()
        });
        Field {
            name: f.name.clone(),
            kind: f.kind,
            raw,
            off,
        }
    }

    fn write(&self, f: &FieldEls, raw: Option<Raw>) {
        let values: Vec<String> = match raw {
            Some(Raw::One(v)) => vec![v],
            Some(Raw::Many(v)) => v,
            None => Vec::new(),
        };
        for el in &f.els {
            match (f.kind, el.dyn_ref::<HtmlInputElement>()) {
                (FieldKind::Choice | FieldKind::List, Some(input)) => {
                    input.set_checked(values.contains(&input.value()));
                }
                (FieldKind::Bool, Some(input)) => {
                    input.set_checked(values.first().is_some_and(|v| !v.is_empty()));
                }
                _ => set_value(el, values.first().map(String::as_str).unwrap_or_default()),
            }
        }
    }

    fn snapshot(&self) -> Value {
        let fields: Vec<Field> = self.field_els().iter().map(|f| self.read(f)).collect();
        state::snapshot(&fields)
    }

    /// Restores from the URL fragment, else from this device; returns what to tell the visitor.
    fn restore(&self) -> Option<&'static str> {
        let window = web_sys::window()?;
        let hash = window.location().hash().unwrap_or_default();
        let (snap, message) = match state::decode_fragment(&hash) {
            Some(snap) => (snap, "링크에 담긴 답변을 불러왔습니다."),
            None => {
                let saved = window
                    .local_storage()
                    .ok()
                    .flatten()
                    .and_then(|s| s.get_item(&self.storage_key()).ok().flatten())?;
                (
                    state::decode_snapshot(&saved)?,
                    "이 기기에 저장된 답변을 불러왔습니다.",
                )
            }
        };
        if snap.as_object().is_none_or(|m| m.is_empty()) {
            return None;
        }
        // A page may hold several tools sharing one fragment: restore only the tool whose fields
        // the snapshot is about, so the other tools keep their own defaults.
        let fields = self.field_els();
        if !fields.iter().any(|f| snap.get(&f.name).is_some()) {
            return None;
        }
        for f in fields {
            self.write(&f, state::kept(&snap, &f.name));
        }
        Some(message)
    }

    // ---- conditions and steps -------------------------------------------------------------

    fn apply_conditions(&self) {
        let fields = self.field_els();
        let value = |name: &str| -> Vec<String> {
            match fields
                .iter()
                .find(|f| f.name == name)
                .map(|f| self.read(f).raw)
            {
                Some(Raw::One(v)) => vec![v],
                Some(Raw::Many(v)) => v,
                None => Vec::new(),
            }
        };
        for el in all(&self.scope, "[data-show-if]") {
            let cond = el.get_attribute("data-show-if").unwrap_or_default();
            // `a=x|y;b=z`: every condition must hold; an empty alternative matches "unanswered".
            let on = cond.split(';').all(|part| match part.split_once('=') {
                Some((name, wanted)) => {
                    let have = value(name.trim());
                    wanted.split('|').any(|w| {
                        have.iter().any(|h| h == w.trim())
                            || (w.trim().is_empty() && have.is_empty())
                    })
                }
                None => true,
            });
            if on {
                let _ = el.remove_attribute("data-off");
            } else {
                let _ = el.set_attribute("data-off", "");
            }
            set_hidden(&el, !on);
        }
    }

    fn steps(&self) -> Vec<Element> {
        all(&self.form, ".tool-step")
    }

    fn step_active(step: &Element) -> bool {
        if step.has_attribute("data-off") {
            return false;
        }
        let questions = all(step, ".tool-question");
        questions.is_empty() || questions.iter().any(|q| !q.has_attribute("data-off"))
    }

    fn active_steps(&self) -> Vec<usize> {
        self.steps()
            .iter()
            .enumerate()
            .filter(|(_, s)| Self::step_active(s))
            .map(|(i, _)| i)
            .collect()
    }

    fn step_of(&self, el: &Element) -> Option<usize> {
        let step = el.closest(".tool-step").ok().flatten()?;
        self.steps().iter().position(|s| *s == step)
    }

    fn show_step(&self, index: usize, focus_heading: bool) {
        let steps = self.steps();
        if steps.is_empty() {
            return;
        }
        self.inner.borrow_mut().current = index;
        let current_id = steps.get(index).map(Element::id).unwrap_or_default();
        for (i, step) in steps.iter().enumerate() {
            set_hidden(step, i != index);
        }
        for li in all(&self.scope, ".tool-steps [data-step]") {
            let id = li.get_attribute("data-step").unwrap_or_default();
            if id == current_id {
                let _ = li.set_attribute("aria-current", "step");
            } else {
                let _ = li.remove_attribute("aria-current");
            }
            let active = steps
                .iter()
                .find(|s| s.id() == id)
                .is_some_and(Self::step_active);
            set_hidden(&li, !active);
        }
        let active = self.active_steps();
        let is_first = active.first() == Some(&index);
        let is_last = active.last() == Some(&index);
        if let Some(step) = steps.get(index) {
            for b in all(step, "[data-action='back']") {
                set_hidden(&b, is_first);
            }
            for b in all(step, "[data-action='next']") {
                set_hidden(&b, is_last);
            }
            if is_last {
                self.fill_summary();
            }
            if focus_heading {
                if let Some(h) = first(step, "h2, h3") {
                    focus(&h);
                }
            }
        }
    }

    fn next(&self) {
        let (current, return_to) = {
            let inner = self.inner.borrow();
            (inner.current, inner.return_to)
        };
        let steps = self.steps();
        let step_id = steps.get(current).map(Element::id).unwrap_or_default();
        self.inner.borrow_mut().submitted.insert(step_id);
        self.inner.borrow_mut().summary_open = true;
        let errors = self.refresh(false);
        let here: Vec<&Shown> = errors
            .iter()
            .filter(|e| {
                self.doc
                    .get_element_by_id(&e.target)
                    .is_some_and(|el| self.step_of(&el) == Some(current))
            })
            .collect();
        if !here.is_empty() || (steps.is_empty() && !errors.is_empty()) {
            if let Some(summary) = first(&self.scope, ".tool-error-summary") {
                focus(&summary);
            }
            return;
        }
        self.inner.borrow_mut().summary_open = false;
        self.refresh(false);
        let active = self.active_steps();
        let to = return_to
            .filter(|r| active.contains(r))
            .or_else(|| active.iter().copied().find(|&i| i > current));
        self.inner.borrow_mut().return_to = None;
        if let Some(to) = to {
            self.show_step(to, true);
        }
    }

    fn back(&self) {
        let current = self.inner.borrow().current;
        let prev = self.active_steps().into_iter().rev().find(|&i| i < current);
        self.inner.borrow_mut().return_to = None;
        if let Some(prev) = prev {
            self.show_step(prev, true);
        }
    }

    // ---- evaluation and messages ----------------------------------------------------------

    /// Unanswered required questions: (message to show, step index).
    fn required_errors(&self) -> Vec<(Shown, Option<usize>)> {
        let mut out = Vec::new();
        for q in all(&self.form, ".tool-question[data-required]") {
            if q.closest("[data-off]").ok().flatten().is_some() {
                continue;
            }
            let inputs = all(&q, "input[name], select[name], textarea[name]");
            let answered = inputs
                .iter()
                .any(|el| match el.dyn_ref::<HtmlInputElement>() {
                    Some(i) if matches!(i.type_().as_str(), "radio" | "checkbox") => i.checked(),
                    _ => !value_of(el).trim().is_empty(),
                });
            let Some(first_input) = inputs.first() else {
                continue;
            };
            if answered {
                continue;
            }
            let message = q
                .get_attribute("data-required-message")
                .unwrap_or_else(|| format!("'{}'에 답해 주세요.", question_label(&q)));
            out.push((
                Shown {
                    field: first_input.get_attribute("name").unwrap_or_default(),
                    target: first_input.id(),
                    message,
                },
                self.step_of(&q),
            ));
        }
        // Inputs marked `required` (not switched off).
        for el in all(
            &self.form,
            "input[required], select[required], textarea[required]",
        ) {
            if el.closest("[data-off]").ok().flatten().is_some() || !value_of(&el).trim().is_empty()
            {
                continue;
            }
            let message = el
                .get_attribute("data-required-message")
                .unwrap_or_else(|| format!("'{}'을(를) 입력해 주세요.", self.input_label(&el)));
            out.push((
                Shown {
                    field: el.get_attribute("name").unwrap_or_default(),
                    target: el.id(),
                    message,
                },
                self.step_of(&el),
            ));
        }
        out
    }

    /// An input's accessible name from `label[for]` or `aria-labelledby`.
    fn input_label(&self, el: &Element) -> String {
        if let Some(ids) = el.get_attribute("aria-labelledby") {
            let parts: Vec<String> = ids
                .split_whitespace()
                .filter_map(|id| self.doc.get_element_by_id(id))
                .map(|l| text_of(&l))
                .collect();
            if !parts.is_empty() {
                return parts.join(" ");
            }
        }
        self.label_for(el)
    }

    /// Re-reads the form, runs the engine, and updates messages, summary, result and URL.
    /// Returns the messages shown.
    fn refresh(&self, update_url: bool) -> Vec<Shown> {
        self.apply_conditions();
        let groups = self.field_els();
        let fields: Vec<Field> = groups.iter().map(|f| self.read(f)).collect();
        let (input, local) = state::collect(&fields);
        let answer = af_engine::api::eval(&self.rules, &self.name, &input.to_string());
        let envelope: Value = serde_json::from_str(&answer).unwrap_or(Value::Null);
        let ok = envelope.get("ok").and_then(Value::as_bool) == Some(true);
        let mut errors: Vec<FieldError> = local;
        if !ok {
            errors.extend(state::engine_errors(&envelope));
        }
        let target_of = |name: &str| -> String {
            groups
                .iter()
                .find(|g| g.name == name)
                .and_then(|g| g.els.first())
                .map(Element::id)
                .unwrap_or_default()
        };
        let (touched, submitted, summary_open) = {
            let inner = self.inner.borrow();
            (
                inner.touched.clone(),
                inner.submitted.clone(),
                inner.summary_open,
            )
        };
        let steps = self.steps();
        let step_submitted = |target: &str| -> bool {
            self.doc
                .get_element_by_id(target)
                .and_then(|el| self.step_of(&el))
                .and_then(|i| steps.get(i))
                .is_some_and(|s| submitted.contains(&s.id()))
                || (steps.is_empty() && !submitted.is_empty())
        };
        // The page's own "answer this" message comes first: it says more than the engine's
        // "missing field" for the same input.
        let mut shown: Vec<Shown> = self
            .required_errors()
            .into_iter()
            .map(|(req, _)| req)
            .filter(|req| step_submitted(&req.target))
            .collect();
        for e in &errors {
            let target = target_of(&e.field);
            let fresh = !shown.iter().any(|s| s.field == e.field);
            if fresh && (touched.contains(&e.field) || step_submitted(&target)) {
                shown.push(Shown {
                    field: e.field.clone(),
                    target,
                    message: e.message.clone(),
                });
            }
        }
        self.show_field_errors(&groups, &shown);
        self.fill_error_summary(&shown, summary_open);
        self.fill_result(&envelope, ok, &errors);
        if self.steps().is_empty()
            || self.active_steps().last() == Some(&self.inner.borrow().current)
        {
            self.fill_summary();
        }
        if update_url {
            self.write_url();
        }
        shown
    }

    fn show_field_errors(&self, groups: &[FieldEls], shown: &[Shown]) {
        for q in all(&self.form, ".tool-field-error") {
            q.remove();
        }
        for q in all(&self.form, ".tool-question-error") {
            let _ = q.class_list().remove_1("tool-question-error");
        }
        for g in groups {
            let message = shown.iter().find(|s| s.field == g.name);
            let Some(first_el) = g.els.first() else {
                continue;
            };
            let error_id = format!("{}-error", first_el.id());
            for el in &g.els {
                let orig = el.get_attribute("data-describedby").unwrap_or_default();
                if message.is_some() {
                    let _ = el.set_attribute("aria-invalid", "true");
                    let ids = format!("{orig} {error_id}");
                    let _ = el.set_attribute("aria-describedby", ids.trim());
                } else if el.has_attribute("aria-invalid") {
                    let _ = el.remove_attribute("aria-invalid");
                    if orig.is_empty() {
                        let _ = el.remove_attribute("aria-describedby");
                    } else {
                        let _ = el.set_attribute("aria-describedby", &orig);
                    }
                }
            }
            let Some(message) = message else { continue };
            let holder = first_el
                .closest(".tool-question")
                .ok()
                .flatten()
                .or_else(|| first_el.parent_element());
            let anchor = first_el
                .closest(".tool-options, .tool-control")
                .ok()
                .flatten()
                .unwrap_or_else(|| first_el.clone());
            let (Some(holder), Some(parent)) = (holder, anchor.parent_node()) else {
                continue;
            };
            let _ = holder.class_list().add_1("tool-question-error");
            if let Ok(p) = self.doc.create_element("p") {
                p.set_class_name("tool-field-error");
                p.set_id(&error_id);
                p.set_inner_html(&format!(
                    "<span class=\"visually-hidden\">오류: </span>{}",
                    html::escape(&message.message)
                ));
                let _ = parent.insert_before(&p, Some(&anchor));
            }
        }
    }

    fn fill_error_summary(&self, shown: &[Shown], open: bool) {
        let Some(summary) = first(&self.scope, ".tool-error-summary") else {
            return;
        };
        let items: Vec<(String, String)> = shown
            .iter()
            .map(|s| (s.target.clone(), s.message.clone()))
            .collect();
        if let Some(list) = first(&summary, ".tool-error-list") {
            list.set_inner_html(&html::error_list(&items));
        }
        set_hidden(&summary, !open || items.is_empty());
    }

    fn fill_result(&self, envelope: &Value, ok: bool, errors: &[FieldError]) {
        let Some(section) = first(&self.scope, ".tool-result") else {
            return;
        };
        {
            // Before the visitor has done anything, the page's own text ("the result appears
            // here") reads better than a list of fields not yet filled in.
            let inner = self.inner.borrow();
            let untouched =
                inner.touched.is_empty() && inner.submitted.is_empty() && !inner.restored;
            if !ok && untouched {
                return;
            }
        }
        let result_html = if ok {
            let result = envelope.get("result").unwrap_or(&Value::Null);
            match super::renderer(&self.name) {
                Some(render) => render(result, &self.root),
                None => "<p>이 도구의 결과 화면이 아직 없습니다.</p>".to_string(),
            }
        } else {
            let items: Vec<(String, String)> = errors
                .iter()
                .map(|e| {
                    let target = self
                        .form
                        .query_selector(&format!("[name=\"{}\"]", css_string(&e.field)))
                        .ok()
                        .flatten()
                        .map(|el| el.id())
                        .unwrap_or_default();
                    (target, e.message.clone())
                })
                .collect();
            format!(
                "<h2 class=\"tool-result-title\">결과</h2><p>입력한 내용 가운데 고칠 부분이 있어 결과를 계산하지 못했습니다. 아래 항목을 고치면 결과가 바로 바뀝니다.</p>{}",
                html::error_list(&items)
            )
        };
        let mut inner = self.inner.borrow_mut();
        if inner.last_result != result_html {
            section.set_inner_html(&result_html);
            inner.last_result = result_html;
        }
    }

    fn fill_summary(&self) {
        let Some(holder) = first(&self.scope, ".tool-summary") else {
            return;
        };
        let steps = self.steps();
        let mut rows = Vec::new();
        for q in all(&self.form, ".tool-question") {
            if q.closest("[data-off]").ok().flatten().is_some() {
                continue;
            }
            let inputs = all(&q, "input[name], select[name], textarea[name]");
            let Some(first_input) = inputs.first() else {
                continue;
            };
            // Choosers that only switch a part of the question on (`data-collect="no"`, e.g.
            // "숫자로 답하기") are shown only when the question has no answer of its own.
            let mut answers = Vec::new();
            let mut choosers = Vec::new();
            for el in &inputs {
                match el.dyn_ref::<HtmlInputElement>() {
                    Some(i) if matches!(i.type_().as_str(), "radio" | "checkbox") => {
                        if i.checked() {
                            if el.get_attribute("data-collect").as_deref() == Some("no") {
                                choosers.push(self.label_for(el));
                            } else {
                                answers.push(self.label_for(el));
                            }
                        }
                    }
                    _ => {
                        let v = value_of(el);
                        if !v.trim().is_empty() {
                            let unit = el.get_attribute("data-unit").unwrap_or_default();
                            answers.push(format!("{v}{unit}"));
                        }
                    }
                }
            }
            if answers.is_empty() {
                answers = choosers;
            }
            let answer = if answers.is_empty() {
                q.get_attribute("data-empty-answer")
                    .unwrap_or_else(|| "답하지 않음".to_string())
            } else {
                answers.join(", ")
            };
            rows.push(SummaryRow {
                label: question_label(&q),
                answer,
                target: first_input.id(),
                step: self
                    .step_of(&q)
                    .and_then(|i| steps.get(i))
                    .map(Element::id)
                    .unwrap_or_default(),
            });
        }
        holder.set_inner_html(&html::summary_list(&rows));
    }

    fn label_for(&self, el: &Element) -> String {
        let id = el.id();
        first(&self.scope, &format!("label[for=\"{}\"]", css_string(&id)))
            .map(|l| text_of(&l))
            .unwrap_or_else(|| value_of(el))
    }

    // ---- state and actions ----------------------------------------------------------------

    fn write_url(&self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let location = window.location();
        let path = format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        let snap = self.snapshot();
        let url = if snap.as_object().is_none_or(|m| m.is_empty()) {
            path
        } else {
            format!("{path}#{}", state::encode_fragment(&snap))
        };
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
        }
    }

    fn status(&self, message: &str) {
        if let Some(el) = first(&self.scope, ".tool-status") {
            el.set_text_content(Some(message));
        }
    }

    fn copy_link(&self) {
        self.write_url();
        let Some(window) = web_sys::window() else {
            return;
        };
        let url = window.location().href().unwrap_or_default();
        if let Some(share) = first(&self.scope, ".tool-share") {
            set_hidden(&share, false);
        }
        let field = first(&self.scope, ".tool-share-url");
        if let Some(field) = &field {
            set_value(field, &url);
        }
        let form = self.scope.clone();
        let ok = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
            if let Some(el) = first(&form, ".tool-status") {
                el.set_text_content(Some(
                    "링크를 복사했습니다. 이 링크에는 입력한 답변이 들어 있으니 보낼 사람을 확인하세요.",
                ));
            }
        });
        let form = self.scope.clone();
        let failed = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
            if let Some(el) = first(&form, ".tool-status") {
                el.set_text_content(Some(
                    "자동으로 복사하지 못했습니다. 아래 칸의 링크를 선택해 복사하세요.",
                ));
            }
            if let Some(input) =
                first(&form, ".tool-share-url").and_then(|f| f.dyn_into::<HtmlInputElement>().ok())
            {
                let _ = input.focus();
                input.select();
            }
        });
        let promise = window.navigator().clipboard().write_text(&url);
        let _ = promise.then2(&ok, &failed);
        // Each runs at most once, when the clipboard answers; a click leaks these two closures.
        ok.forget();
        failed.forget();
    }

    fn storage(&self) -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    fn save(&self) {
        let json = self.snapshot().to_string();
        let saved = self
            .storage()
            .is_some_and(|s| s.set_item(&self.storage_key(), &json).is_ok());
        self.status(if saved {
            "이 기기(이 브라우저)에 저장했습니다. 다음에 이 페이지를 열면 답변을 불러옵니다."
        } else {
            "이 브라우저에서는 저장할 수 없습니다(사생활 보호 모드 등). 링크 복사를 이용하세요."
        });
    }

    fn delete_saved(&self) {
        let deleted = self
            .storage()
            .is_some_and(|s| s.remove_item(&self.storage_key()).is_ok());
        self.status(if deleted {
            "이 기기에 저장된 답변을 삭제했습니다."
        } else {
            "이 브라우저의 저장 공간을 쓸 수 없어 삭제할 것이 없습니다."
        });
    }

    fn reset(&self) {
        for f in self.field_els() {
            self.write(&f, None);
        }
        {
            let mut inner = self.inner.borrow_mut();
            inner.touched.clear();
            inner.submitted.clear();
            inner.summary_open = false;
            inner.return_to = None;
        }
        self.refresh(true);
        let start = self.active_steps().first().copied().unwrap_or(0);
        self.show_step(start, true);
        self.status(
            "입력한 답변을 모두 지웠습니다. 이 기기에 저장한 답변은 '저장 삭제'로 지웁니다.",
        );
    }
}

/// The label of a question: `data-summary-label`, else its legend or label text.
fn question_label(q: &Element) -> String {
    if let Some(label) = q.get_attribute("data-summary-label") {
        return label;
    }
    first(q, "legend, label")
        .map(|l| {
            first(&l, ".tool-q-text")
                .map(|t| text_of(&t))
                .unwrap_or_else(|| text_of(&l))
        })
        .unwrap_or_default()
}

/// Escapes text for a double-quoted CSS attribute selector value.
fn css_string(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}
