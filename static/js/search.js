// Site search in the browser: reads the index written by `afsite build` (src/search/), never sends
// a query anywhere. Loaded only when the visitor reaches for search (js/search-boot.js on focus of
// the header field, or the search page). Every word shown comes from the form's data-msg-*
// attributes (templates/partials/search-form.html); the Korean particle list comes from the index.
// The tokenizer mirrors src/search/tokenize.rs exactly.
(() => {
  'use strict';
  const MAX_RESULTS = 10;
  const root = document.body.dataset.root || './';

  // ---- Tokenizer (same rules as src/search/tokenize.rs) ------------------------------------
  const MAX_WORD = 24;
  const fold = (c) => {
    const n = c.codePointAt(0);
    if (n >= 0x41 && n <= 0x5a) return String.fromCodePoint(n + 32);
    if ((n >= 0xff10 && n <= 0xff19) || (n >= 0xff41 && n <= 0xff5a)) return String.fromCodePoint(n - 0xfee0);
    if (n >= 0xff21 && n <= 0xff3a) return String.fromCodePoint(n - 0xfee0 + 32);
    return c;
  };
  const WORD = 1, SYL = 2, SPACE = 3, BREAK = 4;
  const classOf = (c) => {
    const n = c.codePointAt(0);
    if ((n >= 0x61 && n <= 0x7a) || (n >= 0x30 && n <= 0x39)) return WORD;
    if ((n >= 0xac00 && n <= 0xd7a3) || (n >= 0x3131 && n <= 0x318e) || (n >= 0x4e00 && n <= 0x9fff)) return SYL;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || n === 0xa0 || n === 0x3000) return SPACE;
    return BREAK;
  };
  const isDigit = (c) => c !== undefined && c >= '0' && c <= '9';
  // Runs of units; a unit is {t: text, w: true for a Latin/digit word}.
  // `sp` marks a unit that follows a space inside its run (a query's word boundary).
  const runs = (text) => {
    const chars = Array.from(text, fold);
    const out = [];
    let run = [];
    let word = '';
    let sp = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i];
      const cls = classOf(c);
      if (cls === WORD) {
        if (word.length < MAX_WORD) word += c;
        continue;
      }
      if ((c === ',' || c === '.') && i > 0 && isDigit(chars[i - 1]) && isDigit(chars[i + 1]) && word) continue;
      if (word) { run.push({ t: word, w: true, sp }); word = ''; sp = false; }
      if (cls === SYL) { run.push({ t: c, w: false, sp }); sp = false; }
      else if (cls === SPACE) sp = run.length > 0;
      else if (cls === BREAK) { if (run.length) out.push(run); run = []; sp = false; }
    }
    if (word) run.push({ t: word, w: true, sp });
    if (run.length) out.push(run);
    return out;
  };
  const pair = (a, b) => (a.w && b.w ? `${a.t} ${b.t}` : a.t + b.t);
  const squash = (text) => runs(text).map((r) => r.map((u) => u.t).join('')).join('');

  const fnv = (term, k) => {
    let h = 0x811c9dc5;
    for (const b of new TextEncoder().encode(term)) {
      h ^= b;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % Math.max(1, k);
  };

  // Number units after digits (the index's list, from tokenize.rs): a number and its unit give
  // the amount as a term (#910000), whatever the unit it is written with.
  const amount = (run, i, units) => {
    const u = run[i];
    if (!u.w || u.t.length > 7 || !/^[0-9]+$/.test(u.t)) return null;
    for (const [unit, factor] of units) {
      if (Array.from(unit).every((c, k) => run[i + 1 + k] && !run[i + 1 + k].w && run[i + 1 + k].t === c)) {
        return `#${Number(u.t) * factor}`;
      }
    }
    return null;
  };

  // Terms of a query: Map term -> {q: weight, req: whether it counts toward coverage}.
  const queryTerms = (query, particles, units) => {
    const terms = new Map();
    const add = (t, q, req) => {
      const old = terms.get(t);
      if (!old || old.q < q) terms.set(t, { q, req: req || (old ? old.req : false) });
    };
    let stem = '';
    for (const run of runs(query)) {
      if (run.length === 1) {
        add(run[0].t, 1, true);
        stem += run[0].t;
        continue;
      }
      // A particle or ending at the end of a typed word (of 2+ syllables before it) is optional.
      const particle = new Array(run.length).fill(false);
      for (let start = 0; start < run.length;) {
        let end = start + 1;
        while (end < run.length && !run[end].sp) end++;
        const word = run.slice(start, end);
        for (const p of particles) {
          const n = Array.from(p).length;
          if (word.length - n < 2) continue;
          const tail = word.slice(word.length - n);
          if (tail.every((u) => !u.w) && tail.map((u) => u.t).join('') === p) {
            for (let k = end - n; k < end; k++) particle[k] = true;
            break;
          }
        }
        start = end;
      }
      for (let i = 0; i + 1 < run.length; i++) {
        const won = amount(run, i, units);
        if (won) add(won, 1, true);
        // A number and its unit are matched as an amount, whatever the unit.
        const optional = particle[i] || particle[i + 1] || won !== null;
        add(pair(run[i], run[i + 1]), optional ? 0.3 : 1, !optional);
      }
      for (const u of run) if (u.w) add(u.t, 0.5, false);
      stem += run.filter((_, k) => !particle[k]).map((u) => u.t).join('');
    }
    return { terms, stem };
  };

  // ---- Index loading --------------------------------------------------------------------------
  const cache = new Map();
  const getJson = (url) => {
    if (!cache.has(url)) {
      cache.set(url, fetch(url, { credentials: 'same-origin' }).then((r) => {
        if (!r.ok) throw new Error(`${url}: ${r.status}`);
        return r.json();
      }));
    }
    return cache.get(url);
  };
  let entryUrl = '';
  const entry = () => getJson(entryUrl);
  const shardUrl = (e, name) => new URL(`${e.v}/${name}.json`, new URL(entryUrl, location.href)).href;

  const docShardOf = (e, sid) => {
    let lo = 0, hi = e.d.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (e.d[mid] <= sid) lo = mid; else hi = mid - 1;
    }
    return lo;
  };

  // Scores of sections for one set of terms.
  const scoreTerms = async (e, terms, factor, scores) => {
    const byShard = new Map();
    for (const t of terms.keys()) byShard.set(fnv(t, e.k), null);
    await Promise.all([...byShard.keys()].map(async (k) => byShard.set(k, await getJson(shardUrl(e, `t${k}`)))));
    let totalReq = 0;
    const matched = new Map();
    const raw = new Map();
    for (const [t, { q, req }] of terms) {
      const list = byShard.get(fnv(t, e.k))[t];
      const df = list ? list[0] : 0.5;
      const idf = Math.log(1 + (e.n - df + 0.5) / (df + 0.5));
      if (req) totalReq += q * idf;
      if (!list) continue;
      let sid = 0;
      for (let i = 1; i + 1 < list.length; i += 2) {
        sid += list[i];
        raw.set(sid, (raw.get(sid) || 0) + (q * idf * list[i + 1]) / 20);
        if (req) matched.set(sid, (matched.get(sid) || 0) + q * idf);
      }
    }
    for (const [sid, s] of raw) {
      const coverage = totalReq > 0 ? (matched.get(sid) || 0) / totalReq : 1;
      if (coverage < 0.5) continue;
      const final = s * coverage * coverage * factor;
      if (!scores.has(sid) || scores.get(sid) < final) scores.set(sid, final);
    }
  };

  const search = async (query) => {
    const e = await entry();
    const { terms, stem } = queryTerms(query, e.particles, e.units);
    if (!terms.size) return { total: 0, hits: [] };
    const scores = new Map();
    await scoreTerms(e, terms, 1, scores);
    // Glossary aliases: a query that is one name of a term ([term, aliases..., expansion parts...])
    // also finds the term as the text writes it; the term itself also finds its short aliases.
    const whole = squash(query);
    const stems = [stem];
    for (const group of e.aliases) {
      const names = group.map(squash);
      if (!names.includes(whole) && !names.includes(stem)) continue;
      const others = names[0] === whole || names[0] === stem
        ? group.slice(1).filter((n) => squash(n).length <= 8)
        : [group[0]];
      for (const name of others) {
        if (squash(name) === whole) continue;
        const other = queryTerms(name, [], e.units);
        stems.push(other.stem);
        await scoreTerms(e, other.terms, 0.8, scores);
      }
    }
    const ranked = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const top = ranked.slice(0, MAX_RESULTS);
    const shards = await Promise.all(top.map(([sid]) => {
      const i = docShardOf(e, sid);
      return getJson(shardUrl(e, `d${i}`)).then((doc) => ({ doc, first: e.d[i] }));
    }));
    const hits = top.map(([sid, score], i) => {
      const { doc, first } = shards[i];
      const [pageIndex, anchor, heading, text] = doc.s[sid - first];
      const [url, title] = doc.p[pageIndex];
      // Exact wording first: the section titled by the query (a glossary entry, the defining
      // clause) above sections that only mention it.
      const head = squash(heading);
      let bonus = 1;
      for (const s of stems) {
        if (!s) continue;
        if (head === s || head.startsWith(s) && head.length <= s.length * 2) bonus = Math.max(bonus, 2.5);
        else if (head.includes(s)) bonus = Math.max(bonus, 1.6);
        else if (squash(text).includes(s)) bonus = Math.max(bonus, 1.2);
      }
      return { sid, score: score * bonus, url, title, anchor, heading, text };
    });
    hits.sort((a, b) => b.score - a.score || a.sid - b.sid);
    return { total: ranked.length, hits, stems, terms };
  };

  // ---- Snippets -------------------------------------------------------------------------------
  // Where `needle` (squashed) occurs in `text`: [start, end) in `text`'s own code units.
  const locate = (text, needles) => {
    let flat = '';
    const at = [];
    for (let i = 0; i < text.length;) {
      const c = String.fromCodePoint(text.codePointAt(i));
      const f = fold(c);
      const cls = classOf(f);
      if (cls === WORD || cls === SYL) { flat += f; for (let j = 0; j < f.length; j++) at.push(i); }
      i += c.length;
    }
    const span = (p, n) => {
      const last = at[p + n - 1];
      return [at[p], last + String.fromCodePoint(text.codePointAt(last)).length];
    };
    // The whole query (or a name of it) if the text has it; else the longest stretch made of the
    // query's bigrams one after another (all of a compound query rather than its first bigram).
    for (const n of needles) {
      if (n.length > 2 && flat.indexOf(n) >= 0) return span(flat.indexOf(n), n.length);
    }
    const pairs = new Set(needles.filter((n) => n.length === 2));
    let best = null;
    for (let i = 0; i + 1 < flat.length; i++) {
      if (!pairs.has(flat.slice(i, i + 2))) continue;
      let j = i + 1;
      while (j + 1 < flat.length && pairs.has(flat.slice(j, j + 2))) j++;
      if (!best || j + 1 - i > best[1]) best = [i, j + 1 - i];
      i = j;
    }
    for (const n of needles) {
      if (!best && n && flat.indexOf(n) >= 0) best = [flat.indexOf(n), n.length];
    }
    return best ? span(best[0], best[1]) : null;
  };

  const snippet = (text, needles) => {
    const span = document.createElement('span');
    span.className = 'search-hit-snippet';
    const found = locate(text, needles);
    const [s, e] = found || [0, 0];
    const from = Math.max(0, s - 40);
    const to = Math.min(text.length, Math.max(e + 80, from + 120));
    span.append((from > 0 ? '…' : '') + text.slice(from, s));
    if (found) {
      const mark = document.createElement('mark');
      mark.textContent = text.slice(s, e);
      span.append(mark);
    }
    span.append(text.slice(e, to) + (to < text.length ? '…' : ''));
    return span;
  };

  // ---- Interface ------------------------------------------------------------------------------
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));

  const setup = (form) => {
    if (form.dataset.searchReady) return;
    form.dataset.searchReady = 'true';
    entryUrl = entryUrl || form.dataset.searchIndex;
    const input = form.querySelector('.search-input');
    const panel = form.querySelector('.search-results');
    const status = form.querySelector('.search-status');
    const list = form.querySelector('.search-list');
    const msg = form.dataset;
    const onPage = form.id === 'search-page';
    let seq = 0;
    let timer = 0;

    const links = () => [...list.querySelectorAll('a')];
    const close = () => { if (!onPage) panel.hidden = true; };

    const run = async () => {
      const query = input.value.trim();
      const mine = ++seq;
      if (onPage) history.replaceState(null, '', query ? `#q=${encodeURIComponent(query)}` : location.pathname);
      if (!query) { list.replaceChildren(); status.textContent = ''; close(); return; }
      const t0 = performance.now();
      let result;
      try {
        result = await search(query);
      } catch (err) {
        if (mine !== seq) return;
        list.replaceChildren();
        status.textContent = msg.msgError;
        panel.hidden = false;
        return;
      }
      if (mine !== seq) return;
      const needles = [...new Set([...result.stems || [], ...[...(result.terms || new Map()).keys()]])]
        .filter(Boolean).sort((a, b) => b.length - a.length);
      const items = result.hits.map((hit) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.className = 'search-hit';
        a.href = root + hit.url + (hit.anchor ? `#${hit.anchor}` : '');
        const h = document.createElement('span');
        h.className = 'search-hit-heading';
        h.textContent = hit.heading;
        a.append(h);
        if (hit.heading !== hit.title) {
          const p = document.createElement('span');
          p.className = 'search-hit-page';
          p.textContent = hit.title;
          a.append(p);
        }
        if (hit.text) a.append(snippet(hit.text, needles));
        li.append(a);
        return li;
      });
      list.replaceChildren(...items);
      const n = result.total;
      status.textContent = n === 0 ? msg.msgNone
        : fill(n > items.length ? msg.msgMore : msg.msgCount, { n, shown: items.length });
      panel.hidden = false;
      const t1 = performance.now();
      performance.measure('afsite-search', { start: t0, end: t1 });
      form.dataset.searchDone = String(mine);
    };

    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(run, 40);
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const query = input.value.trim();
      if (!onPage && query) {
        location.href = `${msg.searchPage}#q=${encodeURIComponent(query)}`;
        return;
      }
      clearTimeout(timer);
      run();
    });
    form.addEventListener('keydown', (event) => {
      const all = links();
      const i = all.indexOf(document.activeElement);
      if (event.key === 'ArrowDown' && all.length) {
        event.preventDefault();
        if (panel.hidden) panel.hidden = false;
        all[Math.min(i + 1, all.length - 1)].focus();
      } else if (event.key === 'ArrowUp' && i >= 0) {
        event.preventDefault();
        if (i === 0) input.focus(); else all[i - 1].focus();
      } else if (event.key === 'Escape') {
        if (!onPage && !panel.hidden) {
          event.preventDefault();
          panel.hidden = true;
          input.focus();
        }
      }
    });
    if (!onPage) {
      form.addEventListener('focusout', () => {
        setTimeout(() => { if (!form.contains(document.activeElement)) close(); }, 0);
      });
      form.addEventListener('focusin', () => { if (input.value.trim() && list.children.length) panel.hidden = false; });
    } else {
      const fromHash = new URLSearchParams(location.hash.slice(1)).get('q');
      if (fromHash) input.value = fromHash;
    }
    if (input.value.trim()) run();
  };

  for (const form of document.querySelectorAll('form.search-form')) setup(form);
  // For tests and scripts/search-bench.sh: the ranking without the interface.
  window.afsiteSearch = {
    search,
    setIndex: (url) => { entryUrl = url; },
    runs: (t) => runs(t).map((r) => r.map((u) => u.t)),
    shardOf: fnv,
  };
})();
