//! Writes the search index from the rendered pages.
//!
//! Files (all JSON, under `search/`):
//! - `index.json`: the entry the browser reads first: section count, shard counts, where each
//!   document shard starts, the particles and endings a query may carry, and the glossary's alias
//!   groups. Small and fixed in size whatever the site's size (but for the alias list).
//! - `<version>/t<k>.json`: term shard `k` (terms are spread over shards by an FNV-1a hash, so a
//!   query fetches only the shards of its own terms): `{"term": [df, id, w, +id, w, …]}`, section
//!   ids delta-coded, `w` a BM25 weight (heading hits count triple) scaled to an integer.
//! - `<version>/d<i>.json`: document shard `i`, consecutive sections with page URL and title,
//!   heading, anchor and (capped) text for the snippet; fetched only for the results shown.
//!
//! Very common terms keep only their best-weighted postings (`MAX_POSTINGS`; their df stays
//! exact), so a first query stays small on a 10,000-page site.
use super::extract::{self, Section};
use super::tokenize;
use super::{SEARCH_PATH, SECTIONS_MARKER, SECTIONS_PATH};
use crate::assets::{short_hash, FileData, OutputFile};
use crate::content::{depth_of, root_prefix, url_of};
use crate::glossary::Term;
use crate::render::HtmlPage;
use pulldown_cmark_escape::escape_html;
use rayon::prelude::*;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};

/// Target size of a term shard (raw JSON bytes; about a third of that gzipped).
const TERM_SHARD_BYTES: usize = 1024;
/// Target size of a document shard (raw JSON bytes).
const DOC_SHARD_BYTES: usize = 2 * 1024;
/// At most this many term shards and this many document shards: on large sites shards grow
/// instead (a few more bytes per query, far fewer files to write on every build).
const MAX_TERM_SHARDS: usize = 2000;
const MAX_DOC_SHARDS: usize = 3000;
/// Characters of a section's text kept for snippets.
const TEXT_CAP: usize = 400;
/// Postings kept per term (the best-weighted).
const MAX_POSTINGS: usize = 1000;
/// Postings kept for a single syllable (only one-syllable queries read them).
const MAX_SYLLABLE_POSTINGS: usize = 100;
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// A term in the heading counts as this many in the text.
const HEADING_TF: u32 = 3;
/// Weights are BM25 term factors (0 to 2.2) times this, rounded.
const SCALE: f64 = 20.0;

/// Particles and endings a query word may carry (longest first); a query's bigrams that reach
/// into one are optional. Korean grammar, so it lives with the index, not in the script.
const PARTICLES: [&str; 42] = [
    "으로부터",
    "에서부터",
    "으로써",
    "으로서",
    "에서는",
    "에게는",
    "으로는",
    "이라는",
    "이라고",
    "입니다",
    "합니다",
    "됩니다",
    "에서",
    "에게",
    "으로",
    "부터",
    "까지",
    "처럼",
    "보다",
    "이나",
    "이란",
    "라는",
    "하는",
    "하고",
    "하여",
    "해야",
    "했다",
    "된다",
    "한다",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "에",
    "의",
    "로",
    "와",
    "과",
    "도",
    "만",
];

#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = term_hash_from(self.0, bytes);
    }
    /// Keys that are already hashes (term ids) are used as they are.
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

fn term_hash_from(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = if seed == 0 {
        0xcbf2_9ce4_8422_2325
    } else {
        seed
    };
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A term's id: its 64-bit FNV-1a hash (strings are kept once, in the dictionary).
fn term_id(term: &str) -> u64 {
    term_hash_from(0, term.as_bytes())
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
/// (section id, weight), ids ascending.
type Postings = Vec<(u32, u8)>;

struct IndexedPage {
    url: String,
    title: String,
    sections: Vec<(Section, Counts)>,
    /// Term id -> term, for the terms of this page.
    dict: FastMap<u64, String>,
}

struct Counts {
    /// (term id, count in text, count in heading)
    terms: Vec<(u64, u32, u32)>,
    len: u32,
}

fn count(section: &Section, dict: &mut FastMap<u64, String>) -> Counts {
    let mut map: FastMap<u64, (u32, u32)> = FastMap::default();
    map.reserve(section.text.len() / 2);
    let mut len = 0usize;
    for (text, heading) in [(&section.heading, true), (&section.text, false)] {
        len += tokenize::for_each_term(text, heading, |term| {
            let id = term_id(term);
            let entry = map.entry(id).or_insert_with(|| {
                dict.entry(id).or_insert_with(|| term.to_string());
                (0, 0)
            });
            if heading {
                entry.1 += 1;
            } else {
                entry.0 += 1;
            }
        });
    }
    Counts {
        terms: map.into_iter().map(|(t, (b, h))| (t, b, h)).collect(),
        len: len as u32,
    }
}

/// Builds the index files from `pages` (in `order`), and fills the sections page's list.
pub fn build(pages: &mut [HtmlPage], order: &[String], glossary: &[Term]) -> Vec<OutputFile> {
    let search_out = format!("{}index.html", url_of(SEARCH_PATH));
    let sections_out = format!("{}index.html", url_of(SECTIONS_PATH));
    let by_out: HashMap<&str, usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.out_path.as_str(), i))
        .collect();
    let ordered: Vec<usize> = order
        .iter()
        .filter(|o| **o != search_out && **o != sections_out)
        .filter_map(|o| by_out.get(o.as_str()).copied())
        .collect();
    let indexed: Vec<IndexedPage> = ordered
        .par_iter()
        .map(|&i| {
            let page = &pages[i];
            let sections = extract::sections(&page.html);
            let title = sections
                .first()
                .map(|s| s.heading.clone())
                .unwrap_or_default();
            let mut dict = FastMap::default();
            let sections = sections
                .into_iter()
                .map(|s| {
                    let c = count(&s, &mut dict);
                    (s, c)
                })
                .collect();
            IndexedPage {
                url: page.out_path.trim_end_matches("index.html").to_string(),
                title,
                sections,
                dict,
            }
        })
        .collect();

    let list = sections_list(&indexed);
    if let Some(page) = pages.iter_mut().find(|p| p.out_path == sections_out) {
        page.html = page.html.replacen(SECTIONS_MARKER, &list, 1);
    }
    write_index(indexed, glossary)
}

