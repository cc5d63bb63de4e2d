//! `afsite serve`: builds into memory, serves on 127.0.0.1 and reloads the browser on changes.
//! The reload script is added to HTML responses here only, so it never reaches `build` output.
//! A small HTTP/1.1 server on std: a fixed pool of workers, bounded request lines (414) and headers
//! (431), idle clients dropped; tiny_http spawned a thread per connection and read lines unbounded.
use crate::error::BuildError;
use crate::validate::percent_decode;
use notify::{RecursiveMode, Watcher};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

const VERSION_URL: &str = "/__afsite_version";
const RELOAD_URL: &str = "/__afsite_reload.js";

/// Polls the version endpoint and reloads when a rebuild changed it. Served as a file (not
/// inline) so the pages' Content-Security-Policy allows it.
const RELOAD_SCRIPT: &str = "(function(){var seen=null;setInterval(function(){\
fetch('/__afsite_version',{cache:'no-store'}).then(function(r){return r.text();}).then(function(v){\
if(seen===null){seen=v;}else if(v!==seen){location.reload();}}).catch(function(){});},1000);})();\n";
const RELOAD_TAG: &str = "<script src=\"/__afsite_reload.js\"></script>";

/// Connections are handled by this many threads, whatever the number of clients.
const WORKERS: usize = 8;
/// Accepted connections waiting for a worker; beyond this the server answers 503 at once.
const QUEUE: usize = 64;
/// Longest request line accepted (method, target, version); longer gets 414.
pub const MAX_REQUEST_LINE: usize = 8 * 1024;
/// Longest header block accepted; longer gets 431.
const MAX_HEADERS: usize = 32 * 1024;
/// A client that sends nothing for this long is dropped, freeing its worker.
const IDLE_TIMEOUT: Duration = Duration::from_secs(10);

/// The site currently served, and a counter bumped on every successful rebuild.
#[derive(Default)]
struct Served {
    files: HashMap<String, Vec<u8>>,
    version: u64,
}

/// Runs until the process is stopped; returns only on a startup failure.
pub fn run(root: &Path, port: u16) -> Result<(), Vec<BuildError>> {
    let state = Arc::new(RwLock::new(Served::default()));
    rebuild(root, &state);
    let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|err| {
        vec![BuildError::in_file(
            format!("127.0.0.1:{port}"),
            format!("서버를 열 수 없습니다: {err}"),
        )]
    })?;
    let _watcher = watch(root, Arc::clone(&state))?;
    println!("http://127.0.0.1:{port}/ 에서 미리 보기 중입니다 (Ctrl+C로 종료)");
    serve_on(&listener, &state);
    Ok(())
}

/// Accepts connections and hands them to a fixed pool of workers through a bounded queue.
fn serve_on(listener: &TcpListener, state: &Arc<RwLock<Served>>) {
    let (sender, receiver) = mpsc::sync_channel::<TcpStream>(QUEUE);
    let receiver = Arc::new(Mutex::new(receiver));
    for _ in 0..WORKERS {
        let (receiver, state) = (Arc::clone(&receiver), Arc::clone(state));
        std::thread::spawn(move || loop {
            let next = match receiver.lock() {
                Ok(queue) => queue.recv(),
                Err(_) => return,
            };
            match next {
                Ok(stream) => handle(stream, &state),
                Err(_) => return,
            }
        });
    }
    for stream in listener.incoming().filter_map(Result::ok) {
        if let Err(mpsc::TrySendError::Full(mut stream)) = sender.try_send(stream) {
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let _ = write_response(
                &mut stream,
                503,
                "text/plain; charset=utf-8",
                b"busy",
                false,
            );
        }
    }
}

/// Reads one request (bounded), answers it, and closes the connection.
fn handle(mut stream: TcpStream, state: &RwLock<Served>) {
    let _ = stream.set_read_timeout(Some(IDLE_TIMEOUT));
    let _ = stream.set_write_timeout(Some(IDLE_TIMEOUT));
    let Ok(reader) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(reader);
    let (status, line) = match read_line(&mut reader, MAX_REQUEST_LINE) {
        Ok(Some(line)) => (200, line),
        Ok(None) => (414, String::new()),
        Err(_) => return,
    };
    if status == 414 {
        let _ = write_response(
            &mut stream,
            414,
            "text/plain; charset=utf-8",
            b"request line too long",
            false,
        );
        drain(&mut reader);
        return;
    }
    let mut header_bytes = 0;
    loop {
        match read_line(&mut reader, MAX_HEADERS - header_bytes) {
            Ok(Some(header)) if header.is_empty() => break,
            Ok(Some(header)) => header_bytes += header.len() + 2,
            Ok(None) => {
                let _ = write_response(
                    &mut stream,
                    431,
                    "text/plain; charset=utf-8",
                    b"headers too large",
                    false,
                );
                drain(&mut reader);
                return;
            }
            Err(_) => return,
        }
    }
    let mut parts = line.split(' ');
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        let _ = write_response(
            &mut stream,
            405,
            "text/plain; charset=utf-8",
            b"method not allowed",
            false,
        );
        return;
    }
    let (status, content_type, body) = respond(state, target);
    let _ = write_response(&mut stream, status, content_type, &body, head_only);
}

