//! HTTP security and caching policy, written once. Pages carry the CSP as a `<meta http-equiv>`
//! (so it holds on any host); the build also writes `_headers` (Netlify, Cloudflare Pages) and
//! `.htaccess` (Apache) from these constants, and `docs/hosting.md` gives the nginx form, which
//! a test keeps identical to these values.

/// The tools need `'wasm-unsafe-eval'` to compile the WASM module; nothing else is inline.
/// Forms never submit (`form-action 'none'`): answers stay in the browser.
pub const CSP: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
object-src 'none'; base-uri 'self'; form-action 'none'";

/// Headers only a server can send (a `<meta>` cannot carry `frame-ancestors`), sent with the CSP.
pub const SERVER_HEADERS: [(&str, &str); 4] = [
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    (
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=()",
    ),
];

/// `frame-ancestors` added to the CSP when it is sent as a header.
pub const FRAME_ANCESTORS: &str = "frame-ancestors 'none'";

/// Files whose names carry a content hash: cached for a year, never revalidated.
pub const HASHED_CACHE: &str = "public, max-age=31536000, immutable";
/// Everything else: revalidated on every visit (cheap with ETag / Last-Modified).
pub const OTHER_CACHE: &str = "no-cache";

/// The CSP as a response header (with `frame-ancestors`).
pub fn csp_header() -> String {
    format!("{CSP}; {FRAME_ANCESTORS}")
}

/// `_headers` for Netlify and Cloudflare Pages. Paths are relative to the site root there, which
/// is where these hosts put the published folder.
pub fn netlify_headers() -> String {
    let mut text = String::from("/*\n");
    text.push_str(&format!("  Content-Security-Policy: {}\n", csp_header()));
    for (name, value) in SERVER_HEADERS {
        text.push_str(&format!("  {name}: {value}\n"));
    }
    text.push_str(&format!("  Cache-Control: {OTHER_CACHE}\n"));
    for hashed in ["/assets/*", "/css/*"] {
        text.push_str(&format!(
            "\n{hashed}\n  ! Cache-Control\n  Cache-Control: {HASHED_CACHE}\n"
        ));
    }
    text
}

/// `.htaccess` for Apache (mod_headers, mod_mime; mod_rewrite for the precompressed files).
pub fn htaccess() -> String {
    let mut text = String::from(
        "# Written by afsite build: security and caching headers, precompressed files.\n\
         AddType application/wasm .wasm\n\
         <IfModule mod_headers.c>\n",
    );
    text.push_str(&format!(
        "  Header always set Content-Security-Policy \"{}\"\n",
        csp_header()
    ));
    for (name, value) in SERVER_HEADERS {
        text.push_str(&format!("  Header always set {name} \"{value}\"\n"));
    }
    text.push_str(&format!("  Header set Cache-Control \"{OTHER_CACHE}\"\n"));
    text.push_str(&format!(
        "  <FilesMatch \"\\.[0-9a-f]{{8,10}}\\.(css|js|json|wasm)$\">\n    Header set Cache-Control \"{HASHED_CACHE}\"\n  </FilesMatch>\n"
    ));
    text.push_str(
        "</IfModule>\n\
         <IfModule mod_rewrite.c>\n\
         \x20 RewriteEngine On\n\
         \x20 RewriteCond %{HTTP:Accept-Encoding} br\n\
         \x20 RewriteCond %{REQUEST_FILENAME}.br -f\n\
         \x20 RewriteRule ^(.+)$ $1.br [L]\n\
         \x20 RewriteCond %{HTTP:Accept-Encoding} gzip\n\
         \x20 RewriteCond %{REQUEST_FILENAME}.gz -f\n\
         \x20 RewriteRule ^(.+)$ $1.gz [L]\n\
         \x20 <FilesMatch \"\\.(html|css|js|json|svg|xml|txt|wasm)\\.br$\">\n\
         \x20   Header append Vary Accept-Encoding\n\
         \x20   Header set Content-Encoding br\n\
         \x20 </FilesMatch>\n\
         \x20 <FilesMatch \"\\.(html|css|js|json|svg|xml|txt|wasm)\\.gz$\">\n\
         \x20   Header append Vary Accept-Encoding\n\
         \x20   Header set Content-Encoding gzip\n\
         \x20 </FilesMatch>\n\
         \x20 RewriteRule \\.html\\.(br|gz)$ - [T=text/html;charset=utf-8]\n\
         \x20 RewriteRule \\.css\\.(br|gz)$ - [T=text/css]\n\
         \x20 RewriteRule \\.js\\.(br|gz)$ - [T=text/javascript]\n\
         \x20 RewriteRule \\.json\\.(br|gz)$ - [T=application/json]\n\
         \x20 RewriteRule \\.svg\\.(br|gz)$ - [T=image/svg+xml]\n\
         \x20 RewriteRule \\.xml\\.(br|gz)$ - [T=application/xml]\n\
         \x20 RewriteRule \\.wasm\\.(br|gz)$ - [T=application/wasm]\n\
         </IfModule>\n",
    );
    text
}
