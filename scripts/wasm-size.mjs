// Per tool page of a built site: the gzip -9 bytes of everything the page's engine needs: every JS
// module it loads (its <script src>, following static imports), the engine module named by
// <body data-wasm-js> with the .wasm its glue loads, and the rules data of <body data-rules-json>.
// Prints a table; exits 1 when a page is above the ceiling. Run through scripts/wasm-size.sh.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const [siteDir, ceiling, goal] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const gz = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

function pagesOf(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...pagesOf(p));
    else if (entry.name === "index.html") out.push(p);
  }
  return out;
}

/** A local file for a URL written in `from` (page or module); null for other origins. */
function local(from, url) {
  if (/^[a-z]+:|^\/\//i.test(url)) return null;
  const clean = url.split(/[?#]/)[0];
  return clean.startsWith("/") ? path.join(siteDir, clean) : path.resolve(path.dirname(from), clean);
}

/** A JS module and every module it imports statically (`import … from "x"`, `import "x"`). */
function withImports(file, seen) {
  if (seen.has(file)) return;
  if (!fs.existsSync(file)) throw new Error(`missing module ${file}`);
  seen.add(file);
  const text = fs.readFileSync(file, "utf8");
  for (const m of text.matchAll(/(?:^|[;\s])(?:import|export)\s*(?:[\w*${}\s,]+from\s*)?["']([^"']+)["']/g)) {
    const target = local(file, m[1]);
    if (target) withImports(target, seen);
  }
}

const rows = [];
for (const page of pagesOf(siteDir)) {
  const html = fs.readFileSync(page, "utf8");
  const body = html.match(/<body[^>]*>/)?.[0] ?? "";
  const wasmJs = body.match(/data-wasm-js="([^"]+)"/)?.[1];
  if (!wasmJs) continue; // not a tool page
  const rulesJson = body.match(/data-rules-json="([^"]+)"/)?.[1];
  const js = new Set();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) {
    const file = local(page, m[1]);
    if (file) withImports(file, js);
  }
  const glue = local(page, wasmJs);
  withImports(glue, js);
  const wasmName = fs.readFileSync(glue, "utf8").match(/new URL\('([^']+\.wasm)', import\.meta\.url\)/)?.[1];
  if (!wasmName) throw new Error(`${glue} names no .wasm`);
  const wasm = path.join(path.dirname(glue), wasmName);
  const sizes = {
    js: [...js].reduce((n, f) => n + gz(f), 0),
    wasm: gz(wasm),
    rules: rulesJson ? gz(local(page, rulesJson)) : 0,
  };
  rows.push({ page: path.relative(siteDir, path.dirname(page)) || "/", ...sizes, total: sizes.js + sizes.wasm + sizes.rules, files: js.size + 1 + (rulesJson ? 1 : 0) });
}
if (rows.length === 0) {
  console.error(`wasm-size: no tool page (<body data-wasm-js>) in ${siteDir}`);
  process.exit(1);
}
const kb = (n) => (n / 1024).toFixed(1).padStart(6);
console.log(`${"tool page".padEnd(28)} ${"JS".padStart(6)} ${"WASM".padStart(6)} ${"rules".padStart(6)} ${"total".padStart(6)}  (KB, gzip -9; files)`);
for (const r of rows) {
  console.log(`${r.page.padEnd(28)} ${kb(r.js)} ${kb(r.wasm)} ${kb(r.rules)} ${kb(r.total)}  (${r.files})`);
}
let failed = false;
for (const r of rows) {
  if (r.total > ceiling) {
    console.error(`wasm-size: OVER THE CEILING: ${r.page}: ${r.total} bytes gzipped > ${ceiling}`);
    failed = true;
  } else if (r.total > goal) {
    console.log(`wasm-size: ${r.page}: ${r.total} bytes, within the ceiling (${ceiling}) but above the goal (${goal})`);
  }
}
if (!failed) console.log(`wasm-size: every tool page within the ceiling (${ceiling} bytes gzipped; goal ${goal})`);
process.exit(failed ? 1 : 0);
