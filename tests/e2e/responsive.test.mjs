// Reading pages (notice, guide, cases, glossary, section and home pages; not the tool pages) on a
// 390×844 phone and a 1280×800 desktop in headless Chromium: the document never scrolls sideways;
// every table fits its box or sits in a keyboard-focusable region named by its caption with a
// visible cue (hint line and edge shadow); a reflowed table shows each cell's header label; the
// table of contents nests by heading level; headings never skip a level; axe finds nothing at
// either size; print shows whole tables without the hint. Saves a 390 px screenshot of each page
// type to target/e2e/ (responsive-*.png). Nothing is skipped: if Chromium cannot run, this fails.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { BASE_URL, SITE_DIR, OUT_DIR, launch, axeViolations, writeReport } from "./lib.mjs";

const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 800 },
];

/** One screenshot per page type, at 390 px. */
const SHOTS = {
  home: "",
  "notice-section": "notice/",
  "notice-chapter": "notice/06-cautions/",
  "notice-annex-scroll": "notice/annex-4/",
  "notice-annex-reflow": "notice/annex-5/",
  "guide-section": "guide/",
  "guide-level": "guide/level-3/",
  "cases-section": "cases/",
  "case": "cases/case-1/",
  glossary: "glossary/",
  "tools-section": "tools/",
};

/** Site-relative paths of the reading pages: every built page except the tool pages and 404. */
function readingPages() {
  assert.ok(SITE_DIR, "SITE_DIR is not set: run scripts/e2e.sh");
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "index.html") {
        const html = fs.readFileSync(full, "utf8");
        if (html.includes("class=\"content tool-start\"")) continue; // a tool page
        const rel = path.relative(SITE_DIR, path.dirname(full));
        found.push(rel === "" ? "" : `${rel.split(path.sep).join("/")}/`);
      }
    }
  };
  walk(SITE_DIR);
  return found.sort();
}

/** Everything the checks need, measured inside the page. */
function measure() {
  const style = (el, pseudo) => getComputedStyle(el, pseudo ?? null);
  const doc = document.documentElement;
  const out = {
    docWidth: doc.scrollWidth,
    viewport: doc.clientWidth,
    tables: [],
    headings: [],
    toc: null,
  };
  for (const table of document.querySelectorAll("main table")) {
    const wrap = table.closest(".table-wrap");
    const box = wrap ?? table.parentElement;
    const caption = table.caption;
    const labelledby = wrap?.getAttribute("aria-labelledby") ?? "";
    const labelEl = labelledby ? document.getElementById(labelledby) : null;
    const before = wrap ? style(wrap, "::before") : null;
    const headers = [...(table.tHead?.rows[0]?.cells ?? [])].map((c) => c.textContent.trim());
    const cells = [];
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        [...row.cells].forEach((cell, column) => {
          const text = cell.textContent.trim();
          if (!text) return;
          const label = style(cell, "::before");
          cells.push({
            text: text.slice(0, 40),
            header: headers[column] ?? "",
            dataLabel: cell.getAttribute("data-label"),
            labelShown: label.display !== "none" && label.content !== "none" ? label.content : null,
          });
        });
      }
    }
    out.tables.push({
      caption: caption?.textContent.trim() ?? "",
      layout: wrap ? [...wrap.classList].find((c) => c.startsWith("table-") && c !== "table-wrap") ?? "" : "",
      tableWidth: table.getBoundingClientRect().width,
      boxWidth: box.clientWidth,
      scrolls: box.scrollWidth > box.clientWidth + 1,
      tableDisplay: style(table).display,
      focusable: wrap?.getAttribute("tabindex") === "0",
      role: wrap?.getAttribute("role") ?? "",
      name: labelEl ? labelEl.textContent.trim() : "",
      nameIsCaption: Boolean(labelEl && caption && labelEl === caption),
      hint: before && before.display !== "none" && before.content !== "none" ? before.content : null,
      shadow: wrap ? style(wrap).backgroundImage.includes("radial-gradient") : false,
      cells,
    });
  }
  for (const h of document.querySelectorAll("main h1, main h2, main h3, main h4, main h5, main h6")) {
    out.headings.push({ level: Number(h.tagName[1]), id: h.id, text: h.textContent.trim().slice(0, 40) });
  }
  const toc = document.querySelector("main nav.toc");
  if (toc) {
    const levelOf = (a) => {
      const target = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
      return target ? Number(target.tagName[1]) || 0 : -1;
    };
    const walk = (ol) =>
      [...ol.children]
        .filter((li) => li.tagName === "LI")
        .map((li) => {
          const a = li.querySelector(":scope > a");
          const nested = li.querySelector(":scope > ol");
          return { level: a ? levelOf(a) : -1, href: a?.getAttribute("href") ?? "", children: nested ? walk(nested) : [] };
        });
    const top = toc.querySelector(":scope > ol");
    out.toc = top ? walk(top) : [];
  }
  return out;
}

