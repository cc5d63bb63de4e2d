// The application-window banner on every page, in headless Chromium behind nginx (scripts/e2e.sh),
// with the visitor's clock set to instants around the notice's windows (KST): 지원과제 신청·접수
// 2026-04-27 ~ 2026-06-16 17시, 기획기관 신청 2026-04-27 ~ 2026-05-15 17시; closed from 17:00:00.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE_URL, launch } from "./lib.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
});

/** Opens a page with `Date.now()` (and `new Date()`) fixed at `iso`; returns each window's state. */
async function bannerAt(iso, path = "") {
  const page = await browser.context.newPage();
  const fixed = Date.parse(iso);
  await page.addInitScript((ms) => {
    const RealDate = Date;
    class FixedDate extends RealDate {
      constructor(...args) {
        super(...(args.length ? args : [ms]));
      }
      static now() {
        return ms;
      }
    }
    globalThis.Date = FixedDate;
  }, fixed);
  await page.goto(new URL(path, BASE_URL).href, { waitUntil: "load" });
  await page.waitForSelector(".window-banner li[data-status]");
  const states = await page.$$eval(".window-banner li", (items) =>
    Object.fromEntries(
      items.map((li) => [
        li.dataset.window,
        {
          status: li.dataset.status,
          shown: [...li.querySelectorAll(".window-state, .window-period")]
            .filter((el) => !el.hidden)
            .map((el) => el.textContent.trim()),
        },
      ]),
    ),
  );
  await page.close();
  return states;
}

const cases = [
  ["2026-04-26T23:59:59+09:00", "not_yet_open", "not_yet_open"],
  ["2026-04-27T00:00:00+09:00", "open", "open"],
  ["2026-05-15T16:59:59+09:00", "open", "open"],
  ["2026-05-15T17:00:00+09:00", "open", "closed"],
  ["2026-06-16T16:59:59+09:00", "open", "closed"],
  ["2026-06-16T17:00:00+09:00", "closed", "closed"],
  ["2026-11-25T09:00:00+09:00", "closed", "closed"],
];

for (const [iso, project, planning] of cases) {
  test(`at ${iso}: 지원과제 ${project}, 기획기관 ${planning}`, async () => {
    const states = await bannerAt(iso);
    assert.equal(states.project.status, project);
    assert.equal(states.planning_org.status, planning);
    for (const state of Object.values(states)) {
      assert.equal(state.shown.length, 1, `exactly one message shows: ${JSON.stringify(state)}`);
    }
    const word = { not_yet_open: "접수 전", open: "접수 중", closed: "마감" }[project];
    assert.match(states.project.shown[0], new RegExp(word));
  });
}

test("the banner is on a deep page too, with the same states", async () => {
  const states = await bannerAt("2026-05-01T12:00:00+09:00", "notice/annex-1/");
  assert.equal(states.project.status, "open");
  assert.match(states.project.shown[0], /2026년 6월 16일 17:00 전에/);
});

test("without JavaScript the banner shows the published periods", async () => {
  const plain = await launch({ javaScriptEnabled: false });
  try {
    const page = await plain.context.newPage();
    await page.goto(BASE_URL, { waitUntil: "load" });
    const shown = await page.$$eval(".window-banner li", (items) =>
      items.map((li) =>
        [...li.querySelectorAll(".window-state, .window-period")]
          .filter((el) => !el.hidden)
          .map((el) => el.textContent.trim()),
      ),
    );
    assert.deepEqual(shown, [
      ["지원과제 신청: 2026-04-27 00:00 ~ 2026-06-16 17:00 (한국 시각)"],
      ["기획기관 신청: 2026-04-27 00:00 ~ 2026-05-15 17:00 (한국 시각)"],
    ]);
  } finally {
    await plain.close();
  }
});
