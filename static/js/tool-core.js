// Pure parts of the tool pages (no DOM, no text of their own; unit-tested in Node by
// tests/js/tool-core.test.mjs): engine input paths, form fields → engine input, the `#v1=` state,
// show-if conditions, the binder's paths and conditions, number formatting and CSV text.

/** Version tag of the state kept in the URL fragment (`#v1=…`) and on this device. */
export const STATE_VERSION = "v1";

/**
 * Splits an engine input path (`years[0].items[2].item`) into keys and indexes.
 * `null` for a malformed path or an index beyond what a form can hold.
 */
export function parsePath(path) {
  const out = [];
  for (const part of String(path).split(".")) {
    const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) return null;
    out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) {
      const n = Number(idx[1]);
      if (n > 999) return null;
      out.push(n);
    }
  }
  return out.length ? out : null;
}

function isObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Puts `value` at `path` in `root` (objects/arrays made on the way; a clash is ignored). */
function insert(root, path, value) {
  let node = root;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    const wantArray = typeof path[i + 1] === "number";
    if (typeof seg === "number" ? !Array.isArray(node) : !isObject(node)) return;
    if (last) {
      node[seg] = value;
      return;
    }
    if (typeof seg === "number") while (node.length <= seg) node.push(null);
    let next = node[seg];
    if (next === undefined || next === null) {
      next = wantArray ? [] : {};
      node[seg] = next;
    }
    node = next;
  }
}

/** Drops trailing null / {} entries of every array; a blank row between filled ones becomes {}. */
function prune(value) {
  if (Array.isArray(value)) {
    value.forEach(prune);
    while (value.length && (value[value.length - 1] === null || isEmptyObject(value[value.length - 1]))) {
      value.pop();
    }
    if (value.some(isObject)) {
      for (let i = 0; i < value.length; i++) if (value[i] === null) value[i] = {};
    }
  } else if (isObject(value)) {
    Object.values(value).forEach(prune);
  }
}

function isEmptyObject(v) {
  return isObject(v) && Object.keys(v).length === 0;
}

