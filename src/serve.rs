//! `afsite serve`: builds into memory, serves on 127.0.0.1 and reloads the browser on changes.
//! The reload script is added to HTML responses here only, so it never reaches `build` output.
use crate::error::BuildError;
use crate::validate::percent_decode;
use notify::{RecursiveMode, Watcher};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::time::Duration;

const VERSION_URL: &str = "/__afsite_version";

/// Polls the version endpoint and reloads when a rebuild changed it.
const RELOAD_SCRIPT: &str = "<script>(function(){var seen=null;setInterval(function(){\
fetch('/__afsite_version',{cache:'no-store'}).then(function(r){return r.text();}).then(function(v){\
if(seen===null){seen=v;}else if(v!==seen){location.reload();}}).catch(function(){});},1000);})();</script>";

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
    let server = tiny_http::Server::http(("127.0.0.1", port)).map_err(|err| {
        vec![BuildError::in_file(
            format!("127.0.0.1:{port}"),
            format!("서버를 열 수 없습니다: {err}"),
        )]
    })?;
    let _watcher = watch(root, Arc::clone(&state))?;
    println!("http://127.0.0.1:{port}/ 에서 미리 보기 중입니다 (Ctrl+C로 종료)");
    for request in server.incoming_requests() {
        let response = respond(&state, request.url());
        let _ = request.respond(response);
    }
    Ok(())
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

fn respond(state: &RwLock<Served>, url: &str) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let Ok(served) = state.read() else {
        return text_response(500, "text/plain; charset=utf-8", b"server error".to_vec());
    };
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == VERSION_URL {
        return text_response(200, "text/plain", served.version.to_string().into_bytes());
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
        Some((name, bytes)) => text_response(200, content_type(name), with_reload(name, bytes)),
        None => {
            let body = served.files.get("404.html").cloned().unwrap_or_default();
            text_response(
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
        Some(at) => format!("{}{RELOAD_SCRIPT}{}", &html[..at], &html[at..]).into_bytes(),
        None => format!("{html}{RELOAD_SCRIPT}").into_bytes(),
    }
}

fn text_response(
    status: u16,
    content_type: &str,
    body: Vec<u8>,
) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let mut response = tiny_http::Response::from_data(body).with_status_code(status);
    if let Ok(header) = tiny_http::Header::from_bytes("Content-Type", content_type) {
        response = response.with_header(header);
    }
    if let Ok(header) = tiny_http::Header::from_bytes("Cache-Control", "no-store") {
        response = response.with_header(header);
    }
    response
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
        assert!(text.contains("x<script>"));
        assert!(text.ends_with("</script></body></html>"));
        assert_eq!(with_reload("a.css", b"body{}"), b"body{}");
    }
}