/// The JS-off fallback: every section of the site, linked, grouped by page.
fn sections_list(indexed: &[IndexedPage]) -> String {
    let root = root_prefix(depth_of(SECTIONS_PATH));
    let mut html = String::new();
    for (i, page) in indexed.iter().enumerate() {
        // Anchors stay as written (like the pages' own tables of contents); escaped for the attribute.
        let href = format!("{root}{}", page.url);
        let _ = write!(
            html,
            "<section class=\"search-sections-page\">\n<h2 id=\"sections-{i}\"><a href=\""
        );
        let _ = escape_html(&mut html, &href);
        html.push_str("\">");
        let _ = escape_html(&mut html, &page.title);
        html.push_str("</a></h2>\n");
        let anchored: Vec<&Section> = page
            .sections
            .iter()
            .map(|(s, _)| s)
            .filter(|s| !s.anchor.is_empty())
            .collect();
        if !anchored.is_empty() {
            html.push_str("<ul>\n");
            for s in anchored {
                let href = format!("{root}{}#{}", page.url, s.anchor);
                html.push_str("<li><a href=\"");
                let _ = escape_html(&mut html, &href);
                html.push_str("\">");
                let _ = escape_html(&mut html, &s.heading);
                html.push_str("</a></li>\n");
            }
            html.push_str("</ul>\n");
        }
        html.push_str("</section>\n");
    }
    html
}

fn cap(term: &str) -> usize {
    let mut chars = term.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_ascii() => MAX_SYLLABLE_POSTINGS,
        _ => MAX_POSTINGS,
    }
}

fn bm25(tf: f64, len: f64, avg: f64) -> u32 {
    let norm = K1 * (1.0 - B + B * len / avg.max(1.0));
    let w = tf * (K1 + 1.0) / (tf + norm) * SCALE;
    (w.round() as u32).clamp(1, 255)
}