/** Reads a number field (`"10"`, `" 1,234 "`, `"12.5"`); `null` when it is not a number. */
export function readNumber(text) {
  const t = String(text).trim().replace(/,/g, "");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/**
 * Builds the engine input from the form's fields and the page's own errors.
 * A field: `{ name, kind: "text"|"number"|"choice"|"list"|"bool", raw: string|string[], off }`.
 * `messages.number` is the page's "numbers only" message. Empty text, unanswered radios and
 * switched-off fields are left out; checkbox lists are always sent.
 */
export function collect(fields, messages = {}) {
  const input = {};
  const errors = [];
  for (const f of fields) {
    if (f.off) continue;
    const raw = f.raw;
    let value;
    if (f.kind === "list") value = Array.isArray(raw) ? [...raw] : raw ? [raw] : [];
    else if (f.kind === "bool") value = Array.isArray(raw) ? raw.length > 0 : Boolean(raw);
    else if (Array.isArray(raw) || String(raw ?? "").trim() === "") continue;
    else if (f.kind === "number") {
      value = readNumber(raw);
      if (value === null) {
        errors.push({ field: f.name, message: messages.number ?? "" });
        continue;
      }
    } else value = String(raw);
    const path = parsePath(f.name);
    if (path) insert(input, path, value);
  }
  prune(input);
  return { input, errors };
}

/** The state to keep: every field with something in it, as typed (switched-off ones too). */
export function snapshot(fields) {
  const out = {};
  for (const f of fields) {
    if (Array.isArray(f.raw) ? f.raw.length : f.raw) out[f.name] = Array.isArray(f.raw) ? [...f.raw] : f.raw;
  }
  return out;
}

/** The kept value of one field in a snapshot: a string, an array of strings, or undefined. */
export function kept(snap, name) {
  const v = snap?.[name];
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.filter((x) => typeof x === "string");
  return undefined;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Base64url without padding (RFC 4648 §5) of bytes. */
export function base64urlEncode(bytes) {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(3, bytes.length - i) + 1;
    for (let k = 0; k < chars; k++) out += B64[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** Decodes base64url (padding and the standard `+/` tolerated); `null` on any other character. */
export function base64urlDecode(text) {
  const out = [];
  let acc = 0;
  let bits = 0;
  for (const c of String(text).replace(/=+$/, "")) {
    let v = B64.indexOf(c);
    if (c === "+") v = 62;
    if (c === "/") v = 63;
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

/** `v1=<base64url(JSON)>`, the fragment (without `#`) that holds a snapshot. */
export function encodeFragment(snap) {
  return `${STATE_VERSION}=${base64urlEncode(new TextEncoder().encode(JSON.stringify(snap)))}`;
}

/** Reads a snapshot's JSON; only a JSON object is a snapshot. */
export function decodeSnapshot(json) {
  try {
    const v = JSON.parse(json);
    return isObject(v) ? v : null;
  } catch {
    return null;
  }
}

/** Reads a fragment (with or without `#`); `null` for an ordinary anchor, another version or damage. */
export function decodeFragment(fragment) {
  const body = String(fragment ?? "").replace(/^#/, "");
  const prefix = `${STATE_VERSION}=`;
  if (!body.startsWith(prefix)) return null;
  const bytes = base64urlDecode(body.slice(prefix.length));
  if (!bytes) return null;
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  return decodeSnapshot(text);
}

/**
 * The key of a page's state that holds one snapshot per tool form: `#v1=` of
 * `{"@tools": {"<form id>": {input name: value}}}`. No input name starts with `@`, so a state
 * without it is the older single-tool format (`{input name: value}`), which still opens.
 */
export const TOOLS_KEY = "@tools";

/** The state of a page from `[form key, snapshot]` pairs; tools with nothing kept are left out. */
export function pageState(entries) {
  const tools = {};
  for (const [key, snap] of entries) {
    if (key && isObject(snap) && Object.keys(snap).length) tools[key] = snap;
  }
  return Object.keys(tools).length ? { [TOOLS_KEY]: tools } : {};
}

/**
 * One tool's snapshot in a decoded state: `{snap, legacy}`. A per-tool state gives the entry under
 * `key` (`null` when it has none); an older single-tool state is returned whole, `legacy: true`.
 */
export function toolSnapshot(state, key) {
  if (!isObject(state)) return { snap: null, legacy: false };
  if (!Object.prototype.hasOwnProperty.call(state, TOOLS_KEY)) return { snap: state, legacy: true };
  const tools = state[TOOLS_KEY];
  const snap = isObject(tools) && Object.prototype.hasOwnProperty.call(tools, key) ? tools[key] : null;
  return { snap: isObject(snap) ? snap : null, legacy: false };
}

/**
 * Does a `data-show-if` condition hold? `a=x|y;b=z`: every part must hold; an empty alternative
 * (`=no|`) matches an unanswered field. `valueOf(name)` gives the field's values (array).
 */
export function showIf(cond, valueOf) {
  return String(cond)
    .split(";")
    .every((part) => {
      const eq = part.indexOf("=");
      if (eq < 0) return true;
      const have = valueOf(part.slice(0, eq).trim()).filter((v) => v !== "");
      return part
        .slice(eq + 1)
        .split("|")
        .some((w) => (w.trim() === "" ? have.length === 0 : have.includes(w.trim())));
    });
}

// ---- binder paths ---------------------------------------------------------------------------

function own(obj, key) {
  return obj !== null && typeof obj === "object" && Object.prototype.hasOwnProperty.call(obj, key);
}

/**
 * Resolves a binder path against `scope`. `.` is the scope; `$root.x` starts at `ctx.root`;
 * `$index` is `ctx.index`; `a.0.b` indexes arrays; `list[key=value]` / `list[key!=value]` keeps
 * the items of an array whose `key` is (is not) `value`. Unknown → undefined.
 */
export function lookup(scope, path, ctx = {}) {
  const p = String(path).trim();
  if (p === "." || p === "") return scope;
  if (p === "$index") return ctx.index;
  let node = scope;
  let parts = splitPath(p);
  if (parts[0] === "$root") {
    node = ctx.root;
    parts = parts.slice(1);
  }
  for (const part of parts) {
    const m = /^([^[\]]*)\[([^\]=!]+)(!?=)([^\]]*)\]$/.exec(part);
    const key = m ? m[1] : part;
    if (key !== "") {
      if (!own(node, key)) return undefined;
      node = node[key];
    }
    if (m) {
      if (!Array.isArray(node)) return undefined;
      const [, , k, op, lit] = m;
      node = node.filter((item) => (own(item, k) && String(item[k]) === lit) === (op === "="));
    }
  }
  return node;
}

/** Splits on dots outside brackets. */
function splitPath(p) {
  const parts = [];
  let cur = "";
  let depth = 0;
  for (const c of p) {
    if (c === "[") depth++;
    if (c === "]") depth--;
    if (c === "." && depth === 0) {
      parts.push(cur);
      cur = "";
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

/** Binder truthiness: true, a non-empty string or array, a non-zero number, a non-null object. */
export function truthy(v) {
  if (v === true) return true;
  if (typeof v === "string" || Array.isArray(v)) return v.length > 0;
  if (typeof v === "number") return v !== 0 && !Number.isNaN(v);
  return v !== null && typeof v === "object";
}

/**
 * Evaluates `path`, `path==literal` or `path!=literal` (literal compared as text); a right-hand
 * side starting with `$` (`$root.level`, `$index`) is a path, compared with the left value.
 */
export function testCondition(expr, scope, ctx = {}) {
  const m = /^(.*?)(==|!=)(.*)$/.exec(String(expr));
  if (!m) return truthy(lookup(scope, expr, ctx));
  const v = lookup(scope, m[1], ctx);
  const rhs = m[3].trim();
  let same;
  if (rhs.startsWith("$")) {
    const w = lookup(scope, rhs, ctx);
    same = v === undefined || v === null || w === undefined || w === null ? (v ?? null) === (w ?? null) : String(v) === String(w);
  } else same = v !== undefined && v !== null && String(v) === rhs;
  return m[2] === "==" ? same : !same;
}

/** A number with thousands separators (`1234567.5` → `1,234,567.5`); text that is not one stays. */
export function formatNumber(v) {
  const n = typeof v === "number" ? v : readNumber(v ?? "");
  if (n === null || !Number.isFinite(n)) return v === undefined || v === null ? "" : String(v);
  const [int, frac] = String(Math.abs(n)).split(".");
  if (/e/i.test(int)) return String(n);
  return `${n < 0 ? "-" : ""}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${frac ? `.${frac}` : ""}`;
}

// ---- engine answers -------------------------------------------------------------------------

/** Strips the engine's `field: ` prefix from a field error's message. */
export function fieldMessage(field, message) {
  const prefix = `${field}: `;
  return String(message).startsWith(prefix) ? String(message).slice(prefix.length) : String(message);
}

/** The `field_errors` of a failed engine answer (`{field, message}`, prefix stripped). */
export function engineErrors(envelope) {
  const list = envelope?.error?.field_errors;
  if (!Array.isArray(list)) return [];
  return list
    .filter((e) => e && typeof e.field === "string")
    .map((e) => ({ field: e.field, message: fieldMessage(e.field, e.message ?? "") }));
}

// ---- CSV ------------------------------------------------------------------------------------

/**
 * One CSV cell. Numbers (a JS number, or text that is a plain decimal such as `-1500` or `12.5`)
 * stay numbers; any other text starting with `=`, `+`, `-`, `@`, tab or CR is neutralised with a
 * leading apostrophe (OWASP CSV injection); cells with `,` `"` CR LF are quoted.
 */
export function csvCell(cell) {
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  const text = cell === undefined || cell === null ? "" : String(cell);
  const plainNumber = /^-?\d+(\.\d+)?$/.test(text);
  const guarded = !plainNumber && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** CSV text for a spreadsheet: UTF-8 BOM (Excel reads Korean), CRLF line ends. */
export function csvText(rows) {
  return `\ufeff${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}${rows.length ? "\r\n" : ""}`;
}
