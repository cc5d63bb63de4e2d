#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine (run as root), and nothing that is
# already there: nginx, Debian's Chromium, the npm packages of tests/e2e (playwright-core drives
# /usr/bin/chromium; no browser is ever downloaded), and the Rust toolchain of rust-toolchain.toml
# (with the wasm32 target). Idempotent; fails loudly if anything cannot be installed.
# It never upgrades a browser that is already installed (chromium-driver is not installed: nothing
# uses it, and installing it pulled a newer chromium), and it says so if the Chromium version changed.
set -euo pipefail
cd "$(dirname "$0")/.."

installed=()
say() { echo "setup-test-env: $*"; }
die() { echo "setup-test-env: ERROR: $*" >&2; exit 1; }

# --- Debian packages -------------------------------------------------------------------------
missing=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v gzip >/dev/null 2>&1 || missing+=(gzip)
# A Korean font, so that screenshots and layout checks (reflow at 390 px) see real glyphs, not
# tofu boxes of a fallback width. Nanum is small (about 10 MB) and what many Korean PCs have.
{ command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=ko family)" ]; } || missing+=(fonts-nanum fontconfig)
chromium_before=$( [ -x /usr/bin/chromium ] && /usr/bin/chromium --version 2>/dev/null || echo none)
if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || die "missing ${missing[*]}; run this script as root to apt-get install them"
    command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get (not Debian?)"
    say "installing with apt-get: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q || die "apt-get update failed"
    apt-get install -y -q --no-install-recommends "${missing[@]}" || die "apt-get install ${missing[*]} failed"
    installed+=("${missing[@]}")
fi
# The Debian nginx package enables and starts a system service; the tests run their own
# instance on a free port with a temporary config, so that service is irrelevant to them.

/usr/bin/chromium --version >/dev/null 2>&1 || die "/usr/bin/chromium is installed but does not run"
chromium_after=$(/usr/bin/chromium --version 2>/dev/null)
if [ "$chromium_before" != "$chromium_after" ]; then
    say "NOTE: the system Chromium changed: $chromium_before -> $chromium_after"
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 18 ] || die "node >= 18 is needed for 'node --test' (found $(node --version))"

# --- npm packages for the browser tests --------------------------------------------------------
# Up to date when every package of package-lock.json is installed at its locked version.
npm_up_to_date() {
    (cd tests/e2e && node -e '
        const fs = require("fs");
        const want = require("./package-lock.json").packages;
        const have = fs.existsSync("node_modules/.package-lock.json")
            ? require("./node_modules/.package-lock.json").packages : {};
        for (const [k, v] of Object.entries(want)) {
            if (!k) continue;
            if (!have[k] || have[k].version !== v.version || !fs.existsSync(k + "/package.json")) process.exit(1);
        }') 2>/dev/null
}
if ! npm_up_to_date; then
    say "npm ci in tests/e2e"
    # PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: belt and braces; playwright-core downloads nothing itself.
    (cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund) || die "npm ci in tests/e2e failed"
    installed+=("npm packages (tests/e2e)")
fi

# --- Rust toolchain (rust-toolchain.toml: exact version, wasm32 target, rustfmt, clippy) -------------
command -v rustup >/dev/null 2>&1 || die "rustup is needed (https://rustup.rs) to install the pinned toolchain"
toolchain=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
if ! rustup run "$toolchain" rustc --version >/dev/null 2>&1 \
    || ! rustup target list --installed --toolchain "$toolchain" | grep -qx wasm32-unknown-unknown; then
    installed+=("rust $toolchain (+ wasm32-unknown-unknown)")
fi
# Installs exactly what rust-toolchain.toml names (RUSTUP_AUTO_INSTALL=0 machines need this call).
rustup toolchain install >/dev/null || die "rustup toolchain install (rust-toolchain.toml: $toolchain) failed"

if [ ${#installed[@]} -eq 0 ]; then
    say "everything was already installed"
else
    say "installed: ${installed[*]}"
fi
