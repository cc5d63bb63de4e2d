//! Page files: the builder's front-matter splitter (`src/front_matter.rs`, included as is) on
//! mutated real pages, then the Markdown body through pulldown-cmark with the builder's options.
#[path = "../../../src/front_matter.rs"]
#[allow(dead_code)]
mod front_matter;

use afsite_fuzz::{args, mutate_bytes, run};
use pulldown_cmark::{html, Options, Parser};

fn pages() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let mut pages = Vec::new();
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir)
            .expect("content")
            .filter_map(Result::ok)
        {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                pages.push(std::fs::read_to_string(&path).expect("read"));
            }
        }
    }
    assert!(!pages.is_empty());
    pages
}

fn main() {
    let (count, seed) = args();
    let pages = pages();
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES;
    run(
        "front_matter",
        count,
        seed,
        |rng| {
            let page = rng.pick(&pages);
            // Keep most of a long page out: the interesting part is the fence and the TOML.
            let cut = page.char_indices().nth(2000).map_or(page.len(), |(i, _)| i);
            mutate_bytes(rng, &page[..cut])
        },
        |text| {
            if let Ok(split) = front_matter::split(text) {
                assert!(split.body_line >= 2);
                let mut out = String::new();
                html::push_html(&mut out, Parser::new_ext(split.body, options));
            }
        },
    );
}