fn write_index(indexed: Vec<IndexedPage>, glossary: &[Term]) -> Vec<OutputFile> {
    let total: usize = indexed.iter().map(|p| p.sections.len()).sum();
    let total_len: u64 = indexed
        .iter()
        .flat_map(|p| p.sections.iter().map(|(_, c)| u64::from(c.len)))
        .sum();
    let avg = total_len as f64 / total.max(1) as f64;

    // Postings, section ids in ascending order.
    let mut postings: FastMap<u64, Postings> = FastMap::default();
    let mut dict: FastMap<u64, String> = FastMap::default();
    let mut docs: Vec<(usize, Section)> = Vec::with_capacity(total);
    let mut pages: Vec<(String, String)> = Vec::with_capacity(indexed.len());
    let mut id = 0u32;
    for (page_index, page) in indexed.into_iter().enumerate() {
        pages.push((page.url, page.title));
        for (id, term) in page.dict {
            dict.entry(id).or_insert(term);
        }
        for (section, counts) in page.sections {
            let len = f64::from(counts.len);
            for (term, body, head) in counts.terms {
                let tf = f64::from(body + HEADING_TF * head);
                let w = bm25(tf, len, avg).min(255) as u8;
                postings.entry(term).or_default().push((id, w));
            }
            docs.push((page_index, section));
            id += 1;
        }
    }

    // Term shards.
    let mut estimate = 0usize;
    let postings: Vec<(String, Postings)> = postings
        .into_iter()
        .filter_map(|(id, list)| dict.remove(&id).map(|term| (term, list)))
        .collect();
    for (term, list) in &postings {
        estimate += term.len() + 8 + list.len().min(cap(term)) * 6;
    }
    let shards = estimate
        .div_ceil(TERM_SHARD_BYTES)
        .clamp(1, MAX_TERM_SHARDS) as u32;
    let mut by_shard: Vec<Vec<(String, Postings)>> = vec![Vec::new(); shards as usize];
    for (term, list) in postings {
        by_shard[tokenize::shard_of(&term, shards) as usize].push((term, list));
    }
    let term_files: Vec<String> = by_shard
        .into_par_iter()
        .map(|mut terms| {
            terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            let mut json = String::from("{");
            for (i, (term, mut list)) in terms.into_iter().enumerate() {
                let df = list.len();
                if list.len() > cap(&term) {
                    list.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                    list.truncate(cap(&term));
                    list.sort_unstable_by_key(|p| p.0);
                }
                if i > 0 {
                    json.push(',');
                }
                push_json_str(&mut json, &term);
                let _ = write!(json, ":[{df}");
                let mut last = 0u32;
                for (sid, w) in list {
                    let _ = write!(json, ",{},{w}", sid - last);
                    last = sid;
                }
                json.push(']');
            }
            json.push('}');
            json
        })
        .collect();

    // Document shards.
    let doc_bytes: usize = docs
        .iter()
        .map(|(_, s)| s.heading.len() + s.anchor.len() + s.text.len().min(TEXT_CAP * 3) + 8)
        .sum();
    let doc_shard_bytes = DOC_SHARD_BYTES.max(doc_bytes / MAX_DOC_SHARDS);
    let mut doc_files: Vec<String> = Vec::new();
    let mut starts: Vec<u32> = Vec::new();
    let mut current = String::new();
    let mut shard_pages: Vec<usize> = Vec::new();
    let mut entries: Vec<String> = Vec::new();
    let mut size = 0usize;
    let flush = |entries: &mut Vec<String>, shard_pages: &mut Vec<usize>, out: &mut Vec<String>| {
        let page_list: Vec<serde_json::Value> = shard_pages
            .iter()
            .map(|&p| serde_json::json!([pages[p].0, pages[p].1]))
            .collect();
        out.push(format!(
            "{{\"p\":{},\"s\":[{}]}}",
            serde_json::Value::Array(page_list),
            entries.join(",")
        ));
        entries.clear();
        shard_pages.clear();
    };
    for (sid, (page_index, section)) in docs.iter().enumerate() {
        if entries.is_empty() {
            starts.push(sid as u32);
            size = 0;
        }
        let local = match shard_pages.iter().position(|&p| p == *page_index) {
            Some(i) => i,
            None => {
                shard_pages.push(*page_index);
                size += pages[*page_index].0.len() + pages[*page_index].1.len() + 8;
                shard_pages.len() - 1
            }
        };
        let text = match section.text.char_indices().nth(TEXT_CAP) {
            Some((cut, _)) => &section.text[..cut],
            None => section.text.as_str(),
        };
        current.clear();
        let _ = write!(current, "[{local},");
        push_json_str(&mut current, &section.anchor);
        current.push(',');
        push_json_str(&mut current, &section.heading);
        current.push(',');
        push_json_str(&mut current, text);
        current.push(']');
        size += current.len();
        entries.push(current.clone());
        if size >= doc_shard_bytes {
            flush(&mut entries, &mut shard_pages, &mut doc_files);
        }
    }
    if !entries.is_empty() {
        flush(&mut entries, &mut shard_pages, &mut doc_files);
    }

    let mut hasher_input = Vec::new();
    for f in term_files.iter().chain(doc_files.iter()) {
        hasher_input.extend_from_slice(f.as_bytes());
    }
    let version = short_hash(&hasher_input);
    let aliases: Vec<Vec<String>> = glossary
        .iter()
        .map(alias_group)
        .filter(|g| g.len() > 1)
        .collect();
    let entry = serde_json::json!({
        "v": version,
        "n": docs.len(),
        "k": shards,
        "d": starts,
        "particles": &PARTICLES[..],
        "units": tokenize::NUMBER_UNITS,
        "aliases": aliases,
    });
    let dir = format!("{SEARCH_PATH}/{version}");
    let mut files = Vec::with_capacity(term_files.len() + doc_files.len() + 1);
    files.push(OutputFile {
        path: format!("{SEARCH_PATH}/index.json"),
        data: FileData::Owned(entry.to_string().into_bytes()),
    });
    for (k, json) in term_files.into_iter().enumerate() {
        files.push(OutputFile {
            path: format!("{dir}/t{k}.json"),
            data: FileData::Owned(json.into_bytes()),
        });
    }
    for (i, json) in doc_files.into_iter().enumerate() {
        files.push(OutputFile {
            path: format!("{dir}/d{i}.json"),
            data: FileData::Owned(json.into_bytes()),
        });
    }
    files
}

fn push_json_str(out: &mut String, s: &str) {
    match serde_json::to_string(s) {
        Ok(quoted) => out.push_str(&quoted),
        Err(_) => out.push_str("\"\""),
    }
}

/// A glossary term with its other names: the term, its aliases and the parts of its expansion.
fn alias_group(term: &Term) -> Vec<String> {
    let mut group = vec![term.term.clone()];
    group.extend(term.aliases.iter().cloned());
    if let Some(full) = &term.full {
        for part in full.split([',', '(', ')']) {
            let part = part.trim();
            if !part.is_empty() {
                group.push(part.to_string());
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    group.retain(|g| seen.insert(g.to_lowercase()));
    group
}
