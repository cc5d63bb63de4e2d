//! What search engines, messengers and browsers read besides the page text: the CSP on every
//! page, canonical links and Open Graph tags, an absolute sitemap and robots.txt from the
//! site's base URL, and the header files for static hosts.
#[path = "fixtures/support.rs"]
mod support;

use support::{afsite, files_with_ext, minimal_site};

fn attr_escaped(text: &str) -> String {
    text.replace('\'', "&#x27;")
}

#[test]
fn every_page_carries_the_csp_and_open_graph_tags() {
    let site = minimal_site();
    let root = site.path();
    let built = afsite(
        root,
        &[
            "build",
            "--out",
            "out",
            "--base-url",
            "https://example.go.kr/af",
        ],
    );
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let csp = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        attr_escaped(afsite::headers::CSP)
    );
    let pages = files_with_ext(&root.join("out"), "html");
    assert!(pages.len() >= 5);
    for (path, html) in &pages {
        assert!(html.contains(&csp), "{path}: no CSP meta");
        for tag in ["og:title", "og:description", "og:type", "og:site_name"] {
            assert!(
                html.contains(&format!("<meta property=\"{tag}\"")),
                "{path}: no {tag}"
            );
        }
        if path == "404.html" {
            assert!(
                !html.contains("rel=\"canonical\""),
                "the 404 page has no canonical"
            );
            continue;
        }
        let url = format!(
            "https://example.go.kr/af/{}",
            path.trim_end_matches("index.html")
        );
        assert!(
            html.contains(&format!("<link rel=\"canonical\" href=\"{url}\">")),
            "{path}: canonical {url} missing"
        );
        assert!(
            html.contains(&format!("<meta property=\"og:url\" content=\"{url}\">")),
            "{path}: og:url"
        );
    }
    let overview = &pages
        .iter()
        .find(|(p, _)| p == "notice/overview/index.html")
        .expect("overview")
        .1;
    assert!(overview.contains("<meta property=\"og:title\" content=\"사업 개요\">"));
    // Internal links stay relative even with a base URL.
    assert!(
        !overview.contains("href=\"/af/"),
        "internal links must stay relative"
    );

    let sitemap = std::fs::read_to_string(root.join("out/sitemap.xml")).expect("sitemap");
    assert!(
        sitemap.contains("<loc>https://example.go.kr/af/</loc>"),
        "{sitemap}"
    );
    assert!(
        sitemap.contains("<loc>https://example.go.kr/af/notice/overview/</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("<loc>/"), "{sitemap}");
    let robots = std::fs::read_to_string(root.join("out/robots.txt")).expect("robots");
    assert!(
        robots.contains("Sitemap: https://example.go.kr/af/sitemap.xml"),
        "{robots}"
    );
    // The 404 page takes its base path from the base URL.
    let not_found = std::fs::read_to_string(root.join("out/404.html")).expect("404");
    assert!(not_found.contains("href=\"/af/notice/\""), "{not_found}");

    let headers = std::fs::read_to_string(root.join("out/_headers")).expect("_headers");
    assert!(headers.contains(afsite::headers::CSP), "{headers}");
    assert!(headers.contains("frame-ancestors 'none'"), "{headers}");
    let htaccess = std::fs::read_to_string(root.join("out/.htaccess")).expect(".htaccess");
    assert!(htaccess.contains(afsite::headers::CSP), "{htaccess}");
}

#[test]
fn without_a_base_url_the_build_says_what_it_left_out() {
    let site = minimal_site();
    let root = site.path();
    let built = afsite(root, &["build", "--out", "out"]);
    assert!(built.status.success());
    let said = String::from_utf8_lossy(&built.stdout);
    assert!(
        said.contains("sitemap.xml, robots.txt, canonical"),
        "{said}"
    );
    assert!(!root.join("out/sitemap.xml").exists());
    assert!(!root.join("out/robots.txt").exists());
    for (path, html) in files_with_ext(&root.join("out"), "html") {
        assert!(!html.contains("rel=\"canonical\""), "{path}");
        assert!(!html.contains("og:url"), "{path}");
    }
}

#[test]
fn base_url_comes_from_site_toml_and_is_checked() {
    let site = minimal_site();
    let root = site.path();
    let config = root.join("content/site.toml");
    let text = std::fs::read_to_string(&config).expect("site.toml");
    // Top-level keys go before the first `[table]` of site.toml.
    let line = 1;
    std::fs::write(&config, format!("base_url = \"example.go.kr/af\"\n{text}")).expect("write");
    let failed = afsite(root, &["build", "--out", "out"]);
    assert_eq!(failed.status.code(), Some(1));
    let message = String::from_utf8_lossy(&failed.stderr);
    assert!(
        message.contains(&format!("content/site.toml:{line}: base_url")),
        "{message}"
    );

    std::fs::write(
        &config,
        format!("base_url = \"https://example.go.kr/\"\n{text}"),
    )
    .expect("write");
    let built = afsite(root, &["build", "--out", "out"]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let sitemap = std::fs::read_to_string(root.join("out/sitemap.xml")).expect("sitemap");
    assert!(
        sitemap.contains("<loc>https://example.go.kr/notice/</loc>"),
        "{sitemap}"
    );
    // The command line overrides the file.
    let built = afsite(
        root,
        &["build", "--out", "out", "--base-url", "https://other.kr/x/"],
    );
    assert!(built.status.success());
    let robots = std::fs::read_to_string(root.join("out/robots.txt")).expect("robots");
    assert!(
        robots.contains("Sitemap: https://other.kr/x/sitemap.xml"),
        "{robots}"
    );
}
