//! `docs/hosting.md` is the one nginx config: the end-to-end tests' config contains its blocks
//! verbatim, and its headers are the ones the build writes into pages, `_headers` and `.htaccess`.
#[path = "fixtures/support.rs"]
mod support;

use afsite::headers;

fn read(rel: &str) -> String {
    std::fs::read_to_string(support::repo_root().join(rel)).expect(rel)
}

/// The fenced block between `<!-- name:start -->` and `<!-- name:end -->`.
fn block(doc: &str, name: &str) -> Vec<String> {
    let start = doc
        .find(&format!("<!-- {name}:start -->"))
        .unwrap_or_else(|| panic!("{name} block missing"));
    let end = doc[start..]
        .find(&format!("<!-- {name}:end -->"))
        .expect("end")
        + start;
    doc[start..end]
        .lines()
        .filter(|l| !l.starts_with("<!--") && !l.starts_with("```"))
        .map(normalize)
        .filter(|l| !l.is_empty())
        .collect()
}

/// One line with the documented paths replaced by the template's placeholders, spaces collapsed.
fn normalize(line: &str) -> String {
    line.replace("/var/www/autonomous-factory/", "@ROOT@@BASE@")
        .replace("/programs/autonomous-factory/", "@BASE@")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_e2e_nginx_config_is_the_documented_one() {
    let doc = read("docs/hosting.md");
    let template: Vec<String> = read("tests/e2e/nginx.conf.template")
        .lines()
        .map(normalize)
        .collect();
    for name in ["nginx-http", "nginx-server"] {
        let wanted = block(&doc, name);
        assert!(wanted.len() > 2, "{name} is empty");
        let found = template
            .windows(wanted.len())
            .any(|window| window == wanted.as_slice());
        assert!(
            found,
            "tests/e2e/nginx.conf.template does not contain the {name} block of docs/hosting.md:\n{}",
            wanted.join("\n")
        );
    }
}

#[test]
fn the_documented_headers_are_the_builds() {
    let doc = read("docs/hosting.md");
    let server = block(&doc, "nginx-server").join("\n");
    assert!(
        server.contains(&format!(
            "add_header Content-Security-Policy \"{}\" always;",
            headers::csp_header()
        )),
        "{server}"
    );
    for (name, value) in headers::SERVER_HEADERS {
        assert!(
            server.contains(&format!("add_header {name} \"{value}\" always;")),
            "{name} missing from the nginx block"
        );
    }
    let http = block(&doc, "nginx-http").join("\n");
    assert!(http.contains(&format!("\"{}\";", headers::HASHED_CACHE)));
    assert!(http.contains(&format!("\"{}\";", headers::OTHER_CACHE)));
    assert!(
        doc.contains(&format!("`{}`", headers::CSP)),
        "the page CSP quoted in docs/hosting.md differs from src/headers.rs"
    );
    // The README points to the document rather than carrying a second, different config.
    let readme = read("README.md");
    assert!(readme.contains("docs/hosting.md"));
    assert!(
        !readme.contains("types { application/wasm wasm; }"),
        "the README still has the snippet that makes nginx warn about a duplicate extension"
    );
}