/** Problems with one page's measurements, as readable lines. */
function problems(m, vp) {
  const found = [];
  if (m.docWidth > m.viewport) found.push(`document is ${m.docWidth}px wide in a ${m.viewport}px viewport`);
  for (const t of m.tables) {
    const name = `table "${t.caption}" (${t.layout || "no layout"})`;
    if (!t.caption) found.push(`${name} has no caption`);
    if (!t.layout) found.push(`${name}: no table-fit/table-reflow/table-scroll wrapper`);
    if (t.scrolls || t.tableWidth > t.boxWidth + 1) {
      if (!t.focusable) found.push(`${name} overflows (${t.tableWidth}px in ${t.boxWidth}px) but is not focusable`);
      if (t.role !== "region") found.push(`${name} overflows but is not a region`);
      if (!t.nameIsCaption || !t.name) found.push(`${name} overflows but its region is not named by its caption`);
      if (!t.hint) found.push(`${name} overflows but shows no hint`);
      if (!t.shadow) found.push(`${name} overflows but has no edge shadow`);
    }
    if (t.layout === "table-reflow") {
      if (vp.width <= 390) {
        if (t.tableDisplay !== "block") found.push(`${name} is not reflowed at ${vp.width}px (display ${t.tableDisplay})`);
        for (const c of t.cells) {
          if (!c.header) continue;
          if (c.dataLabel !== c.header) found.push(`${name}: cell "${c.text}" has label ${JSON.stringify(c.dataLabel)}, header is "${c.header}"`);
          else if (c.labelShown !== JSON.stringify(c.header)) found.push(`${name}: cell "${c.text}" does not show its label (${c.labelShown})`);
        }
      } else if (t.tableDisplay !== "table") {
        found.push(`${name} is not a table at ${vp.width}px (display ${t.tableDisplay})`);
      }
    }
  }
  let previous = 0;
  for (const h of m.headings) {
    if (h.level > previous + 1) found.push(`heading h${h.level} "${h.text}" follows h${previous}`);
    previous = h.level;
  }
  if (m.headings.filter((h) => h.level === 1).length !== 1) found.push("not exactly one h1");
  if (m.toc) {
    const check = (entries, parentLevel) => {
      const levels = new Set(entries.map((e) => e.level));
      if (levels.size > 1) found.push(`TOC mixes levels ${[...levels].join(", ")} in one list`);
      for (const e of entries) {
        if (e.level < 0) found.push(`TOC entry ${e.href} points nowhere`);
        if (e.level <= parentLevel) found.push(`TOC entry ${e.href} (h${e.level}) nested under h${parentLevel}`);
        check(e.children, e.level);
      }
    };
    check(m.toc, 1);
    const flat = [];
    const flatten = (entries) => entries.forEach((e) => (flat.push(decodeURIComponent(e.href.slice(1))), flatten(e.children)));
    flatten(m.toc);
    const order = m.headings.map((h) => h.id);
    const positions = flat.map((id) => order.indexOf(id));
    if (positions.some((p, i) => i > 0 && p < positions[i - 1])) found.push("TOC order differs from the headings' order");
  }
  return found;
}

let env;
const report = {};

before(async () => {
  assert.ok(BASE_URL, "BASE_URL is not set: run scripts/e2e.sh");
  env = await launch();
});

after(async () => {
  if (env) await env.close();
  writeReport("responsive.json", report);
});

