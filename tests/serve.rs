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
        page.contains("<script src=\"/__afsite_reload.js\"></script>"),
        "serve injects the reload script (as a file, which the CSP allows)"
    );
    let (_, script) = wait_for(port, "/__afsite_reload.js");
    assert!(script.contains("__afsite_version"), "{script}");
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
        base_url: None,
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

fn start_serve(site: &tempfile::TempDir) -> (Server, u16) {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_afsite"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(site.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start serve");
    let server = Server(child);
    wait_for(port, "/");
    (server, port)
}

/// Status line of a raw request.
fn raw_status(port: u16, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let _ = stream.write_all(request);
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response)
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

#[test]
fn an_over_long_request_line_gets_414() {
    let site = support::minimal_site();
    let (_server, port) = start_serve(&site);
    let long = format!(
        "GET /{} HTTP/1.1\r\nHost: x\r\n\r\n",
        "a".repeat(10 * 1024 * 1024)
    );
    let status = raw_status(port, long.as_bytes());
    assert!(status.contains(" 414 "), "{status}");
    let headers = format!(
        "GET / HTTP/1.1\r\n{}\r\n",
        "X-Big: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".repeat(2000)
    );
    let status = raw_status(port, headers.as_bytes());
    assert!(status.contains(" 431 "), "{status}");
    let status = raw_status(port, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    assert!(status.contains(" 200 "), "{status}");
}

fn threads_of(child: &Child) -> usize {
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).expect("status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("Threads line")
}

#[test]
fn idle_connections_do_not_grow_the_thread_count() {
    let site = support::minimal_site();
    let (server, port) = start_serve(&site);
    let before = threads_of(&server.0);
    let idle: Vec<TcpStream> = (0..1000)
        .filter_map(|_| TcpStream::connect(("127.0.0.1", port)).ok())
        .collect();
    assert!(idle.len() > 500, "could not open idle connections");
    std::thread::sleep(Duration::from_millis(500));
    let during = threads_of(&server.0);
    eprintln!(
        "serve threads: {before} before, {during} with {} idle connections",
        idle.len()
    );
    assert!(
        during <= before + 10,
        "{during} threads for {} idle connections",
        idle.len()
    );
    drop(idle);
    let started = Instant::now();
    loop {
        if let Some((status, _)) = get(port, "/") {
            if status.contains("200") {
                break;
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no answer after idle clients left"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
