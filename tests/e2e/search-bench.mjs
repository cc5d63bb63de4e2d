// Measures site search on a built site folder, for scripts/search-bench.sh:
// bytes gzipped a first query downloads (code + index, each query in a fresh state), time per query
// (warm), hit@3 and MRR over tests/search-queries.toml. With --pagefind, does the same for
// Pagefind's index in <site>/pagefind/ (built by `npx pagefind@1.6.0`), in headless Chromium.
//
// Usage: node tests/e2e/search-bench.mjs SITE_DIR [--check] [--pagefind] [--queries FILE] [--budget BYTES]
//   --check   fail (exit 1) when a first query downloads more than the budget (30 KB gzipped)
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import http from "node:http";
import { loadQueries, nodeSearch, rankOf, summarize, QUERIES_FILE } from "./search-queries.mjs";

const args = process.argv.slice(2);
const site = args[0];
if (!site || !fs.existsSync(path.join(site, "search/index.json"))) {
  console.error("usage: search-bench.mjs SITE_DIR [--check] [--pagefind]  (SITE_DIR must hold search/index.json)");
  process.exit(2);
}
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const budget = Number(option("--budget", 30 * 1024));
const queries = loadQueries(option("--queries", QUERIES_FILE));

// nginx in the tests compresses at level 6: the same here.
const gz = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 6 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// ---- This site's search (its own search.js, in Node) -------------------------------------------
const code = ["js/search.js", "js/search-boot.js"].map((f) => gz(path.join(site, f))).reduce((a, b) => a + b, 0);
const ours = { bytes: [], ms: [], ranks: [] };
for (const q of queries) {
  const fresh = nodeSearch(site);
  const urls = await fresh.search(q.q);
  let bytes = code;
  for (const rel of fresh.fetched.keys()) bytes += gz(path.join(site, rel));
  ours.bytes.push(bytes);
  ours.ranks.push(rankOf(urls, q.expect));
}
const warm = nodeSearch(site);
for (const q of queries) await warm.search(q.q);
for (let round = 0; round < 5; round++) {
  for (const q of queries) {
    const t0 = performance.now();
    await warm.search(q.q);
    ours.ms.push(performance.now() - t0);
  }
}

const stats = (list) => {
  const s = [...list].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s.at(-1), mean: s.reduce((a, b) => a + b, 0) / s.length };
};
const report = { ours: { ...summarize(ours.ranks), bytes: stats(ours.bytes), ms: stats(ours.ms), code } };
const missed = queries.filter((_, i) => !(ours.ranks[i] > 0 && ours.ranks[i] <= 3)).map((q) => q.q);
const judged = queries.every((q) => q.expect.length > 0);
console.log(`afsite search: ${judged ? `hit@3 ${report.ours.hit3}/${report.ours.total}, MRR ${report.ours.mrr.toFixed(3)}` : `${queries.length} queries (no expected sections)`}` +
  `, first query ${kb(report.ours.bytes.min)}–${kb(report.ours.bytes.max)} gzipped (median ${kb(report.ours.bytes.median)}; code ${kb(code)})` +
  `, warm query median ${report.ours.ms.median.toFixed(2)} ms, max ${report.ours.ms.max.toFixed(2)} ms (Node)`);
if (judged && missed.length) console.log(`  missed top 3: ${missed.join(", ")}`);

// ---- Pagefind, in Chromium (its WASM and workers need a browser) --------------------------------
if (flag("--pagefind")) {
  // Pagefind indexes its own copy of the site, without this site's search pages (the list of every
  // section would otherwise match every query).
  const pfSite = option("--pagefind-site", site);
  if (!fs.existsSync(path.join(pfSite, "pagefind/pagefind.js"))) {
    console.error(`${pfSite}/pagefind/ is missing: run npx -y pagefind@1.6.0 --site ${pfSite}`);
    process.exit(2);
  }
  const { chromium } = await import("playwright-core");
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = path.join(pfSite, rel);
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
    const types = { ".html": "text/html", ".js": "application/javascript", ".json": "application/json", ".wasm": "application/wasm", ".css": "text/css" };
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  const pf = { bytes: [], ms: [], ranks: [], pageRanks: [] };
  const run = async (q, measure) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const fetched = new Set();
    page.on("request", (r) => { const p = new URL(r.url()).pathname; if (p.startsWith("/pagefind/")) fetched.add(p); });
    await page.goto(`${origin}/`);
    const out = await page.evaluate(async ({ q, measure }) => {
      const pagefind = await import("/pagefind/pagefind.js");
      await pagefind.options({ excerptLength: 30 });
      await pagefind.init();
      const first = await pagefind.search(q);
      const data = await Promise.all(first.results.slice(0, 10).map((r) => r.data()));
      const ms = [];
      if (measure) {
        for (let i = 0; i < 5; i++) {
          const t0 = performance.now();
          const again = await pagefind.search(q);
          await Promise.all(again.results.slice(0, 10).map((r) => r.data()));
          ms.push(performance.now() - t0);
        }
      }
      // Sections: each result page's sub-results (heading anchors) in order, then the page itself.
      const sections = [];
      const pages = [];
      for (const d of data) {
        pages.push(d.url);
        for (const s of d.sub_results ?? []) sections.push(s.url);
        if (!(d.sub_results ?? []).length) sections.push(d.url);
      }
      return { sections, pages, ms };
    }, { q, measure });
    await context.close();
    return { ...out, fetched };
  };
  for (const q of queries) {
    const out = await run(q.q, true);
    let bytes = 0;
    for (const p of out.fetched) bytes += gz(path.join(pfSite, p));
    pf.bytes.push(bytes);
    pf.ms.push(...out.ms);
    const strip = (u) => u.replace(/^\//, "");
    pf.ranks.push(rankOf(out.sections.map(strip), q.expect));
    pf.pageRanks.push(rankOf(out.pages.map(strip), q.expect.map((e) => e.split("#")[0])));
  }
  await browser.close();
  server.close();
  report.pagefind = { ...summarize(pf.ranks), pages: summarize(pf.pageRanks), bytes: stats(pf.bytes), ms: stats(pf.ms) };
  const p = report.pagefind;
  console.log(`Pagefind 1.6.0: section hit@3 ${p.hit3}/${p.total}, MRR ${p.mrr.toFixed(3)}; page hit@3 ${p.pages.hit3}/${p.pages.total}, MRR ${p.pages.mrr.toFixed(3)}` +
    `, first query ${kb(p.bytes.min)}–${kb(p.bytes.max)} gzipped (median ${kb(p.bytes.median)})` +
    `, warm query median ${p.ms.median.toFixed(2)} ms, max ${p.ms.max.toFixed(2)} ms (Chromium, with the 10 results' data)`);
  report.perQuery = queries.map((q, i) => ({ q: q.q, kind: q.kind, ours: ours.ranks[i], pagefindSection: pf.ranks[i], pagefindPage: pf.pageRanks[i] }));
}

const out = option("--report", "");
if (out) fs.writeFileSync(out, JSON.stringify(report, null, 2));
if (flag("--check") && report.ours.bytes.max > budget) {
  console.error(`search budget: a first query downloads ${kb(report.ours.bytes.max)} gzipped, over ${kb(budget)}`);
  process.exit(1);
}
if (flag("--check")) console.log(`search budget: every first query is within ${kb(budget)} gzipped`);
