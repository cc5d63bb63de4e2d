// The search quality set (tests/search-queries.toml) and a Node harness that runs the site's own
// static/js/search.js against a built site folder (fetch served from disk). Used by
// tests/e2e/search.test.mjs and scripts/search-bench.sh.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const QUERIES_FILE = path.resolve(here, "../search-queries.toml");

/** The `[[query]]` tables of the set: { q, kind, expect[] } (the file keeps to that subset of TOML). */
export function loadQueries(file = QUERIES_FILE) {
  const queries = [];
  let current = null;
  for (const [i, raw] of fs.readFileSync(file, "utf8").split("\n").entries()) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    if (line === "[[query]]") { current = { q: "", kind: "", expect: [] }; queries.push(current); continue; }
    const m = line.match(/^(\w+)\s*=\s*(.+)$/);
    if (!m || !current) throw new Error(`${file}:${i + 1}: cannot read "${line}"`);
    const value = JSON.parse(m[2]);
    current[m[1]] = value;
  }
  for (const q of queries) {
    if (!q.q || !Array.isArray(q.expect)) throw new Error(`${file}: query without q or expect: ${JSON.stringify(q)}`);
  }
  return queries;
}

/** Rank (1-based) of the first expected section among `urls` (root-relative, `page/#anchor`), or 0. */
export function rankOf(urls, expect) {
  const norm = (u) => decodeURIComponent(u).replace(/#$/, "");
  const want = new Set(expect.map(norm));
  const i = urls.findIndex((u) => want.has(norm(u)));
  return i < 0 ? 0 : i + 1;
}

/** hit@3 count and MRR over ranks (0 = not found). */
export function summarize(ranks) {
  const hit3 = ranks.filter((r) => r > 0 && r <= 3).length;
  const mrr = ranks.reduce((s, r) => s + (r > 0 ? 1 / r : 0), 0) / ranks.length;
  return { hit3, total: ranks.length, mrr };
}

/**
 * Loads static/js/search.js (as built into `siteDir`) in a VM with a minimal DOM and a fetch that
 * reads files from `siteDir`; returns { search(q) -> urls[], bytes: Map(url -> raw bytes) }.
 */
export function nodeSearch(siteDir) {
  const fetched = new Map();
  const fetchFromDisk = async (url) => {
    const rel = decodeURIComponent(new URL(url, "http://local/site/").pathname).replace(/^\/site\//, "");
    const file = path.join(siteDir, rel);
    const body = fs.readFileSync(file);
    fetched.set(rel, body.length);
    return { ok: true, status: 200, json: async () => JSON.parse(body.toString("utf8")) };
  };
  const sandbox = {
    document: { body: { dataset: { root: "" } }, querySelectorAll: () => [] },
    location: { href: "http://local/site/", hash: "", pathname: "/site/" },
    history: { replaceState() {} },
    performance,
    fetch: fetchFromDisk,
    URL,
    URLSearchParams,
    TextEncoder,
    setTimeout,
    clearTimeout,
    console,
  };
  sandbox.window = sandbox;
  vm.createContext(sandbox);
  vm.runInContext(fs.readFileSync(path.join(siteDir, "js/search.js"), "utf8"), sandbox);
  const api = sandbox.afsiteSearch;
  api.setIndex("search/index.json");
  return {
    fetched,
    async search(q) {
      const result = await api.search(q);
      return result.hits.map((h) => h.url + "#" + h.anchor);
    },
  };
}