/// Reads (a bounded amount of) what the client is still sending before closing: closing with
/// unread input makes the kernel reset the connection, and the client may lose the answer.
fn drain(reader: &mut BufReader<TcpStream>) {
    let _ = reader
        .get_ref()
        .set_read_timeout(Some(Duration::from_millis(500)));
    let _ = std::io::copy(&mut reader.take(64 * 1024 * 1024), &mut std::io::sink());
}

/// One CRLF- or LF-terminated line of at most `limit` bytes; `Ok(None)` when it is longer.
fn read_line(reader: &mut impl BufRead, limit: usize) -> std::io::Result<Option<String>> {
    let mut line = Vec::new();
    let read = reader.take(limit as u64 + 2).read_until(b'\n', &mut line)?;
    if read == 0 {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    if line.last() != Some(&b'\n') {
        return if line.len() > limit {
            Ok(None)
        } else {
            Err(std::io::ErrorKind::UnexpectedEof.into())
        };
    }
    while matches!(line.last(), Some(b'\n' | b'\r')) {
        line.pop();
    }
    if line.len() > limit {
        return Ok(None);
    }
    Ok(Some(String::from_utf8_lossy(&line).into_owned()))
}

fn write_response(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        405 => "Method Not Allowed",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

fn rebuild(root: &Path, state: &RwLock<Served>) {
    match crate::site::render_site(root, "/") {
        Ok(site) => {
            let pages = site.pages.len();
            let files: HashMap<String, Vec<u8>> = site.into_files().into_iter().collect();
            if let Ok(mut served) = state.write() {
                served.files = files;
                served.version += 1;
            }
            println!("빌드 완료: 페이지 {pages}개");
        }
        Err(errors) => {
            for err in errors {
                eprintln!("{err}");
            }
            eprintln!("빌드 실패: 이전 사이트를 계속 보여 줍니다");
        }
    }
}

/// Watches content, templates and static; rebuilds after changes settle.
fn watch(
    root: &Path,
    state: Arc<RwLock<Served>>,
) -> Result<notify::RecommendedWatcher, Vec<BuildError>> {
    let (sender, receiver) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|event| changes_content(&event.kind)) {
            let _ = sender.send(());
        }
    })
    .map_err(|err| {
        vec![BuildError::in_file(
            root.to_string_lossy(),
            format!("파일 감시를 시작할 수 없습니다: {err}"),
        )]
    })?;
    for dir in ["content", "templates", "static"] {
        let path = root.join(dir);
        if path.exists() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|err| {
                    vec![BuildError::in_file(
                        path.to_string_lossy(),
                        format!("감시할 수 없습니다: {err}"),
                    )]
                })?;
        }
    }
    let root: PathBuf = root.to_path_buf();
    std::thread::spawn(move || {
        while receiver.recv().is_ok() {
            // Editors write several events per save: wait until they stop.
            while receiver.recv_timeout(Duration::from_millis(150)).is_ok() {}
            rebuild(&root, &state);
        }
    });
    Ok(watcher)
}

/// Reads (which the rebuild itself causes) must not trigger a rebuild, or it would loop forever.
fn changes_content(kind: &notify::EventKind) -> bool {
    use notify::event::{EventKind, MetadataKind, ModifyKind};
    !matches!(
        kind,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
    )
}

fn respond(state: &RwLock<Served>, url: &str) -> (u16, &'static str, Vec<u8>) {
    let Ok(served) = state.read() else {
        return (500, "text/plain; charset=utf-8", b"server error".to_vec());
    };
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == VERSION_URL {
        return (200, "text/plain", served.version.to_string().into_bytes());
    }
    if path == RELOAD_URL {
        return (
            200,
            "text/javascript; charset=utf-8",
            RELOAD_SCRIPT.as_bytes().to_vec(),
        );
    }
    let wanted = percent_decode(path.trim_start_matches('/'));
    let candidates = [
        if wanted.is_empty() || wanted.ends_with('/') {
            format!("{wanted}index.html")
        } else {
            wanted.clone()
        },
        format!("{wanted}/index.html"),
    ];
    let found = candidates
        .iter()
        .find_map(|c| served.files.get(c).map(|bytes| (c.as_str(), bytes)));
    match found {
        Some((name, bytes)) => (200, content_type(name), with_reload(name, bytes)),
        None => {
            let body = served.files.get("404.html").cloned().unwrap_or_default();
            (
                404,
                "text/html; charset=utf-8",
                with_reload("404.html", &body),
            )
        }
    }
}

fn with_reload(name: &str, bytes: &[u8]) -> Vec<u8> {
    if !name.ends_with(".html") {
        return bytes.to_vec();
    }
    let html = String::from_utf8_lossy(bytes);
    match html.rfind("</body>") {
        Some(at) => format!("{}{RELOAD_TAG}{}", &html[..at], &html[at..]).into_bytes(),
        None => format!("{html}{RELOAD_TAG}").into_bytes(),
    }
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reload_script_goes_before_body_end() {
        let html = with_reload("index.html", b"<html><body>x</body></html>");
        let text = String::from_utf8_lossy(&html);
        assert!(text.contains("x<script src=\"/__afsite_reload.js\">"));
        assert!(text.ends_with("</script></body></html>"));
        assert_eq!(with_reload("a.css", b"body{}"), b"body{}");
    }
}