for (const vp of VIEWPORTS) {
  test(`reading pages at ${vp.width}×${vp.height}: no sideways page, tables fit or scroll with a cue, TOC and headings in order, axe clean`, async () => {
    const list = readingPages();
    assert.ok(list.length >= 20, `only ${list.length} reading pages found under ${SITE_DIR}`);
    const page = await env.context.newPage();
    await page.setViewportSize({ width: vp.width, height: vp.height });
    const all = [];
    let tables = 0;
    let reflowed = 0;
    let scrolling = 0;
    let tocs = 0;
    report[vp.name] = {};
    for (const rel of list) {
      const response = await page.goto(new URL(rel, BASE_URL).href);
      assert.equal(response?.status(), 200, `${rel || "/"}: HTTP ${response?.status()}`);
      const m = await page.evaluate(measure);
      tables += m.tables.length;
      reflowed += m.tables.filter((t) => t.layout === "table-reflow" && t.tableDisplay === "block").length;
      scrolling += m.tables.filter((t) => t.scrolls).length;
      if (m.toc) tocs += 1;
      const found = problems(m, vp);
      for (const v of await axeViolations(page)) found.push(`axe: ${v}`);
      report[vp.name][rel || "/"] = {
        docWidth: m.docWidth,
        tables: m.tables.map((t) => ({ caption: t.caption, layout: t.layout, width: Math.round(t.tableWidth), box: t.boxWidth, scrolls: t.scrolls })),
        problems: found,
      };
      all.push(...found.map((p) => `${rel || "/"}: ${p}`));
      if (vp.width === 390) {
        for (const [shot, at] of Object.entries(SHOTS)) {
          if (at === rel) {
            fs.mkdirSync(OUT_DIR, { recursive: true });
            await page.screenshot({ path: path.join(OUT_DIR, `responsive-${shot}-390.png`), fullPage: true });
          }
        }
      }
    }
    await page.close();
    assert.deepEqual(all, [], `${all.length} problems at ${vp.width}px:\n${all.join("\n")}`);
    // The checks above must have had something to check.
    assert.ok(tables >= 30, `only ${tables} tables on the reading pages`);
    assert.ok(tocs >= 10, `only ${tocs} pages with a table of contents`);
    if (vp.width === 390) {
      assert.ok(reflowed >= 10, `only ${reflowed} tables reflowed at 390 px`);
      assert.ok(scrolling >= 2, `only ${scrolling} tables scroll at 390 px (the wide annex tables should)`);
    } else {
      assert.equal(scrolling, 0, "no table needs to scroll at 1280 px");
    }
  });
}

test("the 390 px screenshots of each page type exist", async () => {
  // Runs after the phone test above (node:test runs a file's tests in order).
  for (const shot of Object.keys(SHOTS)) {
    const file = path.join(OUT_DIR, `responsive-${shot}-390.png`);
    assert.ok(fs.existsSync(file) && fs.statSync(file).size > 10_000, `${file} is missing or empty`);
  }
});

test("print shows whole tables: no hint, no forced width, nothing cut off", async () => {
  const page = await env.context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ media: "print" });
  const found = [];
  for (const rel of ["notice/08-contacts/", "notice/annex-2/", "notice/annex-4/", "notice/06-cautions/"]) {
    await page.goto(new URL(rel, BASE_URL).href);
    const tables = await page.evaluate(() =>
      [...document.querySelectorAll("main .table-wrap")].map((wrap) => ({
        caption: wrap.querySelector("caption")?.textContent.trim() ?? "",
        hint: ((b) => (b.display === "none" || b.content === "none" ? "none" : b.content))(getComputedStyle(wrap, "::before")),
        overflow: getComputedStyle(wrap).overflowX,
        minWidth: getComputedStyle(wrap.querySelector("table")).minWidth,
        display: getComputedStyle(wrap.querySelector("table")).display,
      })),
    );
    assert.ok(tables.length > 0, `${rel}: no tables found`);
    for (const t of tables) {
      if (t.hint !== "none") found.push(`${rel} "${t.caption}": the scroll hint prints`);
      if (t.overflow !== "visible") found.push(`${rel} "${t.caption}": wrapper clips (overflow ${t.overflow})`);
      if (!["0px", "auto"].includes(t.minWidth)) found.push(`${rel} "${t.caption}": min-width ${t.minWidth} in print`);
      if (t.display !== "table") found.push(`${rel} "${t.caption}": printed as ${t.display}, not a table`);
    }
  }
  await page.close();
  assert.deepEqual(found, []);
});
