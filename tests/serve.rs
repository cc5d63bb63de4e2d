//! `afsite serve`: serves the site on 127.0.0.1 with a live-reload script that `build` never writes.
#[path = "fixtures/support.rs"]
mod support;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Stops the server even when an assertion fails.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr").port()
}

/// (status line, body) of a GET, or `None` while the server is not up.
fn get(port: u16, path: &str) -> Option<(String, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let (head, body) = response.split_once("\r\n\r\n")?;
    Some((head.lines().next()?.to_string(), body.to_string()))
}

fn wait_for(port: u16, path: &str) -> (String, String) {
    let started = Instant::now();
    loop {
        if let Some(response) = get(port, path) {
            return response;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "serve did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serves_pages_with_live_reload_and_rebuilds_on_change() {
    let site = support::minimal_site();
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_afsite"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(site.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start serve");
    let _server = Server(child);

    let (status, page) = wait_for(port, "/notice/overview/");
    assert!(status.contains("200"), "{status}");
    assert!(page.contains("<h1>사업 개요</h1>"));
    assert!(
        page.contains("__afsite_version"),
        "serve injects the reload script"
    );
    let (missing, _) = wait_for(port, "/no/such/page/");
    assert!(missing.contains("404"), "{missing}");

    let (_, first_version) = wait_for(port, "/__afsite_version");
    support::write(
        site.path(),
        "content/notice/overview.md",
        "+++\ntitle = \"바뀐 개요\"\n+++\n\n## 지원 규모 {#scale}\n",
    );
    let started = Instant::now();
    loop {
        let (_, version) = wait_for(port, "/__afsite_version");
        if version != first_version {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no rebuild after a change"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let (_, page) = wait_for(port, "/notice/overview/");
    assert!(page.contains("<h1>바뀐 개요</h1>"));
}

#[test]
fn build_output_has_no_reload_script() {
    let site = support::minimal_site();
    let out = site.path().join("out");
    let options = afsite::BuildOptions {
        root: site.path().to_path_buf(),
        out: out.clone(),
        base_path: "/".into(),
    };
    afsite::build_site(&options).unwrap_or_else(|errors| panic!("{errors:#?}"));
    let pages = support::files_with_ext(&out, "html");
    assert!(pages.len() >= 4);
    for (path, html) in pages {
        assert!(
            !html.contains("__afsite_version"),
            "{path} has the reload script"
        );
        assert!(!html.contains("<script>"), "{path} has an inline script");
    }
}
